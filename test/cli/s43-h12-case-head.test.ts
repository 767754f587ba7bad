/**
 * s43 h12: the suite table's case line (report/suite.ts caseHead) is cut by columns, as the rest of
 * the text reports' wrap is: a wide (CJK) character takes two, so a params string of them ran the
 * line to 158 columns where its length read 98.
 */
import { describe, expect, it } from 'vitest';
import { suiteTable } from '../../src/report/suite.js';
import { visibleLength } from '../../src/report/table.js';
import type { SuiteOutcome } from '../../src/suite/run.js';

const table = (suite: string, params: Record<string, string>) => suiteTable([{ suite, cases: [{ params,
  rows: [{ property: 'p', expected: 'holds', observed: 'holds', status: 'ok' }], result: { states: 1, seconds: 0, notes: ['n'] } }] }] as unknown as SuiteOutcome[]);

describe('a case line of wide characters', () => {
  it('goes on under its params within 120 columns, the mark last', () => {
    const lines = table('s', { profile: 'v5.9', who: '測試'.repeat(25), b: 'x'.repeat(10) }).slice(1, 3);
    for (const l of lines) expect(visibleLength(l), l).toBeLessThanOrEqual(120);
    expect(lines).toEqual([`s  profile=v5.9 who=${'測試'.repeat(25)}`, '   b=xxxxxxxxxx [1]']);
  });

  it("indents under a wide suite name's params by its columns", () => {
    const lines = table('測試', { profile: 'v5.9', a: 'y'.repeat(98), b: 'z' }).slice(1, 3);
    expect(lines).toEqual([`測試  profile=v5.9 a=${'y'.repeat(98)}`, '      b=z [1]']);
  });
});
