import { insideSendWindow, localDate } from '@doorbraak/domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { rows } from '../../database/query';
import { EnqueueService } from '../../queue/enqueue.service';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import type { AppConfig } from '../../config/config';
import { CalendarService } from '../deadlines/calendar.service';
import { MailerService, MailSendError } from '../mail/mailer.service';
import { reminderLateness } from '../metrics/metrics';
import { mintActionLink } from '../links/mint';
import { EXTENSION_REQUEST_KIND } from './extension-request-notice';
import { Coalescer } from './coalescer';
import { loadReminderContexts, RecipientDirectory } from './recipients';
import { headline, renderEmail } from './templates';

const BATCH = 500;
/** A delivery queued this long ago and still not sent is queued again (Redis may have lost it). */
const REQUEUE_AFTER_MS = 2 * 60_000;
/** send-email jobs added to Redis at once by the relay. */
const RELAY_PARALLEL = 50;

interface ClaimedDelivery {
  id: string;
  kind: string;
  case_id: string | null;
  threshold: string | null;
  recipient_email: string;
  language: 'nl' | 'en';
  reason: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** The commit point found the claim taken over by another run: this run must not send. */
class ClaimLost extends Error {
  constructor(deliveryId: string) {
    super(`Delivery ${deliveryId} was claimed by another run`);
  }
}

export interface SweepResult {
  reminders: number;
  obsolete: number;
  deliveries: number;
}

/**
 * Postgres is the truth, BullMQ moves the work (ARCHITECTURE §4): the sweeper turns due
 * scheduled reminders into deliveries (the outbox, unique dedupe key, ON CONFLICT DO NOTHING),
 * the relay hands pending deliveries to BullMQ with jobId = delivery id, and the sender sends
 * each delivery once. Everything is rebuilt from Postgres if Redis is wiped.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    private readonly db: DataSource,
    private readonly calendars: CalendarService,
    private readonly enqueue: EnqueueService,
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Claims due reminders (FOR UPDATE SKIP LOCKED), re-checks them and writes deliveries. */
  async sweep(now = new Date()): Promise<SweepResult> {
    const total: SweepResult = { reminders: 0, obsolete: 0, deliveries: 0 };
    for (;;) {
      const batch = await this.db.transaction(async (manager) => {
        const due: {
          id: string;
          deadline_id: string;
          deadline_version: number;
          threshold: string;
          urgent: boolean;
          version: number;
          state: string;
          due_at: Date | null;
          fire_at: Date;
        }[] = await manager.query(
          `SELECT r.id, r.deadline_id, r.deadline_version, r.threshold, r.urgent, d.version, d.state, d.due_at, r.fire_at
             FROM scheduled_reminders r JOIN deadlines d ON d.id = r.deadline_id
            WHERE r.status = 'pending' AND r.fire_at <= $1
            ORDER BY r.fire_at, r.id
            LIMIT ${BATCH}
            FOR UPDATE OF r SKIP LOCKED`,
          [now],
        );
        for (const r of due) reminderLateness.observe((now.getTime() - new Date(r.fire_at).getTime()) / 1000);
        const result: SweepResult = { reminders: due.length, obsolete: 0, deliveries: 0 };
        // Late thresholds are not sent late: when several of a deadline's reminders are due at
        // once (the sweeper was down), only the latest goes out — and the escalation proposal,
        // which goes to other people.
        const latest = new Map<string, string>();
        for (const r of due) if (r.threshold !== 'propose_escalation') latest.set(r.deadline_id, r.id);
        const current = due.filter(
          (r) =>
            (r.threshold === 'propose_escalation' || latest.get(r.deadline_id) === r.id) &&
            r.deadline_version === r.version &&
            (r.state === 'running' || r.state === 'breached'),
        );
        const currentIds = new Set(current.map((r) => r.id));
        const obsolete = due.filter((r) => !currentIds.has(r.id)).map((r) => r.id);
        result.obsolete = obsolete.length;
        // The whole batch at once: one read of the contexts and the people, one insert of the deliveries.
        const contexts = await loadReminderContexts(
          manager,
          current.map((r) => r.deadline_id),
        );
        const directory = await RecipientDirectory.load(manager, [...contexts.values()]);
        const deliveries = new Map<string, unknown[]>();
        for (const r of current) {
          const found = contexts.get(r.deadline_id);
          if (!found) continue;
          const ctx = { ...found, threshold: r.threshold };
          const dueKey = r.due_at ? new Date(r.due_at).getTime() : 0;
          for (const recipient of directory.resolve(ctx)) {
            const digest = !r.urgent && recipient.mode === 'digest';
            // The key carries the due moment: a change that does not move it never sends a threshold twice.
            const key = `reminder:${r.deadline_id}:${dueKey}:${r.threshold}:${recipient.email}`;
            deliveries.set(key, [
              key,
              r.threshold === 'propose_escalation' ? 'proposal' : 'reminder',
              ctx.caseId,
              r.deadline_id,
              r.threshold,
              recipient.email,
              recipient.userId,
              recipient.language,
              recipient.reason,
              JSON.stringify({
                caseReference: ctx.caseReference,
                projectName: ctx.projectName,
                organisation: ctx.assignmentOrganisationName,
                requestedAction: ctx.requestedAction,
                dueDate: ctx.dueDate,
                // The link itself is minted when the email is sent (only its hash is ever stored).
                ...(recipient.actionLink
                  ? { actionLink: { assignmentId: recipient.actionLink.assignmentId } }
                  : {}),
              }),
              r.urgent,
              digest ? 'digest' : 'pending',
            ]);
          }
        }
        if (deliveries.size > 0) {
          // Column arrays, unnested into rows: one statement for the batch, still ON CONFLICT DO NOTHING.
          const columns = Array.from({ length: 12 }, (_, i) => [...deliveries.values()].map((row) => row[i]));
          const inserted = await rows<{ id: string }>(
            manager,
            `INSERT INTO deliveries (dedupe_key, kind, case_id, deadline_id, threshold, recipient_email, recipient_user_id,
                                     language, reason, payload, urgent, status)
             SELECT k, kind, case_id::uuid, deadline_id::uuid, threshold, email, user_id::uuid, language, reason, payload::jsonb, urgent, status
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                           $8::text[], $9::text[], $10::text[], $11::boolean[], $12::text[])
                    AS t(k, kind, case_id, deadline_id, threshold, email, user_id, language, reason, payload, urgent, status)
             ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
            columns,
          );
          result.deliveries = inserted.length;
        }
        const breached = current.filter((r) => r.threshold === 'breach').map((r) => r.deadline_id);
        if (breached.length > 0)
          await manager.query(
            `UPDATE deadlines SET state = 'breached' WHERE id = ANY($1::uuid[]) AND state = 'running'`,
            [breached],
          );
        if (obsolete.length > 0)
          await manager.query(
            `UPDATE scheduled_reminders SET status = 'obsolete', processed_at = $2 WHERE id = ANY($1::uuid[])`,
            [obsolete, now],
          );
        if (current.length > 0)
          await manager.query(
            `UPDATE scheduled_reminders SET status = 'done', processed_at = $2 WHERE id = ANY($1::uuid[])`,
            [current.map((r) => r.id), now],
          );
        return result;
      });
      total.reminders += batch.reminders;
      total.obsolete += batch.obsolete;
      total.deliveries += batch.deliveries;
      if (batch.reminders < BATCH) return total;
    }
  }

  /** Hands pending deliveries to BullMQ (jobId = delivery id), inside the send window; re-queues lost ones. */
  async relay(now = new Date()): Promise<number> {
    const calendar = await this.calendars.calendar();
    if (!insideSendWindow(now, this.config.mail.sendWindow, calendar)) return 0;
    let relayed = 0;
    // A `committing` row whose sender died: its "." was written, so it counts as delivered
    // (unconfirmed: no 250 was recorded). It is never sent again (OutboxService.send).
    await this.db.query(
      `UPDATE deliveries SET status = 'unconfirmed', last_error = 'The sender stopped between the final "." and the reply'
        WHERE status = 'committing' AND enqueued_at < $1`,
      [new Date(now.getTime() - REQUEUE_AFTER_MS)],
    );
    for (;;) {
      const claimed = await this.db.transaction((manager) =>
        rows<{ id: string }>(
          manager,
          `UPDATE deliveries SET status = 'queued', enqueued_at = $1
            WHERE id IN (SELECT id FROM deliveries
                          WHERE status = 'pending' OR (status IN ('queued', 'sending') AND enqueued_at < $2)
                          ORDER BY created_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
            RETURNING id`,
          [now, new Date(now.getTime() - REQUEUE_AFTER_MS)],
        ),
      );
      // Every add is awaited; a few at a time, so a backlog does not wait on one Redis round trip per row.
      for (let i = 0; i < claimed.length; i += RELAY_PARALLEL)
        await Promise.all(claimed.slice(i, i + RELAY_PARALLEL).map((d) => this.enqueue.deliver(d.id)));
      relayed += claimed.length;
      if (claimed.length < BATCH) return relayed;
    }
  }

  /**
   * Sends one delivery, unless it was already sent or is being sent (a retried or duplicated job
   * is a no-op). Two phases, so that a SIGKILL at any moment neither loses nor doubles the email
   * (ARCHITECTURE §4):
   *
   * 1. claim: `sending`, attempts + 1 — the attempt number is this run's claim token;
   * 2. stream the message inside SMTP DATA but hold back the final `.`;
   * 3. commit point: `committing` (only while the claim is still ours), then write the `.`;
   * 4. the 250 → `sent`.
   *
   * A row left in `sending` never had its `.` written: the server dropped the half-sent DATA with
   * the dead connection, so it is sent again. A row left in `committing` had its `.` written
   * (short of a kill inside the microseconds between the commit and the write): it is taken as
   * delivered and marked `unconfirmed` for admins, never sent again.
   */
  async send(deliveryId: string): Promise<'sent' | 'skipped' | 'unconfirmed'> {
    // Claim it: a second job for the same delivery (re-relayed after a lost Redis) finds it taken.
    const d = await this.claims.submit(deliveryId);
    if (!d) return 'skipped';
    const claim = d.attempts;
    const base = this.config.http.publicUrl.replace(/\/$/, '');
    const preferencesUrl = `${base}/profiel`;
    const lang = d.language === 'en' ? 'en' : 'nl';
    const action = d.kind === 'digest' ? null : await this.actionLinkFor(d);
    const email =
      d.kind === 'digest'
        ? renderEmail('digest', lang, {
            ...d.payload,
            preferencesUrl,
            count: (d.payload.items as unknown[] | undefined)?.length ?? 0,
          })
        : d.kind === EXTENSION_REQUEST_KIND
          ? renderEmail('extensionRequest', lang, {
              ...d.payload,
              reason: d.reason,
              caseUrl: `${base}/dossiers/${d.case_id}`,
              preferencesUrl,
            })
          : renderEmail('reminder', lang, {
              ...d.payload,
              headline: headline(d.threshold ?? 'breach', lang),
              reason: d.reason,
              caseUrl: `${base}/dossiers/${d.case_id}`,
              preferencesUrl,
              ...(action
                ? { actionUrl: `${base}/actie/${action.token}`, actionExpires: localDate(action.expiresAt) }
                : {}),
            });
    const domain = new URL(base).hostname || 'doorbraak.local';
    const headers: Record<string, string> = {
      'List-Unsubscribe': `<${preferencesUrl}>`,
      'X-Doorbraak-Delivery': d.id,
    };
    if (d.case_id) {
      // One thread per case: every email about a case refers to the same root message.
      headers.References = `<case-${d.case_id}@${domain}>`;
      headers['In-Reply-To'] = `<case-${d.case_id}@${domain}>`;
    }
    const messageId = `delivery-${d.id}@${domain}`;
    try {
      await this.mailer.send(
        {
          to: d.recipient_email,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId,
          headers,
        },
        async () => {
          // The commit point: `committing`, only while the claim is ours (a run whose claim was taken
          // over must not send). Its COMMIT is written in the same tick as the final ".".
          const point = await this.commitPoints.submit({ id: d.id, claim });
          if (!point) throw new ClaimLost(d.id);
          return point;
        },
      );
    } catch (error) {
      if (!(error instanceof MailSendError)) throw error;
      if (error.failure === 'abandoned' && error.cause instanceof ClaimLost) return 'skipped';
      if (error.failure === 'ambiguous') {
        // The "." went out but no reply came: the server may hold it. Never sent again; admins see it.
        await this.db.query(
          `UPDATE deliveries SET status = 'unconfirmed', last_error = $3
            WHERE id = $1 AND attempts = $2 AND status = 'committing'`,
          [d.id, claim, error.message.slice(0, 2000)],
        );
        this.logger.warn(
          { deliveryId: d.id, err: error.message },
          'Delivery unconfirmed: no reply to the final "."',
        );
        return 'unconfirmed';
      }
      // Nothing was delivered (no "." written, or the server refused it): hand it back for the retry.
      await this.db.query(
        `UPDATE deliveries SET status = 'queued' WHERE id = $1 AND attempts = $2 AND status IN ('sending', 'committing')`,
        [d.id, claim],
      );
      throw error;
    }
    await this.sent.submit({ id: d.id, claim, messageId: `<${messageId}>` });
    return 'sent';
  }

  /**
   * Claims of the sends running concurrently, one UPDATE for all that arrive in the same turn.
   * The claim: `sending`, attempts + 1 (the claim token), only when pending/queued or a stale
   * `sending`; a delivery asked for twice in one batch is claimed by the first only.
   */
  private readonly claims = new Coalescer<string, ClaimedDelivery | null>(async (ids) => {
    const claimed = await rows<ClaimedDelivery>(
      this.db,
      `UPDATE deliveries SET status = 'sending', enqueued_at = now(), attempts = attempts + 1
        WHERE id = ANY($1::uuid[]) AND (status IN ('pending', 'queued') OR (status = 'sending' AND enqueued_at < $2))
        RETURNING id, kind, case_id, threshold, recipient_email, language, reason, payload, attempts`,
      [[...new Set(ids)], new Date(Date.now() - REQUEUE_AFTER_MS)],
    );
    const byId = new Map(claimed.map((d) => [d.id, d]));
    return ids.map((id) => {
      const d = byId.get(id) ?? null;
      byId.delete(id);
      return d;
    });
  });

  /** `sent` after the 250, one UPDATE for the sends that finish in the same turn (only under their own claim). */
  private readonly sent = new Coalescer<{ id: string; claim: number; messageId: string }, void>(
    async (items) => {
      await this.db.query(
        `UPDATE deliveries d SET status = 'sent', sent_at = now(), message_id = u.message_id, last_error = NULL
         FROM unnest($1::uuid[], $2::int[], $3::text[]) AS u(id, claim, message_id)
        WHERE d.id = u.id AND d.attempts = u.claim AND d.status IN ('sending', 'committing', 'unconfirmed')`,
        [items.map((i) => i.id), items.map((i) => i.claim), items.map((i) => i.messageId)],
      );
      return items.map(() => undefined);
    },
  );

  /**
   * Commit points of the sends that reach their final "." in the same turn share one transaction
   * (one connection and two statements for all, not three each): `committing` for every member
   * whose claim is still its own (id and claim token). The members resume together; the first to
   * commit sends the COMMIT, and every member writes its "." in that same tick. A member that
   * does not write its "." (the mailer is closing) rolls back: the COMMIT still covers it when
   * another member committed, so its `committing` is handed back to `queued` by the caller.
   */
  private readonly commitPoints = new Coalescer<
    { id: string; claim: number },
    { commit(): Promise<void>; rollback(): Promise<void> } | null
  >(async (members) => {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let ours: Set<string>;
    try {
      await runner.startTransaction();
      const updated = await rows<{ id: string; attempts: number }>(
        runner.manager,
        `UPDATE deliveries d SET status = 'committing', enqueued_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS u(id, claim)
          WHERE d.id = u.id AND d.attempts = u.claim AND d.status = 'sending'
          RETURNING d.id, d.attempts`,
        [members.map((m) => m.id), members.map((m) => m.claim)],
      );
      ours = new Set(updated.map((u) => `${u.id}:${u.attempts}`));
    } catch (error) {
      await this.finish(runner, 'rollback');
      throw error;
    }
    const joined = members.filter((m) => ours.has(`${m.id}:${m.claim}`)).length;
    if (joined === 0) await this.finish(runner, 'rollback');
    let ended: Promise<void> | null = null;
    let undecided = joined;
    const point = {
      commit: () => (ended ??= this.finish(runner, 'commit')),
      rollback: () => {
        undecided -= 1;
        if (undecided === 0 && !ended) ended = this.finish(runner, 'rollback');
        return ended ?? Promise.resolve();
      },
    };
    return members.map((m) => (ours.has(`${m.id}:${m.claim}`) ? point : null));
  });

  /**
   * Ends the commit point's transaction and releases its connection; never rejects. A COMMIT that
   * failed while the "." went out leaves the row `sending` under this run's claim: the `sent`
   * update after the 250 still matches it.
   */
  private async finish(runner: QueryRunner, how: 'commit' | 'rollback'): Promise<void> {
    try {
      if (how === 'commit') await runner.commitTransaction();
      else if (runner.isTransactionActive) await runner.rollbackTransaction();
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        `Commit point ${how} failed`,
      );
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  /**
   * A reminder to an assignment contact without an account carries a signed action link. The
   * token is minted here, at send time, because only its hash is stored: each send (also a
   * retry after a failed attempt) mints a fresh token and supersedes the contact's previous
   * one, so a resent email never leaves an extra valid token behind. No link when the
   * assignment was removed or the person is no longer one of its contacts.
   */
  private async actionLinkFor(d: {
    id: string;
    case_id: string | null;
    recipient_email: string;
    payload: Record<string, unknown>;
  }): Promise<{ token: string; expiresAt: Date } | null> {
    const wanted = d.payload.actionLink as { assignmentId?: unknown } | undefined;
    const assignmentId = typeof wanted?.assignmentId === 'string' ? wanted.assignmentId : null;
    if (!assignmentId || !d.case_id) return null;
    return this.db.transaction(async (manager) => {
      const live: unknown[] = await manager.query(
        `SELECT 1 FROM case_assignments a
          WHERE a.id = $1 AND a.case_id = $2 AND a.removed_at IS NULL
            AND EXISTS (SELECT 1 FROM jsonb_array_elements(a.contacts) ct WHERE lower(ct->>'email') = $3)
            AND NOT EXISTS (SELECT 1 FROM users u WHERE u.active AND u.email = $3)`,
        [assignmentId, d.case_id, d.recipient_email.toLowerCase()],
      );
      if (live.length === 0) return null;
      return mintActionLink(
        manager,
        { caseId: d.case_id as string, assignmentId, contactEmail: d.recipient_email, deliveryId: d.id },
        this.config.actionLinks.days,
      );
    });
  }

  async recordFailure(deliveryId: string, error: string, final: boolean): Promise<void> {
    // attempts counts claims (OutboxService.send); a delivery that may have gone out is never failed.
    await this.db.query(
      `UPDATE deliveries SET last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
        WHERE id = $1 AND status IN ('pending', 'queued', 'sending')`,
      [deliveryId, error.slice(0, 2000), final],
    );
    if (final) this.logger.error({ deliveryId, error }, 'Delivery failed after its retries');
  }

  /** Groups the non-urgent deliveries waiting for a digest into one email per person (08:00, working days). */
  async digest(now = new Date()): Promise<number> {
    const calendar = await this.calendars.calendar();
    const today = localDate(now);
    if (!insideSendWindow(now, this.config.mail.sendWindow, calendar)) return 0;
    return this.db.transaction(async (manager) => {
      const waiting: {
        recipient_email: string;
        recipient_user_id: string | null;
        language: string;
        ids: string[];
        items: unknown[];
      }[] = await manager.query(
        `SELECT recipient_email, min(recipient_user_id::text)::uuid AS recipient_user_id, min(language) AS language,
                  array_agg(id ORDER BY created_at) AS ids,
                  json_agg(payload || jsonb_build_object('threshold', threshold, 'caseId', case_id) ORDER BY created_at) AS items
             FROM deliveries WHERE status = 'digest' GROUP BY recipient_email`,
      );
      const base = this.config.http.publicUrl.replace(/\/$/, '');
      for (const w of waiting) {
        const lang = w.language === 'en' ? 'en' : 'nl';
        const items = (w.items as { threshold: string; caseId: string }[]).map((i) => ({
          ...i,
          headline: headline(i.threshold, lang),
          caseUrl: `${base}/dossiers/${i.caseId}`,
        }));
        const created = await rows<{ id: string }>(
          manager,
          `INSERT INTO deliveries (dedupe_key, kind, recipient_email, recipient_user_id, language, reason, payload, urgent, status)
           VALUES ($1, 'digest', $2, $3, $4, $5, $6, true, 'pending')
           ON CONFLICT (dedupe_key) DO UPDATE SET payload = deliveries.payload RETURNING id`,
          [
            `digest:${w.recipient_email}:${today}`,
            w.recipient_email,
            w.recipient_user_id,
            lang,
            'U koos voor een dagelijks overzicht.',
            JSON.stringify({ items }),
          ],
        );
        await manager.query(
          `UPDATE deliveries SET status = 'digested', digest_id = $2 WHERE id = ANY($1::uuid[])`,
          [w.ids, created[0]?.id],
        );
      }
      return waiting.length;
    });
  }
}
