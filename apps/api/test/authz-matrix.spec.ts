import { addDays, type CaseDetail, localDate } from '@doorbraak/domain';
import type { InjectOptions, Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintActionLink } from '../src/modules/links/mint';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

/*
 * The authorization matrix, generated from the OpenAPI document of the running app: every
 * operation × every demo role × in/out of the role's scope (own/other organisation, in/out of
 * region, national level or not), with the expected status from the table below. An operation
 * in OpenAPI without a row fails the test (and so does a row without an operation): a new
 * endpoint cannot ship without someone deciding who may call it.
 *
 * "in" and "out" per role (the fixture case the request targets):
 *   barendrecht (municipality GM0489, Zuid-Holland)  in: a Barendrecht case   out: an Assen case
 *   assen       (municipality GM0106, Drenthe)       in: an Assen case        out: a Barendrecht case
 *   coordinatorZh (table of Zuid-Holland, PV28)      in: a Barendrecht case   out: an Assen case
 *   liander     (party)                              in: a case where Liander is assigned (lead)   out: one where it is not
 *   national                                         in: an Assen case at the national table       out: a Barendrecht case at the woondeal table
 *   admin                                            in: a Barendrecht case   out: an Assen case (admins see all: same answer)
 *   anonymous                                        no session: 401 everywhere but the public routes
 *
 * Denials run against shared fixtures, which must be unchanged afterwards ("nothing changes");
 * every allowed write runs on a fresh fixture of its own. Out of scope is always 404, never 403
 * or 200 (existence does not leak). A 409 for an in-scope role marks a status-machine refusal
 * (the transition table answers role-not-allowed with 409, see case-status.ts).
 */

type Who = 'barendrecht' | 'assen' | 'coordinatorZh' | 'liander' | 'national' | 'admin' | 'anonymous';
const WHO: readonly Who[] = [
  'barendrecht',
  'assen',
  'coordinatorZh',
  'liander',
  'national',
  'admin',
  'anonymous',
];
type Kind = 'zh' | 'drenthe' | 'national';
const SCOPE: Record<Who, { in: Kind; out: Kind }> = {
  barendrecht: { in: 'zh', out: 'drenthe' },
  assen: { in: 'drenthe', out: 'zh' },
  coordinatorZh: { in: 'zh', out: 'drenthe' },
  liander: { in: 'zh', out: 'drenthe' },
  national: { in: 'national', out: 'zh' },
  admin: { in: 'zh', out: 'drenthe' },
  anonymous: { in: 'zh', out: 'drenthe' },
};

type Need = 'escalation' | 'paused' | 'attachment' | 'link';
interface Fixture {
  kind: Kind;
  caseId: string;
  reference: string;
  projectName: string;
  assignmentId: string;
  deadlineId: string;
  escalationId: string | null;
  attachmentId: string | null;
  linkToken: string | null;
}

/** A cell: one status for both dimensions, or [in scope, out of scope]. */
type Cell = number | readonly [number, number];
interface Req {
  method: InjectOptions['method'];
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  remoteAddress?: string;
}
interface Ctx {
  ids: Record<string, string>;
  version(caseId: string): Promise<number>;
  unique(): number;
  /** A new, open case of this kind (for bundling). */
  newCase(kind: Kind): Promise<string>;
  /** A saved view owned by this role (in), or by someone of another organisation (out). */
  view(who: Who, dim: 'in' | 'out'): Promise<string>;
}
interface Row {
  /** case: targets a fixture case in or out of scope; region: in/out without a fixture; none: once per role. */
  scope: 'case' | 'region' | 'none';
  expect: Record<Who, Cell>;
  needs?: Need[];
  /** fresh: log the role in anew for this request (login rotates, logout ends the session). */
  session?: 'fresh';
  /** row: one fresh fixture for the whole row (public link rows, where scope plays no part). */
  fixture?: 'row';
  request(f: Fixture | null, ctx: Ctx, kind: Kind, who: Who, dim: 'in' | 'out'): Req | Promise<Req>;
}

const all = (status: number, anonymous = 401): Record<Who, Cell> => ({
  barendrecht: status,
  assen: status,
  coordinatorZh: status,
  liander: status,
  national: status,
  admin: status,
  anonymous,
});
const adminOnly = (ok: number): Record<Who, Cell> => ({ ...all(403), admin: ok });
/** Readable by whoever sees the case. */
const inScope = (ok: number): Record<Who, Cell> => ({
  barendrecht: [ok, 404],
  assen: [ok, 404],
  coordinatorZh: [ok, 404],
  liander: [ok, 404],
  national: [ok, 404],
  admin: [ok, ok],
  anonymous: 401,
});
/** Only the table (coordinator in region, national at national level, admin); others in scope 403. */
const table = (ok: number, national: number = ok): Record<Who, Cell> => ({
  barendrecht: [403, 404],
  assen: [403, 404],
  coordinatorZh: [ok, 404],
  liander: [403, 404],
  national: [national, 404],
  admin: [ok, ok],
  anonymous: 401,
});

