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

/** The coordinators of the case's table (its province); the admins when it has none. */
export async function coordinators(
  manager: EntityManager,
  ctx: Pick<ReminderContext, 'provinceCode' | 'provinceName'>,
  reason: string,
): Promise<Recipient[]> {
  const users: UserRow[] = await manager.query(
    `SELECT u.id, u.email, u.language, u.notification_mode FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE u.active AND u.role = 'coordinator' AND $1 = ANY(o.province_codes) ORDER BY u.email`,
    [ctx.provinceCode],
  );
  if (users.length > 0) return users.map((u) => asRecipient(u, reason));
  // Fallback: nobody coordinates this province yet; the admins must see it.
  const admins: UserRow[] = await manager.query(
    `SELECT id, email, language, notification_mode FROM users WHERE active AND role = 'admin' ORDER BY email`,
  );
  return admins.map((u) =>
    asRecipient(
      u,
      `U bent beheerder en er is geen coördinator voor ${ctx.provinceName} om dit bericht aan te sturen.`,
    ),
  );
}

async function organisationUsers(
  manager: EntityManager,
  organisationId: string,
  reason: string,
): Promise<Recipient[]> {
  const users: UserRow[] = await manager.query(
    `SELECT id, email, language, notification_mode FROM users WHERE active AND organisation_id = $1 ORDER BY email`,
    [organisationId],
  );
  return users.map((u) => asRecipient(u, reason));
}

function unique(list: Recipient[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const r of list) if (!seen.has(r.email)) seen.set(r.email, r);
  return [...seen.values()];
}

/** Who gets a reminder, and why (each email says why the person got it). */
export async function resolveRecipients(manager: EntityManager, ctx: ReminderContext): Promise<Recipient[]> {
  if (ctx.threshold === 'propose_escalation') {
    return coordinators(
      manager,
      ctx,
      `U coördineert de tafel voor ${ctx.provinceName}; deze actie staat 10 werkdagen over de termijn. Overweeg op te schalen.`,
    );
  }
  switch (ctx.kind) {
    case 'triage':
      return coordinators(
        manager,
        ctx,
        `U coördineert de tafel voor ${ctx.provinceName}; dit gemelde knelpunt wacht op triage.`,
      );
    case 'assignment': {
      const org = ctx.assignmentOrganisationName ?? 'uw organisatie';
      const contactReason = `U staat als contactpersoon van ${org} bij deze afspraak.`;
      const contactEmails = ctx.contacts.map((c) => c.email.toLowerCase());
      // A contact who has an account logs in; one without gets a signed action link instead.
      const accounts: UserRow[] =
        contactEmails.length > 0
          ? await manager.query(
              `SELECT id, email, language, notification_mode FROM users WHERE active AND email = ANY($1::text[])`,
              [contactEmails],
            )
          : [];
      const contacts: Recipient[] = contactEmails.map((email) => {
        const account = accounts.find((a) => a.email.toLowerCase() === email);
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
        ? await organisationUsers(
            manager,
            ctx.assignmentOrganisationId,
            `${org} is aan dit dossier toegewezen en u werkt bij ${org}.`,
          )
        : [];
      const list = unique([...contacts, ...users]);
      if (list.length > 0) return list;
      return coordinators(
        manager,
        ctx,
        `Er is geen contactpersoon (meer) bij ${org}; u coördineert de tafel voor ${ctx.provinceName}.`,
      );
    }
    case 'level_decision': {
      if (ctx.escalationOwnerId) {
        const owners = await organisationUsers(
          manager,
          ctx.escalationOwnerId,
          'Uw organisatie is eigenaar van deze opschaling.',
        );
        if (owners.length > 0) return owners;
      }
      if (ctx.escalationToLevel === 'national_table' || ctx.escalationToLevel === 'ministerial_taskforce') {
        const national: UserRow[] = await manager.query(
          `SELECT id, email, language, notification_mode FROM users WHERE active AND role = 'national' ORDER BY email`,
        );
        if (national.length > 0)
          return national.map((u) => asRecipient(u, 'Dit dossier is opgeschaald naar het landelijk niveau.'));
      }
      return coordinators(
        manager,
        ctx,
        `Dit dossier wacht op een besluit; u coördineert de tafel voor ${ctx.provinceName}.`,
      );
    }
  }
}

/** The facts a reminder needs, read in the sweeper's transaction. */
export async function loadReminderContext(
  manager: EntityManager,
  deadlineId: string,
  threshold: string,
): Promise<ReminderContext | null> {
  const found: {
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
  }[] = await manager.query(
    `SELECT d.kind, c.id AS case_id, c.reference, c.project_name, c.province_code, p.name AS province_name,
            d.due_date::text AS due_date, d.assignment_id, a.organisation_id, o.name AS organisation_name, a.requested_action, a.contacts,
            e.owner_organisation_id, e.to_level
       FROM deadlines d
       JOIN cases c ON c.id = d.case_id
       JOIN provinces p ON p.code = c.province_code
       LEFT JOIN case_assignments a ON a.id = d.assignment_id
       LEFT JOIN organisations o ON o.id = a.organisation_id
       LEFT JOIN case_escalations e ON e.id = d.escalation_id
      WHERE d.id = $1`,
    [deadlineId],
  );
  const r = found[0];
  if (!r) return null;
  return {
    deadlineId,
    kind: r.kind,
    threshold,
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
  };
}
