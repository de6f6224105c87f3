import { randomBytes } from 'node:crypto';
import { signForHop, verifyHop, EnvelopeRefusedError } from './envelope-codec.js';
import { FederationTopology, JurisdictionError } from './federation-topology.js';
import { LinkKeyring } from './link-keys.js';

describe('FederationTopology', () => {
  const city = new FederationTopology('510100', '510000', ['510104'], 'ms.510100');

  it('derives the parent from the division code unless told otherwise', () => {
    expect(FederationTopology.parentFrom('510104', '')).toBe('510100');
    expect(FederationTopology.parentFrom('510100', '')).toBe('510000');
    expect(FederationTopology.parentFrom('510000', '')).toBeNull();
    expect(FederationTopology.parentFrom('510104', 'none')).toBeNull();
  });

  it('routes down to the child that covers the recipient, applies its own, and sends the rest up', () => {
    expect(city.nextHop('510104')).toBe('510104');
    expect(city.nextHop('510105')).toBe('510100');
    expect(city.nextHop('510100')).toBe('510100');
    expect(city.nextHop('510000')).toBe('510000');
    expect(city.nextHop('510700')).toBe('510000');
    expect(new FederationTopology('510000', null, [], 'ms').nextHop('520000')).toBeNull();
  });

  it('accepts from the parent only what is for its subtree and was written above it', () => {
    expect(() => city.checkHop('510000', '510000', '510104')).not.toThrow();
    expect(() => city.checkHop('510000', '510000', '510700')).toThrow(JurisdictionError);
    expect(() => city.checkHop('510000', '510104', '510104')).toThrow(JurisdictionError);
  });

  it('accepts from a child only what was written in its subtree and is for elsewhere', () => {
    expect(() => city.checkHop('510104', '510104', '510000')).not.toThrow();
    expect(() => city.checkHop('510104', '510105', '510000')).toThrow(JurisdictionError);
    expect(() => city.checkHop('510104', '510104', '510104')).toThrow(JurisdictionError);
    expect(() => city.checkHop('510105', '510105', '510100')).toThrow(JurisdictionError);
  });

  it('refuses a child outside its subtree', () => {
    expect(() => new FederationTopology('510100', '510000', ['510704'], 'ms')).toThrow(/not below/);
  });
});

describe('hop signatures and link sealing', () => {
  const secret = randomBytes(32).toString('base64');
  const atCity = new LinkKeyring(`510104-1:${secret}`);
  const atCounty = new LinkKeyring(`510100-1:${secret}`);
  const envelope = signForHop(
    atCity,
    {
      id: '5f0c7c55-7a36-4f6e-9c51-2f4f7c1d9a10',
      version: 1,
      type: 'supervision.ordered',
      originDivision: '510100',
      senderDivision: '510100',
      recipientDivision: '510104',
      caseKey: 'T1',
      caseSeq: 1,
      createdAt: '2026-11-29T00:00:00.000Z',
      payload: { b: 1, a: { y: 2, x: 1 } },
    },
    '510104',
  );

  it('verifies at the other end of the link, whatever the key order', () => {
    const reordered = JSON.parse(
      JSON.stringify({ ...envelope, payload: { a: { x: 1, y: 2 }, b: 1 } }),
    );
    expect(() => verifyHop(atCounty, reordered)).not.toThrow();
  });

  it('refuses a changed field and a key it does not know', () => {
    expect(() => verifyHop(atCounty, { ...envelope, caseSeq: 2 })).toThrow(EnvelopeRefusedError);
    const rotated = new LinkKeyring(`510100-2:${randomBytes(32).toString('base64')}`);
    expect(() => verifyHop(rotated, envelope)).toThrow(/no link key k1/);
  });

  it('seals for the link with the newest key and opens with any key of the link', () => {
    const newer = randomBytes(32).toString('base64');
    const cityRotated = new LinkKeyring(`510104-1:${secret},510104-2:${newer}`);
    const countyRotated = new LinkKeyring(`510100-2:${newer},510100-1:${secret}`);
    const sealed = cityRotated.seal('510104', '510104198001010000');
    expect(sealed).toMatch(/^v1\.k2\./);
    expect(countyRotated.open('510100', sealed)).toBe('510104198001010000');
    expect(countyRotated.open('510100', atCity.seal('510104', 'old'))).toBe('old');
    expect(() => atCounty.open('510100', sealed)).toThrow();
  });
});
