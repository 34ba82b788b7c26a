import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Security events and admin actions, insert-only (a trigger refuses UPDATE, DELETE and TRUNCATE,
 * like case_events). The id is a sequence: the admin list pages backwards over it (keyset).
 */
@Entity('audit_log')
@Index('idx_audit_log_type', ['type', 'id'])
@Index('idx_audit_log_actor', ['actorUserId', 'id'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  /** `login.succeeded`, `login.failed`, `login.locked`, `user.role_changed`, `link.used`, `oidc.failed`, `admin.…`. */
  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** The acting user, when there is one (no foreign key: the log never blocks anything). */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  /** Who acted as shown: a user's name, the email tried at login, or a link contact's email. */
  @Column({ name: 'actor_label', type: 'text', nullable: true })
  actorLabel: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  /** user | organisation | region | case | action_link | session. */
  @Column({ name: 'target_type', type: 'varchar', length: 32, nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  /** Details: reason codes, before/after of admin changes. Never a password, token or secret. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId: string | null;
}
