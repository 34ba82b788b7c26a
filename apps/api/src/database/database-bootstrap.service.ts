import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { seedDeadlinePolicies, seedHolidays } from '../modules/deadlines/deadlines.seed';
import { PasswordService } from '../modules/identity/password.service';
import { APP_CONFIG } from '../runtime/runtime.tokens';
import { DEMO_PASSWORD, DemoSeedService } from './seeds/demo.seed';
import { seedReferenceData } from './seeds/reference.seed';

/** Before the app answers: migrations (unless disabled), reference data, and demo data once. */
@Injectable()
export class DatabaseBootstrapService implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly demo: DemoSeedService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.role === 'worker') return;
    if (this.config.runMigrations) {
      const applied = await this.db.runMigrations({ transaction: 'each' });
      if (applied.length > 0) this.logger.log(`Applied ${applied.length} migration(s)`);
    }
    await this.db.transaction(async (manager) => {
      await seedReferenceData(manager);
      await seedHolidays(manager);
      await seedDeadlinePolicies(manager);
    });
    if (this.config.demoData) {
      await this.demo.seed(() => this.passwords.hash(DEMO_PASSWORD));
    }
  }
}
