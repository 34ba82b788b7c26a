import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '@doorbraak/domain';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rows } from '../../database/query';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import type { AppConfig } from '../../config/config';
import { SessionCache } from './session-cache';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface ActorRow {
  user_id: string;
  email: string;
  name: string;
  role: Actor['role'];
  organisation_id: string;
  organisation_name: string;
  municipality_code: string | null;
  province_codes: string[];
}

/** The columns of an actor, from `users u JOIN organisations o`. */
const ACTOR_COLUMNS = `u.id AS user_id, u.email, u.name, u.role, o.id AS organisation_id, o.name AS organisation_name,
  o.municipality_code, o.province_codes`;

function toActor(r: ActorRow): Actor {
  return {
    userId: r.user_id,
    email: r.email,
    name: r.name,
    role: r.role,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    municipalityCode: r.municipality_code,
    provinceCodes: r.province_codes ?? [],
  };
}

export interface SessionLookup {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
}

/** Opens, resolves and ends login sessions (idle and absolute timeouts from config). */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: SessionCache<SessionLookup>,
  ) {}

  async open(userId: string, meta: { ip: string | null; userAgent: string | null }) {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.session.absoluteHours * 3600_000);
    await this.db.getRepository(SessionEntity).insert({
      tokenHash: hashToken(token),
      csrfToken,
      userId,
      lastSeenAt: now,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    });
    return { token, csrfToken, expiresAt };
  }

  /**
   * The live session for a cookie token, or null (unknown, revoked, idle too long, expired).
   * Served from SessionCache for a few seconds after a lookup (see there for why that is safe).
   */
  async resolve(token: string): Promise<SessionLookup | null> {
    if (!token || token.length > 200) return null;
    const key = hashToken(token);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const generation = this.cache.begin();
    const now = new Date();
    const idleLimit = new Date(now.getTime() - this.config.session.idleMinutes * 60_000);
    const rows: (ActorRow & {
      session_id: string;
      csrf_token: string;
      last_seen_at: Date;
      expires_at: Date;
    })[] = await this.db.query(
      `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.expires_at, ${ACTOR_COLUMNS}
         FROM sessions s
         JOIN users u ON u.id = s.user_id AND u.active
         JOIN organisations o ON o.id = u.organisation_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3`,
      [key, now, idleLimit],
    );
    const row = rows[0];
    if (!row) return null;
    // Sliding idle timeout; written at most once a minute per session.
    if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
      await this.db.query(`UPDATE sessions SET last_seen_at = $2 WHERE id = $1`, [row.session_id, now]);
    }
    const lookup = { sessionId: row.session_id, csrfToken: row.csrf_token, actor: toActor(row) };
    this.cache.set(key, lookup, new Date(row.expires_at), generation);
    return lookup;
  }

  /**
   * Tells every api process that sessions or actors changed (a revocation, a user's role or
   * organisation, an organisation's scope). Call after the change is committed.
   */
  changed(): Promise<void> {
    return this.cache.invalidate();
  }

  /** The actor for a user (no session involved): used by the demo seed and background work. */
  async actorOf(userId: string): Promise<Actor | null> {
    const found: ActorRow[] = await this.db.query(
      `SELECT ${ACTOR_COLUMNS} FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1 AND u.active`,
      [userId],
    );
    return found[0] ? toActor(found[0]) : null;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
    ]);
    await this.changed();
  }

  /**
   * Ends every live session of a user except `keep` (password change, deactivation, role change).
   * Inside a caller's transaction (`manager`), the caller calls `changed()` after it commits.
   */
  async revokeAllOf(userId: string, keep: string | null = null, manager?: EntityManager): Promise<number> {
    const ended = await rows<{ id: string }>(
      manager ?? this.db,
      `UPDATE sessions SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid) RETURNING id`,
      [userId, keep],
    );
    if (!manager) await this.changed();
    return ended.length;
  }

  async findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOne({ where: { email: email.toLowerCase(), active: true } });
  }
}
