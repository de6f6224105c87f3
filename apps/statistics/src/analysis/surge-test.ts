import { poissonTail } from './poisson.js';

/**
 * The surge test (docs/statistics.md): a topic's count in the last WINDOW_DAYS in a division
 * against its own history over the HISTORY_DAYS before the window, as a Poisson rate. The
 * history is smoothed by half an event so a never-seen topic has a small, not zero, expectation.
 */
export const SURGE = {
  windowDays: 7,
  historyDays: 56,
  /** A warning needs at least this many complaints in the window … */
  minCount: 5,
  /** … and a tail probability below this (many topics are tested at once). */
  maxPValue: 1e-4,
} as const;

export interface SurgeVerdict {
  observed: number;
  expected: number;
  pValue: number;
  surging: boolean;
  /** 苗头性: nothing on the topic in the division's history. */
  incipient: boolean;
}

export function surgeTest(observed: number, history: number): SurgeVerdict {
  const expected = (Math.max(history, 0.5) * SURGE.windowDays) / SURGE.historyDays;
  const pValue = poissonTail(observed, expected);
  return {
    observed,
    expected: Math.round(expected * 1000) / 1000,
    pValue,
    surging: observed >= SURGE.minCount && pValue < SURGE.maxPValue,
    incipient: history === 0,
  };
}

/** 蓝/黄/橙/红 by how strong the evidence is. */
export function surgeLevel(observed: number, pValue: number): 'blue' | 'yellow' | 'orange' | 'red' {
  if (observed >= 30 || pValue < 1e-12) return 'red';
  if (observed >= 15 || pValue < 1e-8) return 'orange';
  if (pValue < 1e-6) return 'yellow';
  return 'blue';
}

/** 群体性: distinct petitioners on one matter within the window. */
export const COLLECTIVE = { windowHours: 72, minPetitioners: 5, minSharedKeywords: 2 } as const;

export function collectiveLevel(petitioners: number): 'yellow' | 'orange' | 'red' {
  if (petitioners >= 20) return 'red';
  if (petitioners >= 10) return 'orange';
  return 'yellow';
}

/** 煽动性 language: calls to gather, sign together or go up to a higher level in a group. */
const MOBILISATION =
  /(集体上访|联名|串联|组织大家|大家一起(去|到)|一起去(省|市|县|北京)|拉横幅|聚集|围堵|静坐|堵路|进京|到省里去|集体去)/u;

export function mobilisationPhrase(text: string): string | null {
  return MOBILISATION.exec(text)?.[0] ?? null;
}
