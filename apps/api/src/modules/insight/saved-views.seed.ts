import { OPEN_STATUSES } from '@doorbraak/domain';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../runtime/runtime.tokens';

/**
 * Default shared work queues for the demo tables, written after the demo data (every module's
 * onModuleInit, where the database bootstrap seeds, has run by onApplicationBootstrap). Only for
 * an owner without any view yet; the unique (owner, name) index makes parallel replicas harmless.
 */
export const DEMO_VIEWS: readonly {
  owner: string;
  views: readonly { name: string; filters: Record<string, string>; party?: string }[];
}[] = [
  {
    // The regional table of Zuid-Holland: its grid operator in the demo data is Stedin.
    owner: 'coordinator.zh@demo.doorbraak.nl',
    views: [
      { name: 'Te laat', filters: { overdue: 'true', status: OPEN_STATUSES.join(',') } },
      { name: 'Wacht op netbeheerder', filters: {}, party: 'Stedin' },
      { name: 'Landelijk', filters: { level: 'national_table,ministerial_taskforce' } },
    ],
  },
  {
    owner: 'admin@demo.doorbraak.nl',
    views: [
      { name: 'Te laat', filters: { overdue: 'true', status: OPEN_STATUSES.join(',') } },
      { name: 'Wacht op netbeheerder', filters: {}, party: 'Liander' },
      { name: 'Landelijk', filters: { level: 'national_table,ministerial_taskforce' } },
    ],
  },
];

@Injectable()
export class SavedViewsSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('SavedViewsSeed');

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData || this.config.role === 'worker' || this.config.role === 'migrate') return;
    let written = 0;
    for (const { owner, views } of DEMO_VIEWS) {
      const user: { id: string; organisation_id: string; has_views: boolean }[] = await this.db.query(
        `SELECT u.id, u.organisation_id, EXISTS (SELECT 1 FROM saved_views v WHERE v.owner_user_id = u.id) AS has_views
           FROM users u WHERE u.email = $1`,
        [owner],
      );
      const u = user[0];
      if (!u || u.has_views) continue;
      for (const view of views) {
        const filters = { ...view.filters };
        if (view.party) {
          const party: { id: string }[] = await this.db.query(
            `SELECT id FROM organisations WHERE name = $1`,
            [view.party],
          );
          if (!party[0]) continue;
          filters.party = party[0].id;
        }
        await this.db.query(
          `INSERT INTO saved_views (name, owner_user_id, organisation_id, shared, filters)
           VALUES ($1, $2, $3, true, $4::jsonb) ON CONFLICT (owner_user_id, name) DO NOTHING`,
          [view.name, u.id, u.organisation_id, JSON.stringify(filters)],
        );
        written += 1;
      }
    }
    if (written > 0) this.logger.log(`Demo work queues saved: ${written}`);
  }
}
