import { Controller, Get } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import {
  EscalationLevelEntity,
  KnelpuntTypeEntity,
  MunicipalityEntity,
  PartyTypeEntity,
  ProvinceEntity,
} from './reference.entities';

/** Reference data as the database holds it (admin-editable copies of ../shared/domain). Any logged-in user. */
@ApiTags('reference')
@ApiCookieAuth()
@Controller('reference')
export class ReferenceController {
  constructor(private readonly db: DataSource) {}

  @Get('provinces')
  @ApiOperation({ summary: 'The 12 provinces (CBS PV codes).' })
  provinces() {
    return this.db.getRepository(ProvinceEntity).find({ order: { code: 'ASC' } });
  }

  @Get('municipalities')
  @ApiOperation({ summary: 'All municipalities (CBS GM codes, 2025).' })
  municipalities() {
    return this.db.getRepository(MunicipalityEntity).find({ order: { name: 'ASC' } });
  }

  @Get('knelpunt-types')
  @ApiOperation({ summary: 'Knelpunt types with Dutch and English labels.' })
  knelpuntTypes() {
    return this.db
      .getRepository(KnelpuntTypeEntity)
      .find({ where: { active: true }, order: { code: 'ASC' } });
  }

  @Get('levels')
  @ApiOperation({ summary: 'The escalation ladder, lowest first.' })
  levels() {
    return this.db.getRepository(EscalationLevelEntity).find({ order: { rank: 'ASC' } });
  }

  @Get('party-types')
  @ApiOperation({ summary: 'Kinds of organisations at the tables.' })
  partyTypes() {
    return this.db.getRepository(PartyTypeEntity).find({ order: { code: 'ASC' } });
  }
}
