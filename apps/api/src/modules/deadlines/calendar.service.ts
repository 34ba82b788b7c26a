import { calendarOf, type WorkingCalendar } from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const CACHE_MS = 60_000;

/** The working-day calendar as the database holds it (holidays are admin-editable data). */
@Injectable()
export class CalendarService {
  private cached: { calendar: WorkingCalendar; at: number } | null = null;

  constructor(private readonly db: DataSource) {}

  async calendar(manager?: EntityManager): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.calendar;
    const rows: { date: string }[] = await (manager ?? this.db).query(
      `SELECT date::text AS date FROM calendar_holidays WHERE active`,
    );
    const calendar = calendarOf(rows.map((r) => r.date));
    this.cached = { calendar, at: Date.now() };
    return calendar;
  }

  /** Forget the cache (after an admin changed a holiday). */
  invalidate(): void {
    this.cached = null;
  }
}
