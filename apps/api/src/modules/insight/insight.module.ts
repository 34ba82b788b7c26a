import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DashboardService } from './dashboard.service';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { InsightCache } from './insight-cache';
import { InsightController } from './insight.controller';
import { SavedViewsController } from './saved-views.controller';
import { SavedViewsSeed } from './saved-views.seed';
import { SavedViewsService } from './saved-views.service';
import { SystemicService } from './systemic.service';

/** Dashboards, systemic blockers, saved views (work queues) and exports. */
@Module({
  imports: [CasesModule],
  controllers: [InsightController, SavedViewsController, ExportsController],
  providers: [
    InsightCache,
    DashboardService,
    SystemicService,
    SavedViewsService,
    SavedViewsSeed,
    ExportsService,
  ],
})
export class InsightModule {}
