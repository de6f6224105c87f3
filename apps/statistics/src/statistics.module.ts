import { Module } from '@nestjs/common';
import { AnalysisQueries } from './analysis/analysis-queries.js';
import { StatisticsClock } from './http/statistics-clock.js';
import { StatisticsHttpController } from './http/statistics.http.controller.js';
import { StatisticsQueries } from './measures/statistics-queries.js';
import { EventIngest } from './read-model/event-ingest.js';
import { MonthlyDigestUseCase } from './reports/monthly-digest.use-case.js';

@Module({
  controllers: [StatisticsHttpController],
  providers: [
    EventIngest,
    StatisticsQueries,
    AnalysisQueries,
    MonthlyDigestUseCase,
    StatisticsClock,
  ],
})
export class StatisticsModule {}
