/**
 * A user's step whose C cites a line no text tried has: one the patch adds, read line by line
 * (emit.ts calls this where the step's whole C did not resolve). The lines a text has resolve as
 * before; a plain line it lacks is the patch's own, placed after the text's line cited before it
 * and read as written (its ` #runs`, a release in it for the span note); a near miss of a kernel
 * line is said in a note (near.ts). An `@n` or a range the text lacks is a mistake (`placed`, with
 * the line it nearly is), as are the other errors a line can give (`runsNothing`, `ambiguous`).
 */
import type { Added } from './spans.js';
import { FN_PREFIX, FN_NOT_IN_FILE, NOT_IN_TEXT, AMBIGUOUS, RUNS_NOTHING, addedRuns, anchorExcerpt, excerptsOf, lineList, linesWith, missingFunction, resolveStep, untagged, withAddedLines, type Anchored } from './source.js';
import { nearLine } from './near.js';

type Sources = Readonly<Record<string, string>>;
export interface UserLines {
  /** The step's C as read: its text's lines, the added ones in place, their runs, the added lines' places, the notes to say. */
  read?: { anchored: Anchored[]; source: string; runs: string[]; added: Added[]; notes: string[] };
  /** The first error of each kind a line gave (emit.ts turns them into E604s). */
  placed?: string; runsNothing?: string; ambiguous?: string;
}

