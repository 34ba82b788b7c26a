import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { DeadlineKind, DeadlineState } from '@doorbraak/domain';
import { CaseAssignmentEntity, CaseEntity, CaseEscalationEntity } from '../cases/case.entity';

/**
 * A clock on a working-day calendar: triage of a case, one party's assignment, or a level's
 * decision on an escalation. `due_at`, `due_date` and `state` are derived from its append-only
 * history (deadline_events) and kept here for queries; `version` moves with every change.
 */
@Entity('deadlines')
@Index('idx_deadlines_case', ['caseId'])
@Index('idx_deadlines_state_due', ['state', 'dueAt'])
@Index('uq_deadlines_assignment', ['assignmentId'], { unique: true, where: 'assignment_id IS NOT NULL' })
@Index('uq_deadlines_escalation', ['escalationId'], { unique: true, where: 'escalation_id IS NOT NULL' })
@Index('uq_deadlines_triage', ['caseId'], { unique: true, where: "kind = 'triage'" })
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'varchar', length: 16 })
  kind: DeadlineKind;

  @Column({ name: 'assignment_id', type: 'uuid', nullable: true })
  assignmentId: string | null;

  @ManyToOne(() => CaseAssignmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: CaseAssignmentEntity;

  @Column({ name: 'escalation_id', type: 'uuid', nullable: true })
  escalationId: string | null;

  @ManyToOne(() => CaseEscalationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'escalation_id' })
  escalation?: CaseEscalationEntity;

  @Column({ name: 'budget_working_days', type: 'int' })
  budgetWorkingDays: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'varchar', length: 16 })
  state: DeadlineState;

  @Column({ name: 'max_pause_working_days', type: 'int' })
  maxPauseWorkingDays: number;

  @Column({ name: 'max_extension_working_days', type: 'int' })
  maxExtensionWorkingDays: number;

  @Column({ type: 'int', default: 1 })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** The history of a deadline: started, due_date_set, paused, resumed, extended, met, cancelled. Insert-only. */
@Entity('deadline_events')
@Index('uq_deadline_events_seq', ['deadlineId', 'seq'], { unique: true })
export class DeadlineEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'deadline_id', type: 'uuid' })
  deadlineId: string;

  @ManyToOne(() => DeadlineEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deadline_id' })
  deadline?: DeadlineEntity;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 32 })
  type: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_label', type: 'text' })
  actorLabel: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;
}

/** A reminder planned for one version of a deadline; rows of older versions become obsolete. */
@Entity('scheduled_reminders')
@Index('idx_scheduled_reminders_due', ['fireAt'], { where: "status = 'pending'" })
@Index('idx_scheduled_reminders_deadline', ['deadlineId', 'status'])
export class ScheduledReminderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'deadline_id', type: 'uuid' })
  deadlineId: string;

  @ManyToOne(() => DeadlineEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deadline_id' })
  deadline?: DeadlineEntity;

  @Column({ name: 'deadline_version', type: 'int' })
  deadlineVersion: number;

  /** before:3, before:1, breach, after:5, after:10, after:15, propose_escalation */
  @Column({ type: 'varchar', length: 32 })
  threshold: string;

  @Column({ name: 'fire_at', type: 'timestamptz' })
  fireAt: Date;

  @Column({ type: 'boolean' })
  urgent: boolean;

  /** pending | done | obsolete */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: string;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}

/** The Dutch public holidays of the working-day calendar (seeded from date-holidays; admins may correct). */
@Entity('calendar_holidays')
export class HolidayEntity {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  name: string;

  /** date-holidays | admin */
  @Column({ type: 'varchar', length: 16 })
  source: string;

  /** false: an admin declared the day a working day after all. */
  @Column({ type: 'boolean', default: true })
  active: boolean;
}

/** Budgets and caps per deadline kind, optionally per knelpunt type or level (admin-editable). */
@Entity('deadline_policies')
@Index('idx_deadline_policies_kind', ['kind'])
export class DeadlinePolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: DeadlineKind;

  @Column({ name: 'knelpunt_code', type: 'varchar', length: 64, nullable: true })
  knelpuntCode: string | null;

  @Column({ name: 'level_code', type: 'varchar', length: 64, nullable: true })
  levelCode: string | null;

  @Column({ name: 'budget_working_days', type: 'int' })
  budgetWorkingDays: number;

  @Column({ name: 'max_pause_working_days', type: 'int' })
  maxPauseWorkingDays: number;

  @Column({ name: 'max_extension_working_days', type: 'int' })
  maxExtensionWorkingDays: number;
}
