import {
  addDays,
  type ClockPause,
  computeDueAt,
  endOfLocalDay,
  instantOf,
  isWorkingDay,
  localDate,
  type WorkingCalendar,
  workingDaysBetween,
} from './calendar';

export const DEADLINE_KINDS = ['triage', 'assignment', 'level_decision'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_STATES = ['running', 'paused', 'met', 'breached', 'cancelled'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** Default budgets in working days (admin-editable policy rows override them per knelpunt type and level). */
export const DEFAULT_BUDGETS = {
  triage: 5,
  assignment: 20,
  level_decision: { woondeal_table: 30, regional_table: 30, national_table: 40, ministerial_taskforce: 40 },
} as const;

/** The append-only history of a deadline; `due_at` is derived from it. */
export type DeadlineEvent =
  | { type: 'started'; at: Date; budgetWorkingDays: number; dueDate?: string | null }
  | { type: 'due_date_set'; at: Date; dueDate: string; reason: string }
  | { type: 'paused'; at: Date; reason: string; expectedResume: string | null; maxWorkingDays: number }
  | { type: 'resumed'; at: Date }
  | { type: 'extended'; at: Date; workingDays: number; reason: string; approvedBy: string }
  | { type: 'met'; at: Date }
  | { type: 'cancelled'; at: Date; reason: string };

export interface DeadlineView {
  state: DeadlineState;
  startedAt: Date;
  dueDate: string | null;
  dueAt: Date | null;
  /** While paused: the pause that holds the clock. */
  pause: { from: Date; reason: string; expectedResume: string | null; maxWorkingDays: number } | null;
  extensionWorkingDays: number;
}

/**
 * Replays a deadline's history into its state and due moment. A deadline started with an
 * explicit due date counts the working days to that date as its budget, so pauses still push it.
 */
export function replayDeadline(
  events: readonly DeadlineEvent[],
  calendar: WorkingCalendar,
  now: Date,
): DeadlineView {
  const started = events.find((e) => e.type === 'started');
  if (!started || started.type !== 'started') throw new Error('A deadline history begins with "started"');
  const budget = started.budgetWorkingDays;
  let fixedDueDate: string | null = started.dueDate ?? null;
  const pauses: ClockPause[] = [];
  let openPause: DeadlineView['pause'] = null;
  const extensions: { workingDays: number }[] = [];
  let final: DeadlineState | null = null;
  for (const e of events) {
    switch (e.type) {
      case 'started':
        break;
      case 'due_date_set':
        fixedDueDate = e.dueDate;
        break;
      case 'paused':
        pauses.push({ from: e.at, to: null });
        openPause = {
          from: e.at,
          reason: e.reason,
          expectedResume: e.expectedResume,
          maxWorkingDays: e.maxWorkingDays,
        };
        break;
      case 'resumed': {
        const last = pauses[pauses.length - 1];
        if (last) last.to = e.at;
        openPause = null;
        break;
      }
      case 'extended':
        extensions.push({ workingDays: e.workingDays });
        break;
      case 'met':
        final = 'met';
        break;
      case 'cancelled':
        final = 'cancelled';
        break;
    }
  }
  const startDate = localDate(started.at);
  let due: { dueDate: string | null; dueAt: Date | null };
  if (fixedDueDate !== null) {
    // A chosen date counts as the working days up to it (a weekend or holiday moves it to the
    // working day before), so pauses and extensions still push it. A date that is today or
    // already past falls due at its end: nothing can move what has passed.
    let target = fixedDueDate;
    while (target > startDate && !isWorkingDay(target, calendar)) target = addDays(target, -1);
    if (target <= startDate) due = { dueDate: fixedDueDate, dueAt: endOfLocalDay(fixedDueDate) };
    else if (pauses.length === 0 && extensions.length === 0)
      due = { dueDate: target, dueAt: endOfLocalDay(target) };
    else
      due = computeDueAt(
        started.at,
        workingDaysBetween(startDate, target, calendar),
        calendar,
        pauses,
        extensions,
      );
  } else {
    due = computeDueAt(started.at, budget, calendar, pauses, extensions);
  }
  const extensionWorkingDays = extensions.reduce((s, x) => s + x.workingDays, 0);
  let state: DeadlineState;
  if (final) state = final;
  else if (openPause) state = 'paused';
  else if (due.dueAt && due.dueAt < now) state = 'breached';
  else state = 'running';
  return {
    state,
    startedAt: started.at,
    dueDate: due.dueDate,
    dueAt: due.dueAt,
    pause: openPause,
    extensionWorkingDays,
  };
}

export const DEADLINE_RULES = [
  'pause-needs-reason',
  'already-paused',
  'not-paused',
  'pause-too-long',
  'extension-over-cap',
  'deadline-closed',
  'due-before-case',
] as const;
export type DeadlineRule = (typeof DEADLINE_RULES)[number];

export const DEADLINE_RULE_MESSAGES: Record<DeadlineRule, { nl: string; en: string }> = {
  'pause-needs-reason': { nl: 'Een pauze vraagt een reden.', en: 'A pause needs a reason.' },
  'already-paused': { nl: 'De klok staat al stil.', en: 'The clock is already paused.' },
  'not-paused': {
    nl: 'De klok loopt al; er is niets te hervatten.',
    en: 'The clock is running; there is nothing to resume.',
  },
  'pause-too-long': {
    nl: 'De pauze is langer dan het beleid toestaat.',
    en: 'The pause is longer than the policy allows.',
  },
  'extension-over-cap': {
    nl: 'De verlenging gaat boven het maximum van het beleid.',
    en: 'The extension exceeds the policy cap.',
  },
  'deadline-closed': {
    nl: 'Deze termijn is al afgerond of vervallen.',
    en: 'This deadline is already met or cancelled.',
  },
  'due-before-case': {
    nl: 'Een termijn kan niet eindigen voordat het dossier bestond.',
    en: 'A deadline cannot end before the case existed.',
  },
};

/** What a pause, resume or extension may do, given the deadline's current view and its policy. */
export function checkDeadlineCommand(
  view: DeadlineView,
  command:
    | { type: 'pause'; reason: string; maxWorkingDays: number }
    | { type: 'resume' }
    | { type: 'extend'; workingDays: number },
  policy: { maxPauseWorkingDays: number; maxExtensionWorkingDays: number },
): DeadlineRule | null {
  if (view.state === 'met' || view.state === 'cancelled') return 'deadline-closed';
  switch (command.type) {
    case 'pause':
      if (!command.reason.trim()) return 'pause-needs-reason';
      if (view.state === 'paused') return 'already-paused';
      if (command.maxWorkingDays > policy.maxPauseWorkingDays) return 'pause-too-long';
      return null;
    case 'resume':
      return view.state === 'paused' ? null : 'not-paused';
    case 'extend':
      return view.extensionWorkingDays + command.workingDays > policy.maxExtensionWorkingDays
        ? 'extension-over-cap'
        : null;
  }
}

// ---------------------------------------------------------------------------------------------
// Reminder policy

export type ReminderThreshold = `before:${number}` | 'breach' | `after:${number}` | 'propose_escalation';

export interface ReminderPolicy {
  /** Working days before the due date. */
  before: readonly number[];
  /** Working days after the breach for repeats, e.g. [5, 10, 15]. */
  repeatAfterBreach: readonly number[];
  /** Working days overdue after which the coordinator is asked to escalate. */
  proposeEscalationAfter: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  before: [3, 1],
  repeatAfterBreach: [5, 10, 15],
  proposeEscalationAfter: 10,
};

/** Hour (Amsterdam) at which a before-the-deadline reminder is planned on its working day. */
const REMINDER_HOUR = 8;

export interface PlannedReminder {
  threshold: ReminderThreshold;
  fireAt: Date;
  /** Urgent reminders go out immediately; others may wait for a daily digest. */
  urgent: boolean;
}

function shiftWorkingDays(date: string, n: number, calendar: WorkingCalendar): string {
  let day = date;
  let moved = 0;
  const step = n < 0 ? -1 : 1;
  while (moved < Math.abs(n)) {
    day = addDays(day, step);
    if (isWorkingDay(day, calendar)) moved += 1;
  }
  return day;
}

/**
 * The reminders of a running deadline. Thresholds that have already passed at `now` are not
 * sent late: only the most recent of them is kept, to fire at once.
 */
export function planReminders(
  view: Pick<DeadlineView, 'state' | 'dueDate' | 'dueAt'>,
  policy: ReminderPolicy,
  calendar: WorkingCalendar,
  now: Date,
): PlannedReminder[] {
  if ((view.state !== 'running' && view.state !== 'breached') || !view.dueDate || !view.dueAt) return [];
  const all: PlannedReminder[] = [
    ...policy.before.map((n) => ({
      threshold: `before:${n}` as const,
      fireAt: instantOf(shiftWorkingDays(view.dueDate as string, -n, calendar), REMINDER_HOUR),
      urgent: false,
    })),
    { threshold: 'breach' as const, fireAt: new Date(view.dueAt.getTime() + 1), urgent: true },
    ...policy.repeatAfterBreach.map((n) => ({
      threshold: `after:${n}` as const,
      fireAt: instantOf(shiftWorkingDays(view.dueDate as string, n, calendar), REMINDER_HOUR),
      urgent: true,
    })),
    {
      threshold: 'propose_escalation' as const,
      fireAt: instantOf(
        shiftWorkingDays(view.dueDate, policy.proposeEscalationAfter, calendar),
        REMINDER_HOUR,
      ),
      urgent: true,
    },
  ].sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
  const passed = all.filter((r) => r.fireAt <= now);
  const future = all.filter((r) => r.fireAt > now);
  const latestPassed = passed[passed.length - 1];
  // The escalation proposal goes to other people than the reminders: it is never swallowed.
  const proposal = passed.find((r) => r.threshold === 'propose_escalation');
  const keep = [
    ...(latestPassed ? [{ ...latestPassed, fireAt: now }] : []),
    ...(proposal && proposal !== latestPassed ? [{ ...proposal, fireAt: now }] : []),
  ];
  return [...keep, ...future];
}

/** Mail only in working hours (08:00–18:00 Amsterdam, working days), or always. */
export type SendWindow = 'always' | 'working-hours';

export function insideSendWindow(now: Date, window: SendWindow, calendar: WorkingCalendar): boolean {
  if (window === 'always') return true;
  const day = localDate(now);
  return isWorkingDay(day, calendar) && now >= instantOf(day, 8) && now < instantOf(day, 18);
}

/** The next moment mail may be sent. */
export function nextSendMoment(now: Date, window: SendWindow, calendar: WorkingCalendar): Date {
  if (insideSendWindow(now, window, calendar)) return now;
  let day = localDate(now);
  if (isWorkingDay(day, calendar) && now < instantOf(day, 8)) return instantOf(day, 8);
  do day = addDays(day, 1);
  while (!isWorkingDay(day, calendar));
  return instantOf(day, 8);
}
