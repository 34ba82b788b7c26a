import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Every organisation at the tables: municipalities, grid operators, ministries, table secretariats. */
@Entity('organisations')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_organisations_name', { unique: true })
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'short_name', type: 'text', nullable: true })
  shortName: string | null;

  /** Party type code (municipality, grid_operator, ministry, table_secretariat, …). */
  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** For municipalities: the GM code they act for. */
  @Index('idx_organisations_municipality')
  @Column({ name: 'municipality_code', type: 'varchar', length: 6, nullable: true })
  municipalityCode: string | null;

  /** For table secretariats: the provinces (PV codes) of the table's region. */
  @Column({ name: 'province_codes', type: 'varchar', length: 4, array: true, default: () => "'{}'" })
  provinceCodes: string[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
