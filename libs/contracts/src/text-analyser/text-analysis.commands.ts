import { z } from 'zod';
import { defineCommand } from '../messaging/event-definition.js';
import { MAX_CASE_KEYWORDS } from '../petition/case-registered.event.js';

/**
 * The longest matter the text analyser takes (characters): far above what any door accepts
 * (a complaint's title 100, content 5,000), so a requester cuts only what no citizen could send.
 */
export const MATTER_TEXT_LIMITS = { title: 1_000, content: 20_000 } as const;

/** The longest search text the text analyser turns into a query. */
export const SEARCH_TEXT_LIMIT = 500;

const fingerprintSchema = z.object({
  simhash: z.string().regex(/^[0-9a-f]{16}$/),
  lsh: z.array(z.string().min(1)).max(64),
  terms: z.record(z.string(), z.number().nonnegative()),
});

/**
 * `text-analyser.matter.analyse`: a matter's fingerprint (near-duplicates), search words and
 * keywords, from the one process of the tier that holds the segmenter's dictionary.
 */
export const analyseMatterCommand = defineCommand(
  'text-analyser.matter.analyse',
  z.strictObject({
    title: z.string().max(MATTER_TEXT_LIMITS.title),
    content: z.string().max(MATTER_TEXT_LIMITS.content),
  }),
  z.object({
    fingerprint: fingerprintSchema,
    searchWords: z.string(),
    keywords: z
      .array(z.object({ keyword: z.string().min(1), weight: z.number() }))
      .max(MAX_CASE_KEYWORDS),
  }),
);

/** `text-analyser.search-query.build`: a tsquery for "every word of this text", null if none. */
export const buildSearchQueryCommand = defineCommand(
  'text-analyser.search-query.build',
  z.strictObject({ text: z.string().max(SEARCH_TEXT_LIMIT) }),
  z.object({ tsquery: z.string().nullable() }),
);
