/**
 * The text reports with their prose lines joined back into one line each (src/report/wrap.ts cuts
 * notes, warnings and the vacuity report at 100 columns where stdout is no terminal), for the
 * tests that read a note's words, not its layout; test/cli/wrap-notes.test.ts holds the layout.
 * A line is joined to the one before where the wrapper would have put it there: it starts with
 * exactly the first line's hanging indent, its first word did not fit on the line before, and
 * both fit the width (or are one word): a longer line is none the wrapper cut (a deadlock's
 * `blocked at ...` line under its `waits for` line is a line of its own).
 */
import { proseUnits } from '../../src/report/wrap.js';
import { visibleLength } from '../../src/report/table.js';

const LABEL = /^(\s*)([a-z][\w-]*(?: \[[\d,]+\])?: )/;

export function unwrap(out: string, width = 100): string {
  const lines = out.split('\n');
  const res: string[] = [];
  let hang = -1, last = 0, fits = false;
  for (const l of lines) {
    // What the wrapper moved as one: a word, or a backticked span or `probecheck X` (proseUnits).
    const first = hang >= 0 && l.length > hang && l.slice(0, hang) === ' '.repeat(hang) && l[hang] !== ' ' ? proseUnits(l.slice(hang))[0]! : undefined;
    const mine = first !== undefined && (visibleLength(l) <= width || proseUnits(l.slice(hang)).length === 1);
    if (mine && res.length && fits && last + 1 + visibleLength(first!) > width) {
      res[res.length - 1] += ` ${l.slice(hang)}`;
      last = visibleLength(l);
      continue;
    }
    res.push(l);
    const label = LABEL.exec(l), lead = /^ */.exec(l)![0].length;
    hang = label && label[2]!.length <= 12 ? label[0].length : lead + 4;
    last = visibleLength(l);
    fits = last <= width || proseUnits(l.slice(lead)).length === 1;
  }
  return res.join('\n');
}
