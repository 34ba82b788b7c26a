import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CaseStatus } from '@doorbraak/domain';
import { OrganisationEntity } from '../identity/organisation.entity';
import { MunicipalityEntity, ProvinceEntity } from '../reference/reference.entities';

/** A knelpuntdossier: one blocked housing project. */
@Entity('cases')
@Index('idx_cases_created', ['createdAt', 'id'])
@Index('idx_cases_municipality', ['municipalityCode'])
@Index('idx_cases_province', ['provinceCode'])
@Index('idx_cases_status', ['status'])
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `DB-<year>-<nnnn>`. */
  @Index('uq_cases_reference', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  reference: string;

  @Column({ name: 'project_name', type: 'text' })
  projectName: string;

  @Column({ name: 'municipality_code', type: 'varchar', length: 6 })
  municipalityCode: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_code' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'province_code', type: 'varchar', length: 4 })
  provinceCode: string;

  @ManyToOne(() => ProvinceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code' })
  province?: ProvinceEntity;

  @Column({ name: 'homes_total', type: 'int' })
  homesTotal: number;

  @Column({ name: 'homes_social_or_affordable', type: 'int', nullable: true })
  homesSocialOrAffordable: number | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  phase: string | null;

  @Column({ type: 'varchar', length: 16, default: 'intern' })
  confidentiality: string;

  @Column({ type: 'varchar', length: 32, default: 'submitted' })
  status: CaseStatus;

  @Column({ name: 'level_code', type: 'varchar', length: 64, default: 'woondeal_table' })
  levelCode: string;

  /** Demo cases that are not real projects ("Voorbeeld"). */
  @Column({ name: 'is_example', type: 'boolean', default: false })
  isExample: boolean;

  @Column({ name: 'submitter_organisation_id', type: 'uuid' })
  submitterOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitter_organisation_id' })
  submitterOrganisation?: OrganisationEntity;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => CaseKnelpuntEntity, (k) => k.case)
  knelpunten?: CaseKnelpuntEntity[];
}

@Entity('case_knelpunten')
export class CaseKnelpuntEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ name: 'knelpunt_code', type: 'varchar', length: 64 })
  knelpuntCode: string;

  @ManyToOne(() => CaseEntity, (c) => c.knelpunten, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;
}

/** Per-year counter behind case references; incremented inside the submitting transaction. */
@Entity('case_reference_counters')
export class CaseReferenceCounterEntity {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ name: 'last_value', type: 'int' })
  lastValue: number;
}

/** A party organisation's agreed action on a case (afspraak). Extended by the case lifecycle. */
@Entity('case_assignments')
@Index('idx_case_assignments_case', ['caseId'])
@Index('idx_case_assignments_organisation', ['organisationId', 'caseId'])
export class CaseAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** lead | contributor | informed */
  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ name: 'requested_action', type: 'text' })
  requestedAction: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
