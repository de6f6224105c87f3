import pg from 'pg';
import type { FieldCipher, LookupHasher } from '@minsheng/crypto';
import type { PetitionCaseState } from '@minsheng/domain';
import { ChineseSegmenter, NearDuplicateDetector } from '@minsheng/text-analysis';
import {
  CaseGenerator,
  actingParties,
  organsFor,
  type GeneratedCase,
  type GeneratorOptions,
} from './case-generator.js';
import { CopyBuffer, tsvectorLiteral } from './copy-text.js';
import { MATTERS } from './vocabulary.js';

/** Marks seeded cases (`registered_by`), so a second `up --demo` sees the data is there. */
export const SEED_ACTOR = 'seed';

export interface SeedOptions extends GeneratorOptions {
  databaseUrl: string;
  petitionSchema: string;
  intakeSchema: string;
  cases: number;
  /** Cases per transaction. */
  batchSize?: number;
  /**
   * Drop the secondary indexes of the tables written and build them again at the end: much faster
   * for large loads (GIN indexes especially), at the cost of the instance being slow meanwhile.
   */
  rebuildIndexes?: boolean;
  cipher: FieldCipher;
  hasher: LookupHasher;
  log?: (line: string) => void;
}

export interface SeedReport {
  cases: number;
  complaints: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** A few online submissions a newcomer can look up on the public portal. */
  samples: Array<{ trackingCode: string; queryCode: string; status: string }>;
}

const CASE_COLUMNS = [
  'id',
  'petition_number',
  'source_complaint_id',
  'kind',
  'channel',
  'title',
  'content',
  'division_code',
  'petitioner_name',
  'petitioner_id_number_encrypted',
  'petitioner_id_number_hash',
  'petitioner_phone_encrypted',
  'petitioner_phone_hash',
  'status',
  'registered_at',
  'category_code',
  'address',
  'reply_public_consent',
  'registering_organ_id',
  'registered_by',
  'routing',
  'lead_organ_id',
  'co_handling_organ_ids',
  'report_within_days',
  'review_organ_id',
  'reexamination_organ_id',
  'received_by_organ_at',
  'accepted_at',
  'replied_at',
  'concluded_at',
  'review_requested_at',
  'review_decided_at',
  'reexamination_requested_at',
  'reexamination_decided_at',
  'hearing_started_at',
  'hearing_pauses',
  'pending_extension',
  'extension',
  'objections',
  'closed_at',
  'closing_reason',
  'legal_route',
  'updated_at',
  'deadlines',
  'next_deadline_kind',
  'next_deadline_at',
  'next_alert_at',
  'warned_for',
  'overdue_for',
  'acting_parties',
  'text_fingerprint',
  'lsh_keys',
  'search_vector',
] as const;

const TIMELINE_COLUMNS = [
  'case_id',
  'at',
  'action',
  'actor_id',
  'actor_roles',
  'actor_organ_id',
  'from_status',
  'to_status',
] as const;

const COMPLAINT_COLUMNS = [
  'id',
  'tracking_code',
  'query_code_hash',
  'kind',
  'title',
  'content',
  'division_code',
  'petitioner_name',
  'petitioner_id_number_encrypted',
  'petitioner_id_number_hash',
  'petitioner_phone_encrypted',
  'petitioner_phone_hash',
  'status',
  'petition_number',
  'submitted_at',
  'updated_at',
  'category_code',
  'address',
  'reply_public_consent',
  'replied_at',
  'concluded_at',
] as const;

const COMPLAINT_TIMELINE_COLUMNS = [
  'complaint_id',
  'status',
  'note',
  'at',
  'step',
  'notified_at',
  'notify_attempts',
] as const;

