import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  CaseDetailResponse,
  CaseTimelineEntry,
  SatisfactionLevel,
  WrittenNotice,
  WrittenNoticeType,
} from '@minsheng/contracts';
import type { PetitionStatus } from '@minsheng/domain';
import { PersonalData } from '@minsheng/runtime';
import { stepLabel, toCaseDetailResponse } from './case.mapper.js';
import type { PetitionCaseEntity } from './petition-case.entity.js';

interface DetailRow {
  timeline: Array<{
    at: string;
    action: string;
    actor_id: string;
    actor_organ_id: string | null;
    from_status: PetitionStatus | null;
    to_status: PetitionStatus | null;
    note: string | null;
  }>;
  notices: Array<{
    id: string;
    type: WrittenNoticeType;
    title: string;
    text: string;
    issued_at: string;
    issuing_organ_id: string | null;
  }>;
  rating: { office: SatisfactionLevel; organ: SatisfactionLevel; rated_at: string } | null;
  repeat_of: string | null;
}

const iso = (at: string) => new Date(at).toISOString();

/**
 * Gathers a case's timeline, notices, rating and repeat link into its detail view, in one query:
 * it runs after every action, and four round trips (or four pooled connections) would cost more
 * than the action itself.
 */
@Injectable()
export class CaseDetailReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: PersonalData,
  ) {}

  async read(entity: PetitionCaseEntity): Promise<CaseDetailResponse> {
    const [row]: DetailRow[] = await this.dataSource.query(
      `SELECT
         (SELECT coalesce(json_agg(t ORDER BY t.seq), '[]'::json) FROM (
            SELECT seq, at, action, actor_id, actor_organ_id, from_status, to_status, note
              FROM case_timeline_entry WHERE case_id = $1) t) AS timeline,
         (SELECT coalesce(json_agg(n ORDER BY n.issued_at, n.id), '[]'::json) FROM (
            SELECT id, type, title, text, issued_at, issuing_organ_id
              FROM written_notice WHERE case_id = $1) n) AS notices,
         (SELECT row_to_json(r) FROM (
            SELECT office, organ, rated_at FROM case_rating WHERE case_id = $1) r) AS rating,
         (SELECT petition_number FROM petition_case WHERE id = $2) AS repeat_of`,
      [entity.id, entity.repeatOfCaseId],
    );
    const timeline: CaseTimelineEntry[] = row.timeline.map((e) => ({
      at: iso(e.at),
      action: e.action,
      label: stepLabel(e.action),
      actorId: e.actor_id,
      actorOrganId: e.actor_organ_id,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
    }));
    const notices: WrittenNotice[] = row.notices.map((n) => ({
      id: n.id,
      type: n.type,
      title: n.title,
      text: n.text,
      issuedAt: iso(n.issued_at),
      issuingOrganId: n.issuing_organ_id,
    }));
    return toCaseDetailResponse(
      entity,
      {
        timeline,
        notices,
        rating: row.rating && {
          office: row.rating.office,
          organ: row.rating.organ,
          ratedAt: iso(row.rating.rated_at),
        },
        repeatOfPetitionNumber: row.repeat_of,
      },
      this.personalData,
    );
  }
}
