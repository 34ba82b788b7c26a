import { describe, expect, it } from 'vitest';
import { calendarOf, endOfLocalDay, instantOf } from './calendar';
import {
  checkDeadlineCommand,
  DEFAULT_REMINDER_POLICY,
  type DeadlineEvent,
  insideSendWindow,
  nextSendMoment,
  planReminders,
  replayDeadline,
} from './deadlines';

const NL = calendarOf(['2026-12-25', '2026-12-26', '2027-01-01']);
const at = (date: string, hour = 10) => instantOf(date, hour);
const start = (date: string, budget: number, dueDate?: string): DeadlineEvent => ({
  type: 'started',
  at: at(date),
  budgetWorkingDays: budget,
  ...(dueDate ? { dueDate } : {}),
});

describe('replayDeadline', () => {
  it('derives due date and state from the history', () => {
    const events: DeadlineEvent[] = [start('2026-11-23', 5)];
    expect(replayDeadline(events, NL, at('2026-11-24'))).toMatchObject({
      state: 'running',
      dueDate: '2026-11-30',
    });
    expect(replayDeadline(events, NL, at('2026-12-01'))).toMatchObject({ state: 'breached' });
    expect(
      replayDeadline([...events, { type: 'met', at: at('2026-11-26') }], NL, at('2026-12-01')).state,
    ).toBe('met');
  });

  it('pauses, resumes and extends', () => {
    const events: DeadlineEvent[] = [
      start('2026-11-23', 5),
      {
        type: 'paused',
        at: at('2026-11-24', 12),
        reason: 'Wacht op vergunning',
        expectedResume: '2026-11-30',
        maxWorkingDays: 10,
      },
    ];
    const paused = replayDeadline(events, NL, at('2026-11-25'));
    expect(paused).toMatchObject({
      state: 'paused',
      dueDate: null,
      pause: { reason: 'Wacht op vergunning' },
    });
    events.push({ type: 'resumed', at: at('2026-11-26', 9) });
    // Tue 24 and Wed 25 end paused; Mon 23 start; count Thu 26, Fri 27, Mon 30, Tue 1, Wed 2.
    expect(replayDeadline(events, NL, at('2026-11-26')).dueDate).toBe('2026-12-02');
    events.push({
      type: 'extended',
      at: at('2026-11-27'),
      workingDays: 3,
      reason: 'Meer tijd nodig',
      approvedBy: 'coordinator',
    });
    expect(replayDeadline(events, NL, at('2026-11-27'))).toMatchObject({
      dueDate: '2026-12-07',
      extensionWorkingDays: 3,
    });
  });

  it('honours a chosen due date, moved by pauses, and a past due date falls due at once', () => {
    expect(replayDeadline([start('2026-11-23', 0, '2026-12-04')], NL, at('2026-11-24')).dueDate).toBe(
      '2026-12-04',
    );
    const past = replayDeadline([start('2026-11-23', 0, '2026-11-20')], NL, at('2026-11-23'));
    expect(past).toMatchObject({ state: 'breached', dueDate: '2026-11-20' });
    expect(past.dueAt?.toISOString()).toBe(endOfLocalDay('2026-11-20').toISOString());
  });
});

describe('checkDeadlineCommand', () => {
  const policy = { maxPauseWorkingDays: 20, maxExtensionWorkingDays: 10 };
  const running = replayDeadline([start('2026-11-23', 5)], NL, at('2026-11-24'));
  it('names the rule a command breaks', () => {
    expect(checkDeadlineCommand(running, { type: 'pause', reason: ' ', maxWorkingDays: 5 }, policy)).toBe(
      'pause-needs-reason',
    );
    expect(checkDeadlineCommand(running, { type: 'pause', reason: 'x', maxWorkingDays: 30 }, policy)).toBe(
      'pause-too-long',
    );
    expect(checkDeadlineCommand(running, { type: 'resume' }, policy)).toBe('not-paused');
    expect(checkDeadlineCommand(running, { type: 'extend', workingDays: 11 }, policy)).toBe(
      'extension-over-cap',
    );
    expect(checkDeadlineCommand(running, { type: 'extend', workingDays: 10 }, policy)).toBeNull();
    expect(
      checkDeadlineCommand(running, { type: 'pause', reason: 'Wacht', maxWorkingDays: 10 }, policy),
    ).toBeNull();
  });
});

describe('planReminders', () => {
  const view = (dueDate: string) => ({ state: 'running' as const, dueDate, dueAt: endOfLocalDay(dueDate) });

  it('plans T−3, T−1 at 08:00, the breach, three repeats and the escalation proposal', () => {
    const planned = planReminders(view('2026-12-04'), DEFAULT_REMINDER_POLICY, NL, at('2026-11-23'));
    expect(planned.map((p) => [p.threshold, p.fireAt.toISOString()])).toEqual([
      ['before:3', '2026-12-01T07:00:00.000Z'],
      ['before:1', '2026-12-03T07:00:00.000Z'],
      ['breach', '2026-12-04T23:00:00.000Z'],
      ['after:5', '2026-12-11T07:00:00.000Z'],
      ['after:10', '2026-12-18T07:00:00.000Z'],
      ['propose_escalation', '2026-12-18T07:00:00.000Z'],
      ['after:15', '2026-12-28T07:00:00.000Z'], // 25 and 26 December are holidays
    ]);
  });

  it('does not send passed thresholds late: only the most recent fires, at once', () => {
    const now = at('2026-12-03', 12);
    const planned = planReminders(view('2026-12-04'), DEFAULT_REMINDER_POLICY, NL, now);
    expect(planned[0]).toEqual({ threshold: 'before:1', fireAt: now, urgent: false });
    expect(planned.map((p) => p.threshold)).not.toContain('before:3');
  });

  it('fires the breach once when a deadline is set in the past', () => {
    const now = at('2026-12-07', 9);
    const planned = planReminders(
      { ...view('2026-12-04'), state: 'breached' },
      DEFAULT_REMINDER_POLICY,
      NL,
      now,
    );
    expect(planned.filter((p) => p.fireAt <= now).map((p) => p.threshold)).toEqual(['breach']);
  });

  it('plans nothing for a paused, met or cancelled deadline', () => {
    expect(
      planReminders(
        { state: 'paused', dueDate: null, dueAt: null },
        DEFAULT_REMINDER_POLICY,
        NL,
        at('2026-11-23'),
      ),
    ).toEqual([]);
    expect(
      planReminders({ ...view('2026-12-04'), state: 'met' }, DEFAULT_REMINDER_POLICY, NL, at('2026-11-23')),
    ).toEqual([]);
  });
});

describe('send window', () => {
  it('sends always, or only 08:00–18:00 on working days', () => {
    expect(insideSendWindow(at('2026-11-28', 3), 'always', NL)).toBe(true);
    expect(insideSendWindow(at('2026-11-27', 9), 'working-hours', NL)).toBe(true);
    expect(insideSendWindow(at('2026-11-27', 19), 'working-hours', NL)).toBe(false);
    expect(insideSendWindow(at('2026-12-25', 10), 'working-hours', NL)).toBe(false);
    expect(nextSendMoment(at('2026-11-27', 19), 'working-hours', NL).toISOString()).toBe(
      at('2026-11-30', 8).toISOString(),
    );
    expect(nextSendMoment(at('2026-11-30', 6), 'working-hours', NL).toISOString()).toBe(
      at('2026-11-30', 8).toISOString(),
    );
  });
});
