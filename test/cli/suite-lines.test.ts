/**
 * suite-lines: a case's line only where the text says it plainly, never a wrong one.
 */
import { describe, expect, it } from 'vitest';
import { caseLines } from '../../src/report/suite-lines.js';

describe('caseLines', () => {
  it('reads the plain cases array', () => {
    expect(caseLines(`export default defineSuite({ name: 's', model: 'm.ts',
  cases: [
    { params: { a: 1 } },
    { params: { a: 2 } },
  ],
});`)).toEqual([3, 4]);
    expect(caseLines(`export default { name: 's', cases: [{ a: 1 },
  { a: 2 }] };`)).toEqual([1, 2]);
  });

  it('gives no lines for an array changed after it is written (reverse, sort, concat)', () => {
    for (const tail of ['.reverse()', '.sort((x, y) => x.k - y.k)', '.concat(more)'])
      expect(caseLines(`export default defineSuite({ name: 's', model: 'm.ts',
  cases: [
    { params: { a: 1 } },
    { params: { a: 2 } },
  ]${tail},
});`), tail).toBeNull();
  });

  it("gives no lines for a 'cases :' that is not the suite's key", () => {
    // A conditional's branch: the suite's cases come from `base` when `full`.
    expect(caseLines(`import base from './b';
const { cases } = base;
export default defineSuite({ name: 's', model: 'm.ts', 'cases': full ? cases : [
    { params: { a: 1 } },
    { params: { a: 2 } },
  ] });`)).toBeNull();
    // A helper object's array, the suite given it reordered.
    expect(caseLines(`const extra = { cases: [
  { params: { a: 1 } },
  { params: { a: 2 } }] };
const cases = [...extra.cases].reverse();
export default defineSuite({ name: 's', model: 'm.ts', cases });`)).toBeNull();
  });
});
