import { InProcessService } from '@minsheng/service-harness';
import { makeResidentIdNumber } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { ACTORS, api, outboxEvents, registerLetter } from './support/petition-test-kit.js';

/** Real-looking petitions: the same matter in other words, and other matters of the same person. */
const ELEVATOR = {
  title: '锦绣花园3栋电梯经常故障',
  content:
    '金牛区锦绣花园3栋电梯经常故障，上个月困人两次，物业公司一直拖着不修，住在高层的老人上下楼非常困难。',
};
const ELEVATOR_REWORDED = {
  title: '请督促物业修好电梯',
  content:
    '锦绣花园3栋的电梯三天两头坏，上个月还关了两次人，找物业维修总是推脱，我家住18楼，老人只能爬楼梯，请督促物业修好电梯。',
};
const PENSION = {
  title: '养老金三个月未到账',
  content: '我父亲今年退休，养老金已经三个月没有到账，社保局说材料在审核，一直没有结果。',
};
const SCHOOL = {
  title: '孩子入学报名被拒',
  content:
    '孩子今年6岁，户口在成华区猛追湾街道，房产也在学区内，但是划片学校以学位已满为由不给报名，请教育局解决孩子入学问题。',
};
const WAGES = {
  title: '包工头拖欠农民工工资',
  content:
    '我们是在高新区天府软件园三期工地干活的农民工，包工头张某拖欠我们2023年下半年工资共计48万元，至今未付，多次讨要无果，请求劳动监察部门帮我们追回血汗钱。',
};
const WAGES_OTHER_WORDS = [
  '天府软件园三期工地的张姓包工头欠我们工人去年7到12月的工钱，一共48万多元，找了好几次都不给，恳请劳动监察大队介入。',
  '我在天府软件园三期工地打工，包工头张某欠了我们半年的工资，48万元一直拖着不给，请劳动监察部门帮忙讨薪。',
  '天府软件园三期工地农民工工资被包工头张某拖欠，总额48万元，讨要多次无果，请求劳动监察部门处理。',
  '我们在软件园三期工地干了半年活，包工头张某拖欠工资48万元不发，请劳动监察部门为农民工追回欠薪。',
];

describe('petition: repeat (重复信访) and collective petitions', () => {
  let petition: InProcessService;

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { SUPERVISION_SCAN_INTERVAL_MS: '0', COLLECTIVE_MIN_PETITIONERS: '5' },
    });
  });

  afterAll(async () => {
    await petition?.stop();
  });

  const detail = async (number: string) =>
    (await api(petition).get(`/api/v1/cases/${number}`, ACTORS.clerk)).body;
  const person = (n: number) => makeResidentIdNumber('510106', '19700101', n);

  it('links the same matter, worded differently, from the same petitioner to the earlier case', async () => {
    const first = await registerLetter(petition, { ...ELEVATOR, idNumber: person(1) });
    const again = await registerLetter(petition, { ...ELEVATOR_REWORDED, idNumber: person(1) });
    const body = await detail(again);
    expect(body.repeat).toMatchObject({ ofPetitionNumber: first, status: 'suspected' });
    expect(body.repeat.similarity).toBeGreaterThan(0.2);
    expect((await detail(first)).repeat).toBeNull();
    const [linked] = await outboxEvents(petition, 'petition.case.repeat-linked', body.id);
    expect(linked.data).toMatchObject({ repeatOfPetitionNumber: first, repeatStatus: 'suspected' });
    const [registered] = await outboxEvents(petition, 'petition.case.registered', body.id);
    expect(registered.data.repeatOfCaseId).toBe(body.repeat.ofCaseId);

    // A third petition on the matter points to the first case, not to the second.
    const third = await registerLetter(petition, { ...ELEVATOR, idNumber: person(1) });
    expect((await detail(third)).repeat.ofPetitionNumber).toBe(first);
  });

  it('does not link different matters of the same petitioner, nor the same matter of another petitioner', async () => {
    await registerLetter(petition, { ...PENSION, idNumber: person(2) });
    const school = await registerLetter(petition, { ...SCHOOL, idNumber: person(2) });
    expect((await detail(school)).repeat).toBeNull();
    await registerLetter(petition, { ...PENSION, idNumber: person(3) });
    const other = await registerLetter(petition, { ...PENSION, idNumber: person(4) });
    expect((await detail(other)).repeat).toBeNull();
  });

  it('lets staff confirm a repeat link, or remove it, and says when there is none', async () => {
    await registerLetter(petition, { ...ELEVATOR, idNumber: person(5) });
    const confirmed = await registerLetter(petition, { ...ELEVATOR_REWORDED, idNumber: person(5) });
    const confirm = await api(petition).post(
      `/api/v1/cases/${confirmed}/repeat/confirm`,
      ACTORS.clerk,
    );
    expect(confirm.status).toBe(200);
    expect(confirm.body.repeat.status).toBe('confirmed');

    const unlink = await api(petition).post(
      `/api/v1/cases/${confirmed}/repeat/unlink`,
      ACTORS.supervisor,
      {
        reason: '反映的是另一部电梯',
      },
    );
    expect(unlink.status).toBe(200);
    expect(unlink.body.repeat).toBeNull();
    const none = await api(petition).post(
      `/api/v1/cases/${confirmed}/repeat/confirm`,
      ACTORS.clerk,
    );
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('NOT_A_REPEAT');
    const subjects = (
      await outboxEvents(petition, 'petition.case.repeat-unlinked', unlink.body.id)
    ).map((e) => e.type);
    expect(subjects).toEqual(['petition.case.repeat-unlinked']);
    expect(unlink.body.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['repeat-linked', 'repeat-confirmed', 'repeat-unlinked']),
    );
  });

  it('marks the same matter from five different petitioners of one county as a collective petition, not from four', async () => {
    const numbers = [await registerLetter(petition, { ...WAGES, idNumber: person(10) })];
    for (const [i, content] of WAGES_OTHER_WORDS.slice(0, 3).entries()) {
      numbers.push(
        await registerLetter(petition, { title: '讨要工资', content, idNumber: person(11 + i) }),
      );
    }
    for (const number of numbers) expect((await detail(number)).collectiveGroupId).toBeNull();

    numbers.push(
      await registerLetter(petition, {
        title: '讨薪',
        content: WAGES_OTHER_WORDS[3],
        idNumber: person(14),
      }),
    );
    const groups = new Set<string | null>();
    for (const number of numbers) groups.add((await detail(number)).collectiveGroupId);
    expect(groups.size).toBe(1);
    expect([...groups][0]).toEqual(expect.any(String));
    const [marked] = await outboxEvents(
      petition,
      'petition.case.collective-marked',
      (await detail(numbers[4])).id,
    );
    expect(marked.data).toMatchObject({ petitioners: 5, caseIds: expect.any(Array) });
    expect(marked.data.caseIds).toHaveLength(5);

    // The same matter in the neighbouring county is not part of Jinjiang's group.
    const qingyang = await registerLetter(petition, {
      ...WAGES,
      idNumber: person(20),
      division: '510105',
      clerk: ACTORS.neighbourClerk,
    });
    const neighbour = await api(petition).get(`/api/v1/cases/${qingyang}`, ACTORS.neighbourClerk);
    expect(neighbour.body.collectiveGroupId).toBeNull();
  });
});