export function readUserLines(tries: readonly Sources[], where: string, c: readonly string[], renamed: Sources, unread: Sources,
  mine: { id: string; subject: string }, step: string): UserLines {
  const out: UserLines = {};
  // Each text tried, the one that has the most of the lines wins (the first of equals): a line the patch's own text has is
  // its, not one the patch adds, where another line is in neither (s46 h6: the profile's text, tried first, took it as added).
  type Read = { r?: { anchored: Anchored[]; text: string }; added: string[]; placedAfter: Added[] };
  let best: Read | undefined;
  for (const sources of tries) {
    const kept: string[] = [], added: string[] = [], placedAfter: (Added & { own?: string })[] = [];
    // The text's line cited last, and the last in each function: an added line stands after the one cited before it in
    // its own function (an `f::` line in a callee, s46 h6: it stood after the caller's call line, so after the callee's
    // lines too), else first in its function where the step cites that function's lines, else after the last.
    let err: string | undefined, last: Added['after'];
    const lastIn = new Map<string, NonNullable<Added['after']>>();
    for (const a of c) {
      const r1 = resolveStep(sources, where, [a], renamed, unread);
      if (!('error' in r1)) {
        kept.push(a);
        const an = r1.anchored.at(-1);
        if (an?.lines.length) { last = { path: an.path, fn: an.fn, line: an.lines.at(-1)! }; lastIn.set(`${an.path}:${an.fn}`, last); }
      }
      // An `@n` or a range cites the text by place (patches.md: an `n` past the count is E604); a line the patch adds has none.
      // A plain line of a `where` naming a function the kept text lacks (one the patch adds, s47 h5: cb3d1049f4ea's
      // __device_set_driver_override on v6.12) is the patch's own too: the step printed no C row, without a word.
      else if ((NOT_IN_TEXT.test(r1.error) || (FN_NOT_IN_FILE.test(r1.error) && !FN_PREFIX.test(untagged(a)))) && !/@\d+$| \.\.\. /.test(untagged(a))) {
        added.push(a);
        const ex = anchorExcerpt(sources, where, a, renamed, unread)?.ex, own = ex && `${ex.path}:${ex.fn}`;
        const after = (own && lastIn.get(own)) ?? last;
        placedAfter.push({ text: untagged(a).replace(FN_PREFIX, '').trim(), ...(after ? { after } : {}), ...(own && !lastIn.has(own) ? { own } : {}) });
      }
      else if (NOT_IN_TEXT.test(r1.error)) {
        err ??= r1.error;
        // The kernel's line it nearly is, where a part of it (`a@n`, a range's end) is a slip (s46 h13: the E604 said
        // only that the line is not there, though the note for a plain line names the line meant).
        if (out.placed === undefined) {
          const hit = anchorExcerpt(sources, where, untagged(a), renamed, unread);
          const near = hit && hit.text.split(' ... ').map((t) => /^(.*?)(?:@(\d+))?$/.exec(t.trim())!)
            .filter(([, t]) => !linesWith(hit.ex, t!).length).map(([, t, n]) => {
              const l = nearLine(hit.ex, t!);
              const nth = n ? l?.of?.[Number(n) - 1] : undefined; // the nth of those lines, as @n counts
              // Where the function has it more than once and the @n does not pick one (none, or one past the count), all
              // are named: cited as the text has it, it would be E604 again (s46 h16: it named the first alone).
              return l && { ...l, at: nth ?? l.at, many: !nth && l.of && l.of.length > 1 ? `, one of ${l.of.length} (lines ${l.of.join(', ')}): say which with @n` : '' };
            }).find((x) => x);
          out.placed = r1.error + (near ? ` (it is nearly the text's line ${near.at}, '${near.line}'${near.many})` : '');
        }
      }
      else { err ??= r1.error; if (RUNS_NOTHING.test(r1.error)) out.runsNothing ??= r1.error; if (AMBIGUOUS.test(r1.error)) out.ambiguous ??= r1.error; }
    }
    const r = err === undefined && kept.length ? resolveStep(sources, where, kept, renamed, unread) : undefined;
    if (err !== undefined || added.length === 0 || (r && 'error' in r)) continue;
    // A line whose function the step cites only after it: first in that function.
    const fns = new Set(r?.anchored.map((an) => `${an.path}:${an.fn}`));
    const inPlace = placedAfter.map(({ own, ...x }): Added => (own && fns.has(own) ? { ...x, after: { path: own.replace(/:[^:]*$/, ''), fn: own.replace(/^.*:/, ''), line: -1 } } : x));
    if (!best || added.length < best.added.length) best = { ...(r ? { r } : {}), added, placedAfter: inPlace };
  }
  if (!best) return out;
  const { r, added } = best;
  const anchored = r ? r.anchored : [];
  // Each added line printed in its place among the text's (s46 h10: after them all, its place not shown).
  const source = withAddedLines(anchored, best.placedAfter.map((p, i) => ({ ...p, shown: `'${untagged(added[i]!)}'` })));
  // An added line is read as written (s46 h2: nothing was): tagged ` #runs`, its direct calls are the step's, as a
  // kernel line's are; a release in it is placed among the text's lines for the span note (emit.ts).
  const runs = [...new Set([...anchored.flatMap((a) => a.runs ?? []), ...added.flatMap((a) => addedRuns(mine, step, a))])];
  // A line close to one of the function's is more likely a slip in copying it than a line the patch adds (near.ts): kept
  // as the patch's, and said (s46 h2: the kernel's line silently went from the step's C), in whichever text has it.
  const notes: string[] = [];
  for (const a of added) {
    const near = tries.map((sources) => anchorExcerpt(sources, where, a, renamed, unread))
      .map((hit) => hit && { hit, line: nearLine(hit.ex, hit.text) }).find((x) => x?.line);
    if (near) notes.push(`patch ${mine.id}'s step ${step} cites '${untagged(a)}', which ${near.hit.ex.fn} at ${near.hit.ex.release} lacks, as a line the patch adds; it is nearly the text's line ${near.line!.at}, '${near.line!.line}' (${near.hit.ex.path})` +
      (near.line!.nth ? `, one of ${near.line!.of!.length} (lines ${near.line!.of!.join(', ')}): if that is the line you meant, cite it as the text has it, with @${near.line!.nth}` : ': if that is the line you meant, cite it as the text has it'));
  }
  // Its `where` naming no kept function, nearly a kept one: a slip in copying it is more likely than a function the patch adds
  // (then its lines, read as added, would be the kernel's, and no near-miss note could say so).
  const wf = /^[\w/.-]+\.[ch]:([A-Za-z_]\w*)/.exec(where)?.[1];
  const misses = wf === undefined ? [] : tries.map((sources) => missingFunction(sources, where, `${wf}:: x`, renamed));
  const slip = misses.find((x) => x?.near !== undefined);
  if (slip) notes.push(`patch ${mine.id}'s step ${step} has where '${where}', whose function ${wf} the kept text of ${slip.path} at ${slip.release} lacks: its plain lines are read as lines the patch adds; did you mean '${slip.near}'?`);
  // A plain line such a step cites that a kept function of the file has (`{ ...orig, where }` keeps the library's C under a
  // new function's name): read as added all the same, and said, with how to cite the kernel's line.
  const missing = misses.find((x) => x);
  if (wf !== undefined && missing && !slip) {
    const fns = excerptsOf(missing.release, missing.path);
    for (const a of added) {
      // A call only: `return 0;` or a brace, which many functions have, says nothing about where a line came from.
      if (FN_PREFIX.test(untagged(a)) || !/^\s*(?!return\b)[^(]*\b\w+\s*\(/.test(untagged(a))) continue;
      // The step's own function first: `{ ...orig, where }` keeps its C, which other functions may share (s47 h8:
      // __driver_attach's driver_match_device line was said as __device_attach_driver's, the first in the file).
      const own = step.slice(0, step.indexOf(':'));
      const hit = [...(fns?.values() ?? [])].sort((x, y) => Number(y.fn === own) - Number(x.fn === own)).map((ex) => ({ ex, at: linesWith(ex, untagged(a)) })).find((x) => x.at.length);
      if (hit) notes.push(`patch ${mine.id}'s step ${step} cites '${untagged(a)}', which ${hit.ex.fn} has (${missing.path}@${missing.release}:${lineList(hit.ex, [hit.at[0]!])}), under where '${where}', whose function ${wf} the kept text lacks: read as a line the patch adds; to cite the kernel's line, write '${hit.ex.fn}:: ${untagged(a)}'`);
    }
  }
  out.read = { anchored, source, runs, added: best.placedAfter, notes };
  return out;
}
