import type { EntityManager } from 'typeorm';

export interface Recipient {
  email: string;
  userId: string | null;
  language: 'nl' | 'en';
  /** immediate | digest (contacts without an account are always immediate). */
  mode: 'immediate' | 'digest';
  reason: string;
  /**
   * For an assignment contact without an account: the email carries a signed action link for
   * this assignment (minted when the email is sent, see OutboxService.send).
   */
  actionLink?: { assignmentId: string };
}

export interface ReminderContext {
  deadlineId: string;
  kind: 'triage' | 'assignment' | 'level_decision';
  threshold: string;
  caseId: string;
  caseReference: string;
  projectName: string;
  provinceCode: string;
  provinceName: string;
  dueDate: string | null;
  assignmentId: string | null;
  assignmentOrganisationId: string | null;
  assignmentOrganisationName: string | null;
  requestedAction: string | null;
  contacts: { name?: string; email: string }[];
  escalationOwnerId: string | null;
  escalationToLevel: string | null;
}

type UserRow = { id: string; email: string; language: string; notification_mode: string };

const asRecipient = (u: UserRow, reason: string): Recipient => ({
  email: u.email.toLowerCase(),
  userId: u.id,
  language: u.language === 'en' ? 'en' : 'nl',
  mode: u.notification_mode === 'digest' ? 'digest' : 'immediate',
  reason,
});

/**
 * The people reminders can go to, read in bulk for a whole batch of reminders (one query per kind
 * of lookup instead of several per reminder), then resolved per reminder without the database.
 */
export class RecipientDirectory {
  private constructor(
    private readonly coordinatorsByProvince: Map<string, UserRow[]>,
    private readonly admins: UserRow[],
    private readonly national: UserRow[],
    private readonly usersByOrganisation: Map<string, UserRow[]>,
    private readonly usersByEmail: Map<string, UserRow>,
  ) {}

  static async load(
    manager: EntityManager,
    contexts: Pick<
      ReminderContext,
      'provinceCode' | 'contacts' | 'assignmentOrganisationId' | 'escalationOwnerId' | 'escalationToLevel'
    >[],
  ): Promise<RecipientDirectory> {
    const provinces = [...new Set(contexts.map((c) => c.provinceCode))];
    const organisations = [
      ...new Set(
        contexts
          .flatMap((c) => [c.assignmentOrganisationId, c.escalationOwnerId])
          .filter((o): o is string => !!o),
      ),
    ];
    const emails = [...new Set(contexts.flatMap((c) => c.contacts.map((ct) => ct.email.toLowerCase())))];
    const needsNational = contexts.some(
      (c) => c.escalationToLevel === 'national_table' || c.escalationToLevel === 'ministerial_taskforce',
    );
    // One query per kind of lookup, in turn (a transaction's connection runs one statement at a time).
    const coordinators: (UserRow & { province_code: string })[] =
      provinces.length > 0
        ? await manager.query(
            `SELECT u.id, u.email, u.language, u.notification_mode, p.code AS province_code
               FROM users u JOIN organisations o ON o.id = u.organisation_id, unnest(o.province_codes) p(code)
              WHERE u.active AND u.role = 'coordinator' AND p.code = ANY($1::text[]) ORDER BY u.email`,
            [provinces],
          )
        : [];
    const admins: UserRow[] = await manager.query(
      `SELECT id, email, language, notification_mode FROM users WHERE active AND role = 'admin' ORDER BY email`,
    );
    const national: UserRow[] = needsNational
      ? await manager.query(
          `SELECT id, email, language, notification_mode FROM users WHERE active AND role = 'national' ORDER BY email`,
        )
      : [];
    const orgUsers: (UserRow & { organisation_id: string })[] =
      organisations.length > 0
        ? await manager.query(
            `SELECT id, email, language, notification_mode, organisation_id FROM users
              WHERE active AND organisation_id = ANY($1::uuid[]) ORDER BY email`,
            [organisations],
          )
        : [];
    const accounts: UserRow[] =
      emails.length > 0
        ? await manager.query(
            `SELECT id, email, language, notification_mode FROM users WHERE active AND email = ANY($1::text[])`,
            [emails],
          )
        : [];
    const group = <T>(list: T[], key: (item: T) => string) => {
      const map = new Map<string, T[]>();
      for (const item of list) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
      return map;
    };
    return new RecipientDirectory(
      group(coordinators, (u) => u.province_code),
      admins,
      national,
      group(orgUsers, (u) => u.organisation_id),
      new Map(accounts.map((a) => [a.email.toLowerCase(), a])),
    );
  }