/** Whether an instance's petition schema already holds seeded cases. */
export async function isSeeded(databaseUrl: string, petitionSchema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT EXISTS (SELECT 1 FROM "${petitionSchema}".petition_case WHERE registered_by = $1) AS seeded`,
      [SEED_ACTOR],
    );
    return rows[0].seeded === true;
  } finally {
    await client.end();
  }
}

/**
 * Fills an instance's petition and complaint-intake schemas (already migrated) with `cases`
 * generated cases, their timelines, the online ones' complaints and ratings, and the organs they
 * need — by COPY, one transaction per batch.
 */
export async function seedInstance(options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const generator = new CaseGenerator(options);
  const client = new pg.Client({
    connectionString: options.databaseUrl,
    application_name: 'minsheng-seed',
  });
  await client.connect();
  const texts = new TextCache();
  const counters = new Map<string, number>();
  let rows = 0;
  let complaints = 0;
  const samples: SeedReport['samples'] = [];
  let rebuilt: string[] = [];
  try {
    rows += await insertOrgans(client, options.petitionSchema, generator.divisions);
    await checkCategories(client, options.intakeSchema);
    const { rows: existing } = await client.query(
      `SELECT division_code, year, last_value FROM "${options.petitionSchema}".petition_number_counter`,
    );
    for (const row of existing) counters.set(`${row.division_code}|${row.year}`, row.last_value);

    rebuilt = options.rebuildIndexes
      ? await dropSecondaryIndexes(client, [
          [options.petitionSchema, 'petition_case'],
          [options.petitionSchema, 'case_timeline_entry'],
          [options.intakeSchema, 'complaint'],
          [options.intakeSchema, 'complaint_timeline_entry'],
        ])
      : [];
    const batchSize = options.batchSize ?? 2_000;
    const buffers = {
      cases: new CopyBuffer('petition_case', CASE_COLUMNS),
      timeline: new CopyBuffer('case_timeline_entry', TIMELINE_COLUMNS),
      complaints: new CopyBuffer('complaint', COMPLAINT_COLUMNS),
      complaintTimeline: new CopyBuffer('complaint_timeline_entry', COMPLAINT_TIMELINE_COLUMNS),
      complaintRatings: new CopyBuffer('complaint_rating', [
        'complaint_id',
        'office',
        'organ',
        'rated_at',
      ]),
      caseRatings: new CopyBuffer('case_rating', [
        'case_id',
        'complaint_id',
        'office',
        'organ',
        'rated_organ_id',
        'rated_at',
      ]),
    };
    let lastLog = performance.now();
    for (let from = 0; from < options.cases; from += batchSize) {
      const to = Math.min(options.cases, from + batchSize);
      for (let n = from; n < to; n++) {
        const generated = generator.generate(n);
        const petitionNumber = allocate(counters, generated);
        addCase(buffers, generated, petitionNumber, options, texts);
        if (generated.complaint) {
          complaints += 1;
          if (samples.length < 3 && generated.state.status === 'concluded' && !generated.rating) {
            samples.push({
              trackingCode: generated.complaint.trackingCode,
              queryCode: generated.complaint.queryCode,
              status: generated.state.status,
            });
          }
        }
      }
      await client.query('BEGIN');
      // Parents before children: the foreign keys are checked row by row.
      rows += await buffers.cases.flush(client, options.petitionSchema);
      rows += await buffers.timeline.flush(client, options.petitionSchema);
      rows += await buffers.complaints.flush(client, options.intakeSchema);
      rows += await buffers.complaintTimeline.flush(client, options.intakeSchema);
      rows += await buffers.complaintRatings.flush(client, options.intakeSchema);
      rows += await buffers.caseRatings.flush(client, options.petitionSchema);
      await client.query('COMMIT');
      if (performance.now() - lastLog > 5_000 || to === options.cases) {
        lastLog = performance.now();
        const seconds = (performance.now() - started) / 1000;
        log(
          `${to.toLocaleString('en')} cases, ${rows.toLocaleString('en')} rows, ${Math.round(rows / seconds).toLocaleString('en')} rows/s`,
        );
      }
    }
    await client.query(
      `INSERT INTO "${options.petitionSchema}".petition_number_counter AS c (division_code, year, last_value)
       SELECT * FROM unnest($1::char(6)[], $2::int[], $3::int[])
       ON CONFLICT (division_code, year) DO UPDATE SET last_value = GREATEST(c.last_value, EXCLUDED.last_value)`,
      [
        [...counters.keys()].map((k) => k.split('|')[0]),
        [...counters.keys()].map((k) => Number(k.split('|')[1])),
        [...counters.values()],
      ],
    );
    if (rebuilt.length > 0) log(`building ${rebuilt.length} indexes again…`);
    for (const definition of rebuilt.splice(0)) await client.query(definition);
    await client.query(`ANALYZE "${options.petitionSchema}".petition_case`);
    await client.query(`ANALYZE "${options.intakeSchema}".complaint`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    for (const definition of rebuilt) await client.query(definition).catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    cases: options.cases,
    complaints,
    rows,
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
    samples,
  };
}

/** Drops indexes that back no constraint; returns their definitions to create them again. */
async function dropSecondaryIndexes(
  client: pg.Client,
  tables: Array<[schema: string, table: string]>,
): Promise<string[]> {
  const definitions: string[] = [];
  for (const [schema, table] of tables) {
    const { rows } = await client.query(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
        WHERE i.indrelid = format('%I.%I', $1::text, $2::text)::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      [schema, table],
    );
    for (const row of rows) {
      await client.query(`DROP INDEX ${row.name}`);
      definitions.push(row.definition);
    }
  }
  return definitions;
}

const CHINA_YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' });

function allocate(counters: Map<string, number>, generated: GeneratedCase): string {
  const year = Number(CHINA_YEAR.format(generated.state.registeredAt));
  const key = `${generated.divisionCode}|${year}`;
  const next = (counters.get(key) ?? 0) + 1;
  counters.set(key, next);
  return `${generated.divisionCode}-${year}-${String(next).padStart(6, '0')}`;
}

async function insertOrgans(
  client: pg.Client,
  schema: string,
  counties: readonly string[],
): Promise<number> {
  const organs = organsFor(counties);
  const column = (i: number) => organs.map((o) => o[i]);
  const result = await client.query(
    `INSERT INTO "${schema}".organ (id, name, kind, division_code, parent_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::char(6)[], $5::text[])
     ON CONFLICT (id) DO NOTHING`,
    [column(0), column(1), column(2), column(3), column(4)],
  );
  return result.rowCount ?? 0;
}

async function checkCategories(client: pg.Client, schema: string): Promise<void> {
  const { rows } = await client.query(
    `SELECT code FROM "${schema}".complaint_category WHERE code = ANY($1)`,
    [[...new Set(MATTERS.map((m) => m.category))]],
  );
  const known = new Set(rows.map((r) => r.code));
  const missing = MATTERS.map((m) => m.category).filter((c) => !known.has(c));
  if (missing.length > 0) throw new Error(`unknown complaint categories: ${missing.join(', ')}`);
}

/** Fingerprints and search words cost ~0.1 ms each; the templates repeat, so each is made once. */
class TextCache {
  private readonly detector = new NearDuplicateDetector();
  private readonly segmenter = new ChineseSegmenter();
  private readonly cache = new Map<
    string,
    { fingerprint: unknown; lsh: string[]; search: string }
  >();

  get(title: string, content: string) {
    const text = `${title}\n${content}`;
    let entry = this.cache.get(text);
    if (!entry) {
      const fingerprint = this.detector.fingerprint(text);
      const words = new Set<string>();
      // As the petition service indexes: jieba's words, and longer Chinese words' two-character pieces.
      for (const word of this.segmenter.tokens(text)) {
        words.add(word);
        if (/^\p{Script=Han}{3,}$/u.test(word)) {
          const chars = [...word];
          for (let i = 1; i < chars.length; i++) words.add(chars[i - 1]! + chars[i]!);
        }
      }
      entry = { fingerprint, lsh: fingerprint.lsh, search: tsvectorLiteral([...words]) };
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(text, entry);
    }
    return entry;
  }
}

type Buffers = Record<
  'cases' | 'timeline' | 'complaints' | 'complaintTimeline' | 'complaintRatings' | 'caseRatings',
  CopyBuffer
>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function storedDeadlines(state: PetitionCaseState): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(state.deadlines).map(([kind, at]) => [kind, iso(at as Date | null)]),
  );
}

function addCase(
  buffers: Buffers,
  c: GeneratedCase,
  petitionNumber: string,
  options: SeedOptions,
  texts: TextCache,
): void {
  const s = c.state;
  const { cipher, hasher } = options;
  const idNumber = c.petitioner.idNumber.toUpperCase();
  const personal = [
    cipher.encrypt(idNumber),
    hasher.hash('id-number', idNumber),
    cipher.encrypt(c.petitioner.phone),
    hasher.hash('phone', c.petitioner.phone),
  ];
  const text = texts.get(c.title, c.content);
  const deadline = c.nextDeadline;
  buffers.cases.add([
    c.id,
    petitionNumber,
    c.complaint?.id ?? null,
    c.kind,
    c.channel,
    c.title,
    c.content,
    c.divisionCode,
    c.petitioner.name,
    ...personal,
    s.status,
    s.registeredAt,
    c.categoryCode,
    c.address,
    c.replyPublicConsent,
    s.registeringOrganId,
    SEED_ACTOR,
    s.routing,
    s.responsibleOrganId,
    [...s.coHandlingOrganIds],
    s.reportWithinDays,
    s.reviewOrganId,
    s.reexaminationOrganId,
    s.receivedByOrganAt,
    s.acceptedAt,
    s.repliedAt,
    s.concludedAt,
    s.reviewRequestedAt,
    s.reviewDecidedAt,
    s.reexaminationRequestedAt,
    s.reexaminationDecidedAt,
    s.hearingStartedAt,
    s.hearingPauses.map((p) => ({ start: iso(p.start), end: iso(p.end) })),
    s.pendingExtension && {
      days: s.pendingExtension.days,
      reason: s.pendingExtension.reason,
      requestedAt: iso(s.pendingExtension.requestedAt),
    },
    s.extension && {
      days: s.extension.days,
      reason: s.extension.reason,
      requestedAt: iso(s.extension.requestedAt),
      approvedAt: iso(s.extension.approvedAt),
    },
    s.objections.map((o) => ({ organId: o.organId, at: iso(o.at), reason: o.reason })),
    s.closedAt,
    s.closingReason,
    s.legalRoute,
    s.updatedAt,
    storedDeadlines(s),
    deadline?.kind ?? null,
    deadline?.dueAt ?? null,
    c.nextAlertAt,
    c.warnedFor,
    c.overdueFor,
    actingParties(s),
    text.fingerprint as object,
    text.lsh,
    text.search,
  ]);
  for (const step of c.steps) {
    buffers.timeline.add([
      c.id,
      step.at,
      step.action,
      step.actorId,
      step.actorRoles,
      step.actorOrganId,
      step.fromStatus,
      step.toStatus,
    ]);
  }
  if (!c.complaint) return;
  const complaint = c.complaint;
  let status = 'submitted';
  const entries: Array<[status: string, step: string, note: string, at: Date]> = [
    ['submitted', 'submitted', '投诉已提交，等待登记', complaint.submittedAt],
  ];
  for (const step of c.steps) {
    const followed = PUBLIC_STEPS[step.action]?.(petitionNumber);
    if (!followed) continue;
    status = followed[0];
    entries.push([...followed, step.at]);
  }
  buffers.complaints.add([
    complaint.id,
    complaint.trackingCode,
    complaint.queryCodeHash,
    c.kind,
    c.title,
    c.content,
    c.divisionCode,
    c.petitioner.name,
    ...personal,
    status,
    petitionNumber,
    complaint.submittedAt,
    s.updatedAt,
    c.categoryCode,
    c.address,
    c.replyPublicConsent,
    s.repliedAt,
    s.concludedAt,
  ]);
  for (const [entryStatus, step, note, at] of entries) {
    buffers.complaintTimeline.add([complaint.id, entryStatus, note, at, step, at, 1]);
  }
  if (c.rating) {
    buffers.complaintRatings.add([complaint.id, c.rating.office, c.rating.organ, c.rating.ratedAt]);
    buffers.caseRatings.add([
      c.id,
      complaint.id,
      c.rating.office,
      c.rating.organ,
      s.responsibleOrganId,
      c.rating.ratedAt,
    ]);
  }
}

/** The case steps the public timeline follows (complaint-intake's PETITION_TIMELINE). */
const PUBLIC_STEPS: Record<
  string,
  (number: string) => [status: string, step: string, note: string]
> = {
  registered: (number) => ['registered', 'registered', `已登记为信访事项，编号 ${number}`],
  transfer: () => ['registered', 'routed', '已转送有权处理的机关办理'],
  assign: () => ['registered', 'routed', '已交办有关机关办理'],
  accept: () => ['accepted', 'accepted', '已受理，正在办理'],
  decline: () => ['declined', 'declined', '不予受理：不属于本机关职责范围'],
  'approve-extension': () => [
    'accepted',
    'extended',
    '办理期限延长 30 日：情况复杂，需进一步调查核实',
  ],
  reply: () => ['replied', 'replied', '已书面答复'],
  conclude: () => ['concluded', 'concluded', '已办结'],
};
