import { ReceptionDayQueue } from './reception-day-queue.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ReceptionDayQueue', () => {
  it('runs the bookings of one day one after another, in arrival order', async () => {
    const queue = new ReceptionDayQueue();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const step = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((n) => queue.run('day-1', step(n))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets different days run at the same time', async () => {
    const queue = new ReceptionDayQueue();
    let running = 0;
    let most = 0;
    const work = async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
    };
    await Promise.all([queue.run('day-1', work), queue.run('day-2', work)]);
    expect(most).toBe(2);
  });

  it('goes on with the next booking after one fails, and forgets a day once it is idle', async () => {
    const queue = new ReceptionDayQueue();
    const failed = queue.run('day-1', async () => {
      throw new Error('slot taken');
    });
    const next = queue.run('day-1', async () => 'booked');
    await expect(failed).rejects.toThrow('slot taken');
    await expect(next).resolves.toBe('booked');
    await tick();
    expect(queue.busyDays).toBe(0);
  });
});
