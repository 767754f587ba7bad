/**
 * A line a user's step cites that the function's text lacks is one the patch adds (emit.ts). One
 * that is nearly a line of the function is more likely a slip in copying the kernel's: said in a
 * note, never changed (a patch may change a line). Near means token by token (spacing already
 * resolves: source.ts `tight`) the same but for
 * - an `&` or `*` dropped or added (a pointer slip: patches add such lines rarely, and a note costs little), or
 * - a name the function does not use, within a typo of the kernel's name there: at most two edits
 *   (an insertion, deletion, substitution or swap of neighbours), and at most one per four letters.
 * A name the function does use is a real change however close (`mutex_unlock` for `mutex_lock`,
 * `&b` for `&a`: a patch writer changes a lock or a call on purpose), and so is a short one (`b`
 * for `a`, one edit in one letter) or any other token (`==` for `=`, `!x` for `x`).
 */
import { at, type Excerpt } from './source.js';

const TOKEN = /[A-Za-z_]\w*|\d\w*|->|\+\+|--|&&|\|\||[<>=!]=|<<|>>|\S/g;
const NAME = /^[A-Za-z_]\w*$/;
/** Comments and blank lines (spans.ts's NOT_CODE). */
const NOT_CODE = /^\s*($|\/\*|\*|\/\/)/;
/** The tokens a near miss compares: `&` and `*` left out (a slip of either is near). */
const tokens = (s: string) => (s.match(TOKEN) ?? []).filter((t) => t !== '&' && t !== '*');

/** Edits between two words (optimal string alignment: a swap of neighbours is one). */
function edits(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
    d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
  }
  return d[a.length]![b.length]!;
}

/** A typo of `kernel`: a name the function lacks, at most two edits and one per four letters. */
function typo(mine: string, kernel: string, names: ReadonlySet<string>): boolean {
  if (!NAME.test(mine) || !NAME.test(kernel) || names.has(mine)) return false;
  const e = edits(mine, kernel);
  return e <= 2 && 4 * e <= Math.max(mine.length, kernel.length);
}

/**
 * The line of `ex` that `text` (a line the text lacks) nearly is, as its number and its text, or
 * undefined. The first such line from the top where several are.
 */
export function nearLine(ex: Excerpt, text: string): { at: string; line: string } | undefined {
  const mine = tokens(text);
  if (mine.length === 0) return undefined;
  const names = new Set(ex.lines.flatMap((l) => l.match(TOKEN) ?? []).filter((t) => NAME.test(t)));
  for (let i = 0; i < ex.lines.length; i++) {
    const line = ex.lines[i]!;
    if (NOT_CODE.test(line)) continue;
    const theirs = tokens(line);
    for (let s = 0; s + mine.length <= theirs.length; s++) {
      if (mine.every((t, k) => t === theirs[s + k] || typo(t, theirs[s + k]!, names))) return { at: at(ex, i), line: line.trim() };
    }
  }
  return undefined;
}
