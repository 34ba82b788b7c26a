import type { Translate } from './i18n';

/** What a clock shows, whether a case's deadline or an item of Mijn werk. */
export interface ClockLike {
  state: string;
  workingDaysLeft: number | null;
  pause?: { reason: string; since: string } | null;
}

/** Whether the clock has run out (the words say so too; colour is never the only sign). */
export function isClockOverdue(clock: ClockLike): boolean {
  if (clock.state === 'breached') return true;
  return clock.state === 'running' && clock.workingDaysLeft !== null && clock.workingDaysLeft < 0;
}

/**
 * The state of a clock in words: "loopt — nog 7 werkdagen", "te laat — 3 werkdagen over de
 * termijn", "gepauzeerd sinds 20 november 2026 (reden)", "afgerond".
 */
export function describeClock(clock: ClockLike, t: Translate, formatDay: (iso: string) => string): string {
  const days = clock.workingDaysLeft;
  if (isClockOverdue(clock)) {
    if (days === null || days >= 0) return t('clock.overdue.plain');
    return days === -1 ? t('clock.overdue.one') : t('clock.overdue', { count: -days });
  }
  switch (clock.state) {
    case 'running':
      if (days === null) return t('clock.running.plain');
      if (days === 0) return t('clock.running.today');
      return days === 1 ? t('clock.running.one') : t('clock.running', { count: days });
    case 'paused':
      return clock.pause
        ? t('clock.paused', { date: formatDay(clock.pause.since), reason: clock.pause.reason })
        : t('clock.paused.plain');
    case 'met':
      return t('clock.met');
    case 'cancelled':
      return t('clock.cancelled');
    default:
      return clock.state;
  }
}
