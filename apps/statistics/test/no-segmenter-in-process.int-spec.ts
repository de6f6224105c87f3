import { createRequire } from 'node:module';
import { StatisticsKit, at, publishComplaint } from './support/statistics-kit.js';

/*
 * What has been required in this suite so far: Jest gives each suite its own module registry, and
 * the in-process service's CommonJS modules — a native addon among them — are loaded into it.
 */
const required = () => Object.keys(createRequire(import.meta.url).cache);
const jieba = () => required().filter((path) => path.includes('@node-rs/jieba'));

/**
 * jieba costs ≈ 41 MiB of native memory per process; statistics takes each complaint's keywords
 * from petition's `petition.case.registered`, so its process must never load it. This suite
 * passes the keywords itself and never segments anything.
 */
describe('statistics: analyses complaints without loading a Chinese segmenter', () => {
  let kit: StatisticsKit;
  const keywords = [
    { keyword: '交房', weight: 1.6 },
    { keyword: '开发商', weight: 1.2 },
    { keyword: '逾期', weight: 0.9 },
  ];

  beforeAll(async () => {
    kit = await StatisticsKit.start({ now: '2026-04-10T12:00:00+08:00' });
    for (let i = 0; i < 6; i += 1) {
      await publishComplaint(kit, {
        division: '510104',
        title: '开发商逾期交房',
        content: `锦城花园${i + 1}栋开发商逾期两年仍未交房，请求督促尽快交房。`,
        submittedAt: at('2026-04-08', 9 + i),
        petitioner: `p${i}`,
        categoryCode: 'housing',
        keywords,
      });
    }
    await kit.settled();
  }, 60_000);

  afterAll(async () => {
    await kit?.stop();
  });

  it('ranks hotspots and raises warnings from the keywords petition sent, with jieba never loaded', async () => {
    const body = await kit.ok(
      '/api/v1/statistics/hotspots?divisionCode=510104&from=2026-04-03&to=2026-04-10',
    );
    expect(body.hotspots.map((h: { topic: string; count: number }) => [h.topic, h.count])).toEqual([
      ['交房', 6],
      ['开发商', 6],
      ['逾期', 6],
    ]);
    const warnings = await kit.ok('/api/v1/statistics/warnings?divisionCode=510104');
    expect(warnings.warnings.length).toBeGreaterThan(0);
    // The registry does hold what the service required (its Postgres driver) …
    expect(required().some((path) => path.includes('/node_modules/pg/'))).toBe(true);
    // … and nothing of jieba.
    expect(jieba()).toEqual([]);
  });

  it('would see jieba had anything in this suite loaded it', async () => {
    const { ChineseSegmenter } = await import('@minsheng/text-analysis');
    new ChineseSegmenter().keywords('开发商逾期交房', 1);
    expect(jieba()).toEqual(
      expect.arrayContaining([expect.stringMatching(/@node-rs\/jieba.*\.node$/)]),
    );
  });
});
