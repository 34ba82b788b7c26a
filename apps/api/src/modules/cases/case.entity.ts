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

/**
 * A knelpuntdossier: one blocked housing project. Free-text search uses two expression indexes
 * created by hand in the CaseLifecycle migration (TypeORM cannot describe them; declared here
 * with synchronize: false so schema checks leave them alone): Dutch full text over name and
 * description, and trigram word similarity over the same text (see cases.search.ts).
 */
@Entity('cases')
@Index('idx_cases_fts', { synchronize: false })
@Index('idx_cases_trgm', { synchronize: false })
@Index('idx_cases_created', ['createdAt', 'id'])
@Index('idx_cases_municipality', ['municipalityCode'])
// Equality on status and/or province, then the list's newest-first order: the case list runs one
// index range per (status, province) pair and merges them (see case-list.query.ts).
@Index('idx_cases_province_created', ['provinceCode', 'createdAt', 'id'])
@Index('idx_cases_status_created', ['status', 'createdAt', 'id'])
@Index('idx_cases_status_province_created', ['status', 'provinceCode', 'createdAt', 'id'])
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

  /** doorbraaklocatie | regionaal_grootschalig | geen */
  @Column({ name: 'location_programme', type: 'varchar', length: 32, default: 'geen' })
  locationProgramme: string;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  /** Set when the case reaches `breakthrough`; cleared when it is reopened. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

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

  /**
   * The case's knelpunt codes, sorted: a copy of case_knelpunten kept by the database trigger
   * `case_knelpunt_codes` (migration CaseKnelpuntCodes) for the case list, which filters and shows
   * them without a lookup per row. Never written by the application.
   */
  @Column({
    name: 'knelpunt_codes',
    type: 'varchar',
    array: true,
    default: () => "'{}'",
    insert: false,
    update: false,
    select: false,
  })
  knelpuntCodes?: string[];
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

/** A party organisation's agreed action on a case (afspraak), with its own due date. */
@Entity('case_assignments')
@Index('idx_case_assignments_case', ['caseId'])
@Index('idx_case_assignments_organisation', ['organisationId', 'caseId'])
@Index('uq_case_assignments_open_party', ['caseId', 'organisationId'], {
  unique: true,
  where: 'removed_at IS NULL',
})
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

  /** Contact persons: `[{ name?, email }]`. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts: { name?: string; email: string }[];

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  /** open | in_progress | done | blocked */
  @Column({ name: 'action_status', type: 'varchar', length: 16, default: 'open' })
  actionStatus: string;

  @Column({ name: 'progress_note', type: 'text', nullable: true })
  progressNote: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A step up the ladder: the question asked of the next level and its outcome. */
@Entity('case_escalations')
@Index('idx_case_escalations_case', ['caseId', 'createdAt'])
@Index('uq_case_escalations_open', ['caseId'], { unique: true, where: 'outcome IS NULL' })
export class CaseEscalationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'from_level', type: 'varchar', length: 64 })
  fromLevel: string;

  @Column({ name: 'to_level', type: 'varchar', length: 64 })
  toLevel: string;

  @Column({ type: 'text' })
  question: string;

  @Column({ name: 'owner_organisation_id', type: 'uuid', nullable: true })
  ownerOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organisation_id' })
  ownerOrganisation?: OrganisationEntity;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  /** decided | returned | withdrawn; null while open. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: string | null;

  @Column({ name: 'outcome_note', type: 'text', nullable: true })
  outcomeNote: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The breakthrough of a case: homes unblocked and how. One per case (replaced when reopened and solved again). */
@Entity('case_breakthroughs')
@Index('idx_case_breakthroughs_case', ['caseId'])
export class CaseBreakthroughEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'date' })
  date: string;

  @Column({ name: 'homes_unblocked', type: 'int' })
  homesUnblocked: number;

  @Column({ name: 'solution_type', type: 'varchar', length: 32 })
  solutionType: string;

  @Column({ type: 'text' })
  narrative: string;

  @Column({ name: 'parties_credited', type: 'uuid', array: true, default: () => "'{}'" })
  partiesCredited: string[];

  /** false once the case is reopened: the homes no longer count as unblocked. */
  @Column({ type: 'boolean', default: true })
  current: boolean;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A comment: `internal` (table and parties) or `shared` (also the submitter). */
@Entity('case_comments')
@Index('idx_case_comments_case', ['caseId', 'createdAt'])
export class CaseCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId: string | null;

  @Column({ name: 'author_organisation_id', type: 'uuid', nullable: true })
  authorOrganisationId: string | null;

  @Column({ name: 'author_label', type: 'text' })
  authorLabel: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16 })
  visibility: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** An attachment's metadata; the bytes live in the storage backend under `storage_key`. */
@Entity('case_attachments')
@Index('idx_case_attachments_case', ['caseId', 'createdAt'])
export class CaseAttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  filename: string;

  @Column({ name: 'content_type', type: 'varchar', length: 128 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @Column({ type: 'varchar', length: 16, default: 'internal' })
  visibility: string;

  @Column({ name: 'uploaded_by_user_id', type: 'uuid', nullable: true })
  uploadedByUserId: string | null;

  @Column({ name: 'uploaded_by_organisation_id', type: 'uuid', nullable: true })
  uploadedByOrganisationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The timeline and the audit log in one insert-only table (a trigger refuses UPDATE and DELETE).
 * Each event hashes its content with the previous event's hash, per case.
 */
@Entity('case_events')
@Index('uq_case_events_case_seq', ['caseId', 'seq'], { unique: true })
@Index('idx_case_events_occurred', ['occurredAt'])
export class CaseEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  /** 1, 2, 3, … per case. */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_organisation_id', type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  /** Who acted, as shown: a user's name and organisation, or a contact's email for a signed link. */
  @Column({ name: 'actor_label', type: 'text' })
  actorLabel: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** What changed: `{ before?, after?, ... }`. */
  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  /** internal | shared: shared events are visible to the submitter too. */
  @Column({ type: 'varchar', length: 16, default: 'shared' })
  visibility: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash: string | null;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
