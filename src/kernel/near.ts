/**
 * A line a user's step cites that the function's text lacks is one the patch adds (emit.ts). One
 * that is nearly a line of the function is more likely a slip in copying the kernel's: said in a
 * note, never changed (a patch may change a line). Near means token by token (spacing already
 * resolves: source.ts `tight`) the same but for
 * - an `&` or `*` dropped or added, or `.` for `->` or back (a pointer slip: patches add such lines rarely, and a note costs little), or
 * - a name no kept kernel text uses, within a typo of the kernel's name there: at most two edits
 *   (an insertion, deletion, substitution or swap of neighbours), and at most one per four letters.
 * A name the kernel has is a real change however close, in this function or not (`mutex_unlock` for
 * `mutex_lock`, `get_device` for `put_device`, `__driver_probe_device` for `driver_probe_device`,
 * `KOBJ_UNBIND` for `KOBJ_BIND`, `&b` for `&a`: a patch writer changes a lock or a call on purpose),
 * and so is one that swaps a word of the kernel's for its opposite (`pm_runtime_get` for
 * `pm_runtime_put`, a name the kept texts may lack), a short one (`b` for `a`, one edit in one
 * letter) or any other token (`==` for `=`, `!x` for `x`, a string's text).
 */
import { C_TOKEN as TOKEN, at, keptNames, linesWith, type Excerpt } from './source.js';
import { NOT_CODE } from './spans.js';

/** Words a patch swaps for each other on purpose (`_`-separated parts of a name: lock/unlock, get/put, ...). */
const OPPOSITE = new Set([
  ['lock', 'unlock'], ['lock', 'trylock'], ['get', 'put'], ['inc', 'dec'], ['add', 'del'], ['enable', 'disable'], ['on', 'off'],
  ['start', 'stop'], ['set', 'clear'], ['up', 'down'], ['bind', 'unbind'], ['register', 'unregister'], ['attach', 'detach'],
  ['init', 'exit'], ['alloc', 'free'], ['hold', 'release'], ['acquire', 'release'], ['begin', 'end'], ['read', 'write'],
  ['enter', 'exit'], ['ref', 'unref'], ['map', 'unmap'], ['pin', 'unpin'], ['mask', 'unmask'], ['block', 'unblock'], ['bound', 'unbound'],
].flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
/** `mine` is `kernel` with one word swapped for its opposite (either case), or with leading underscores added or dropped. */
function swapped(mine: string, kernel: string): boolean {
  if (mine.replace(/^_+/, '') === kernel.replace(/^_+/, '')) return true;
  const a = mine.split('_'), b = kernel.split('_');
  if (a.length !== b.length) return false;
  const diff = a.flatMap((w, i) => (w === b[i] ? [] : [i]));
  return diff.length === 1 && OPPOSITE.has(`${a[diff[0]!]!.toLowerCase()}|${b[diff[0]!]!.toLowerCase()}`);
}
const NAME = /^[A-Za-z_]\w*$/;
/**
 * The tokens a near miss compares: `&` and `*` left out (a slip of either is near), `.` read as `->` (one name is a pointer
 * or a struct in one function, so `private.deferred_probe` for `private->deferred_probe` is a slip, s46 h6).
 */
const tokens = (s: string) => (s.match(TOKEN) ?? []).filter((t) => t !== '&' && t !== '*').map((t) => (t === '.' ? '->' : t));

/** Edits between two words (optimal string alignment: a swap of neighbours is one). */
function edits(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
    d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
  }
  return d[a.length]![b.length]!;
}

/** A typo of `kernel`: a name the function and the kept texts lack, no opposite of it, at most two edits and one per four letters. */
function typo(mine: string, kernel: string, names: ReadonlySet<string>): boolean {
  // Lengths more than two apart are more than two edits: no table (a user's long name against every kernel token was
  // quadratic in it, a second for a 4,000-letter name: s46 h15).
  if (Math.abs(mine.length - kernel.length) > 2 || !NAME.test(mine) || !NAME.test(kernel) || names.has(mine) || keptNames().has(mine) || swapped(mine, kernel)) return false;
  const e = edits(mine, kernel);
  return e <= 2 && 4 * e <= Math.max(mine.length, kernel.length);
}

/**
 * The line of `ex` that `text` (a line the text lacks) nearly is, as its number and its text, or
 * undefined. The first such line from the top where several are. `nth`/`of`: where the function has that line more
 * than once, its @n and the lines that have it.
 */
export function nearLine(ex: Excerpt, text: string): { at: string; line: string; nth?: number; of?: string[] } | undefined {
  const mine = tokens(text);
  if (mine.length === 0) return undefined;
  const names = new Set(ex.lines.flatMap((l) => l.match(TOKEN) ?? []).filter((t) => NAME.test(t)));
  for (let i = 0; i < ex.lines.length; i++) {
    const line = ex.lines[i]!;
    if (NOT_CODE.test(line)) continue;
    const theirs = tokens(line);
    for (let s = 0; s + mine.length <= theirs.length; s++) {
      if (!mine.every((t, k) => t === theirs[s + k] || typo(t, theirs[s + k]!, names))) continue;
      // A line the function has more than once is cited with its @n (s46 h13: the note's line, cited as told, was E604).
      const same = linesWith(ex, line.trim());
      return { at: at(ex, i), line: line.trim(), ...(same.length > 1 ? { nth: same.indexOf(i) + 1, of: same.map((j) => at(ex, j)) } : {}) };
    }
  }
  return undefined;
}
