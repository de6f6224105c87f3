import pino from 'pino';
import { BatchedLogDestination } from './log-destination.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function recordingSink() {
  const chunks: string[] = [];
  return { chunks, sink: { write: (chunk: string) => chunks.push(chunk) } };
}

describe('BatchedLogDestination', () => {
  it('writes the lines of one turn of the event loop as one chunk, in order, when the turn ends', async () => {
    const { chunks, sink } = recordingSink();
    const logger = pino({ base: undefined, timestamp: false }, new BatchedLogDestination(sink));
    logger.info('受理');
    logger.info({ step: 2 }, '转办');
    expect(chunks).toEqual([]);
    await nextTurn();
    expect(chunks).toHaveLength(1);
    expect(
      chunks[0]
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { level: 30, msg: '受理' },
      { level: 30, step: 2, msg: '转办' },
    ]);
  });

  it('starts a new chunk for lines logged in a later turn', async () => {
    const { chunks, sink } = recordingSink();
    const destination = new BatchedLogDestination(sink);
    destination.write('a\n');
    await nextTurn();
    destination.write('b\n');
    destination.write('c\n');
    await nextTurn();
    expect(chunks).toEqual(['a\n', 'b\nc\n']);
  });

  it('writes what is waiting at once when flushed, and nothing twice', async () => {
    const { chunks, sink } = recordingSink();
    const destination = new BatchedLogDestination(sink);
    destination.write('before exit\n');
    let flushed: unknown[] | undefined;
    destination.flush((...args) => (flushed = args));
    expect(chunks).toEqual(['before exit\n']);
    expect(flushed).toEqual([]);
    await nextTurn();
    expect(chunks).toEqual(['before exit\n']);
  });
});
