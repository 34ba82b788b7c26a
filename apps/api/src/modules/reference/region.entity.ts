import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { MunicipalityEntity } from './reference.entities';

/** A woondeal region: an admin-editable name and member municipalities. */
@Entity('regions')
export class RegionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_regions_name', { unique: true })
  @Column({ type: 'text' })
  name: string;

  /** True while an admin has not confirmed the member list (seeded regions start unconfirmed). */
  @Column({ name: 'members_to_confirm', type: 'boolean', default: true })
  membersToConfirm: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('region_municipalities')
@Index('idx_region_municipalities_municipality', ['municipalityCode'])
export class RegionMunicipalityEntity {
  @PrimaryColumn({ name: 'region_id', type: 'uuid' })
  regionId: string;

  @PrimaryColumn({ name: 'municipality_code', type: 'varchar', length: 6 })
  municipalityCode: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'region_id' })
  region?: RegionEntity;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_code' })
  municipality?: MunicipalityEntity;
}