const JSON_HEADERS = {};
const caseUrl = (f: Fixture | null, rest = '') => `/api/cases/${f!.caseId}${rest}`;
const multipart = (name: string) => {
  const boundary = 'matrixgrens';
  return {
    payload:
      `--${boundary}\r\nContent-Disposition: form-data; name="visibility"\r\n\r\nshared\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n` +
      `matrix ${name}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
};

const MATRIX: Record<string, Row> = {
  // — identity —
  'GET /api/auth/methods': {
    scope: 'none',
    expect: all(200, 200),
    request: () => ({ method: 'GET', url: '/api/auth/methods' }),
  },
  'POST /api/auth/login': {
    scope: 'none',
    session: 'fresh',
    expect: all(200, 200),
    request: (_f, ctx) => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ctx.ids.loginEmail, password: ctx.ids.loginPassword },
    }),
  },
  'POST /api/auth/logout': {
    scope: 'none',
    session: 'fresh',
    expect: all(204),
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
  },
  'GET /api/auth/me': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/auth/me' }),
  },
  'POST /api/auth/password': {
    scope: 'none',
    // Authorized for everyone with a session; the wrong current password makes it a 400 that changes nothing.
    expect: all(400),
    request: () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: {
        currentPassword: 'niet-het-huidige-wachtwoord',
        newPassword: 'Een-nieuw-sterk-wachtwoord-1',
      },
    }),
  },
  // OIDC is not configured in this app: the routes exist and answer 404 to everyone.
  'GET /api/auth/oidc/login': {
    scope: 'none',
    expect: all(404, 404),
    request: () => ({ method: 'GET', url: '/api/auth/oidc/login' }),
  },
  'GET /api/auth/oidc/callback': {
    scope: 'none',
    expect: all(404, 404),
    request: () => ({ method: 'GET', url: '/api/auth/oidc/callback?code=x&state=y' }),
  },

  // — cases —
  'POST /api/cases': {
    scope: 'region',
    expect: {
      barendrecht: [201, 403],
      assen: [201, 403],
      coordinatorZh: [201, 403],
      liander: 403,
      national: 403,
      admin: 201,
      anonymous: 401,
    },
    request: (_f, _ctx, kind) => ({
      method: 'POST',
      url: '/api/cases',
      payload: caseInput({ municipalityCode: kind === 'zh' ? 'GM0489' : 'GM0106' }),
    }),
  },
  'GET /api/cases': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/cases?limit=5' }),
  },
  'GET /api/cases/{id}': {
    scope: 'case',
    expect: inScope(200),
    request: (f) => ({ method: 'GET', url: caseUrl(f) }),
  },
  'PATCH /api/cases/{id}': {
    scope: 'case',
    // The submitting municipality may edit only while `submitted`; these cases are in progress.
    expect: table(200),
    request: async (f, ctx) => ({
      method: 'PATCH',
      url: caseUrl(f),
      payload: { homesTotal: 321 },
      headers: { 'if-match': `"${await ctx.version(f!.caseId)}"` },
    }),
  },
  'POST /api/cases/{id}/transitions': {
    scope: 'case',
    expect: { ...table(200), barendrecht: [409, 404], assen: [409, 404], liander: [409, 404] },
    request: (f) => ({
      method: 'POST',
      url: caseUrl(f, '/transitions'),
      payload: { to: 'closed', reason: 'Matrix sluit' },
    }),
  },
  'GET /api/cases/{id}/events': {
    scope: 'case',
    expect: inScope(200),
    request: (f) => ({ method: 'GET', url: caseUrl(f, '/events') }),
  },
  'GET /api/cases/{id}/events/verify': {
    scope: 'case',
    // @Roles: other roles get 403 whatever the id (a constant answer: nothing leaks).
    expect: { ...table(200), barendrecht: 403, assen: 403, liander: 403 },
    request: (f) => ({ method: 'GET', url: caseUrl(f, '/events/verify') }),
  },
  'GET /api/cases/{id}/export.pdf': {
    scope: 'case',
    expect: inScope(200),
    request: (f) => ({ method: 'GET', url: caseUrl(f, '/export.pdf') }),
  },

  // — deadlines —
  'GET /api/cases/{id}/deadlines': {
    scope: 'case',
    expect: inScope(200),
    request: (f) => ({ method: 'GET', url: caseUrl(f, '/deadlines') }),
  },
  'POST /api/cases/{id}/deadlines/{deadlineId}/pause': {
    scope: 'case',
    expect: table(200),
    request: (f) => ({
      method: 'POST',
      url: caseUrl(f, `/deadlines/${f!.deadlineId}/pause`),
      payload: { reason: 'Matrix pauzeert', maxWorkingDays: 10 },
    }),
  },
  'POST /api/cases/{id}/deadlines/{deadlineId}/resume': {
    scope: 'case',
    needs: ['paused'],
    expect: table(200),
    request: (f) => ({ method: 'POST', url: caseUrl(f, `/deadlines/${f!.deadlineId}/resume`) }),
  },
  'POST /api/cases/{id}/deadlines/{deadlineId}/extend': {
    scope: 'case',
    expect: table(200),
    request: (f) => ({
      method: 'POST',
      url: caseUrl(f, `/deadlines/${f!.deadlineId}/extend`),
      payload: { workingDays: 3, reason: 'Matrix verlengt' },
    }),
  },

  // — assignments and links —
  'POST /api/cases/{id}/assignments': {
    scope: 'case',
    expect: table(201),
    request: (f, ctx) => ({
      method: 'POST',
      url: caseUrl(f, '/assignments'),
      payload: {
        organisationId: ctx.ids.stedin,
        role: 'informed',
        requestedAction: 'Matrix: ter informatie.',
      },
    }),
  },
  'PATCH /api/cases/{id}/assignments/{assignmentId}': {
    scope: 'case',
    // The assigned party reports on its own action; the zh case's assignment is Liander's.
    expect: { ...table(200), liander: [200, 404] },
    request: (f) => ({
      method: 'PATCH',
      url: caseUrl(f, `/assignments/${f!.assignmentId}`),
      payload: { actionStatus: 'in_progress' },
    }),
  },
  'DELETE /api/cases/{id}/assignments/{assignmentId}': {
    scope: 'case',
    expect: table(204),
    request: (f) => ({ method: 'DELETE', url: caseUrl(f, `/assignments/${f!.assignmentId}`) }),
  },
  'DELETE /api/cases/{id}/assignments/{assignmentId}/links': {
    scope: 'case',
    needs: ['link'],
    expect: table(200),
    request: (f) => ({ method: 'DELETE', url: caseUrl(f, `/assignments/${f!.assignmentId}/links`) }),
  },
  'GET /api/links/{token}': {
    scope: 'none',
    fixture: 'row',
    needs: ['link'],
    // Public: the token is the credential; the session (if any) plays no part.
    expect: all(200, 200),
    request: (f) => ({ method: 'GET', url: `/api/links/${f!.linkToken}` }),
  },
  'POST /api/links/{token}/response': {
    scope: 'none',
    fixture: 'row',
    needs: ['link'],
    // Public and single-use: whoever holds the token answers once (the first cell, whatever the
    // session); every later answer with the same token is a replay (409 …/link-used).
    expect: { ...all(409, 409), barendrecht: 200 },
    request: (f) => ({
      method: 'POST',
      url: `/api/links/${f!.linkToken}/response`,
      payload: { actionStatus: 'in_progress', note: 'Matrix-antwoord' },
    }),
  },

  // — escalations and breakthroughs —
  'POST /api/cases/{id}/escalations': {
    scope: 'case',
    // The national case already has an open escalation: 409 open-escalation-exists.
    expect: table(201, 409),
    request: (f) => ({
      method: 'POST',
      url: caseUrl(f, '/escalations'),
      payload: { toLevel: 'ministerial_taskforce', question: 'Matrix: kan de taskforce helpen?' },
    }),
  },
  'PATCH /api/cases/{id}/escalations/{escalationId}': {
    scope: 'case',
    needs: ['escalation'],
    expect: table(200),
    request: (f) => ({
      method: 'PATCH',
      url: caseUrl(f, `/escalations/${f!.escalationId}`),
      payload: { outcome: 'returned', note: 'Matrix: terug naar de tafel.' },
    }),
  },
  'POST /api/cases/{id}/breakthrough': {
    scope: 'case',
    expect: table(201),
    request: (f) => ({
      method: 'POST',
      url: caseUrl(f, '/breakthrough'),
      payload: {
        date: localDate(new Date()),
        homesUnblocked: 12,
        solutionType: 'other',
        narrative: 'Matrix-doorbraak.',
        partiesCredited: [],
      },
    }),
  },
  'GET /api/breakthroughs': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/breakthroughs' }),
  },

  // — comments and attachments —
  'GET /api/cases/{id}/comments': {
    scope: 'case',
    expect: inScope(200),
    request: (f) => ({ method: 'GET', url: caseUrl(f, '/comments') }),
  },
  'POST /api/cases/{id}/comments': {
    scope: 'case',
    expect: inScope(201),
    request: (f) => ({
      method: 'POST',
      url: caseUrl(f, '/comments'),
      payload: { body: 'Matrix-opmerking', visibility: 'shared' },
    }),
  },
  'GET /api/cases/{id}/attachments': {
    scope: 'case',
    expect: inScope(200),
    request: (f) => ({ method: 'GET', url: caseUrl(f, '/attachments') }),
  },
  'POST /api/cases/{id}/attachments': {
    scope: 'case',
    expect: inScope(201),
    request: (f) => ({ method: 'POST', url: caseUrl(f, '/attachments'), ...multipart('matrix.txt') }),
  },
  'GET /api/cases/{id}/attachments/{attachmentId}/content': {
    scope: 'case',
    needs: ['attachment'],
    expect: inScope(200),
    request: (f) => ({ method: 'GET', url: caseUrl(f, `/attachments/${f!.attachmentId}/content`) }),
  },

  // — master data and admin —
  'GET /api/organisations': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/organisations' }),
  },
  'POST /api/organisations': {
    scope: 'none',
    expect: adminOnly(201),
    request: (_f, ctx) => ({
      method: 'POST',
      url: '/api/organisations',
      payload: { name: `Matrix organisatie ${ctx.unique()}`, type: 'housing_corporation' },
    }),
  },
  'PATCH /api/organisations/{id}': {
    scope: 'none',
    expect: adminOnly(200),
    request: (_f, ctx) => ({
      method: 'PATCH',
      url: `/api/organisations/${ctx.ids.organisation}`,
      payload: { note: 'Matrix' },
    }),
  },
  'GET /api/regions': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/regions' }),
  },
  'POST /api/regions': {
    scope: 'none',
    expect: adminOnly(201),
    request: (_f, ctx) => ({
      method: 'POST',
      url: '/api/regions',
      payload: { name: `Matrix regio ${ctx.unique()}`, municipalityCodes: ['GM0489'] },
    }),
  },
  'PATCH /api/regions/{id}': {
    scope: 'none',
    expect: adminOnly(200),
    request: (_f, ctx) => ({
      method: 'PATCH',
      url: `/api/regions/${ctx.ids.region}`,
      payload: { membersToConfirm: true },
    }),
  },
  'GET /api/admin/users': {
    scope: 'none',
    expect: adminOnly(200),
    request: () => ({ method: 'GET', url: '/api/admin/users' }),
  },
  'POST /api/admin/users': {
    scope: 'none',
    expect: adminOnly(201),
    request: (_f, ctx) => ({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        email: `matrix${ctx.unique()}@partij.example`,
        name: 'Matrix',
        role: 'party',
        organisationId: ctx.ids.liander,
      },
    }),
  },
  'PATCH /api/admin/users/{id}': {
    scope: 'none',
    expect: adminOnly(200),
    request: (_f, ctx) => ({
      method: 'PATCH',
      url: `/api/admin/users/${ctx.ids.user}`,
      payload: { name: 'Matrix gewijzigd' },
    }),
  },
  'GET /api/admin/knelpunt-types': {
    scope: 'none',
    expect: adminOnly(200),
    request: () => ({ method: 'GET', url: '/api/admin/knelpunt-types' }),
  },
  'PATCH /api/admin/knelpunt-types/{code}': {
    scope: 'none',
    expect: adminOnly(200),
    request: () => ({
      method: 'PATCH',
      url: '/api/admin/knelpunt-types/municipal_capacity',
      payload: { note: 'Matrix' },
    }),
  },
  'GET /api/admin/deadline-policies': {
    scope: 'none',
    expect: adminOnly(200),
    request: () => ({ method: 'GET', url: '/api/admin/deadline-policies' }),
  },
  'POST /api/admin/deadline-policies': {
    scope: 'none',
    // One policy per combination: the admin's one allowed create takes the only free knelpunt here.
    expect: adminOnly(201),
    request: () => ({
      method: 'POST',
      url: '/api/admin/deadline-policies',
      payload: {
        kind: 'assignment',
        knelpuntCode: 'municipal_capacity',
        budgetWorkingDays: 20,
        maxExtensionWorkingDays: 10,
      },
    }),
  },
  'PATCH /api/admin/deadline-policies/{id}': {
    scope: 'none',
    expect: adminOnly(200),
    request: (_f, ctx) => ({
      method: 'PATCH',
      url: `/api/admin/deadline-policies/${ctx.ids.policy}`,
      payload: { maxPauseWorkingDays: 60 },
    }),
  },
  'GET /api/admin/holidays': {
    scope: 'none',
    expect: adminOnly(200),
    request: () => ({ method: 'GET', url: '/api/admin/holidays?year=2027' }),
  },
  'PUT /api/admin/holidays/{date}': {
    scope: 'none',
    expect: adminOnly(200),
    request: () => ({
      method: 'PUT',
      url: '/api/admin/holidays/2027-12-25',
      payload: { name: 'Eerste Kerstdag', active: true },
    }),
  },
  'GET /api/admin/audit-log': {
    scope: 'none',
    expect: adminOnly(200),
    request: () => ({ method: 'GET', url: '/api/admin/audit-log' }),
  },
  'GET /api/admin/deliveries': {
    scope: 'none',
    expect: adminOnly(200),
    request: () => ({ method: 'GET', url: '/api/admin/deliveries' }),
  },
  'POST /api/admin/deliveries/{id}/resend': {
    scope: 'none',
    // A failed delivery made for the matrix; deliveries.spec.ts follows a resend through to the SMTP server.
    expect: adminOnly(202),
    request: (_f, ctx) => ({ method: 'POST', url: `/api/admin/deliveries/${ctx.ids.delivery}/resend` }),
  },
  'GET /api/dev/mailbox': {
    scope: 'none',
    expect: adminOnly(200),
    request: () => ({ method: 'GET', url: '/api/dev/mailbox' }),
  },

  // — reference data, health —
  'GET /api/reference/provinces': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/reference/provinces' }),
  },
  'GET /api/reference/municipalities': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/reference/municipalities' }),
  },
  'GET /api/reference/knelpunt-types': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/reference/knelpunt-types' }),
  },
  'GET /api/reference/levels': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/reference/levels' }),
  },
  'GET /api/reference/party-types': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/reference/party-types' }),
  },
  'GET /api/health': {
    scope: 'none',
    expect: all(200, 200),
    request: () => ({ method: 'GET', url: '/api/health' }),
  },
  'GET /api/health/ready': {
    scope: 'none',
    expect: all(200, 200),
    request: () => ({ method: 'GET', url: '/api/health/ready' }),
  },

  // — insight (dashboards, systemic knelpunten, exports, saved views) —
  'GET /api/insight/dashboard': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/insight/dashboard' }),
  },
  'GET /api/insight/systemic-blockers': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/insight/systemic-blockers' }),
  },
  'POST /api/insight/systemic-knelpunten': {
    scope: 'region',
    // @Roles(coordinator, admin); bundling a case outside the scope is 404.
    expect: { ...adminOnly(201), coordinatorZh: [201, 404] },
    request: async (_f, ctx, kind) => ({
      method: 'POST',
      url: '/api/insight/systemic-knelpunten',
      payload: {
        title: `Matrix-bundel ${ctx.unique()}`,
        knelpuntType: 'grid_congestion',
        caseIds: [await ctx.newCase(kind), await ctx.newCase(kind)],
        question: 'Matrix: landelijk oppakken?',
      },
    }),
  },
  'GET /api/insight/systemic-knelpunten': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/insight/systemic-knelpunten' }),
  },
  'GET /api/insight/systemic-knelpunten/{id}': {
    scope: 'region',
    // A systemic knelpunt is a case at the national table, in the municipality of its largest bundled case.
    expect: { ...inScope(200), liander: 404, national: 200 },
    request: (_f, ctx, kind) => ({
      method: 'GET',
      url: `/api/insight/systemic-knelpunten/${kind === 'zh' ? ctx.ids.systemicZh : ctx.ids.systemicDrenthe}`,
    }),
  },
  'GET /api/exports/cases.csv': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/exports/cases.csv' }),
  },
  'GET /api/exports/cases.xlsx': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/exports/cases.xlsx' }),
  },
  'GET /api/exports/progress-report.pdf': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/exports/progress-report.pdf' }),
  },
  'GET /api/views': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/views' }),
  },
  'POST /api/views': {
    scope: 'none',
    expect: all(201),
    request: (_f, ctx) => ({
      method: 'POST',
      url: '/api/views',
      payload: { name: `Matrix-weergave ${ctx.unique()}`, filters: { status: 'in_progress' } },
    }),
  },
  'DELETE /api/views/{id}': {
    scope: 'region',
    // Own view: deleted; a view of another organisation is not even visible (404), also to admins.
    expect: { ...inScope(204), admin: [204, 404] },
    request: async (_f, ctx, _kind, who, dim) => ({
      method: 'DELETE',
      url: `/api/views/${await ctx.view(who, dim)}`,
    }),
  },
  'GET /api/views/{id}/cases': {
    scope: 'region',
    expect: { ...inScope(200), admin: [200, 404] },
    request: async (_f, ctx, _kind, who, dim) => ({
      method: 'GET',
      url: `/api/views/${await ctx.view(who, dim)}/cases`,
    }),
  },

  // — metrics (the infra module): from outside loopback only admins (or the METRICS_TOKEN) —
  'GET /api/metrics': {
    scope: 'none',
    expect: { ...adminOnly(200), anonymous: 403 },
    request: () => ({ method: 'GET', url: '/api/metrics', remoteAddress: '192.0.2.10' }),
  },

  // — my work —
  'GET /api/me/work': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/me/work' }),
  },
  'GET /api/me/profile': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'GET', url: '/api/me/profile' }),
  },
  'PATCH /api/me/profile': {
    scope: 'none',
    expect: all(200),
    request: () => ({ method: 'PATCH', url: '/api/me/profile', payload: { language: 'nl' } }),
  },
};

/** The methods OpenAPI lists under a path. */
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

describe('authorization matrix (generated from OpenAPI)', () => {
  let t: TestApp;
  let agents: Record<Exclude<Who, 'anonymous'>, Agent>;
  let admin: Agent;
  let operations: string[] = [];
  const ids: Record<string, string> = {};
  let counter = 0;
  const ctx: Ctx = {
    ids,
    unique: () => {
      counter += 1;
      return counter;
    },
    async version(caseId) {
      const found: { version: number }[] = await t.db.query(`SELECT version FROM cases WHERE id = $1`, [
        caseId,
      ]);
      return found[0]?.version ?? 0;
    },
    async newCase(kind) {
      const submitter = kind === 'zh' ? agents.barendrecht : agents.assen;
      const created = await submitter.post(
        '/api/cases',
        caseInput({ municipalityCode: kind === 'zh' ? 'GM0489' : 'GM0106' }),
      );
      expect(created.statusCode, created.body).toBe(201);
      return created.json<{ id: string }>().id;
    },
    async view(who, dim) {
      const owner: Exclude<Who, 'anonymous'> =
        dim === 'in' && who !== 'anonymous' ? who : who === 'barendrecht' ? 'assen' : 'barendrecht';
      const created = await agents[owner].post('/api/views', {
        name: `Matrix-weergave ${ctx.unique()}`,
        filters: { status: 'in_progress' },
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json<{ id: string }>().id;
    },
  };

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' });
    agents = {
      barendrecht: await t.login(DEMO.barendrecht),
      assen: await t.login(DEMO.assen),
      coordinatorZh: await t.login(DEMO.coordinatorZh),
      liander: await t.login(DEMO.liander),
      national: await t.login(DEMO.national),
      admin: await t.login(DEMO.admin),
    };
    admin = agents.admin;
    const org = async (name: string) =>
      (await t.db.query<{ id: string }[]>(`SELECT id FROM organisations WHERE name = $1`, [name]))[0]!.id;
    ids.liander = await org('Liander');
    ids.stedin = await org('Stedin');
    ids.drenthe = await org('Provincie Drenthe');
    ids.organisation = (
      await admin.post('/api/organisations', { name: 'Matrix doelorganisatie', type: 'housing_corporation' })
    ).json<{ id: string }>().id;
    ids.region = (
      await admin.post('/api/regions', { name: 'Matrix doelregio', municipalityCodes: ['GM0106'] })
    ).json<{
      id: string;
    }>().id;
    ids.loginEmail = 'matrix.login@partij.example';
    ids.loginPassword = 'Matrix-inlog-wachtwoord-2026';
    ids.user = (
      await admin.post('/api/admin/users', {
        email: ids.loginEmail,
        name: 'Matrix login',
        role: 'party',
        organisationId: ids.liander,
        password: ids.loginPassword,
      })
    ).json<{ id: string }>().id;
    ids.policy = (
      await t.db.query<{ id: string }[]>(`SELECT id FROM deadline_policies WHERE kind = 'triage' LIMIT 1`)
    )[0]!.id;
    ids.delivery = (
      await t.db.query<{ id: string }[]>(
        `INSERT INTO deliveries (dedupe_key, kind, recipient_email, reason, payload, status, attempts, last_error)
         VALUES ('matrix:failed', 'reminder', 'matrix.kapot@partij.example', 'matrix', '{}', 'failed', 5, 'SMTP 550')
         RETURNING id`,
      )
    )[0]!.id;
    // Systemic knelpunten: one bundling two Barendrecht cases, one bundling two Assen cases.
    const bundle = async (agent: Agent, kind: Kind) => {
      const r = await agent.post('/api/insight/systemic-knelpunten', {
        title: `Matrix-systemisch ${kind}`,
        knelpuntType: 'grid_congestion',
        caseIds: [await ctx.newCase(kind), await ctx.newCase(kind)],
        question: 'Matrix: landelijk oppakken?',
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ id: string }>().id;
    };
    ids.systemicZh = await bundle(agents.coordinatorZh, 'zh');
    ids.systemicDrenthe = await bundle(admin, 'drenthe');
    const doc = (await t.request({ method: 'GET', url: '/api/docs-json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => (METHODS as readonly string[]).includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  // — fixtures —
  let fixtureCount = 0;
  async function makeFixture(kind: Kind, needs: Need[] = []): Promise<Fixture> {
    fixtureCount += 1;
    const n = fixtureCount;
    const submitter = kind === 'zh' ? agents.barendrecht : agents.assen;
    const projectName = `Matrixproject ${kind} ${n}`;
    const created = await submitter.post(
      '/api/cases',
      caseInput({
        municipalityCode: kind === 'zh' ? 'GM0489' : 'GM0106',
        projectName,
        description: `Matrix-toelichting ${n}`,
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json<CaseDetail>();
    const step = async (r: Promise<Response>, status: number) => {
      const response = await r;
      expect(response.statusCode, response.body).toBe(status);
      return response;
    };
    await step(admin.post(`/api/cases/${c.id}/transitions`, { to: 'accepted' }), 200);
    await step(admin.post(`/api/cases/${c.id}/transitions`, { to: 'in_progress' }), 200);
    const contact = `matrix-contact-${n}@partij.example`;
    const assignment = (
      await step(
        admin.post(`/api/cases/${c.id}/assignments`, {
          organisationId: kind === 'zh' ? ids.liander : ids.drenthe,
          role: 'lead',
          requestedAction: 'Matrix-actie.',
          contacts: [{ email: contact }],
          dueDate: addDays(localDate(new Date()), 20),
        }),
        201,
      )
    ).json<{ id: string }>();
    let escalationId: string | null = null;
    if (kind === 'national' || needs.includes('escalation')) {
      const opened = await step(
        admin.post(`/api/cases/${c.id}/escalations`, {
          toLevel: kind === 'national' ? 'national_table' : 'regional_table',
          question: 'Matrix: opschalen?',
        }),
        201,
      );
      escalationId = opened.json<{ id: string }>().id;
    }
    const detail = (await admin.get(`/api/cases/${c.id}`)).json<CaseDetail>();
    const deadline = detail.deadlines.find(
      (d) => d.kind === 'assignment' && d.assignmentId === assignment.id,
    )!;
    if (needs.includes('paused')) {
      await step(
        admin.post(`/api/cases/${c.id}/deadlines/${deadline.id}/pause`, {
          reason: 'Matrix pauzeert',
          maxWorkingDays: 10,
        }),
        200,
      );
    }
    let attachmentId: string | null = null;
    if (needs.includes('attachment')) {
      attachmentId = (
        await step(
          admin.request({
            method: 'POST',
            url: `/api/cases/${c.id}/attachments`,
            ...multipart('fixture.txt'),
          }),
          201,
        )
      ).json<{ id: string }>().id;
    }
    let linkToken: string | null = null;
    if (needs.includes('link')) {
      linkToken = (
        await t.db.transaction((m) =>
          mintActionLink(m, { caseId: c.id, assignmentId: assignment.id, contactEmail: contact }, 14),
        )
      ).token;
    }
    return {
      kind,
      caseId: c.id,
      reference: c.reference,
      projectName,
      assignmentId: assignment.id,
      deadlineId: deadline.id,
      escalationId,
      attachmentId,
      linkToken,
    };
  }

  /** Shared fixtures for denials and reads, one set per combination of needs. */
  const shared = new Map<string, Promise<Record<Kind, Fixture>>>();
  function sharedSet(needs: Need[] = []): Promise<Record<Kind, Fixture>> {
    const key = [...needs].sort().join(',');
    let set = shared.get(key);
    if (!set) {
      set = (async () => ({
        zh: await makeFixture('zh', needs),
        drenthe: await makeFixture('drenthe', needs),
        national: await makeFixture('national', needs),
      }))();
      shared.set(key, set);
    }
    return set;
  }

  /** Everything a denial must leave as it was. */
  async function snapshot(caseId: string): Promise<unknown> {
    const [row] = await t.db.query<unknown[]>(
      `SELECT c.version, c.status, c.level_code, c.homes_total,
              (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id) AS events,
              (SELECT count(*)::int FROM case_comments m WHERE m.case_id = c.id) AS comments,
              (SELECT count(*)::int FROM case_attachments a WHERE a.case_id = c.id) AS attachments,
              (SELECT json_agg(json_build_object('id', a.id, 'v', a.version, 'removed', a.removed_at IS NOT NULL, 's', a.action_status) ORDER BY a.id)
                 FROM case_assignments a WHERE a.case_id = c.id) AS assignments,
              (SELECT json_agg(json_build_object('id', e.id, 'outcome', e.outcome) ORDER BY e.id) FROM case_escalations e WHERE e.case_id = c.id) AS escalations,
              (SELECT json_agg(json_build_object('id', d.id, 'v', d.version, 's', d.state) ORDER BY d.id) FROM deadlines d WHERE d.case_id = c.id) AS deadlines,
              (SELECT count(*)::int FROM action_links l WHERE l.case_id = c.id AND l.revoked_at IS NULL) AS links,
              (SELECT count(*)::int FROM case_breakthroughs b WHERE b.case_id = c.id) AS breakthroughs
         FROM cases c WHERE c.id = $1`,
      [caseId],
    );
    return row;
  }

  async function send(who: Who, req: Req, fresh: boolean): Promise<Response> {
    const options: InjectOptions & { csrf?: boolean } = {
      method: req.method,
      url: req.url,
      ...(req.payload !== undefined ? { payload: req.payload as InjectOptions['payload'] } : {}),
      headers: { ...JSON_HEADERS, ...(req.headers ?? {}) },
      ...(req.remoteAddress ? { remoteAddress: req.remoteAddress } : {}),
    };
    if (who === 'anonymous') return t.request(options);
    const agent = fresh ? await t.login(DEMO[who]) : agents[who];
    return agent.request(options);
  }

  const cellOf = (row: Row, who: Who, dim: 'in' | 'out'): number => {
    const cell = row.expect[who];
    return typeof cell === 'number' ? cell : dim === 'in' ? cell[0] : cell[1];
  };
  const ok = (status: number) => status >= 200 && status < 300;

  function checkAnswer(
    op: string,
    who: Who,
    dim: string,
    expected: number,
    response: Response,
    f: Fixture | null,
  ) {
    const where = `${op} as ${who} (${dim})`;
    expect(response.statusCode, `${where}: ${response.body.slice(0, 300)}`).toBe(expected);
    if (!ok(expected)) {
      expect(response.headers['content-type'], where).toMatch(/^application\/problem\+json/);
      if (f) {
        // A refusal tells nothing about the case it refused.
        expect(response.body, where).not.toContain(f.projectName);
        expect(response.body, where).not.toContain(f.reference);
        expect(response.body, where).not.toContain(`Matrix-toelichting`);
      }
    }
  }

  it('has a row for every operation in OpenAPI, and an operation for every row', () => {
    const missing = operations.filter((op) => !(op in MATRIX));
    const stale = Object.keys(MATRIX).filter((op) => !operations.includes(op));
    expect(missing, 'operations without a row in the authorization matrix').toEqual([]);
    expect(stale, 'matrix rows for operations that no longer exist').toEqual([]);
  });

  it('answers every operation × role × scope as the matrix says; refusals change nothing and leak nothing', async () => {
    const failures: string[] = [];
    const attempt = async (label: string, run: () => Promise<void>) => {
      try {
        await run();
      } catch (error) {
        failures.push(`${label}: ${(error as Error).message.split('\n')[0]}`);
      }
    };
    for (const op of operations) {
      const row = MATRIX[op];
      if (!row) continue;
      const isRead = op.startsWith('GET ');
      if (row.scope === 'none') {
        const f = row.fixture === 'row' || row.needs ? await makeFixture('zh', row.needs) : null;
        for (const who of WHO) {
          const expected = cellOf(row, who, 'in');
          await attempt(`${op} as ${who}`, async () => {
            const response = await send(
              who,
              await row.request(f, ctx, 'zh', who, 'in'),
              row.session === 'fresh',
            );
            checkAnswer(op, who, '-', expected, response, null);
          });
        }
        continue;
      }
      if (row.scope === 'region') {
        for (const who of WHO) {
          for (const dim of ['in', 'out'] as const) {
            const kind = SCOPE[who][dim];
            await attempt(`${op} as ${who} (${dim})`, async () => {
              const response = await send(who, await row.request(null, ctx, kind, who, dim), false);
              checkAnswer(op, who, dim, cellOf(row, who, dim), response, null);
            });
          }
        }
        continue;
      }
      // scope: case — denials (and reads) on the shared fixtures first, then each allowed write on a fresh one.
      const set = await sharedSet(row.needs);
      const before = await Promise.all(
        (['zh', 'drenthe', 'national'] as const).map((k) => snapshot(set[k].caseId)),
      );
      const deferred: { who: Who; dim: 'in' | 'out'; expected: number }[] = [];
      for (const who of WHO) {
        for (const dim of ['in', 'out'] as const) {
          const expected = cellOf(row, who, dim);
          if (!isRead && ok(expected)) {
            deferred.push({ who, dim, expected });
            continue;
          }
          const f = set[SCOPE[who][dim]];
          await attempt(`${op} as ${who} (${dim})`, async () => {
            const response = await send(who, await row.request(f, ctx, f.kind, who, dim), false);
            checkAnswer(op, who, dim, expected, response, f);
          });
        }
      }
      if (!isRead) {
        const after = await Promise.all(
          (['zh', 'drenthe', 'national'] as const).map((k) => snapshot(set[k].caseId)),
        );
        await attempt(`${op}: refusals changed nothing`, () => {
          expect(after).toEqual(before);
          return Promise.resolve();
        });
      }
      for (const d of deferred) {
        const f = await makeFixture(SCOPE[d.who][d.dim], row.needs);
        await attempt(`${op} as ${d.who} (${d.dim}, fresh)`, async () => {
          const response = await send(d.who, await row.request(f, ctx, f.kind, d.who, d.dim), false);
          checkAnswer(op, d.who, d.dim, d.expected, response, f);
        });
      }
    }
    expect(failures).toEqual([]);
  });

  it('cannot reach a nested resource of another case through a case in scope', async () => {
    const set = await sharedSet(['escalation', 'attachment', 'link']);
    const own = set.zh;
    const other = set.drenthe;
    const coordinator = agents.coordinatorZh;
    const before = await snapshot(other.caseId);
    const attempts: [InjectOptions['method'], string, InjectOptions['payload']?][] = [
      ['PATCH', `/api/cases/${own.caseId}/assignments/${other.assignmentId}`, { actionStatus: 'done' }],
      ['DELETE', `/api/cases/${own.caseId}/assignments/${other.assignmentId}`],
      ['DELETE', `/api/cases/${own.caseId}/assignments/${other.assignmentId}/links`],
      [
        'POST',
        `/api/cases/${own.caseId}/deadlines/${other.deadlineId}/extend`,
        { workingDays: 2, reason: 'Andermans klok' },
      ],
      [
        'PATCH',
        `/api/cases/${own.caseId}/escalations/${other.escalationId}`,
        { outcome: 'returned', note: 'Niet van ons' },
      ],
      ['GET', `/api/cases/${own.caseId}/attachments/${other.attachmentId}/content`],
    ];
    for (const [method, url, payload] of attempts) {
      const response = await coordinator.request({
        method,
        url,
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(await snapshot(other.caseId)).toEqual(before);
  });

  it('lists and counts only what each role may see (an independent oracle in SQL)', async () => {
    const ORACLE: Record<Exclude<Who, 'anonymous'>, string> = {
      barendrecht: `c.municipality_code = 'GM0489'`,
      assen: `c.municipality_code = 'GM0106'`,
      coordinatorZh: `c.province_code = 'PV28'`,
      liander: `EXISTS (SELECT 1 FROM case_assignments a JOIN organisations o ON o.id = a.organisation_id
                         WHERE a.case_id = c.id AND a.removed_at IS NULL AND o.name = 'Liander')`,
      national: `(SELECT rank FROM escalation_levels l WHERE l.code = c.level_code) >= 3`,
      admin: 'TRUE',
    };
    for (const who of Object.keys(ORACLE) as Exclude<Who, 'anonymous'>[]) {
      const agent = agents[who];
      const expected = new Set(
        (await t.db.query<{ id: string }[]>(`SELECT c.id FROM cases c WHERE ${ORACLE[who]}`)).map(
          (r) => r.id,
        ),
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Response = await agent.get(`/api/cases?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.statusCode).toBe(200);
        const body = page.json<{ items: { id: string }[]; nextCursor: string | null }>();
        seen.push(...body.items.map((i) => i.id));
        cursor = body.nextCursor;
      } while (cursor);
      expect(
        seen.filter((id) => !expected.has(id)),
        `${who}: cases outside the scope`,
      ).toEqual([]);
      expect(seen.length, `${who}: every case in scope`).toBe(expected.size);

      const breakthroughs = (await agent.get('/api/breakthroughs?limit=200')).json<{
        items: { caseId: string }[];
        count: number;
        totalHomesUnblocked: number;
      }>();
      const [totals] = await t.db.query<{ count: number; homes: number }[]>(
        `SELECT count(*)::int AS count, coalesce(sum(b.homes_unblocked), 0)::int AS homes
           FROM case_breakthroughs b JOIN cases c ON c.id = b.case_id WHERE b.current AND ${ORACLE[who]}`,
      );
      expect(
        breakthroughs.items.filter((b) => !expected.has(b.caseId)),
        `${who}: breakthroughs`,
      ).toEqual([]);
      expect(
        { count: breakthroughs.count, homes: breakthroughs.totalHomesUnblocked },
        `${who}: breakthrough totals`,
      ).toEqual({
        count: totals!.count,
        homes: totals!.homes,
      });

      // Exports: every case reference in the CSV is in scope.
      const csv = await agent.get('/api/exports/cases.csv');
      expect(csv.statusCode).toBe(200);
      const references = new Set(
        (await t.db.query<{ reference: string; id: string }[]>(`SELECT id, reference FROM cases`))
          .filter((r) => expected.has(r.id))
          .map((r) => r.reference),
      );
      const exported = [...csv.body.matchAll(/DB-\d{4}-\d{4,}/g)].map((m) => m[0]);
      expect(
        exported.filter((r) => !references.has(r)),
        `${who}: CSV export`,
      ).toEqual([]);
      // The dashboard counts only open cases in scope.
      const dashboard = (await agent.get('/api/insight/dashboard')).json<{ totals: { openCases: number } }>();
      const [open] = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM cases c WHERE c.status IN ('submitted', 'accepted', 'in_progress', 'escalated', 'reopened') AND ${ORACLE[who]}`,
      );
      expect(dashboard.totals.openCases, `${who}: dashboard open cases`).toBeLessThanOrEqual(open!.n);

      const work = (await agent.get('/api/me/work')).json<
        Record<'overdue' | 'dueSoon' | 'open', { caseId: string }[]>
      >();
      const items = [...work.overdue, ...work.dueSoon, ...work.open];
      expect(
        items.filter((i) => !expected.has(i.caseId)),
        `${who}: my work`,
      ).toEqual([]);
    }
  });
});
