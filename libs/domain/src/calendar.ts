/**
 * The working-day clock: Europe/Amsterdam, Monday to Friday, minus public holidays. Holidays
 * come from data (the api seeds them from the `date-holidays` library and admins can correct
 * them), so this file stays pure and runs in the browser too.
 */
export const TIME_ZONE = 'Europe/Amsterdam';

/** A calendar: the public holidays (`YYYY-MM-DD`, local dates) on which the clock does not run. */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
}

export function calendarOf(holidays: Iterable<string>): WorkingCalendar {
  return { holidays: new Set(holidays) };
}

const localDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local date (`YYYY-MM-DD`) of an instant in Amsterdam. */
export function localDate(instant: Date): string {
  return localDateFormat.format(instant);
}

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** The date `n` calendar days after `date` (negative goes back). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const [y, m, d] = parts(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  return weekday(date) <= 5 && !calendar.holidays.has(date);
}

/** Offset of Amsterdam from UTC at an instant, in minutes (60 in winter, 120 in summer). */
const wallClockFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function offsetMinutes(instant: Date): number {
  const f = wallClockFormat.formatToParts(instant);
  const get = (type: string) => Number(f.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of a local wall-clock time in Amsterdam (DST-aware; times are never in a DST gap here). */
export function instantOf(date: string, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const [y, m, d] = parts(date);
  const guess = Date.UTC(y, m - 1, d, hour, minute, second, ms);
  const first = guess - offsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess - offsetMinutes(new Date(first)) * 60_000);
}

/** End of a local day: the deadline instant of a due date. */
export function endOfLocalDay(date: string): Date {
  return instantOf(date, 23, 59, 59, 999);
}

/** A pause of the clock; `to` null while it lasts. */
export interface ClockPause {
  from: Date;
  to: Date | null;
}

function pausedAt(instant: Date, pauses: readonly ClockPause[]): boolean {
  return pauses.some((p) => p.from <= instant && (p.to === null || instant < p.to));
}

export interface DueResult {
  /** The local due date, or null while a pause without an end holds the clock. */
  dueDate: string | null;
  /** The end of the due date in Amsterdam, as an instant. */
  dueAt: Date | null;
}

/**
 * When a clock started at `start` with a budget of working days (plus extensions) falls due.
 * The days counted are the working days after the start's local date whose end the clock
 * reaches running: a working day that ends inside a pause does not count. The due date is
 * therefore always a working day.
 */
export function computeDueAt(
  start: Date,
  budgetWorkingDays: number,
  calendar: WorkingCalendar,
  pauses: readonly ClockPause[] = [],
  extensions: readonly { workingDays: number }[] = [],
): DueResult {
  if (!Number.isInteger(budgetWorkingDays) || budgetWorkingDays < 0)
    throw new RangeError('budget must be a whole number ≥ 0');
  const total = budgetWorkingDays + extensions.reduce((sum, e) => sum + e.workingDays, 0);
  const openPause = pauses.find((p) => p.to === null);
  let day = localDate(start);
  let counted = 0;
  // A budget of 0 falls due at the end of the first working day from the start.
  if (total === 0) {
    while (!isWorkingDay(day, calendar)) day = addDays(day, 1);
    return { dueDate: day, dueAt: endOfLocalDay(day) };
  }
  for (let guard = 0; guard < 60_000; guard += 1) {
    day = addDays(day, 1);
    if (!isWorkingDay(day, calendar)) continue;
    if (pauses.length > 0) {
      const end = endOfLocalDay(day);
      if (openPause && end >= openPause.from) return { dueDate: null, dueAt: null };
      if (pausedAt(end, pauses)) continue;
    }
    counted += 1;
    if (counted === total) return { dueDate: day, dueAt: endOfLocalDay(day) };
  }
  throw new RangeError('No due date within 60,000 days');
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  let count = 0;
  for (let day = from; day !== to;) {
    day = addDays(day, sign);
    if (isWorkingDay(day, calendar)) count += sign;
  }
  return count;
}
