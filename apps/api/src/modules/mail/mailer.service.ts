import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { RUNTIME } from '../../runtime/runtime.tokens';
import type { Runtime } from '../../runtime/runtime';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Deterministic Message-ID (without angle brackets), so a retried send is recognisable. */
  messageId?: string;
  headers?: Record<string, string>;
}

/**
 * The caller's side of SMTP's own commit point, the final `.` of DATA. It is called when the
 * server holds the whole message except that `.`: it opens a transaction and checks that the
 * send is still wanted (throw to abandon the message: the connection is closed without the `.`
 * and the server discards what it got, RFC 5321 §4.1.1.4). The `commit` it returns is called in
 * the same tick as the `.` is written, just before it — no I/O in between, so a SIGKILL can
 * hardly fall between the two writes; `rollback` when the `.` is not written after all. Neither
 * may reject.
 */
export type CommitPoint = () => Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;

/**
 * Why a send failed, as far as delivery is concerned:
 * - `not-sent`: the `.` was never written (or the server refused the message): nothing was delivered;
 * - `abandoned`: the commit point threw (its error is the `cause`): nothing was delivered;
 * - `ambiguous`: the `.` was written but no reply came (connection lost, mailer closed): the
 *   server may or may not have taken the message.
 */
export type SendFailure = 'not-sent' | 'abandoned' | 'ambiguous';

export class MailSendError extends Error {
  constructor(
    message: string,
    readonly failure: SendFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailSendError';
  }
}

/** What a held message needs from the connection's pipe into the DATA stream. */
class HeldMessage extends PassThrough {
  /** Resolves when the server answered DATA with 354 and the connection started reading the body. */
  readonly transferring: Promise<void>;
  private started: () => void = () => undefined;

  constructor() {
    super();
    this.transferring = new Promise((resolve) => (this.started = resolve));
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    const piped = super.pipe(destination, options);
    this.started();
    return piped;
  }
}

interface PooledConnection {
  connection: SMTPConnection;
  dead: boolean;
}

/**
 * Sends mail over SMTP (SMTP_URL, or the embedded catcher: the same code path) in two phases.
 * The whole message is streamed inside DATA, but the terminating `.` — the moment the server
 * takes responsibility — is held back until the caller's commit point has durably recorded that
 * it is about to be written. A sender killed before that point leaves a half-sent DATA that the
 * server drops with the connection; only the microseconds between the commit point and the `.`
 * are ambiguous (ARCHITECTURE §4). Connections are pooled (`maxConnections` in SMTP_URL, default 32).
 */
