import { DEFAULT_BUDGETS } from '@doorbraak/domain';
import Holidays from 'date-holidays';
import type { EntityManager } from 'typeorm';

/** Dutch public holidays for last year to five years ahead, from the date-holidays library; never overwrites an admin's correction. */
export async function seedHolidays(manager: EntityManager, now = new Date()): Promise<void> {
  const holidays = new Holidays('NL');
  const year = now.getUTCFullYear();
  const rows: [string, string][] = [];
  for (let y = year - 1; y <= year + 5; y += 1) {
    for (const h of holidays.getHolidays(y)) {
      if (h.type === 'public') rows.push([h.date.slice(0, 10), h.name]);
    }
  }
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const values = rows.map(([date, name]) => {
    params.push(date, name);
    return `($${params.length - 1}::date, $${params.length}, 'date-holidays', true)`;
  });
  await manager.query(
    `INSERT INTO calendar_holidays (date, name, source, active) VALUES ${values.join(', ')} ON CONFLICT (date) DO NOTHING`,
    params,
  );
}

/** The starting policy: triage 5 working days, assignment 20, regional decision 30, national 40. */
export async function seedDeadlinePolicies(manager: EntityManager): Promise<void> {
  const existing: unknown[] = await manager.query(`SELECT 1 FROM deadline_policies LIMIT 1`);
  if (existing.length > 0) return;
  const rows: [string, string | null, number][] = [
    ['triage', null, DEFAULT_BUDGETS.triage],
    ['assignment', null, DEFAULT_BUDGETS.assignment],
    ...Object.entries(DEFAULT_BUDGETS.level_decision).map(
      ([level, days]) => ['level_decision', level, days] as [string, string, number],
    ),
  ];
  for (const [kind, level, days] of rows) {
    await manager.query(
      `INSERT INTO deadline_policies (kind, knelpunt_code, level_code, budget_working_days, max_pause_working_days, max_extension_working_days)
       VALUES ($1, NULL, $2, $3, 60, $4)`,
      [kind, level, days, Math.max(5, Math.round(days / 2))],
    );
  }
}
