import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@minsheng/contracts';
import { chinaDay } from '../measures/formulas.js';
import { divisionPath, type DivisionPath } from '../read-model/division-path.js';
import { tagSuggestionThemes } from '../read-model/suggestion-fact.projector.js';
import {
  COLLECTIVE,
  SURGE,
  collectiveLevel,
  mobilisationPhrase,
  surgeLevel,
  surgeTest,
} from './surge-test.js';

const DAY_MS = 86_400_000;

interface Doc {
  complaintId: string;
  path: DivisionPath;
  submittedAt: Date;
  day: string;
  categoryCode: string;
  petitionerHash: string;
  text: string;
}

interface Keywords {
  keywords: string[];
  weights: number[];
}

/** A stable id for a warning, so a rebuild finds the warning staff already acknowledged. */
export function warningId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * Keeps one document per complaint (its text, themes and keywords), daily topic counts, and raises
 * warnings as complaints arrive — judged on the complaints' own times, never the clock, so a
 * replay raises the same warnings.
 *
 * The keywords come from petition (`petition.case.registered` of the complaint's case), so this
 * process never loads a segmenter. The two events arrive in either order (one consumer per
 * subject; a rebuild replays petition's stream first): the complaint is stored on its own event
 * with `keywords` NULL (not analysed yet), keywords arriving first wait in `complaint_keywords`,
 * and whichever event comes second analyses the complaint — keywords, topic counts, surge and
 * collective-action detection — exactly once.
 */
export class ComplaintDocProjector {
  /** `complaint-intake.complaint.submitted`. */
  async applyComplaint(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    const d = envelope.data as Record<string, unknown>;
    const complaintId = d.complaintId as string;
    await lockComplaint(tx, complaintId);
    const text = `${d.title as string}\n${d.content as string}`;
    const submittedAt = new Date(d.submittedAt as string);
    const petitioner = d.petitioner as { idNumberHash: string };
    const doc: Doc = {
      complaintId,
      path: divisionPath(d.divisionCode as string),
      submittedAt,
      day: chinaDay(submittedAt),
      categoryCode: d.categoryCode as string,
      petitionerHash: petitioner.idNumberHash,
      text,
    };
    const inserted: unknown[] = await tx.query(
      `INSERT INTO complaint_doc (complaint_id, division_code, province_code, city_code, county_code,
         submitted_at, day, kind, category_code, title, body, petitioner_hash, keywords,
         mobilisation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, $13)
       ON CONFLICT DO NOTHING RETURNING complaint_id`,
      [
        doc.complaintId,
        doc.path.division,
        doc.path.province,
        doc.path.city,
        doc.path.county,
        submittedAt,
        doc.day,
        d.kind,
        doc.categoryCode,
        d.title,
        d.content,
        doc.petitionerHash,
        mobilisationPhrase(text) !== null,
      ],
    );
    if (inserted.length === 0) return;
    await tagComplaintThemes(tx, doc.complaintId);
    // A suggestion registered before its complaint arrived here is tagged by the complaint's text.
    await tagSuggestionThemes(tx, { sourceComplaintId: doc.complaintId });
    // TypeORM answers a DELETE with [rows, affected].
    const [[waiting]]: [Keywords[], number] = await tx.query(
      `DELETE FROM complaint_keywords WHERE complaint_id = $1 RETURNING keywords, weights`,
      [doc.complaintId],
    );
    if (waiting) await this.analyse(tx, doc, waiting);
    await this.detectMobilisation(tx, doc);
  }

  /** `petition.case.registered`: the keywords of a case that came from an online complaint. */
  async applyCase(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    const d = envelope.data as {
      sourceComplaintId: string | null;
      registeredAt: string;
      keywords?: Array<{ keyword: string; weight: number }> | null;
    };
    // Events from before petition sent keywords leave their complaint not analysed.
    if (!d.sourceComplaintId || !d.keywords) return;
    await lockComplaint(tx, d.sourceComplaintId);
    // A keyword listed twice would be counted twice in topic_daily; petition never sends one.
    const unique = d.keywords.filter(
      (k, i, all) => all.findIndex((o) => o.keyword === k.keyword) === i,
    );
    const keywords: Keywords = {
      keywords: unique.map((k) => k.keyword),
      weights: unique.map((k) => k.weight),
    };
    const [row]: DocRow[] = await tx.query(
      `SELECT complaint_id, division_code, submitted_at, to_char(day, 'YYYY-MM-DD') AS day,
              category_code, petitioner_hash, title, body, keywords
         FROM complaint_doc WHERE complaint_id = $1`,
      [d.sourceComplaintId],
    );
    if (!row) {
      // The complaint is still on its way; its own event analyses it with these.
      await tx.query(
        `INSERT INTO complaint_keywords (complaint_id, keywords, weights, registered_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [d.sourceComplaintId, keywords.keywords, keywords.weights, new Date(d.registeredAt)],
      );
      return;
    }
    // Analysed already: a second case event for the same complaint must not count it again.
    if (row.keywords !== null) return;
    await this.analyse(
      tx,
      {
        complaintId: row.complaint_id,
        path: divisionPath(row.division_code),
        submittedAt: row.submitted_at,
        day: row.day,
        categoryCode: row.category_code,
        petitionerHash: row.petitioner_hash,
        text: `${row.title}\n${row.body}`,
      },
      keywords,
    );
  }

  /** The part that needs keywords: stored on the doc, counted per day, surges and collectives. */
  private async analyse(tx: EntityManager, doc: Doc, k: Keywords): Promise<void> {
    // Detections in one city read each other's counts and raise warnings with the same ids; two
    // consumers now analyse complaints, so they take turns per city, as one consumer did alone.
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('complaint-analysis:' || $1, 0))`,
      [doc.path.city ?? doc.path.division],
    );
    await tx.query(`UPDATE complaint_doc SET keywords = $2 WHERE complaint_id = $1`, [
      doc.complaintId,
      k.keywords,
    ]);
    const topics = k.keywords
      .map((keyword, i) => ({ keyword, weight: k.weights[i] }))
      .sort((a, b) => (a.keyword < b.keyword ? -1 : 1));
    for (const { keyword, weight } of topics) {
      await tx.query(
        `INSERT INTO topic_daily (day, division_code, province_code, city_code, county_code, topic,
           count, weight)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7)
         ON CONFLICT (topic, division_code, day) DO UPDATE
           SET count = topic_daily.count + 1, weight = topic_daily.weight + EXCLUDED.weight`,
        [
          doc.day,
          doc.path.division,
          doc.path.province,
          doc.path.city,
          doc.path.county,
          keyword,
          weight,
        ],
      );
    }
    for (const level of [doc.path.division, doc.path.city].filter(
      (c, i, all): c is string => c !== null && all.indexOf(c) === i,
    )) {
      await this.detectSurges(tx, doc, k.keywords, level);
    }
    await this.detectCollective(tx, doc, k.keywords);
  }

  private async detectSurges(
    tx: EntityManager,
    doc: Doc,
    keywords: string[],
    level: string,
  ): Promise<void> {
    const column = level === doc.path.division ? 'division_code' : 'city_code';
    const windowStart = addDays(doc.day, -(SURGE.windowDays - 1));
    const historyStart = addDays(windowStart, -SURGE.historyDays);
    const counts: Array<{ topic: string; window: string; history: string; divisions: string }> =
      await tx.query(
        `SELECT topic,
                coalesce(sum(count) FILTER (WHERE day >= $3), 0) AS window,
                coalesce(sum(count) FILTER (WHERE day < $3), 0) AS history,
                count(DISTINCT division_code) FILTER (WHERE day >= $3) AS divisions
           FROM topic_daily
          WHERE ${column} = $1 AND topic = ANY($2) AND day >= $4 AND day <= $5
          GROUP BY topic ORDER BY topic`,
        [level, keywords, windowStart, historyStart, doc.day],
      );
    for (const row of counts) {
      const verdict = surgeTest(Number(row.window), Number(row.history));
      if (!verdict.surging) continue;
      const evidence = await this.evidence(
        tx,
        `${column} = $1 AND $2 = ANY(keywords) AND day BETWEEN $3 AND $4`,
        [level, row.topic, windowStart, doc.day],
      );
      const classes = ['trending'];
      if (verdict.incipient) classes.push('incipient');
      if (column === 'city_code' && Number(row.divisions) >= 3) classes.push('common');
      await this.raise(tx, {
        kind: 'topic-surge',
        level: surgeLevel(verdict.observed, verdict.pValue),
        classes,
        divisionCode: level,
        topic: row.topic,
        summary: `“${row.topic}”相关诉求近${SURGE.windowDays}日${verdict.observed}件，历史同期预期${verdict.expected}件（泊松检验 p=${verdict.pValue.toExponential(2)}）`,
        pValue: verdict.pValue,
        observed: verdict.observed,
        expected: verdict.expected,
        windowStart: new Date(`${windowStart}T00:00:00+08:00`),
        windowEnd: doc.submittedAt,
        day: doc.day,
        evidence,
      });
    }
  }

  private async detectCollective(tx: EntityManager, doc: Doc, keywords: string[]): Promise<void> {
    const since = new Date(doc.submittedAt.getTime() - COLLECTIVE.windowHours * 3_600_000);
    const rows: Array<{ complaint_id: string; petitioner_hash: string; keywords: string[] }> =
      await tx.query(
        `SELECT complaint_id, petitioner_hash, keywords FROM complaint_doc
          WHERE division_code = $1 AND category_code = $2 AND submitted_at BETWEEN $3 AND $4
            AND keywords && $5
          ORDER BY submitted_at, complaint_id LIMIT 500`,
        [doc.path.division, doc.categoryCode, since, doc.submittedAt, keywords],
      );
    const same = rows.filter(
      (r) => r.keywords.filter((k) => keywords.includes(k)).length >= COLLECTIVE.minSharedKeywords,
    );
    const petitioners = new Set(same.map((r) => r.petitioner_hash)).size;
    if (petitioners < COLLECTIVE.minPetitioners) return;
    // The matter is named by the keywords most of the group shares with this complaint.
    const shared = keywords
      .map((k) => ({ k, n: same.filter((r) => r.keywords.includes(k)).length }))
      .sort((a, b) => b.n - a.n || (a.k < b.k ? -1 : 1))
      .slice(0, COLLECTIVE.minSharedKeywords)
      .map((x) => x.k)
      .sort();
    await this.raise(tx, {
      kind: 'collective-action',
      level: collectiveLevel(petitioners),
      classes: ['trending'],
      divisionCode: doc.path.division,
      topic: shared.join('·'),
      summary: `${COLLECTIVE.windowHours}小时内${petitioners}名信访人反映同一事项（${shared.join('、')}），有群体性苗头`,
      pValue: null,
      observed: same.length,
      expected: null,
      windowStart: since,
      windowEnd: doc.submittedAt,
      day: doc.day,
      evidence: same.map((r) => r.complaint_id),
    });
  }

  private async detectMobilisation(tx: EntityManager, doc: Doc): Promise<void> {
    const phrase = mobilisationPhrase(doc.text);
    if (!phrase) return;
    const dayStart = new Date(`${doc.day}T00:00:00+08:00`);
    const evidence = await this.evidence(tx, `division_code = $1 AND mobilisation AND day = $2`, [
      doc.path.division,
      doc.day,
    ]);
    await this.raise(tx, {
      kind: 'mobilisation',
      level: evidence.length >= 3 ? 'red' : 'orange',
      classes: ['incipient'],
      divisionCode: doc.path.division,
      topic: phrase,
      summary: `诉求中出现煽动性、组织性表述（如“${phrase}”），当日${evidence.length}件`,
      pValue: null,
      observed: evidence.length,
      expected: null,
      windowStart: dayStart,
      windowEnd: doc.submittedAt,
      day: doc.day,
      evidence,
    });
  }

  private async evidence(tx: EntityManager, where: string, params: unknown[]): Promise<string[]> {
    const rows: Array<{ complaint_id: string }> = await tx.query(
      `SELECT complaint_id FROM complaint_doc WHERE ${where}
        ORDER BY submitted_at, complaint_id LIMIT 200`,
      params,
    );
    return rows.map((r) => r.complaint_id);
  }

  /**
   * One warning per matter: a new detection joins a recent warning of the same kind and division
   * on the same topic — or sharing most of its evidence (co-occurring keywords of one matter).
   */
  private async raise(tx: EntityManager, w: RaisedWarning): Promise<void> {
    const recentFrom = new Date(w.windowEnd.getTime() - SURGE.windowDays * DAY_MS);
    const recent: Array<{ id: string; topic: string; evidence: string[] }> = await tx.query(
      `SELECT id, topic, evidence FROM warning
        WHERE kind = $1 AND division_code = $2 AND window_end >= $3
        ORDER BY detected_at, id FOR UPDATE`,
      [w.kind, w.divisionCode, recentFrom],
    );
    const match = recent.find(
      (r) =>
        r.topic === w.topic ||
        w.evidence.filter((id) => r.evidence.includes(id)).length * 2 >= w.evidence.length,
    );
    const path = divisionPath(w.divisionCode);
    if (match) {
      const evidence = [...new Set([...match.evidence, ...w.evidence])].slice(0, 500);
      const petitioners = await this.petitioners(tx, evidence);
      await tx.query(
        `UPDATE warning SET
           level = CASE WHEN $2 > array_position($9::text[], level) THEN $3 ELSE level END,
           classes = (SELECT array_agg(DISTINCT c ORDER BY c) FROM unnest(classes || $4::text[]) c),
           observed = greatest(observed, $5), p_value = least(p_value, $6),
           window_end = greatest(window_end, $7), evidence = $8, petitioners = $10
         WHERE id = $1`,
        [
          match.id,
          LEVELS.indexOf(w.level) + 1,
          w.level,
          w.classes,
          w.observed,
          w.pValue,
          w.windowEnd,
          evidence,
          LEVELS,
          petitioners,
        ],
      );
      return;
    }
    await tx.query(
      `INSERT INTO warning (id, kind, level, classes, division_code, province_code, city_code,
         county_code, topic, summary, petitioners, p_value, observed, expected, window_start,
         window_end, detected_at, evidence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        warningId(w.kind, w.divisionCode, w.topic, w.day),
        w.kind,
        w.level,
        [...w.classes].sort(),
        path.division,
        path.province,
        path.city,
        path.county,
        w.topic,
        w.summary,
        await this.petitioners(tx, w.evidence),
        w.pValue,
        w.observed,
        w.expected,
        w.windowStart,
        w.windowEnd,
        w.windowEnd,
        w.evidence,
      ],
    );
  }

  private async petitioners(tx: EntityManager, ids: string[]): Promise<number> {
    const [row]: Array<{ n: string }> = await tx.query(
      `SELECT count(DISTINCT petitioner_hash) AS n FROM complaint_doc WHERE complaint_id = ANY($1)`,
      [ids],
    );
    return Number(row.n);
  }
}

const LEVELS = ['blue', 'yellow', 'orange', 'red'];

interface DocRow {
  complaint_id: string;
  division_code: string;
  submitted_at: Date;
  day: string;
  category_code: string;
  petitioner_hash: string;
  title: string;
  body: string;
  keywords: string[] | null;
}

/**
 * Serialises the two events of one complaint: without it, each transaction could miss the other's
 * uncommitted row (the doc, the waiting keywords) and the complaint would never be analysed.
 */
async function lockComplaint(tx: EntityManager, complaintId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('complaint-doc:' || $1, 0))`, [
    complaintId,
  ]);
}

interface RaisedWarning {
  kind: 'topic-surge' | 'collective-action' | 'mobilisation';
  level: 'blue' | 'yellow' | 'orange' | 'red';
  classes: string[];
  divisionCode: string;
  topic: string;
  summary: string;
  pValue: number | null;
  observed: number;
  expected: number | null;
  windowStart: Date;
  windowEnd: Date;
  day: string;
  evidence: string[];
}

/** Tags one complaint (or, with no id, every complaint) with the enabled theme rules. */
export async function tagComplaintThemes(tx: EntityManager, complaintId?: string): Promise<void> {
  await tx.query(
    `UPDATE complaint_doc d SET theme_codes = coalesce((
        SELECT array_agg(r.theme_code ORDER BY r.theme_code) FROM theme_rule r
         WHERE r.enabled AND (d.category_code = ANY(r.category_codes)
            OR (d.title || ' ' || d.body) ILIKE ANY(r.patterns))), '{}')
      ${complaintId ? 'WHERE d.complaint_id = $1' : ''}`,
    complaintId ? [complaintId] : [],
  );
}

/** Tags cases that did not come from an online complaint, by category only. */
export async function tagCaseThemes(tx: EntityManager, caseId?: string): Promise<void> {
  await tx.query(
    `UPDATE case_fact f SET theme_codes = coalesce((
        SELECT array_agg(r.theme_code ORDER BY r.theme_code) FROM theme_rule r
         WHERE r.enabled AND f.category_code = ANY(r.category_codes)), '{}')
      WHERE f.source_complaint_id IS NULL ${caseId ? 'AND f.case_id = $1' : ''}`,
    caseId ? [caseId] : [],
  );
}
