import { type Actor, type Holiday, type HolidayInput, holidayDateSchema, validate } from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProblemException } from '../../common/problem.exception';
import { CalendarService } from '../deadlines/calendar.service';
import { auditAdminAction } from './admin-audit';

interface HolidayRow {
  date: string;
  name: string;
  source: Holiday['source'];
  active: boolean;
}

const SELECT_HOLIDAY = `SELECT h.date::text AS date, h.name, h.source, h.active FROM calendar_holidays h`;

/**
 * The public holidays of the working-day calendar (admin). Seeded from date-holidays; an admin
 * adds a day off, renames one, or declares a seeded holiday a working day (`active: false`). The
 * seed never overwrites a day that exists. Like policies, a change affects deadlines from now on:
 * due dates are re-derived when a deadline next changes, and new deadlines count with it at once
 * (this process; other processes within a minute, the calendar cache's lifetime).
 */
@Injectable()
export class HolidaysService {
  constructor(
    private readonly db: DataSource,
    private readonly calendars: CalendarService,
  ) {}

  async list(year: number | undefined): Promise<{ items: Holiday[] }> {
    const found: HolidayRow[] =
      year === undefined
        ? await this.db.query(`${SELECT_HOLIDAY} ORDER BY h.date`)
        : await this.db.query(
            `${SELECT_HOLIDAY} WHERE h.date >= make_date($1::int, 1, 1) AND h.date < make_date($1::int + 1, 1, 1) ORDER BY h.date`,
            [year],
          );
    return { items: found };
  }

  async put(actor: Actor, date: string, input: HolidayInput): Promise<Holiday> {
    const checked = validate(holidayDateSchema, date);
    if (!checked.ok) {
      throw ProblemException.validation(checked.errors.map((e) => ({ ...e, field: 'date' })));
    }
    const result = await this.db.transaction(async (manager) => {
      const before = await this.load(manager, date, true);
      if (before) {
        await manager.query(
          `UPDATE calendar_holidays SET name = $2, active = $3, source = 'admin' WHERE date = $1`,
          [date, input.name, input.active],
        );
      } else {
        await manager.query(
          `INSERT INTO calendar_holidays (date, name, source, active) VALUES ($1, $2, 'admin', $3)`,
          [date, input.name, input.active],
        );
      }
      const after = await this.load(manager, date, false);
      if (!after) throw new Error('Holiday write returned no row');
      await auditAdminAction(
        manager,
        actor,
        before ? 'holiday.updated' : 'holiday.created',
        { type: 'holiday', id: date },
        before ? { before, after } : { after },
      );
      return after;
    });
    this.calendars.invalidate();
    return result;
  }

  private async load(manager: EntityManager, date: string, lock: boolean): Promise<Holiday | null> {
    const [row] = await manager.query<HolidayRow[]>(
      `${SELECT_HOLIDAY} WHERE h.date = $1::date${lock ? ' FOR UPDATE' : ''}`,
      [date],
    );
    return row ?? null;
  }
}
