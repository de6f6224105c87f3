import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InProcessService } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
import {
  LeaderMessageKit,
  scheduler,
  startBoardSimulator,
  startInstance,
  startService,
  testEnv,
  type BoardSimulator,
  type SimulatedBoard,
} from './support/leader-message-kit.js';

const BOARDS = 20;
const PER_BOARD = 500;

describe('leader-message: incremental sync against the board simulator', () => {
  let simulator: BoardSimulator;
  let service: InProcessService;
  let kit: LeaderMessageKit;
  let env: Record<string, string>;
  const boards: SimulatedBoard[] = [];

  beforeAll(async () => {
    simulator = await startBoardSimulator();
    env = { ...testEnv(simulator), SYNC_PAGE_SIZE: '100', SYNC_LEASE_MS: '3000' };
    service = await startService(env);
    kit = new LeaderMessageKit(service);
    const divisions = ['510000', '510100', '510104', '510105', '510107'];
    for (let i = 0; i < BOARDS; i += 1) {
      const board = simulator.addBoard({ divisionCode: divisions[i % divisions.length] });
      boards.push(board);
      await kit.configureBoard(board);
    }
  });

  afterAll(async () => {
    await service?.stop();
    await simulator?.close();
  });

  const count = async (sql: string): Promise<number> =>
    Number((await service.schema.query<{ n: string }>(sql))[0].n);

  it('pulls 10,000 messages across 20 boards exactly once, with the puller stopped midway and a board failing for a while', async () => {
    for (const board of boards) simulator.inject(board.boardId, PER_BOARD);

    // A first instance starts pulling and is stopped midway.
    const first: NestFastifyApplication = await startInstance(service, env);
    scheduler(first).wake();
    await waitFor(async () => (await count('SELECT count(*) AS n FROM board_message')) >= 2_000, {
      timeoutMs: 30_000,
      what: 'a part of the messages',
    });
    await first.close();
    const afterStop = await count('SELECT count(*) AS n FROM board_message');
    expect(afterStop).toBeLessThan(BOARDS * PER_BOARD);

    // One board answers 500 for a while; more messages keep arriving on another.
    const failing = boards[3];
    // Until the puller is seen backing off: longer than the stopped instance's lease (3 s), which
    // may still hold this board, however slowly a busy machine gets to it.
    simulator.failFor(120_000, failing.boardId);
    simulator.inject(boards[0].boardId, 5);

    const restarted = scheduler(service.app);
    const backingOff = await waitFor(
      async () => {
        await restarted.pullDueBoards();
        const [board] = await service.schema.query<{
          failures: number;
          next_attempt_at: Date | null;
          last_error: string | null;
        }>('SELECT failures, next_attempt_at, last_error FROM board WHERE external_id = $1', [
          failing.boardId,
        ]);
        return board.failures >= 1 ? board : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the failing board to be backing off' },
    );
    simulator.failFor(0, failing.boardId);
    expect(backingOff.failures).toBeGreaterThanOrEqual(1);
    // The failure is recorded with the time of the next attempt (how long is asserted below:
    // a handful of calls during the outage, not one per poll).
    expect(backingOff.last_error).toMatch(/500/);
    expect(backingOff.next_attempt_at).not.toBeNull();

    const total = BOARDS * PER_BOARD + 5;
    await waitFor(
      async () => {
        await restarted.pullDueBoards();
        return (await count('SELECT count(*) AS n FROM board_message')) === total;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'the failing board to be caught up' },
    );

    expect(
      await count('SELECT count(DISTINCT (board_id, external_id)) AS n FROM board_message'),
    ).toBe(total);
    expect(
      await count(
        `SELECT count(*) AS n FROM outbox WHERE subject = 'leader-message.message.received'`,
      ),
    ).toBe(total);
    // Backoff: a handful of attempts during the outage, not one per poll.
    expect(simulator.calls.failed).toBeGreaterThanOrEqual(1);
    expect(simulator.calls.failed).toBeLessThanOrEqual(6);
    const [caughtUp] = await service.schema.query<{ failures: number; cursor: string }>(
      'SELECT failures, cursor FROM board WHERE external_id = $1',
      [failing.boardId],
    );
    expect(caughtUp).toEqual({ failures: 0, cursor: String(PER_BOARD) });

    // A second full pass finds nothing new.
    expect(await restarted.pullDueBoards()).toBe(0);
  }, 60_000);

  it('picks up a steady stream incrementally from each board’s cursor', async () => {
    const stop = simulator.startSteady({
      boardIds: [boards[1].boardId, boards[2].boardId],
      perTick: 3,
      intervalMs: 50,
    });
    await new Promise((r) => setTimeout(r, 300));
    stop();
    await scheduler(service.app).pullDueBoards();
    const rows = await service.schema.query<{ external_id: string; n: string }>(
      `SELECT b.external_id, count(*) AS n FROM board_message m JOIN board b ON b.id = m.board_id
        WHERE b.external_id = ANY($1) GROUP BY b.external_id`,
      [[boards[1].boardId, boards[2].boardId]],
    );
    for (const row of rows) expect(Number(row.n)).toBeGreaterThan(PER_BOARD);
    const [{ cursor }] = await service.schema.query<{ cursor: string }>(
      'SELECT cursor FROM board WHERE external_id = $1',
      [boards[1].boardId],
    );
    expect(Number(cursor)).toBe(Number(rows.find((r) => r.external_id === boards[1].boardId)!.n));
  });
});
