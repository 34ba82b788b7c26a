import {
  type Actor,
  type AdminUser,
  type AdminUserCreateInput,
  type AdminUserListQuery,
  type AdminUserPatchInput,
  type FieldError,
  PROBLEM_TYPES,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import { rows } from '../../database/query';
import { PasswordService } from '../identity/password.service';
import { SessionsService } from '../identity/sessions.service';
import { writeAuditLog } from '../audit/security-events.service';
import { auditAdminAction } from './admin-audit';
import { isUniqueViolation, likePattern } from './organisations.service';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: AdminUser['role'];
  organisation_id: string;
  organisation_name: string;
  active: boolean;
  language: string;
  has_password: boolean;
  has_oidc: boolean;
  last_login_at: Date | string | null;
  created_at: Date | string;
}

const SELECT_USER = `
  SELECT u.id, u.email, u.name, u.role, u.organisation_id, o.name AS organisation_name, u.active, u.language,
         u.password_hash IS NOT NULL AS has_password, u.oidc_subject IS NOT NULL AS has_oidc,
         u.last_login_at, u.created_at
    FROM users u JOIN organisations o ON o.id = u.organisation_id`;

function toUser(r: UserRow): AdminUser {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    active: r.active,
    language: r.language === 'en' ? 'en' : 'nl',
    hasPassword: r.has_password,
    hasOidc: r.has_oidc,
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const notFound = () => ProblemException.notFound('Gebruiker niet gevonden.');
const emailTaken = (email: string) =>
  new ProblemException(
    409,
    PROBLEM_TYPES.conflict,
    'E-mailadres bestaat al',
    `Er is al een gebruiker met ${email}.`,
  );

/** User management for admins: every change in the audit log; a role change is a security event. */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsService,
  ) {}

  async list(query: AdminUserListQuery): Promise<{ items: AdminUser[] }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.q) {
      params.push(likePattern(query.q));
      where.push(`(u.email ILIKE $${params.length} OR u.name ILIKE $${params.length})`);
    }
    if (query.organisationId) {
      params.push(query.organisationId);
      where.push(`u.organisation_id = $${params.length}`);
    }
    params.push(query.limit);
    const found: UserRow[] = await this.db.query(
      `${SELECT_USER} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.email LIMIT $${params.length}`,
      params,
    );
    return { items: found.map(toUser) };
  }

  async create(actor: Actor, input: AdminUserCreateInput): Promise<AdminUser> {
    const email = input.email.toLowerCase();
    const errors = input.password ? this.passwords.policyErrors(input.password, email, 'password') : [];
    const passwordHash =
      input.password && errors.length === 0 ? await this.passwords.hash(input.password) : null;
    return this.db.transaction(async (manager) => {
      errors.push(...(await this.roleErrors(manager, input.role, input.organisationId)));
      if (errors.length > 0) throw ProblemException.validation(errors);
      const taken: unknown[] = await manager.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
      if (taken.length > 0) throw emailTaken(email);
      let inserted: { id: string }[];
      try {
        inserted = await rows<{ id: string }>(
          manager,
          `INSERT INTO users (email, name, password_hash, role, organisation_id, language)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [email, input.name, passwordHash, input.role, input.organisationId, input.language ?? 'nl'],
        );
      } catch (error) {
        if (isUniqueViolation(error, 'uq_users_email')) throw emailTaken(email);
        throw error;
      }
      const user = await this.load(manager, (inserted[0] as { id: string }).id);
      await auditAdminAction(manager, actor, 'user.created', { type: 'user', id: user.id }, { after: user });
      return user;
    });
  }

  async patch(actor: Actor, id: string, input: AdminUserPatchInput): Promise<AdminUser> {
    if (!isUuid(id)) throw notFound();
    const errors: FieldError[] = [];
    const updated = await this.db.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.length === 0) throw notFound();
      const before = await this.load(manager, id);
      if (id === actor.userId && ((input.role && input.role !== before.role) || input.active === false)) {
        throw new ProblemException(
          409,
          PROBLEM_TYPES.conflict,
          'Eigen account',
          'U kunt uw eigen rol niet wijzigen en uw eigen account niet blokkeren; laat een andere beheerder dat doen.',
        );
      }
      const role = input.role ?? before.role;
      const organisationId = input.organisationId ?? before.organisationId;
      if (input.role || input.organisationId)
        errors.push(...(await this.roleErrors(manager, role, organisationId)));
      if (input.password)
        errors.push(...this.passwords.policyErrors(input.password, before.email, 'password'));
      if (errors.length > 0) throw ProblemException.validation(errors);
      const sets = ['updated_at = now()'];
      const params: unknown[] = [id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (input.name !== undefined) set('name', input.name);
      if (input.role !== undefined) set('role', input.role);
      if (input.organisationId !== undefined) set('organisation_id', input.organisationId);
      if (input.active !== undefined) set('active', input.active);
      if (input.language !== undefined) set('language', input.language);
      if (input.password !== undefined) set('password_hash', await this.passwords.hash(input.password));
      await manager.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, params);
      const after = await this.load(manager, id);
      const changed = Object.keys(input).filter((k) => k !== 'password');
      await auditAdminAction(
        manager,
        actor,
        'user.updated',
        { type: 'user', id },
        {
          before: Object.fromEntries(changed.map((k) => [k, before[k as keyof AdminUser]])),
          after: {
            ...Object.fromEntries(changed.map((k) => [k, after[k as keyof AdminUser]])),
            ...(input.password ? { passwordReset: true } : {}),
          },
        },
      );
      if (before.role !== after.role || before.organisationId !== after.organisationId) {
        await writeAuditLog(manager, {
          type: before.role !== after.role ? 'user.role_changed' : 'user.organisation_changed',
          actor: { userId: actor.userId, label: `${actor.name} (${actor.organisationName})` },
          target: { type: 'user', id },
          data: {
            via: 'admin',
            before: { role: before.role, organisationId: before.organisationId },
            after: { role: after.role, organisationId: after.organisationId },
          },
        });
      }
      // Blocked or given a new password by an admin: every session of the user ends now.
      if (input.active === false || input.password) await this.sessions.revokeAllOf(id, null, manager);
      return after;
    });
    // Committed: the user's live sessions now resolve to the new role, organisation or nothing.
    await this.sessions.changed();
    return updated;
  }

  private async load(manager: EntityManager, id: string): Promise<AdminUser> {
    const found: UserRow[] = await manager.query(`${SELECT_USER} WHERE u.id = $1`, [id]);
    const row = found[0];
    if (!row) throw notFound();
    return toUser(row);
  }

  /** The organisation must exist and fit the role (a municipality user needs a municipality, a coordinator a region). */
  private async roleErrors(
    manager: EntityManager,
    role: string,
    organisationId: string,
  ): Promise<FieldError[]> {
    const found: { municipality_code: string | null; province_codes: string[] | null }[] =
      await manager.query(`SELECT municipality_code, province_codes FROM organisations WHERE id = $1`, [
        organisationId,
      ]);
    const org = found[0];
    if (!org) {
      return [
        {
          field: 'organisationId',
          code: 'unknown',
          message: 'Onbekende organisatie; kies een organisatie uit de lijst.',
        },
      ];
    }
    if (role === 'municipality' && !org.municipality_code) {
      return [
        {
          field: 'role',
          code: 'organisation_mismatch',
          message: 'Een gemeentegebruiker hoort bij een organisatie met een gemeentecode.',
        },
      ];
    }
    if (role === 'coordinator' && (org.province_codes ?? []).length === 0) {
      return [
        {
          field: 'role',
          code: 'organisation_mismatch',
          message: 'Een coördinator hoort bij een tafel met een regio (provincies).',
        },
      ];
    }
    return [];
  }
}
