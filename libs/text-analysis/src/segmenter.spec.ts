import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as JiebaModule from '@node-rs/jieba';
import { USER_WORDS } from './petition-lexicon.js';
import { ChineseSegmenter } from './segmenter.js';
import { PETITION_BOILERPLATE, STOP_WORDS } from './stop-words.js';

describe('ChineseSegmenter', () => {
  const segmenter = new ChineseSegmenter();

  it('keeps 坑洼 and 积水 as whole words', () => {
    const tokens = segmenter.tokens(
      '锦江区春熙路XX小区门口道路坑洼不平，下雨天积水严重，老人孩子出行不便，希望尽快修复。',
    );
    expect(tokens).toEqual([
      '锦江区',
      '春熙路',
      'xx',
      '小区',
      '门口',
      '道路',
      '坑洼',
      '不平',
      '下雨天',
      '积水',
      '老人',
      '孩子',
      '出行',
      '不便',
      '修复',
    ]);
  });

  it('turns full-width letters and digits into half-width and lower-cases Latin', () => {
    expect(segmenter.tokens('ＡＢＣ公司拖欠工资１２万元，ＷｅＣｈａｔ群里通知')).toEqual([
      'abc',
      '公司',
      '拖欠工资',
      '12',
      '万元',
      'wechat',
      '群里',
      '通知',
    ]);
  });

  it('drops punctuation, whitespace, stop words and petition boilerplate but keeps numbers', () => {
    expect(
      segmenter.tokens('您好！我反映一个问题：\n拖欠 3.5 万元，已经 2 年了。谢谢领导！'),
    ).toEqual(['拖欠', '3.5', '万元', '2', '年']);
  });

  it.each(['', '  \n\t　', '！！！。。。，，？……', '的了吗，您好，谢谢！'])(
    'returns no tokens for text without content (%j)',
    (text) => {
      expect(segmenter.tokens(text)).toEqual([]);
      expect(segmenter.keywords(text, 5)).toEqual([]);
    },
  );

  it('keeps petition words from the user dictionary whole', () => {
    expect(segmenter.tokens('网格员上门劝阻商贩占道经营，流浪犬伤人')).toEqual([
      '网格员',
      '上门',
      '劝阻',
      '商贩',
      '占道经营',
      '流浪犬',
      '伤人',
    ]);
  });

  it('tags words with their part of speech, punctuation included', () => {
    const tagged = segmenter.tag('我叫王建国，家住锦江区。');
    expect(tagged.map((t) => t.word)).toEqual(['我', '叫', '王建国', ',', '家住', '锦江区', '。']);
    expect(tagged.find((t) => t.word === '王建国')?.tag).toBe('nr');
    expect(tagged.find((t) => t.word === '锦江区')?.tag).toBe('ns');
  });

  it('ranks TF-IDF keywords best first, without stop words', () => {
    const keywords = segmenter.keywords(
      '您好，希望相关部门尽快解决问题，谢谢领导。小区停车难，车位不够，业主之间经常因为抢车位发生争吵，车位车位还是车位。',
      3,
    );
    expect(keywords.map((k) => k.keyword)).toEqual(['车位', '停车难', '争吵']);
    expect(keywords[0].weight).toBeGreaterThan(keywords[1].weight);
    expect(keywords[1].weight).toBeGreaterThan(keywords[2].weight);
  });

  it('keeps looking past stop words when they crowd the top keywords', () => {
    // Dozens of distinct boilerplate words, each three times, outrank the four content words.
    const boilerplate = PETITION_BOILERPLATE.filter((w) => w.length >= 2).join('，');
    expect(PETITION_BOILERPLATE.filter((w) => w.length >= 2).length).toBeGreaterThan(40);
    const keywords = segmenter.keywords(`${boilerplate.repeat(3)}。小区门口坑洼积水`, 4);
    expect(keywords.map((k) => k.keyword).sort()).toEqual(['坑洼', '小区', '积水', '门口'].sort());
  });

  it('weighs a keyword by its count × IDF over the count of words of two or more characters', () => {
    // 坑洼 坑洼 积水 count; ， 的 路 do not.
    const keywords = segmenter.keywords('坑洼积水，坑洼的路', 5);
    expect(keywords).toEqual([
      { keyword: '坑洼', weight: (2 * segmenter.idf('坑洼')) / 3 },
      { keyword: '积水', weight: segmenter.idf('积水') / 3 },
    ]);
  });

  it("gives the same keywords and weights as jieba's native TF-IDF extraction", () => {
    const require = createRequire(import.meta.url);
    const jieba = require('@node-rs/jieba') as typeof JiebaModule;
    const cutter = jieba.Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
    cutter.loadDict(Buffer.from(USER_WORDS.map((word) => `${word} 1000 n`).join('\n')));
    const native = jieba.TfIdf.withDict(readFileSync(require.resolve('@node-rs/jieba/idf.txt')));
    const texts = [
      '小区3栋电梯经常故障，物业公司一直拖着不修，老人上下楼非常困难，请督促尽快维修。',
      '包工头拖欠我们三个月工资，多次讨要无果，请求劳动监察部门帮忙追讨。',
      '村里土地被征收修路，青苗补偿款至今没有发放到位，请求核实并发放。',
      '旁边工地每天晚上施工到凌晨，噪音很大，居民无法休息，请相关部门查处。Noise at night, 2 AM.',
      '我在网上预付了健身卡3800元，商家突然关门跑路，电话打不通，请求市场监管部门介入退款。',
      '用好干群互动平台，践行网上群众路线，解决了一大批民生难题，促进了社会和谐稳定。',
    ];
    for (const text of texts) {
      for (const k of [1, 3, 8]) {
        const expected = native
          .extractKeywords(cutter, segmenter.normalize(text), 1_000)
          .filter(({ keyword }) => segmenter.isContentWord(keyword))
          .slice(0, k);
        const actual = segmenter.keywords(text, k);
        expect(actual.map((w) => w.keyword)).toEqual(expected.map((w) => w.keyword));
        actual.forEach((w, i) => expect(w.weight).toBeCloseTo(expected[i].weight, 9));
      }
    }
  });

  it('returns fewer keywords than asked when the text has fewer', () => {
    expect(segmenter.keywords('坑洼积水', 10).map((k) => k.keyword)).toEqual(['坑洼', '积水']);
    expect(segmenter.keywords('坑洼积水', 0)).toEqual([]);
    expect(() => segmenter.keywords('坑洼积水', -1)).toThrow(RangeError);
  });

  it('weights rare words above common ones and gives unknown words the median IDF', () => {
    expect(segmenter.idf('坑洼')).toBeGreaterThan(segmenter.idf('道路'));
    expect(segmenter.idf('道路')).toBeGreaterThan(segmenter.idf('的'));
    expect(segmenter.idf('甲乙丙丁戊己庚辛')).toBe(segmenter.idf('壬癸子丑寅卯辰巳'));
  });

  it('uses the stop words it is given instead of the built-in list', () => {
    const custom = new ChineseSegmenter({ stopWords: ['坑洼'] });
    expect(custom.tokens('希望修复坑洼')).toEqual(['希望', '修复']);
    expect(STOP_WORDS).toContain('希望');
  });
});
