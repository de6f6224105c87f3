import { z } from 'zod';

const divisionCode = z.string().regex(/^\d{6}$/);
const instant = z.iso.datetime({ offset: true });
const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** 普遍性 (across many divisions), 倾向性 (rising), 苗头性 (new). */
export const PROBLEM_CLASSES = ['common', 'trending', 'incipient'] as const;
export type ProblemClass = (typeof PROBLEM_CLASSES)[number];

/** `GET /api/v1/statistics/hotspots`: default period is the last 30 days. */
export const hotspotsQuerySchema = z.object({
  divisionCode: divisionCode.optional(),
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type HotspotsQuery = z.output<typeof hotspotsQuerySchema>;

export const hotspotSchema = z.object({
  /** The keyword (jieba TF-IDF) that names the topic. */
  topic: z.string(),
  /** Complaints in the period whose top keywords include the topic. */
  count: z.number().int(),
  /** Summed TF-IDF weight of the topic in those complaints. */
  weight: z.number(),
  /** Counties (or the division itself) the complaints came from. */
  divisions: z.number().int(),
  /** Expected count from the topic's own history before the period (same length). */
  baseline: z.number(),
  /** One-sided Poisson tail P(X ≥ count | baseline); small = unusually many. */
  pValue: z.number().min(0).max(1),
  classes: z.array(z.enum(PROBLEM_CLASSES)),
  /** Daily counts over the period, for a sparkline. */
  daily: z.array(z.object({ date: z.iso.date(), count: z.number().int() })),
});
export type Hotspot = z.output<typeof hotspotSchema>;

export const hotspotsResponseSchema = z.object({
  divisionCode,
  from: instant,
  to: instant,
  hotspots: z.array(hotspotSchema),
});
export type HotspotsResponse = z.output<typeof hotspotsResponseSchema>;

/** What raised a warning. */
export const WARNING_KINDS = ['topic-surge', 'collective-action', 'mobilisation'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];
/** 蓝 < 黄 < 橙 < 红. */
export const WARNING_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];
export const WARNING_STATUSES = ['open', 'acknowledged', 'handling', 'closed'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export const warningsQuerySchema = z.object({
  divisionCode: divisionCode.optional(),
  status: z.enum(WARNING_STATUSES).optional(),
  kind: z.enum(WARNING_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type WarningsQuery = z.output<typeof warningsQuerySchema>;

export const warningEvidenceSchema = z.object({
  complaintId: z.uuid().nullable(),
  caseId: z.uuid().nullable(),
  petitionNumber: z.string().nullable(),
  title: z.string(),
  divisionCode,
  at: instant,
});

export const warningTrailEntrySchema = z.object({
  at: instant,
  by: z.string(),
  action: z.enum(['acknowledged', 'handling', 'closed']),
  note: z.string().nullable(),
});

export const warningSchema = z.object({
  id: z.uuid(),
  kind: z.enum(WARNING_KINDS),
  level: z.enum(WARNING_LEVELS),
  classes: z.array(z.enum(PROBLEM_CLASSES)),
  status: z.enum(WARNING_STATUSES),
  divisionCode,
  divisionName: z.string(),
  /** The topic keyword, or the matter's target for collective action. */
  topic: z.string(),
  /** Chinese summary for the dashboard. */
  summary: z.string(),
  /** Distinct petitioners (keyed hashes, never shown) among the evidence. */
  petitioners: z.number().int(),
  /** The statistic behind a surge warning (Poisson tail); `null` for the other kinds. */
  pValue: z.number().nullable(),
  observed: z.number().int(),
  expected: z.number().nullable(),
  windowStart: instant,
  windowEnd: instant,
  detectedAt: instant,
  evidence: z.array(warningEvidenceSchema),
  trail: z.array(warningTrailEntrySchema),
});
export type Warning = z.output<typeof warningSchema>;

export const warningsResponseSchema = z.object({ warnings: z.array(warningSchema) });
export type WarningsResponse = z.output<typeof warningsResponseSchema>;

/** `POST /api/v1/statistics/warnings/:id/acknowledge` (body optional). */
export const acknowledgeWarningRequestSchema = z
  .object({ note: z.string().trim().max(2000).nullable().default(null) })
  .default({ note: null });
/** `POST /api/v1/statistics/warnings/:id/handling`: one entry of the handling trail. */
export const warningHandlingRequestSchema = z.object({
  note: z.string().trim().min(1).max(2000),
  /** Closes the warning with this entry. */
  close: z.boolean().default(false),
});
export type WarningHandlingRequest = z.output<typeof warningHandlingRequestSchema>;

/** A staff-editable rule that tags cases with a theme (扶贫, 灾后重建, 房地产 …). */
export const themeRuleRequestSchema = z.object({
  themeCode: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
  themeName: z.string().trim().min(1).max(40),
  /** A case matches when its text contains any keyword … */
  keywords: z.array(z.string().trim().min(1).max(20)).max(100).default([]),
  /** … or its category is one of these. */
  categoryCodes: z.array(z.string().trim().min(1).max(40)).max(100).default([]),
  enabled: z.boolean().default(true),
});
export type ThemeRuleRequest = z.output<typeof themeRuleRequestSchema>;

export const themeRuleSchema = themeRuleRequestSchema.extend({
  id: z.uuid(),
  updatedAt: instant,
  updatedBy: z.string(),
});
export type ThemeRule = z.output<typeof themeRuleSchema>;
export const themeRulesResponseSchema = z.object({ rules: z.array(themeRuleSchema) });

/** `GET /api/v1/statistics/themes`: cases per theme in the period. */
export const themesQuerySchema = z.object({
  divisionCode: divisionCode.optional(),
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
});
export const themesResponseSchema = z.object({
  divisionCode,
  from: instant,
  to: instant,
  /** Cases (and complaints not yet registered) in the period. */
  total: z.number().int(),
  themes: z.array(
    z.object({ themeCode: z.string(), themeName: z.string(), count: z.number().int() }),
  ),
});
export type ThemesResponse = z.output<typeof themesResponseSchema>;

/** `GET /api/v1/statistics/themes/trends`: a monthly series per theme. */
export const themeTrendsQuerySchema = themesQuerySchema.extend({
  themeCode: z.string().optional(),
});
export const themeTrendsResponseSchema = z.object({
  divisionCode,
  from: instant,
  to: instant,
  months: z.array(z.string()),
  series: z.array(
    z.object({
      themeCode: z.string(),
      themeName: z.string(),
      counts: z.array(z.number().int()),
    }),
  ),
});
export type ThemeTrendsResponse = z.output<typeof themeTrendsResponseSchema>;

/** `GET /api/v1/statistics/digest`: 每月梳理汇总 as an HTML print view or an Excel workbook. */
export const digestQuerySchema = z.object({
  divisionCode: divisionCode.optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  format: z.enum(['html', 'xlsx']).default('html'),
});

/** `GET /api/v1/statistics/export`: any dashboard table as CSV or Excel. */
export const EXPORT_TABLES = ['rates', 'volumes', 'hotspots', 'warnings', 'themes'] as const;
export const exportQuerySchema = statisticsExportQuery();
function statisticsExportQuery() {
  return z.object({
    table: z.enum(EXPORT_TABLES),
    format: z.enum(['csv', 'xlsx']).default('csv'),
    divisionCode: divisionCode.optional(),
    from: dayOrInstant.optional(),
    to: dayOrInstant.optional(),
    groupBy: z.enum(['month', 'division', 'category', 'channel', 'organ', 'kind']).default('month'),
  });
}

/** Error codes of the statistics API (besides the common ones). */
export const StatisticsErrorCodes = {
  /** `from` is not before `to`, or the period is longer than 5 years. */
  invalidPeriod: 'STATISTICS_INVALID_PERIOD',
  warningClosed: 'STATISTICS_WARNING_CLOSED',
  themeCodeTaken: 'STATISTICS_THEME_RULE_EXISTS',
} as const;
