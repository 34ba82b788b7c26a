import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { WorkController } from './work.controller';

@Module({ imports: [DeadlinesModule], controllers: [WorkController] })
export class WorkModule {}
