import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

@Entity('provinces')
export class ProvinceEntity {
  @PrimaryColumn({ type: 'varchar', length: 4 })
  code: string;

  @Column({ type: 'text' })
  name: string;
}

@Entity('municipalities')
@Index('idx_municipalities_province', ['provinceCode'])
export class MunicipalityEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'province_code', type: 'varchar', length: 4 })
  provinceCode: string;

  @ManyToOne(() => ProvinceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code' })
  province?: ProvinceEntity;
}

@Entity('knelpunt_types')
export class KnelpuntTypeEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ name: 'label_nl', type: 'text' })
  labelNl: string;

  @Column({ name: 'label_en', type: 'text' })
  labelEn: string;

  @Column({ name: 'named_in_letter', type: 'boolean', default: false })
  namedInLetter: boolean;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}

@Entity('escalation_levels')
export class EscalationLevelEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Index('uq_escalation_levels_rank', { unique: true })
  @Column({ type: 'int' })
  rank: number;

  @Column({ name: 'label_nl', type: 'text' })
  labelNl: string;

  @Column({ name: 'label_en', type: 'text' })
  labelEn: string;
}

@Entity('party_types')
export class PartyTypeEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ name: 'label_nl', type: 'text' })
  labelNl: string;

  @Column({ name: 'label_en', type: 'text' })
  labelEn: string;
}