@Injectable()
export class MailerService implements OnModuleDestroy {
  private readonly logger = new Logger(MailerService.name);
  private readonly options: SMTPConnection.Options;
  private readonly auth: SMTPConnection.Credentials | null;
  private readonly maxConnections: number;
  private readonly from: string;
  private readonly idle: PooledConnection[] = [];
  private readonly waiting: ((pooled: PooledConnection | Error) => void)[] = [];
  private open = 0;
  private closed = false;
  /** Sends in flight, failed when the mailer closes (the app is stopping). */
  private readonly inFlight = new Set<(error: Error) => void>();

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    const parsed = parseConnectionUrl(runtime.smtpUrl) as SMTPConnection.Options &
      Record<string, unknown> & { auth?: { user?: string; pass?: string } };
    const { pool: _pool, maxConnections, auth, ...options } = parsed;
    this.maxConnections =
      typeof maxConnections === 'number' && maxConnections > 0 ? Math.floor(maxConnections) : 32;
    this.auth = auth?.user ? { user: auth.user, pass: auth.pass ?? '' } : null;
    this.options = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000, ...options };
    this.from = runtime.config.mail.from;
  }

  /**
   * Sends one email; `commit` runs between the streamed body and the final `.` (without it the
   * `.` follows at once). Resolves with the server's reply once it accepted the message; rejects
   * with a MailSendError that says whether anything can have been delivered.
   */
  async send(email: OutgoingEmail, commit?: CommitPoint): Promise<string> {
    if (this.closed)
      throw new MailSendError(
        'The mailer is closed (the app is stopping); the delivery is sent later.',
        'not-sent',
      );
    const node = new MailComposer({
      from: this.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId ? `<${email.messageId}>` : undefined,
      headers: email.headers,
    }).compile();
    const raw = await node.build();
    const envelope = node.getEnvelope();

    let dotWritten = false;
    let abort: (error: Error) => void = () => undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      abort = (error) => reject(new MailSendError(error.message, dotWritten ? 'ambiguous' : 'not-sent'));
    });
    aborted.catch(() => undefined);
    this.inFlight.add(abort);
    let pooled: PooledConnection | null = null;
    try {
      pooled = await Promise.race([this.acquire(), aborted]);
      const { connection } = pooled;
      const body = new HeldMessage();
      const accepted = new Promise<string>((resolve, reject) => {
        connection.send(
          { from: envelope.from, to: envelope.to, size: raw.length },
          body,
          (error: SMTPConnection.SMTPError | null, info: SMTPConnection.SentMessageInfo) => {
            if (!error) return resolve(info.response);
            // A reply from the server (4xx/5xx) is a refusal; anything else after the `.` is unknown.
            const refused = typeof error.responseCode === 'number' && error.responseCode >= 400;
            reject(
              new MailSendError(error.message, dotWritten && !refused ? 'ambiguous' : 'not-sent', {
                cause: error,
              }),
            );
          },
        );
      });
      accepted.catch(() => undefined);
      // The body goes out once the server said 354; everything but the final `.`.
      body.write(raw);
      await Promise.race([body.transferring, accepted, aborted]);
      // Let the body reach the socket, so only the `.` is left after the commit point.
      await new Promise((resolve) => setImmediate(resolve));
      let prepared: Awaited<ReturnType<CommitPoint>> | null = null;
      if (commit) {
        // Not raced against a close of the mailer: the caller must know what became of its transaction.
        try {
          prepared = await commit();
        } catch (error) {
          // Abandon the message: closing the connection mid-DATA makes the server discard it.
          pooled.dead = true;
          connection.close();
          throw new MailSendError('The send was abandoned before the final "."', 'abandoned', {
            cause: error,
          });
        }
      }
      if (this.closed) {
        pooled.dead = true;
        connection.close();
        await prepared?.rollback();
        throw new MailSendError('The mailer closed while sending; the delivery is sent later.', 'not-sent');
      }
      // The caller's COMMIT goes to its database and the "." to the SMTP server in this one tick.
      const committed = prepared ? prepared.commit() : Promise.resolve();
      dotWritten = true;
      body.end();
      try {
        return await Promise.race([accepted, aborted]);
      } finally {
        await committed;
      }
    } catch (error) {
      if (pooled) pooled.dead = true;
      if (error instanceof MailSendError) throw error;
      throw new MailSendError(
        error instanceof Error ? error.message : String(error),
        dotWritten ? 'ambiguous' : 'not-sent',
        {
          cause: error,
        },
      );
    } finally {
      this.inFlight.delete(abort);
      if (pooled) this.release(pooled);
    }
  }

  private async acquire(): Promise<PooledConnection> {
    for (;;) {
      const pooled = this.idle.pop();
      if (!pooled) break;
      if (!pooled.dead) return pooled;
      this.discard(pooled);
    }
    if (this.open < this.maxConnections) {
      this.open += 1;
      try {
        return await this.connect();
      } catch (error) {
        this.open -= 1;
        this.wakeOne();
        throw error;
      }
    }
    const next = await new Promise<PooledConnection | Error>((resolve) => this.waiting.push(resolve));
    if (next instanceof Error) throw next;
    return next;
  }

  private connect(): Promise<PooledConnection> {
    return new Promise((resolve, reject) => {
      const connection = new SMTPConnection(this.options);
      const pooled: PooledConnection = { connection, dead: false };
      let settled = false;
      connection.on('error', (error) => {
        pooled.dead = true;
        if (!settled) {
          settled = true;
          reject(error);
        } else this.logger.debug({ err: error.message }, 'SMTP connection error');
      });
      connection.on('end', () => {
        pooled.dead = true;
      });
      connection.connect((error) => {
        if (error) {
          if (!settled) {
            settled = true;
            reject(error);
          }
          return;
        }
        // No Nagle: the final "." is a tiny write after the body; held back for the body's ACK
        // (delayed up to 40 ms by the server) it would stretch every send and the unsure window.
        connection._socket.setNoDelay(true);
        if (!this.auth) {
          settled = true;
          return resolve(pooled);
        }
        connection.login(this.auth, (loginError) => {
          if (settled) return;
          settled = true;
          if (loginError) {
            connection.close();
            reject(loginError);
          } else resolve(pooled);
        });
      });
    });
  }

  private release(pooled: PooledConnection): void {
    if (pooled.dead || this.closed) return this.discard(pooled);
    const waiter = this.waiting.shift();
    if (waiter) return waiter(pooled);
    this.idle.push(pooled);
  }

  private discard(pooled: PooledConnection): void {
    pooled.dead = true;
    pooled.connection.close();
    this.open -= 1;
    this.wakeOne();
  }

  /** A connection slot came free: the next waiter opens a connection of its own. */
  private wakeOne(): void {
    const waiter = this.waiting.shift();
    if (!waiter) return;
    if (this.closed) return waiter(new Error('The mailer is closed'));
    this.open += 1;
    this.connect().then(waiter, (error: unknown) => {
      this.open -= 1;
      const failure = error instanceof Error ? error : new Error(String(error));
      waiter(failure);
      // The server cannot be reached and no connection is left to hand over: fail the rest too
      // (BullMQ retries them), rather than leave them waiting for a release that never comes.
      if (this.open === 0) for (const other of this.waiting.splice(0)) other(failure);
    });
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const abort of this.inFlight) {
      abort(new Error('The mailer closed while sending (the app is stopping); the delivery is sent later.'));
    }
    this.inFlight.clear();
    for (const waiter of this.waiting.splice(0)) waiter(new Error('The mailer is closed'));
    for (const pooled of this.idle.splice(0)) {
      pooled.dead = true;
      pooled.connection.quit();
    }
  }
}
