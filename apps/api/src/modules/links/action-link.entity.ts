import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseAssignmentEntity, CaseEntity } from '../cases/case.entity';

/**
 * A signed action link: lets one contact act on one assignment of one case without an account.
 * Only the SHA-256 of the token (32 random bytes) is stored. At most one link per contact and
 * assignment is active (not revoked) at a time: minting a new one supersedes the previous. A link
 * answers once (`used_at`); it still shows the case until it expires.
 */
@Entity('action_links')
@Index('uq_action_links_active', ['assignmentId', 'contactEmail'], {
  unique: true,
  where: 'revoked_at IS NULL',
})
@Index('idx_action_links_case', ['caseId'])
export class ActionLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_action_links_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  /** What the link may do; only `assignment-action` exists. */
  @Column({ type: 'varchar', length: 32, default: 'assignment-action' })
  purpose: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @ManyToOne(() => CaseAssignmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: CaseAssignmentEntity;

  /** Lower-cased; must still be one of the assignment's contacts when the link is used. */
  @Column({ name: 'contact_email', type: 'text' })
  contactEmail: string;

  /** The email (delivery) that carried the token, when it was minted for one. */
  @Column({ name: 'delivery_id', type: 'uuid', nullable: true })
  deliveryId: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** superseded (a newer email carries a new link) | revoked (by the table) */
  @Column({ name: 'revoked_reason', type: 'varchar', length: 16, nullable: true })
  revokedReason: string | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  /**
   * When the contact answered: a link answers once. Set in the transaction of the answer by a
   * guarded UPDATE (`WHERE used_at IS NULL`), so of two concurrent answers only one succeeds.
   */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
