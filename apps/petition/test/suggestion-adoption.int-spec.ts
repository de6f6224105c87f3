import { complaintSubmittedEvent } from '@minsheng/contracts';
import { InProcessService } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import {
  ACTORS,
  ORGANS,
  api,
  caseOfComplaint,
  complaintEnvelope,
  deliver,
  outboxEvents,
  registerLetter,
  type Loose,
  type Staff,
} from './support/petition-test-kit.js';

const TRANSPORT_HANDLER: Staff = ACTORS.transportHandler;
const HOUSING_HANDLER: Staff = ACTORS.handler;

describe('petition: suggestions tracked until adopted (意见建议 → 采纳)', () => {
  let petition: InProcessService;

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, { entities, migrations });
  });

  afterAll(async () => {
    await petition?.stop();
  });

  /** A citizen's online suggestion, registered by petition; answers its number and case id. */
  async function suggestion(categoryCode: string, title = '建议在春熙路增设非机动车停放点') {
    const envelope = complaintEnvelope(petition, {
      kind: 'suggestion',
      categoryCode,
      title,
      content: `${title}，方便市民出行，减少乱停乱放。`,
    });
    await deliver(petition, complaintSubmittedEvent, envelope);
    const petitionNumber = await caseOfComplaint(petition, envelope.data.complaintId);
    const [{ id }] = await petition.schema.query<{ id: string }>(
      'SELECT id FROM petition_case WHERE petition_number = $1',
      [petitionNumber],
    );
    return { petitionNumber, caseId: id, complaintId: envelope.data.complaintId };
  }

  const step = (petitionNumber: string, action: string, staff: Staff, body: unknown) =>
    api(petition).post(`/api/v1/cases/${petitionNumber}/suggestion/${action}`, staff, body);

  const ADOPTION = {
    form: 'measure',
    title: '春熙路商圈非机动车停放管理措施',
    reference: '锦交发〔2026〕8号',
    adoptedOn: '2026-04-15',
  };

  it('takes a suggestion from submission through study to adoption, each step an event statistics can file by theme and organ', async () => {
    const s = await suggestion('0601');

    const marked = await step(s.petitionNumber, 'mark-worth-study', ACTORS.clerk, {
      note: '涉及商圈交通秩序，具有普遍意义',
    });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ stage: 'worth-study', organId: null, outcome: null });

    const assigned = await step(s.petitionNumber, 'assign', ACTORS.clerk, {
      organId: ORGANS.jinjiangTransport,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({
      stage: 'assigned',
      organId: ORGANS.jinjiangTransport,
      organName: '成都市锦江区交通运输局',
    });

    const studied = await step(s.petitionNumber, 'findings', TRANSPORT_HANDLER, {
      findings: '经实地调研，春熙路周边非机动车停放需求大，建议可行。',
    });
    expect(studied.status).toBe(200);
    expect(studied.body.stage).toBe('studied');

    const decided = await step(s.petitionNumber, 'decide', TRANSPORT_HANDLER, {
      outcome: 'adopted',
      adoption: ADOPTION,
      summary: '已在春熙路周边新增非机动车停放点12处。',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      stage: 'decided',
      outcome: 'adopted',
      adoption: ADOPTION,
      reason: null,
      findings: '经实地调研，春熙路周边非机动车停放需求大，建议可行。',
    });

    const read = await api(petition).get(
      `/api/v1/cases/${s.petitionNumber}/suggestion`,
      ACTORS.supervisor,
    );
    expect(read.status).toBe(200);
    expect(read.body).toEqual(decided.body);

    const subjects = [
      'petition.suggestion.marked-for-study',
      'petition.suggestion.study-assigned',
      'petition.suggestion.studied',
      'petition.suggestion.decided',
    ];
    for (const subject of subjects) {
      expect(await outboxEvents(petition, subject, s.caseId)).toHaveLength(1);
    }
    const [event] = await outboxEvents<Loose>(petition, 'petition.suggestion.decided', s.caseId);
    expect(event.data).toMatchObject({
      petitionNumber: s.petitionNumber,
      sourceComplaintId: s.complaintId,
      divisionCode: '510104',
      categoryCode: '0601',
      title: '建议在春熙路增设非机动车停放点',
      content: expect.stringContaining('减少乱停乱放'),
      organId: ORGANS.jinjiangTransport,
      organName: '成都市锦江区交通运输局',
      outcome: 'adopted',
      adoption: ADOPTION,
    });

    const timeline = await petition.schema.query<{ action: string }>(
      `SELECT action FROM case_timeline_entry WHERE case_id = $1 AND action LIKE 'suggestion-%' ORDER BY seq`,
      [s.caseId],
    );
    expect(timeline.map((t) => t.action)).toEqual([
      'suggestion-marked-for-study',
      'suggestion-study-assigned',
      'suggestion-studied',
      'suggestion-decided',
    ]);
    expect(
      await petition.schema.count('audit_record', "action LIKE 'suggestion.%' AND target_id = $1", [
        s.caseId,
      ]),
    ).toBe(4);
  });

  it('counts suggestions received, studied and adopted by category (theme) and organ, and lists what was adopted', async () => {
    const category = '0905';
    const adopted = await suggestion(category, '建议延长社区图书馆开放时间');
    const refused = await suggestion(category, '建议社区图书馆二十四小时开放');
    await suggestion(category, '建议社区图书馆增加儿童读物');
    for (const s of [adopted, refused]) {
      await step(s.petitionNumber, 'mark-worth-study', ACTORS.clerk, { note: '值得研究' });
      await step(s.petitionNumber, 'assign', ACTORS.clerk, { organId: ORGANS.jinjiangHousing });
      await step(s.petitionNumber, 'findings', HOUSING_HANDLER, { findings: '已研究' });
    }
    await step(adopted.petitionNumber, 'decide', HOUSING_HANDLER, {
      outcome: 'partly-adopted',
      adoption: { ...ADOPTION, form: 'budget-line', reference: '2026年锦江区预算第37项' },
      summary: '工作日延长开放两小时。',
      reason: '周末人手不足',
    });
    const no = await step(refused.petitionNumber, 'decide', HOUSING_HANDLER, {
      outcome: 'not-adopted',
      reason: '安全管理条件不具备',
    });
    expect(no.body).toMatchObject({ outcome: 'not-adopted', adoption: null, summary: null });

    const summary = await api(petition).get(
      `/api/v1/suggestions/summary?categoryCode=${category}`,
      { role: 'analyst', division: '510104' },
    );
    expect(summary.status).toBe(200);
    expect(summary.body.byCategory).toEqual([
      {
        categoryCode: category,
        received: 3,
        studied: 2,
        adopted: 0,
        partlyAdopted: 1,
        notAdopted: 1,
      },
    ]);
    expect(summary.body.byOrgan).toEqual([
      {
        organId: ORGANS.jinjiangHousing,
        organName: '成都市锦江区住房和城乡建设局',
        received: 2,
        studied: 2,
        adopted: 0,
        partlyAdopted: 1,
        notAdopted: 1,
      },
    ]);

    const list = await api(petition).get(
      `/api/v1/suggestions?categoryCode=09&outcome=partly-adopted`,
      ACTORS.leader,
    );
    expect(list.body.items.map((i: Loose) => i.petitionNumber)).toEqual([adopted.petitionNumber]);

    // Out of jurisdiction: a neighbouring county sees none of them.
    const neighbour = await api(petition).get(
      `/api/v1/suggestions/summary?categoryCode=${category}`,
      { role: 'analyst', division: '510105' },
    );
    expect(neighbour.body.byCategory).toEqual([]);
  });

  it('refuses what is out of order, out of place or malformed, with stable codes and nothing stored', async () => {
    const s = await suggestion('0601', '建议增设公共自行车站');

    const early = await step(s.petitionNumber, 'decide', TRANSPORT_HANDLER, {
      outcome: 'not-adopted',
      reason: '不可行',
    });
    expect(early.status).toBe(404); // not yet under study
    await step(s.petitionNumber, 'mark-worth-study', ACTORS.clerk, { note: '可研究' });
    const twice = await step(s.petitionNumber, 'mark-worth-study', ACTORS.clerk, { note: '再次' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('WRONG_SUGGESTION_STAGE');

    const unknownOrgan = await step(s.petitionNumber, 'assign', ACTORS.clerk, {
      organId: '510104-nosuch',
    });
    expect(unknownOrgan.status).toBe(400);
    expect(unknownOrgan.body.code).toBe('UNKNOWN_ORGAN');
    await step(s.petitionNumber, 'assign', ACTORS.clerk, { organId: ORGANS.jinjiangTransport });

    const otherOrgan = await step(s.petitionNumber, 'findings', HOUSING_HANDLER, {
      findings: '越权',
    });
    expect(otherOrgan.status).toBe(403);
    expect(otherOrgan.body.code).toBe('NOT_PERMITTED');
    const notStudied = await step(s.petitionNumber, 'decide', TRANSPORT_HANDLER, {
      outcome: 'not-adopted',
      reason: '不可行',
    });
    expect(notStudied.status).toBe(409);
    expect(notStudied.body.code).toBe('WRONG_SUGGESTION_STAGE');

    await step(s.petitionNumber, 'findings', TRANSPORT_HANDLER, { findings: '研究中' });
    for (const body of [
      { outcome: 'adopted', summary: '采纳' },
      { outcome: 'adopted', adoption: { ...ADOPTION, adoptedOn: '2026-02-30' }, summary: '采纳' },
      { outcome: 'not-adopted' },
      { outcome: 'maybe', reason: 'x' },
      { outcome: 'adopted', adoption: { ...ADOPTION, form: 'speech' }, summary: '采纳' },
    ]) {
      const bad = await step(s.petitionNumber, 'decide', TRANSPORT_HANDLER, body);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }
    const [{ stage }] = await petition.schema.query<{ stage: string }>(
      'SELECT stage FROM suggestion_study WHERE case_id = $1',
      [s.caseId],
    );
    expect(stage).toBe('studied');

    const appeal = await registerLetter(petition);
    const notSuggestion = await step(appeal, 'mark-worth-study', ACTORS.clerk, { note: '研究' });
    expect(notSuggestion.status).toBe(409);
    expect(notSuggestion.body.code).toBe('NOT_A_SUGGESTION');

    const neighbour = await step(s.petitionNumber, 'decide', ACTORS.neighbourClerk, {
      outcome: 'not-adopted',
      reason: '不可行',
    });
    expect(neighbour.status).toBe(403); // clerks may not decide at all
    const neighbourRead = await api(petition).get(
      `/api/v1/cases/${s.petitionNumber}/suggestion`,
      ACTORS.neighbourClerk,
    );
    expect(neighbourRead.status).toBe(404);

    // Only the three accepted steps (mark, assign, findings) published anything.
    expect(
      await petition.schema.count(
        'outbox',
        "subject LIKE 'petition.suggestion.%' AND envelope->'data'->>'caseId' = $1",
        [s.caseId],
      ),
    ).toBe(3);
  });
});
