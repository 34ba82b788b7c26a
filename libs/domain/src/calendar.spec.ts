import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarOf,
  computeDueAt,
  endOfLocalDay,
  instantOf,
  isWorkingDay,
  localDate,
  weekday,
  workingDaysBetween,
} from './calendar';

// Dutch public holidays 2026–2027 (what the api seeds from date-holidays; Good Friday and
// Liberation Day outside lustrum years are not general days off).
const NL = calendarOf([
  '2026-01-01',
  '2026-04-05',
  '2026-04-06',
  '2026-04-27',
  '2026-05-14',
  '2026-05-24',
  '2026-05-25',
  '2026-12-25',
  '2026-12-26',
  '2027-01-01',
  '2027-03-28',
  '2027-03-29',
  '2027-04-27',
  '2027-05-06',
  '2027-05-16',
  '2027-05-17',
  '2027-12-25',
  '2027-12-26',
]);
const at = (date: string, hour = 10) => instantOf(date, hour);

describe('local dates in Amsterdam', () => {
  it('knows weekdays and working days', () => {
    expect(weekday('2026-11-27')).toBe(5);
    expect(weekday('2026-11-29')).toBe(7);
    expect(isWorkingDay('2026-11-27', NL)).toBe(true);
    expect(isWorkingDay('2026-11-28', NL)).toBe(false);
    expect(isWorkingDay('2026-04-27', NL)).toBe(false); // Koningsdag
  });

  it('converts across daylight saving time', () => {
    expect(instantOf('2026-03-27', 12).toISOString()).toBe('2026-03-27T11:00:00.000Z');
    expect(instantOf('2026-03-30', 12).toISOString()).toBe('2026-03-30T10:00:00.000Z');
    expect(endOfLocalDay('2026-10-24').toISOString()).toBe('2026-10-24T21:59:59.999Z');
    expect(endOfLocalDay('2026-10-26').toISOString()).toBe('2026-10-26T22:59:59.999Z');
    expect(localDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(localDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });
});

describe('computeDueAt', () => {
  it.each([
    ['an ordinary week', '2026-11-23', 5, '2026-11-30'],
    ['over a weekend', '2026-11-27', 1, '2026-11-30'],
    ['Koningsdag (Monday)', '2026-04-24', 1, '2026-04-28'],
    ['Easter Monday', '2026-04-02', 3, '2026-04-08'],
    ['Ascension Day', '2026-05-13', 1, '2026-05-15'],
    ['Whit Monday', '2026-05-22', 1, '2026-05-26'],
    ['Christmas and the weekend', '2026-12-24', 1, '2026-12-28'],
    ['New Year', '2026-12-31', 1, '2027-01-04'],
    ['Koningsdag 2027 (Tuesday)', '2027-04-26', 1, '2027-04-28'],
    ['twenty working days (assignment default)', '2026-11-27', 20, '2026-12-28'],
    ['started on a Sunday', '2026-11-29', 1, '2026-11-30'],
  ])('%s: start %s + %i working days → %s', (_name, start, budget, due) => {
    const result = computeDueAt(at(start), budget, NL);
    expect(result.dueDate).toBe(due);
    expect(result.dueAt?.toISOString()).toBe(endOfLocalDay(due).toISOString());
  });

  it('is due at the end of the local day, in summer and winter time', () => {
    expect(computeDueAt(at('2026-03-27'), 1, NL).dueAt?.toISOString()).toBe('2026-03-30T21:59:59.999Z');
    expect(computeDueAt(at('2026-10-23'), 1, NL).dueAt?.toISOString()).toBe('2026-10-26T22:59:59.999Z');
  });

  it('does not count working days that end inside a pause, across a holiday weekend', () => {
    const pause = { from: at('2026-04-23', 12), to: at('2026-04-29', 9) };
    // Tue 21, Wed 22 count; Thu 23, Fri 24 paused; Mon 27 Koningsdag; Tue 28 paused; Wed 29 … Fri 1 May count.
    expect(computeDueAt(at('2026-04-20'), 5, NL, [pause]).dueDate).toBe('2026-05-01');
    expect(computeDueAt(at('2026-04-20'), 5, NL).dueDate).toBe('2026-04-28');
  });

  it('loses no day to a pause that ends the same day', () => {
    const pause = { from: at('2026-11-24', 9), to: at('2026-11-24', 15) };
    expect(computeDueAt(at('2026-11-23'), 5, NL, [pause]).dueDate).toBe('2026-11-30');
  });

  it('has no due date while a pause has no end', () => {
    expect(computeDueAt(at('2026-11-23'), 5, NL, [{ from: at('2026-11-25'), to: null }])).toEqual({
      dueDate: null,
      dueAt: null,
    });
  });

  it('adds extensions in working days', () => {
    expect(computeDueAt(at('2026-11-23'), 5, NL, [], [{ workingDays: 3 }, { workingDays: 2 }]).dueDate).toBe(
      '2026-12-07',
    );
  });

  it('falls due on the first working day for a budget of 0', () => {
    expect(computeDueAt(at('2026-11-28'), 0, NL).dueDate).toBe('2026-11-30');
  });

  it('property: the due date is always a working day after the start, whatever the pauses', () => {
    let seed = 20261127;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 3000; i += 1) {
      const startDate = addDays('2026-01-01', Math.floor(random() * 700));
      const start = instantOf(startDate, Math.floor(random() * 24), Math.floor(random() * 60));
      const budget = Math.floor(random() * 60);
      const pauses =
        random() < 0.5
          ? []
          : [{ from: new Date(start.getTime() + random() * 20 * 86_400_000), to: null as Date | null }].map(
              (p) => ({
                ...p,
                to: new Date(p.from.getTime() + random() * 15 * 86_400_000),
              }),
            );
      const { dueDate } = computeDueAt(start, budget, NL, pauses);
      expect(dueDate).not.toBeNull();
      expect(isWorkingDay(dueDate as string, NL), `${startDate}+${budget}`).toBe(true);
      expect((dueDate as string) >= startDate).toBe(true);
      if (pauses.length === 0 && budget > 0)
        expect(workingDaysBetween(startDate, dueDate as string, NL)).toBe(budget);
    }
  });
});

describe('workingDaysBetween', () => {
  it('counts working days, negative backwards', () => {
    expect(workingDaysBetween('2026-04-24', '2026-04-28', NL)).toBe(1);
    expect(workingDaysBetween('2026-04-28', '2026-04-24', NL)).toBe(-1); // Mon 27 is Koningsdag
    expect(workingDaysBetween('2026-11-27', '2026-11-27', NL)).toBe(0);
  });
});
