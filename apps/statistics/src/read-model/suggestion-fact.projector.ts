import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@minsheng/contracts';
import { divisionPath } from './division-path.js';

type Data = Record<string, unknown>;

/**
 * Suggestions (建议意见类) on their way to adoption: one row per case, from its registration and
 * the `petition.suggestion.*` events. Order-free like the case facts: the earliest instant wins
 * for milestones, the latest event's organ and outcome win.
 */
export class SuggestionFactProjector {
  async apply(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    const d = envelope.data as Data;
    if (envelope.type === 'petition.case.registered' && d.kind !== 'suggestion') return;
    const caseId = d.caseId as string;
    const path = divisionPath(d.divisionCode as string);
    await tx.query(
      `INSERT INTO suggestion_fact (case_id, petition_number, source_complaint_id, division_code,
         province_code, city_code, county_code, category_code, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (case_id) DO UPDATE SET
         category_code = coalesce(suggestion_fact.category_code, EXCLUDED.category_code)`,
      [
        caseId,
        d.petitionNumber,
        (d.sourceComplaintId as string | null) ?? null,
        path.division,
        path.province,
        path.city,
        path.county,
        (d.categoryCode as string | null) ?? null,
        d.registeredAt,
      ],
    );
    if (envelope.type !== 'petition.case.registered') {
      const at = d.at as string;
      await tx.query(
        `UPDATE suggestion_fact SET
           title = coalesce(title, $2), body = coalesce(body, $3),
           organ_id = CASE WHEN $5::text IS NOT NULL AND (organ_at IS NULL OR $4 >= organ_at)
                      THEN $5 ELSE organ_id END,
           organ_name = CASE WHEN $5::text IS NOT NULL AND (organ_at IS NULL OR $4 >= organ_at)
                        THEN $6 ELSE organ_name END,
           organ_at = CASE WHEN $5::text IS NOT NULL THEN greatest(organ_at, $4) ELSE organ_at END,
           studied_at = CASE WHEN $7 THEN least(coalesce(studied_at, $4), $4) ELSE studied_at END,
           outcome = CASE WHEN $8::text IS NOT NULL AND (decided_at IS NULL OR $4 >= decided_at)
                     THEN $8 ELSE outcome END,
           decided_at = CASE WHEN $8::text IS NOT NULL THEN greatest(decided_at, $4)
                        ELSE decided_at END
         WHERE case_id = $1`,
        [
          caseId,
          d.title,
          d.content,
          at,
          (d.organId as string | null) ?? null,
          (d.organName as string | null) ?? null,
          envelope.type === 'petition.suggestion.studied',
          envelope.type === 'petition.suggestion.decided' ? (d.outcome as string) : null,
        ],
      );
    }
    await tagSuggestionThemes(tx, { caseId });
  }
}

/**
 * Tags suggestions with the enabled theme rules, by category or by keyword in their text — the
 * suggestion's own, or (before petition sent any) the online complaint it came from.
 */
export async function tagSuggestionThemes(
  tx: EntityManager,
  which: { caseId?: string; sourceComplaintId?: string } = {},
): Promise<void> {
  const where = which.caseId
    ? 'WHERE s.case_id = $1'
    : which.sourceComplaintId
      ? 'WHERE s.source_complaint_id = $1'
      : '';
  await tx.query(
    `UPDATE suggestion_fact s SET theme_codes = coalesce((
        SELECT array_agg(r.theme_code ORDER BY r.theme_code) FROM theme_rule r
         WHERE r.enabled AND (s.category_code = ANY(r.category_codes)
            OR coalesce(s.title || ' ' || s.body,
                 (SELECT c.title || ' ' || c.body FROM complaint_doc c
                   WHERE c.complaint_id = s.source_complaint_id)) ILIKE ANY(r.patterns))), '{}')
      ${where}`,
    which.caseId ? [which.caseId] : which.sourceComplaintId ? [which.sourceComplaintId] : [],
  );
}
