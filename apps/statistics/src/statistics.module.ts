import { Module, type DynamicModule, type ValueProvider } from '@nestjs/common';
import { AnalysisQueries } from './analysis/analysis-queries.js';
import { StatisticsClock } from './http/statistics-clock.js';
import { StatisticsHttpController } from './http/statistics.http.controller.js';
import { StatisticsQueries } from './measures/statistics-queries.js';
import { SuggestionQueries } from './measures/suggestion-queries.js';
import { EventIngest } from './read-model/event-ingest.js';
import { SubtreeRollupReporter } from './read-model/subtree-rollup.reporter.js';
import { MonthlyDigestUseCase } from './reports/monthly-digest.use-case.js';

@Module({})
export class StatisticsModule {
  static forRoot(config: ValueProvider): DynamicModule {
    return {
      module: StatisticsModule,
      controllers: [StatisticsHttpController],
      providers: [
        config,
        EventIngest,
        StatisticsQueries,
        SuggestionQueries,
        AnalysisQueries,
        MonthlyDigestUseCase,
        StatisticsClock,
        SubtreeRollupReporter,
      ],
    };
  }
}
