import { Injectable, type Provider } from '@nestjs/common';
import {
  MATTER_TEXT_LIMITS,
  SEARCH_TEXT_LIMIT,
  analyseMatterCommand,
  buildSearchQueryCommand,
} from '@minsheng/contracts';
import { CommandClient } from '@minsheng/messaging';
import { allWordsQuery, analyseMatter, type MatterAnalysis } from '@minsheng/text-analysis';
import { PETITION_SETTINGS, type PetitionSettings } from '../config/petition.settings.js';

/**
 * What registration and search need from Chinese text analysis: a matter's fingerprint, search
 * words and keywords, and a search text's query. Where it runs is the deployment's choice
 * (`TEXT_ANALYSIS`): in the tier's text analyser, so this process does not hold jieba's
 * dictionary (≈ 41 MiB), or in this process for a development or one-machine setup. Both run
 * the same `@minsheng/text-analysis` functions.
 */
export abstract class MatterAnalyser {
  abstract analyse(title: string, content: string): Promise<MatterAnalysis>;
  /** A tsquery for cases having every word of `text`; null when it has none. */
  abstract searchQuery(text: string): Promise<string | null>;
}

/** In this process: the library loads jieba on its first call, never before. */
@Injectable()
export class InProcessMatterAnalyser extends MatterAnalyser {
  async analyse(title: string, content: string): Promise<MatterAnalysis> {
    return analyseMatter(title, content);
  }

  async searchQuery(text: string): Promise<string | null> {
    return allWordsQuery(text);
  }
}

/** Over NATS, in the tier's `text-analyser` (one request per matter, ≈ 1 ms). */
@Injectable()
export class RemoteMatterAnalyser extends MatterAnalyser {
  constructor(private readonly commands: CommandClient) {
    super();
  }

  /** An analyser not answering throws `CommandUnavailableError`: 503 to a person, a retry for an event. */
  analyse(title: string, content: string): Promise<MatterAnalysis> {
    // Far longer than any door accepts; a matter's opening is what its analysis rests on anyway.
    return this.commands.request(analyseMatterCommand, {
      title: title.slice(0, MATTER_TEXT_LIMITS.title),
      content: content.slice(0, MATTER_TEXT_LIMITS.content),
    });
  }

  async searchQuery(text: string): Promise<string | null> {
    const request = { text: text.slice(0, SEARCH_TEXT_LIMIT) };
    return (await this.commands.request(buildSearchQueryCommand, request)).tsquery;
  }
}

export const matterAnalyserProvider: Provider = {
  provide: MatterAnalyser,
  inject: [PETITION_SETTINGS, CommandClient],
  useFactory: (settings: PetitionSettings, commands: CommandClient) =>
    settings.TEXT_ANALYSIS === 'service'
      ? new RemoteMatterAnalyser(commands)
      : new InProcessMatterAnalyser(),
};