  /** The coordinators of the case's table (its province); the admins when it has none. */
  coordinators(ctx: Pick<ReminderContext, 'provinceCode' | 'provinceName'>, reason: string): Recipient[] {
    const users = this.coordinatorsByProvince.get(ctx.provinceCode) ?? [];
    if (users.length > 0) return users.map((u) => asRecipient(u, reason));
    // Fallback: nobody coordinates this province yet; the admins must see it.
    return this.admins.map((u) =>
      asRecipient(
        u,
        `U bent beheerder en er is geen coördinator voor ${ctx.provinceName} om dit bericht aan te sturen.`,
      ),
    );
  }

  private organisationUsers(organisationId: string, reason: string): Recipient[] {
    return (this.usersByOrganisation.get(organisationId) ?? []).map((u) => asRecipient(u, reason));
  }

  /** Who gets a reminder, and why (each email says why the person got it). */
  resolve(ctx: ReminderContext): Recipient[] {
    if (ctx.threshold === 'propose_escalation') {
      return this.coordinators(
        ctx,
        `U coördineert de tafel voor ${ctx.provinceName}; deze actie staat 10 werkdagen over de termijn. Overweeg op te schalen.`,
      );
    }
    switch (ctx.kind) {
      case 'triage':
        return this.coordinators(
          ctx,
          `U coördineert de tafel voor ${ctx.provinceName}; dit gemelde knelpunt wacht op triage.`,
        );
      case 'assignment': {
        const org = ctx.assignmentOrganisationName ?? 'uw organisatie';
        const contactReason = `U staat als contactpersoon van ${org} bij deze afspraak.`;
        // A contact who has an account logs in; one without gets a signed action link instead.
        const contacts: Recipient[] = ctx.contacts.map((c) => {
          const email = c.email.toLowerCase();
          const account = this.usersByEmail.get(email);
          if (account) return asRecipient(account, contactReason);
          return {
            email,
            userId: null,
            language: 'nl',
            mode: 'immediate',
            reason: contactReason,
            ...(ctx.assignmentId ? { actionLink: { assignmentId: ctx.assignmentId } } : {}),
          };
        });
        const users = ctx.assignmentOrganisationId
          ? this.organisationUsers(
              ctx.assignmentOrganisationId,
              `${org} is aan dit dossier toegewezen en u werkt bij ${org}.`,
            )
          : [];
        const list = unique([...contacts, ...users]);
        if (list.length > 0) return list;
        return this.coordinators(
          ctx,
          `Er is geen contactpersoon (meer) bij ${org}; u coördineert de tafel voor ${ctx.provinceName}.`,
        );
      }
      case 'level_decision': {
        if (ctx.escalationOwnerId) {
          const owners = this.organisationUsers(
            ctx.escalationOwnerId,
            'Uw organisatie is eigenaar van deze opschaling.',
          );
          if (owners.length > 0) return owners;
        }
        if (ctx.escalationToLevel === 'national_table' || ctx.escalationToLevel === 'ministerial_taskforce') {
          if (this.national.length > 0)
            return this.national.map((u) =>
              asRecipient(u, 'Dit dossier is opgeschaald naar het landelijk niveau.'),
            );
        }
        return this.coordinators(
          ctx,
          `Dit dossier wacht op een besluit; u coördineert de tafel voor ${ctx.provinceName}.`,
        );
      }
    }
  }
}

