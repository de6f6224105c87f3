import { complaintSubmittedEvent, type LeaderAddressee } from '@minsheng/contracts';
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
  type Loose,
  type Staff,
} from './support/petition-test-kit.js';

const MAILBOX = '510000-party-secretary';
const SECRETARY: LeaderAddressee = {
  mailboxId: MAILBOX,
  divisionCode: '510000',
  post: 'party-secretary',
  title: '四川省委书记信箱',
  leaderName: null,
  teamOrganId: '510000-xfj',
};
/** The provincial leader's team: the provincial petition bureau's clerk, and the leader. */
const TEAM_CLERK: Staff = { role: 'clerk', division: '510000', organ: '510000-xfj' };
const PROVINCIAL_LEADER: Staff = { role: 'leader', division: '510000', organ: '510000-gov' };

describe('petition: leaders’ mailboxes (领导信箱)', () => {
  let petition: InProcessService;

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, { entities, migrations });
  });

  afterAll(async () => {
    await petition?.stop();
  });

  async function addressed(title: string, addressee: LeaderAddressee = SECRETARY) {
    const envelope = complaintEnvelope(petition, {
      channel: 'leader-mailbox',
      addressee,
      kind: 'appeal',
      title,
      content: `${title}，请书记关注。`,
      divisionCode: '510104',
    });
    await deliver(petition, complaintSubmittedEvent, envelope);
    return caseOfComplaint(petition, envelope.data.complaintId);
  }

  const mailbox = (suffix: string, staff: Staff) =>
    api(petition).get(`/api/v1/leader-mailboxes/${MAILBOX}/${suffix}`, staff);

  it('puts a complaint to the provincial party secretary in his team’s queue; it is read, instructed, routed and counted on time', async () => {
    const petitionNumber = await addressed('锦江区某工地夜间施工扰民');
    const detail = await api(petition).get(`/api/v1/cases/${petitionNumber}`, TEAM_CLERK);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ channel: 'leader-mailbox', divisionCode: '510104' });
    const [row] = await petition.schema.query<Loose>(
      'SELECT id, registering_organ_id, addressee_mailbox_id FROM petition_case WHERE petition_number = $1',
      [petitionNumber],
    );
    expect(row).toMatchObject({
      registering_organ_id: '510000-xfj',
      addressee_mailbox_id: MAILBOX,
    });
    const [registered] = await outboxEvents(petition, 'petition.case.registered', row.id);
    expect(registered.data).toMatchObject({
      channel: 'leader-mailbox',
      addresseeMailboxId: MAILBOX,
    });

    // The team's queue: not yet routed, not yet read.
    const queue = await mailbox('queue', TEAM_CLERK);
    expect(queue.status).toBe(200);
    expect(queue.body.mailbox).toEqual({
      id: MAILBOX,
      divisionCode: '510000',
      post: 'party-secretary',
      title: '四川省委书记信箱',
      leaderName: null,
      teamOrganId: '510000-xfj',
    });
    expect(queue.body.items).toEqual([
      expect.objectContaining({ petitionNumber, routed: false, unread: true, instructions: 0 }),
    ]);

    // 定期浏览: the team reads it.
    const browsed = await api(petition).post(
      `/api/v1/leader-mailboxes/${MAILBOX}/browsing`,
      TEAM_CLERK,
      { note: '每日浏览' },
    );
    expect(browsed.status).toBe(201);
    expect(browsed.body).toMatchObject({
      casesInQueue: 1,
      newSinceLastBrowsing: 1,
      note: '每日浏览',
    });
    const again = await api(petition).post(
      `/api/v1/leader-mailboxes/${MAILBOX}/browsing`,
      TEAM_CLERK,
      {},
    );
    expect(again.body).toMatchObject({ casesInQueue: 1, newSinceLastBrowsing: 0 });
    const records = await mailbox('browsing', PROVINCIAL_LEADER);
    expect(records.body.items).toHaveLength(2);

    // 批示, then 转送 to the organ with authority.
    const instruction = await api(petition).post(
      `/api/v1/cases/${petitionNumber}/instructions`,
      PROVINCIAL_LEADER,
      {
        text: '请锦江区住建局依法查处，限期回复。',
        assigneeOrganId: ORGANS.jinjiangHousing,
        dueWithinDays: 10,
      },
    );
    expect(instruction.status).toBe(201);
    const routed = await api(petition).post(
      `/api/v1/cases/${petitionNumber}/transfer`,
      TEAM_CLERK,
      {
        leadOrganId: ORGANS.jinjiangHousing,
      },
    );
    expect(routed.status).toBe(200);
    const afterRouting = await mailbox('queue', TEAM_CLERK);
    expect(afterRouting.body.items[0]).toMatchObject({
      petitionNumber,
      routed: true,
      unread: false,
      instructions: 1,
    });

    // The housing bureau accepts and replies within the time limit.
    for (const [action, body] of [
      ['accept', {}],
      ['reply', { opinion: '已责令施工单位停止夜间施工并处罚款。' }],
    ] as const) {
      const response = await api(petition).post(
        `/api/v1/cases/${petitionNumber}/${action}`,
        ACTORS.handler,
        body,
      );
      expect(response.status).toBe(200);
    }
    const unanswered = await addressed('某小区物业乱收费');
    // A reply after the conclusion deadline (simulated: its reply dated a day past it).
    const late = await addressed('某商户占道经营');
    await api(petition).post(`/api/v1/cases/${late}/transfer`, TEAM_CLERK, {
      leadOrganId: ORGANS.jinjiangHousing,
    });
    await api(petition).post(`/api/v1/cases/${late}/accept`, ACTORS.handler, {});
    await api(petition).post(`/api/v1/cases/${late}/reply`, ACTORS.handler, { opinion: '已处理' });
    await petition.schema.query(
      `UPDATE petition_case SET replied_at = (deadlines->>'concludeBy')::timestamptz + interval '1 day'
        WHERE petition_number = $1`,
      [late],
    );

    const figures = await mailbox('figures', PROVINCIAL_LEADER);
    expect(figures.status).toBe(200);
    expect(figures.body).toMatchObject({
      received: 3,
      replied: 2,
      repliedOnTime: 1,
      onTimeRate: 0.5,
      instructed: 1,
    });
    const queueNow = await mailbox('queue', TEAM_CLERK);
    expect(queueNow.body.items[0]).toMatchObject({ petitionNumber: unanswered, routed: false });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const later = await api(petition).get(
      `/api/v1/leader-mailboxes/${MAILBOX}/figures?from=${encodeURIComponent(tomorrow)}`,
      { role: 'analyst', division: '510000' },
    );
    expect(later.body).toMatchObject({ received: 0, replied: 0, onTimeRate: null });
  });

  it('keeps a leader’s mailbox from those outside the leader’s jurisdiction, and refuses bad input', async () => {
    await addressed('成都市某道路长期积水', {
      ...SECRETARY,
      mailboxId: '510100-government-head',
      divisionCode: '510100',
      post: 'government-head',
      title: '成都市市长信箱',
      teamOrganId: '510100-xfj',
    });
    // A county's clerk sees neither the province's nor the city's leader's mailbox.
    for (const id of [MAILBOX, '510100-government-head']) {
      const response = await api(petition).get(
        `/api/v1/leader-mailboxes/${id}/queue`,
        ACTORS.clerk,
      );
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    const own = await mailbox('figures', PROVINCIAL_LEADER);
    expect(own.status).toBe(200);
    const nothing = await api(petition).get(
      '/api/v1/leader-mailboxes/510000-nobody/figures',
      PROVINCIAL_LEADER,
    );
    expect(nothing.status).toBe(404);

    const badPeriod = await api(petition).get(
      `/api/v1/leader-mailboxes/${MAILBOX}/figures?from=yesterday`,
      PROVINCIAL_LEADER,
    );
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.code).toBe('VALIDATION_FAILED');
    const before = await petition.schema.count('leader_mailbox_browsing');
    const badNote = await api(petition).post(
      `/api/v1/leader-mailboxes/${MAILBOX}/browsing`,
      TEAM_CLERK,
      {
        note: '',
        extra: true,
      },
    );
    expect(badNote.status).toBe(400);
    expect(await petition.schema.count('leader_mailbox_browsing')).toBe(before);
  });
});
