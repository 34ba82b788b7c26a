import { createHash } from 'node:crypto';
import type { Actor } from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** JSON with object keys sorted at every depth, so a hash does not depend on key order (jsonb reorders). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface EventContent {
  caseId: string;
  seq: number;
  type: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  actorLabel: string;
  occurredAt: string;
  data: Record<string, unknown>;
  visibility: string;
  prevHash: string | null;
}

/** SHA-256 over the event's content and the previous event's hash. */
export function eventHash(content: EventContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** Who an event names as its actor: a user, or a contact acting through a signed link. */
export interface EventActor {
  userId: string | null;
  organisationId: string | null;
  label: string;
}

export function eventActor(actor: Actor): EventActor {
  return {
    userId: actor.userId,
    organisationId: actor.organisationId,
    label: `${actor.name} (${actor.organisationName})`,
  };
}

export interface ChainVerification {
  intact: boolean;
  events: number;
  /** The first event whose hash, link or sequence does not hold. */
  brokenAt: number | null;
  reason: string | null;
}

interface EventRow {
  case_id: string;
  seq: number;
  type: string;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  actor_label: string;
  occurred_at: Date | string;
  data: Record<string, unknown>;
  visibility: string;
  prev_hash: string | null;
  hash: string;
}

@Injectable()
export class CaseEventsService {
  constructor(private readonly db: DataSource) {}

  /**
   * Appends an event in the caller's transaction. The caller must hold the case row lock
   * (`SELECT … FOR UPDATE`), which serialises appends per case and so the sequence and chain.
   */
  async append(
    manager: EntityManager,
    caseId: string,
    actor: EventActor,
    type: string,
    data: Record<string, unknown>,
    options: { visibility?: 'internal' | 'shared'; occurredAt?: Date } = {},
  ): Promise<void> {
    const last: { seq: number; hash: string }[] = await manager.query(
      `SELECT seq, hash FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`,
      [caseId],
    );
    const content: EventContent = {
      caseId,
      seq: (last[0]?.seq ?? 0) + 1,
      type,
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      actorLabel: actor.label,
      occurredAt: (options.occurredAt ?? new Date()).toISOString(),
      // Round-trip through JSON so what is hashed is exactly what jsonb will store.
      data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
      visibility: options.visibility ?? 'shared',
      prevHash: last[0]?.hash ?? null,
    };
    await manager.query(
      `INSERT INTO case_events (case_id, seq, type, actor_user_id, actor_organisation_id, actor_label, occurred_at, data, visibility, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        caseId,
        content.seq,
        type,
        content.actorUserId,
        content.actorOrganisationId,
        content.actorLabel,
        content.occurredAt,
        JSON.stringify(content.data),
        content.visibility,
        content.prevHash,
        eventHash(content),
      ],
    );
  }

  /** Recomputes every hash of the case's chain and checks the links and the sequence. */
  async verify(caseId: string): Promise<ChainVerification> {
    const rows: EventRow[] = await this.db.query(
      `SELECT case_id, seq, type, actor_user_id, actor_organisation_id, actor_label, occurred_at, data, visibility, prev_hash, hash
         FROM case_events WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
    let previous: string | null = null;
    for (const [index, row] of rows.entries()) {
      const fail = (reason: string): ChainVerification => ({
        intact: false,
        events: rows.length,
        brokenAt: row.seq,
        reason,
      });
      if (row.seq !== index + 1) return fail('sequence gap');
      if (row.prev_hash !== previous) return fail('link to the previous event does not match');
      const expected = eventHash({
        caseId: row.case_id,
        seq: row.seq,
        type: row.type,
        actorUserId: row.actor_user_id,
        actorOrganisationId: row.actor_organisation_id,
        actorLabel: row.actor_label,
        occurredAt: new Date(row.occurred_at).toISOString(),
        data: row.data,
        visibility: row.visibility,
        prevHash: row.prev_hash,
      });
      if (expected !== row.hash) return fail('content does not match its hash');
      previous = row.hash;
    }
    return { intact: true, events: rows.length, brokenAt: null, reason: null };
  }
}