/** The coordinators of the case's table (its province); the admins when it has none. */
export async function coordinators(
  manager: EntityManager,
  ctx: Pick<ReminderContext, 'provinceCode' | 'provinceName'>,
  reason: string,
): Promise<Recipient[]> {
  const directory = await RecipientDirectory.load(manager, [
    {
      provinceCode: ctx.provinceCode,
      contacts: [],
      assignmentOrganisationId: null,
      escalationOwnerId: null,
      escalationToLevel: null,
    },
  ]);
  return directory.coordinators(ctx, reason);
}

function unique(list: Recipient[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const r of list) if (!seen.has(r.email)) seen.set(r.email, r);
  return [...seen.values()];
}

/** Who gets a reminder, and why (one reminder; the sweeper resolves whole batches with RecipientDirectory). */
export async function resolveRecipients(manager: EntityManager, ctx: ReminderContext): Promise<Recipient[]> {
  return (await RecipientDirectory.load(manager, [ctx])).resolve(ctx);
}

type ContextRow = {
  deadline_id: string;
  kind: ReminderContext['kind'];
  case_id: string;
  reference: string;
  project_name: string;
  province_code: string;
  province_name: string;
  due_date: string | null;
  assignment_id: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  requested_action: string | null;
  contacts: ReminderContext['contacts'] | null;
  owner_organisation_id: string | null;
  to_level: string | null;
};

/**
 * The facts reminders need, for a whole batch of deadlines in one query (read in the sweeper's
 * transaction); keyed by deadline id, without the threshold (one deadline may have several).
 */
export async function loadReminderContexts(
  manager: EntityManager,
  deadlineIds: string[],
): Promise<Map<string, Omit<ReminderContext, 'threshold'>>> {
  if (deadlineIds.length === 0) return new Map();
  const found: ContextRow[] = await manager.query(
    `SELECT d.id AS deadline_id, d.kind, c.id AS case_id, c.reference, c.project_name, c.province_code, p.name AS province_name,
            d.due_date::text AS due_date, d.assignment_id, a.organisation_id, o.name AS organisation_name, a.requested_action, a.contacts,
            e.owner_organisation_id, e.to_level
       FROM deadlines d
       JOIN cases c ON c.id = d.case_id
       JOIN provinces p ON p.code = c.province_code
       LEFT JOIN case_assignments a ON a.id = d.assignment_id
       LEFT JOIN organisations o ON o.id = a.organisation_id
       LEFT JOIN case_escalations e ON e.id = d.escalation_id
      WHERE d.id = ANY($1::uuid[])`,
    [[...new Set(deadlineIds)]],
  );
  return new Map(
    found.map((r) => [
      r.deadline_id,
      {
        deadlineId: r.deadline_id,
        kind: r.kind,
        caseId: r.case_id,
        caseReference: r.reference,
        projectName: r.project_name,
        provinceCode: r.province_code,
        provinceName: r.province_name,
        dueDate: r.due_date,
        assignmentId: r.assignment_id,
        assignmentOrganisationId: r.organisation_id,
        assignmentOrganisationName: r.organisation_name,
        requestedAction: r.requested_action,
        contacts: r.contacts ?? [],
        escalationOwnerId: r.owner_organisation_id,
        escalationToLevel: r.to_level,
      },
    ]),
  );
}

/** The facts one reminder needs (the sweeper reads whole batches with loadReminderContexts). */
export async function loadReminderContext(
  manager: EntityManager,
  deadlineId: string,
  threshold: string,
): Promise<ReminderContext | null> {
  const ctx = (await loadReminderContexts(manager, [deadlineId])).get(deadlineId);
  return ctx ? { ...ctx, threshold } : null;
}
