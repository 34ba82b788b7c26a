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
import { CaseEntity } from '../cases/case.entity';
import { OrganisationEntity } from '../identity/organisation.entity';
import { UserEntity } from '../identity/user.entity';

/**
 * A systemic knelpunt: a case of its own (the bundle, escalated to the national table as one)
 * that stands for several cases with the same knelpunt type. This row marks the case as a
 * bundle; the dashboard leaves bundles out of its figures (their homes are the bundled cases').
 */
@Entity('systemic_knelpunten')
export class SystemicKnelpuntEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'knelpunt_code', type: 'varchar', length: 64 })
  knelpuntCode: string;

  /** Sum of the bundled cases' homes at stake when they were bundled. */
  @Column({ name: 'homes_at_stake', type: 'int' })
  homesAtStake: number;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A case bundled into a systemic knelpunt. A case may be in several bundles, once per bundle. */
@Entity('systemic_knelpunt_cases')
@Index('idx_systemic_knelpunt_cases_case', ['caseId'])
export class SystemicKnelpuntCaseEntity {
  @PrimaryColumn({ name: 'systemic_case_id', type: 'uuid' })
  systemicCaseId: string;

  @ManyToOne(() => SystemicKnelpuntEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'systemic_case_id', referencedColumnName: 'caseId' })
  systemic?: SystemicKnelpuntEntity;

  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A saved view (work queue): a name and the filters of GET /api/cases, owned by a user and
 * optionally shared with everyone in the owner's organisation.
 */
@Entity('saved_views')
@Index('uq_saved_views_owner_name', ['ownerUserId', 'name'], { unique: true })
@Index('idx_saved_views_organisation_shared', ['organisationId'], { where: 'shared' })
export class SavedViewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'owner_user_id', type: 'uuid' })
  ownerUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_user_id' })
  owner?: UserEntity;

  /** The owner's organisation when the view was saved: the one it is shared with. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'boolean', default: false })
  shared: boolean;

  /** GET /api/cases query parameters as strings, validated with savedViewFiltersSchema. */
  @Column({ type: 'jsonb' })
  filters: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
