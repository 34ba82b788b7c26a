import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service';
import { DeadlinesService } from './deadlines.service';

@Module({
  providers: [CalendarService, DeadlinesService],
  exports: [CalendarService, DeadlinesService],
})
export class DeadlinesModule {}
