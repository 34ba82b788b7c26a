import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The outbox: one email to one recipient, inserted under a unique dedupe key
 * (`reminder:{deadline}:v{version}:{threshold}:{recipient}`, `digest:{recipient}:{date}`,
 * `extension-request:{link}:{recipient}`) with
 * ON CONFLICT DO NOTHING, then relayed to BullMQ with jobId = id and sent once.
 */
@Entity('deliveries')
@Index('idx_deliveries_pending', ['createdAt'], { where: "status IN ('pending', 'queued')" })
@Index('idx_deliveries_digest', ['recipientEmail'], { where: "status = 'digest'" })
@Index('idx_deliveries_case', ['caseId'])
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_deliveries_dedupe_key', { unique: true })
  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  /** reminder | proposal | digest | extension (a contact's extension request, to the coordinators) */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'deadline_id', type: 'uuid', nullable: true })
  deadlineId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  threshold: string | null;

  @Column({ name: 'recipient_email', type: 'text' })
  recipientEmail: string;

  @Column({ name: 'recipient_user_id', type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @Column({ type: 'varchar', length: 2, default: 'nl' })
  language: string;

  /** Why this person gets the email, shown in it. */
  @Column({ type: 'text' })
  reason: string;

  /** What the template needs (case reference and name, party, due date, …). */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'boolean', default: true })
  urgent: boolean;

  /**
   * pending | digest | digested | queued | sending | committing | sent | unconfirmed | failed.
   * `sending`: claimed, the message is being streamed but its final "." is held back;
   * `committing`: the "." is about to be / was written; `unconfirmed`: a `committing` whose sender
   * died (or lost the connection) before the server's reply was recorded — taken as delivered,
   * never sent again, listed for admins (ARCHITECTURE §4).
   */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  /** Send attempts started (claims); the current one is the claim token of the commit point. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @Column({ name: 'digest_id', type: 'uuid', nullable: true })
  digestId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
