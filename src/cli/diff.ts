/**
 * `probecheck diff BASE [PATCHED]`: the same properties checked on a base and a patched model
 * (two files, or one file with different parameters per side), each classified as fixed,
 * regressed, still violated, still holds or unknown; every base counterexample is replayed on
 * the patched model to show the step where the patch blocks it. A property vacuous on the base
 * that holds on the patched side is "newly reached". A property that holds on the
 * patched model only because the situation it is about became unreachable (its premise, or a
 * leads-to's trigger) is "newly vacuous": a fix that works by making device_del impossible is
 * no fix.
 */
import { resolve } from 'node:path';
import { hasProperty } from '../engine/check.js';
import { ProbecheckError, suggestion } from '../engine/errors.js';
import type { Model } from '../engine/model.js';
import type { PropertyResult, Result, Verdict } from '../engine/result.js';
import { loadModel, loadPatchFiles } from '../load.js';
import { MANAGED_ADD, makesManagedLink, notCredited, noteLines, patchNotes, userPatches, withoutFiles } from './patch-notes.js';
import { checkUserPatches, splitLabel } from './steps.js';
import { hunkTarget } from '../kernel/define-patch.js';
import { isInsideNote } from '../kernel/define-property.js';
import { isUnjudgedNote } from '../kernel/emit.js';
import { replayWatching, type Inserted, type InsertedBy } from '../report/confirm.js';
import { colorVerdict, renderViolation, showParams, statsLines, vacuityLines, vouchedLines } from '../report/text.js';
import { wrapLines } from '../report/wrap.js';
import { stopLines } from '../report/stop.js';
import { table } from '../report/table.js';
import type { SearchArgs } from './args.js';
import { buildModel, nameModelFile, requireProperties } from './build.js';
import { resolveParams } from '../engine/params.js';
import { patchEntries } from '../kernel/patches.js';
import { Checker } from './checker.js';
import { EXIT, worst, type ExitCode } from './exit.js';
import type { Io } from './io.js';
import { ProgressLine } from './progress.js';
import { sigintHandler } from './interrupt.js';

/**
 * `uncredited`: violated on the base and holds on the patched side, as `fixed`, but the user's
 * patch did nothing there (no hunk of it ran) or hangs (a step of it blocks every thread that
 * reaches it for ever): the verdict cannot be credited to it (notCredited in patch-notes.ts).
 */
export type Change = 'fixed' | 'uncredited' | 'regressed' | 'still violated' | 'still holds' | 'newly reached' | 'newly vacuous' | 'still vacuous' | 'unknown';

export function classify(base: Verdict, patched: Verdict, baseVacuous = false, patchedVacuous = false): Change {
  if (base === 'unknown' || patched === 'unknown') return 'unknown';
  // An unreachable reachability question is the failing answer, as a violation is.
  const bad = (v: Verdict) => v === 'violated' || v === 'unreachable';
  const vacuous = (v: Verdict, premise: boolean) => !bad(v) && (v === 'vacuous' || premise);
  // Vacuous on both sides: the situation is reached on neither, so "still holds" would say nothing.
  if (vacuous(patched, patchedVacuous)) return vacuous(base, baseVacuous) ? 'still vacuous' : 'newly vacuous';
  if (bad(base)) return bad(patched) ? 'still violated' : 'fixed';
  if (bad(patched)) return 'regressed';
  // Vacuous on the base only: the situation arises on the patched side alone, and holds there;
  // "still holds" would claim a comparison the base never made.
  return vacuous(base, baseVacuous) ? 'newly reached' : 'still holds';
}

/**
 * What happens to a base counterexample on the patched model. `inserted`: how many steps the
 * patch added that the replay took on the way (see replayWatching).
 */
export interface OldTrace { replays: boolean; blockedAt?: number; why?: string; stillViolatedAt?: number; inserted?: number; endsAt?: { thread: string; label: string; waits?: string }[] }

export interface DiffRow { property: string; base: Verdict; patched: Verdict; change: Change; baseTrace?: number; patchedTrace?: number; oldTrace?: OldTrace }

export async function runDiff(io: Io, baseFile: string, patchedFile: string, baseParams: Record<string, string>, patchedParams: Record<string, string>, search: SearchArgs, json: boolean, quiet: boolean, allowVacuous = false, fixes: readonly string[] = []): Promise<ExitCode> {
  const [bf, pf] = [await loadModel(baseFile), await loadModel(patchedFile)];
  // --patch FILE goes to the patched side only (args.ts); its files load here, before either search.
  await loadPatchFiles(baseParams.patches);
  await loadPatchFiles(patchedParams.patches);
  const user = userPatches(patchedParams.patches);
  if (user.length) checkUserPatches(String(patchedParams.profile ?? pf.params?.profile?.default ?? 'mainline'), patchedParams.patches!);
  const baseModel = buildModel(bf, baseParams, baseFile), patchedModel = buildModel(pf, patchedParams, patchedFile);
  // One file with the same parameters on both sides compares a search with itself: every row
  // "still holds" (exit 0) about no change at all (a bad-input hunt, 2026-12-05: --patch forgotten).
  if (resolve(baseFile) === resolve(patchedFile) && sameParams(resolveParams(bf.name, bf.params ?? {}, baseParams), resolveParams(pf.name, pf.params ?? {}, patchedParams))) {
    throw new ProbecheckError('E501', `diff: the base and patched sides are one model (${baseFile}, the same parameters on both): give the patched side --patch FILE or --patched-param K=V, or a second file`);
  }
  // A user's patch none of whose hunks this scenario builds (their functions never called here)
  // leaves the patched side the base: every row would compare the kernel with itself, "still
  // holds", exit 0 (a mutation hunt, 2026-12-05: dev_uevent's hunk on a scenario with no uevent reader).
  if (user.length && resolve(baseFile) === resolve(patchedFile)) {
    // The load of the modules loaded at the start builds steps too: a hunk that runs only there
    // changes the start state (s41 h12: refused here, where check --patch ran it).
    const loadSteps = patchedModel.loadSteps ?? [];
    const built = new Set([...patchedModel.threads.flatMap((t) => Object.keys(t.steps)), ...loadSteps.map((e) => e.label)].map((l) => splitLabel(l).join(':')));
    const rest = withoutFiles(patchedParams, user)!;
    if (user.every((p) => p.hunks.every((h) => !built.has(hunkTarget(h)))) && sameParams(resolveParams(bf.name, bf.params ?? {}, baseParams), resolveParams(pf.name, pf.params ?? {}, rest))) {
      const fns = new Set([...built].map((l) => l.slice(0, l.indexOf(':'))));
      const managed = makesManagedLink([...patchedModel.threads.flatMap((t) => Object.entries(t.steps).map(([label, st]) => ({ label, where: st.where ?? '' }))), ...loadSteps]);
      const why = [...new Set(user.flatMap((p) => p.hunks.map((h) => (fns.has(h.fn) ? `${hunkTarget(h)} is not a step its ${h.fn} has here` : h.fn === 'device_link_add' && managed ? MANAGED_ADD.replace("this scenario's ", '') : `it never calls ${h.fn}`))))];
      throw new ProbecheckError('E501', `diff: ${user.length > 1 ? 'patches' : 'patch'} ${user.map((p) => p.id).join(', ')} ${user.length > 1 ? 'change' : 'changes'} nothing in ${bf.name} (profile ${String(patchedModel.params?.profile ?? rest.profile ?? '')}): ${why.slice(0, 4).join('; ')}${why.length > 4 ? '; ...' : ''}; every row would compare the kernel with itself: check a scenario that runs the patched code`);
    }
  }
  requireProperties(baseModel, search.properties);
  // The properties either side checks: a patch (a user's hunk that defers brings the deferred
  // worker, so deferred-lists and quiescence) or another profile may choose library properties the
  // base does not, and the base's list alone left them out, violated or not (a diff hunt,
  // 2026-12-06: `check --patch` exit 1, the same patch's diff "fixed", exit 0).
  // --fixes: properties the patch must fix, compared whatever else is (the library's named there are checked too).
  const names = [...new Set([...(search.properties.length ? search.properties : [...baseModel.properties, ...patchedModel.properties].map((p) => p.name)), ...fixes])];
  // Named by the user: --property and --fixes; the rest either side chose, checked by name for both
  // (s40 h12: no-lost-deferral, chosen by default beside a hand backport of 25e9fbf0fd38, judged
  // the match deferral check does not judge there, and diff said regressed where check said holds).
  const named = [...new Set([...search.properties, ...fixes])];
  for (const n of names) if (!hasProperty(patchedModel, n) && !hasProperty(baseModel, n)) {
    throw new ProbecheckError('E301', `neither model has a property '${n}'${suggestion(n, [...new Set([...baseModel.properties, ...patchedModel.properties].map((p) => p.name))])}`);
  } else if (!hasProperty(patchedModel, n)) {
    throw new ProbecheckError('E301', `the patched model ${patchedModel.name} has no property '${n}' (the base has it); pass --property to compare a subset`);
  } else if (!hasProperty(baseModel, n)) {
    throw new ProbecheckError('E301', `the base model ${baseModel.name} has no property '${n}' (the patched model has it); pass --property to compare a subset`);
  }

  const checker = new Checker();
  const progress = new ProgressLine(io.stderr, '', { quiet });
  checker.onProgress = (p) => progress.update(p);
  const onSigint = sigintHandler(() => { checker.interrupt(); progress.clear(); io.err('probecheck: interrupted; finishing with partial results (Ctrl-C again to quit)'); });
  process.on('SIGINT', onSigint);
  let base: Result, patched: Result;
  try {
    progress.setLabel('base');
    // With a user's patch both searches are complete, so the patch notes compare whole state spaces.
    const whole = user.length ? { exhaustive: true } : {};
    // An error says which side's search met it (a CI hunt, 2026-12-05: a step of the patch or of the base?).
    const side = async (which: string, file: string, params: Record<string, string | number>) => {
      try { return (await checker.run({ file: resolve(file), params, ...search, properties: names, named, ...whole })).result; } catch (e) {
        // A refusal met as the search starts (E601 following the properties checked) names the
        // file, as one met while building it does (s38 h10: diff named neither file nor side).
        nameModelFile(e, file);
        if (!(e instanceof ProbecheckError) || !/^E[23]\d\d$/.test(e.code)) throw e;
        const x = new ProbecheckError(e.code, `the ${which} search: ${e.message}`);
        if (e.detail) x.detail = e.detail;
        throw x;
      }
    };
    base = await side('base', baseFile, baseParams);
    progress.clear();
    progress.setLabel('patched');
    patched = await side('patched', patchedFile, patchedParams);
  } finally {
    process.off('SIGINT', onSigint);
    progress.clear();
    await checker.close();
  }

  // The steps new on the patched side are a patch's only when the sides differ by patches alone.
  const by = patchOnly(resolve(baseFile), resolve(patchedFile), base.params, patched.params) ? 'the patch' : 'the patched model';
  // An actor's action that never completed on a side makes every verdict there about runs that
  // stop short (check exits 5 for it): a property that holds there holds about nothing (a CI hunt,
  // 2026-12-05: a "fix" that made modprobe return at once was `fixed`, exit 0).
  const stuck = (r: Result) => (r.vacuity?.actions.length ?? 0) > 0;
  const rows: DiffRow[] = names.map((name) => {
    const b = base.properties.find((p) => p.name === name)!, p = patched.properties.find((x) => x.name === name)!;
    const row: DiffRow = { property: name, base: b.verdict, patched: p.verdict, change: classify(b.verdict, p.verdict, !!b.vacuous || stuck(base), !!p.vacuous || stuck(patched)) };
    if (b.trace) { row.baseTrace = b.trace.steps.length; row.oldTrace = oldTraceOn(patchedModel, b, insertedSteps(baseModel), by, named.includes(name)); }
    if (p.trace) row.patchedTrace = p.trace.steps.length;
    return row;
  });
  const notes = user.length ? patchNotes(user, patched, base) : [];
  // A "fix" of a patch none of whose hunks ran in the patched search, or one that holds because a
  // step of the patch blocks every thread that reaches it for ever, is not the patch's: said, and
  // exit 5 (a new user, 2026-12-06: a patch whose only step never fired read `fixed`, exit 0,
  // beside a warning; so did one whose wait never passed, hiding the racing probe).
  const nc = user.length ? notCredited(user, notes) : undefined;
  if (nc) for (const r of rows) if (r.change === 'fixed') r.change = 'uncredited';
  const uncredited = rows.filter((r) => r.change === 'uncredited');
  // What the patched model says that the base does not (a patch's wait the model cannot judge, say).
  // (And a property's inside() of a function no step is in, on both sides too: its `still holds` is about a test false in every state.)
  const newNotes = (patched.notes ?? []).filter((n) => !(base.notes ?? []).includes(n) || isInsideNote(n));
  // One the base alone has (a function only the patched side's steps are in): the base's verdict,
  // which the change compares against, is about that test false in every state (s46 h7: unsaid).
  // So is a library patch on the base alone that no property checked can see (Patch.judgedBy; s48
  // h5: `--param patches=codina-v7 --patched-param patches=` read every row `still holds` in silence).
  const baseNotes = (base.notes ?? []).filter((n) => (isInsideNote(n) || isUnjudgedNote(n)) && !(patched.notes ?? []).includes(n));
  const regressed = rows.some((r) => r.change === 'regressed');
  // A patch meant to fix a property that fixes nothing exits 0 otherwise: `still violated` is no
  // regression (two new users, 2026-12-05: wrong fixes passed a CI gate on diff's exit status).
  const unfixed = fixes.map((n) => rows.find((r) => r.property === n)!).filter((r) => r.change !== 'fixed');
  const vacuous = !allowVacuous && rows.some((r) => r.change === 'newly vacuous' || r.change === 'still vacuous' || r.change === 'uncredited');
  const exit = worst([regressed || unfixed.length ? EXIT.violated : EXIT.ok, vacuous ? EXIT.vacuous : EXIT.ok, rows.some((r) => r.change === 'unknown') ? EXIT.limit : EXIT.ok]);

  if (json) {
    io.out(JSON.stringify({ format: 'probecheck-diff', version: 1, exit, base: summary(baseFile, base), patched: summary(patchedFile, patched), properties: rows, ...(fixes.length ? { fixes: fixes.map((n) => ({ property: n, fixed: !unfixed.some((r) => r.property === n) })) } : {}), ...(user.length ? { patchNotes: notes } : {}), ...(nc && uncredited.length ? { notCredited: { properties: uncredited.map((r) => r.property), text: nc.text, hunks: nc.hunks } } : {}), ...(newNotes.length ? { patchedNotes: newNotes } : {}), ...(baseNotes.length ? { baseNotes } : {}) }, null, 2));
    return exit;
  }
  const c = io.colors;
  const out: string[] = [];
  if (!quiet) for (const p of patched.properties) {
    const r = rows.find((x) => x.property === p.name);
    if (p.verdict === 'violated' && r && (r.change === 'regressed' || otherRun(r) || r.change === 'unknown')) out.push(renderViolation(patched, p, { colors: c, width: io.width }), '');
  }
  // Where one side's states are stored up to permutations and the other's are not (symmetry is off
  // by default under a patch of the user's), the counts are of different things: the header says
  // which (s46 h9: a `{ ...orig }` patch read 421 -> 501 states with no word under -q).
  const reduced = (r: typeof base) => r.symmetry?.applied === true;
  const how = (r: typeof base) => (reduced(base) === reduced(patched) ? ''
    : reduced(r) ? ` (up to permutations of ${r.symmetry!.classes.join(', ')})`
    : ` (every state: symmetry not applied${r.symmetry?.note ? `, ${r.symmetry.note.replace(/:.*$/, '').replace(/ \([^)]*\)$/, '')}` : ''})`);
  out.push(c.bold(`base:    ${base.model} (${showParams(base.params)}): ${base.states.toLocaleString('en-US')} states${how(base)}`));
  out.push(c.bold(`patched: ${patched.model} (${showParams(patched.params)}): ${patched.states.toLocaleString('en-US')} states${how(patched)}`), '');
  const tbl = [['property', 'base', 'patched', 'change', 'base counterexample on the patched model'].map((h) => c.bold(h))];
  // Across profiles a base trace may stop at a step the other profile only names or orders
  // differently: not where the two differ (a new user's pass, 2026-12-05: "blocked" at a renamed step).
  const across = String(base.params.profile ?? '') !== String(patched.params.profile ?? '');
  for (const r of rows) tbl.push([r.property, colorVerdict(r.base, c), colorVerdict(r.patched, c), colorChange(r.change, c), oldTraceText(r, by, quiet, across)]);
  out.push(...table(tbl));
  if (!quiet) out.push('', 'base:', ...statsLines(base, c, search.workers, io.width), 'patched:', ...statsLines(patched, c, search.workers, io.width));
  // A reduction applied on the user's word only (--symmetry over a patch of theirs) is what the
  // rows rest on: -q says it, as check -q does (a diff hunt, 2026-12-06: -q said nothing of it).
  else for (const [side, r] of [['base', base], ['patched', patched]] as const) out.push(...[...stopLines(r, c), ...vouchedLines(r, c)].map((l) => `${side}: ${l}`));
  // Why a property is vacuous on the patched side (newly or still): the premise it never met;
  // and on the base, where that is all a "newly reached" row has to say about it.
  // Prose (notes, warnings, the vacuity report) is cut to the width (wrap.ts); the table is not.
  const prose: string[] = [];
  prose.push(...vacuityLines(patched, c, allowVacuous).map((l, i) => (i === 0 ? `patched ${l}` : l)));
  if (rows.some((r) => r.change === 'newly reached')) prose.push(...vacuityLines(base, c, 'no exit').map((l, i) => (i === 0 ? `base ${l}` : l)));
  for (const l of noteLines(notes, c.yellow)) prose.push(l);
  for (const n of newNotes) prose.push(`${c.yellow('note:')} ${n}`);
  for (const n of baseNotes) prose.push(`${c.yellow('note:')} on the base: ${n}`);
  if (nc && uncredited.length) prose.push(`${c.yellow(c.bold('not credited to the patch:'))} ${uncredited.map((r) => r.property).join(', ')} ${uncredited.length > 1 ? 'hold' : 'holds'} on the patched side, but ${nc.text}${allowVacuous ? '' : ' (exit 5; --allow-vacuous accepts it)'}`);
  for (const r of unfixed) prose.push(`${c.red(c.bold('not fixed:'))} --fixes ${r.property}: ${r.base} on the base, ${r.patched} on the patched model (${r.change})`);
  out.push(...wrapLines(prose, io.width));
  io.out(out.join('\n'));
  return exit;
}

/** The steps of the patched model that the base does not have: a label new to its thread. */
function insertedSteps(base: Model): Inserted {
  const labels = new Map(base.threads.map((t) => [t.name, new Set(Object.keys(t.steps))]));
  return (thread, label) => labels.get(thread)?.has(label) === false;
}

function sameParams(a: Record<string, string | number>, b: Record<string, string | number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  // A patch file named as typed on one side and as --patch's absolute path on the other is one
  // patch (a diff hunt, 2026-12-06: `--base-param patches=fix.ts --patch fix.ts` compared fix.ts with itself).
  const value = (p: Record<string, string | number>, k: string) => (k === 'patches' ? patchEntries(String(p[k] ?? '')).join(',') : String(p[k] ?? ''));
  return [...keys].every((k) => value(a, k) === value(b, k));
}

/** Same file, and the same parameters but for `patches`: what the patched side adds is a patch. */
function patchOnly(baseFile: string, patchedFile: string, base: Result['params'], patched: Result['params']): boolean {
  if (baseFile !== patchedFile) return false;
  const keys = new Set([...Object.keys(base), ...Object.keys(patched)].filter((k) => k !== 'patches'));
  return [...keys].every((k) => String(base[k]) === String(patched[k])) && String(base.patches ?? '') !== String(patched.patches ?? '');
}

function oldTraceOn(patchedModel: Model, b: PropertyResult, inserted: Inserted, by: InsertedBy, named: boolean): OldTrace {
  try {
    // A lasso is replayed as written; a safety trace goes through steps the patch inserted.
    const r = replayWatching(patchedModel, b.name, b.trace!.moves, b.trace!.loopFrom, b.trace!.loopFrom === undefined ? inserted : undefined, by, named);
    const o: OldTrace = { replays: true };
    if (r.violatedAt !== undefined) o.stillViolatedAt = r.violatedAt;
    if (r.inserted) o.inserted = r.inserted.length;
    if (r.endsAt && r.violatedAt === undefined) o.endsAt = r.endsAt;
    return o;
  } catch (e) {
    if (!(e instanceof ProbecheckError) || e.code !== 'E403') throw e;
    const m = /^move (\d+) /.exec(e.message);
    return { replays: false, ...(m ? { blockedAt: Number(m[1]) } : {}), why: e.message };
  }
}

function oldTraceText(r: DiffRow, by: InsertedBy, quiet: boolean, acrossProfiles = false): string {
  const o = r.oldTrace;
  // No base counterexample: a regression's own trace is the patched side's.
  if (!o) {
    if (r.change === 'regressed' && r.patchedTrace !== undefined) return `none; the patched model's: ${r.patchedTrace} steps${quiet ? ' (without -q: printed)' : ', above'}`;
    // Violated on the patched side where the base's search stopped early: a real counterexample of
    // the patched model, whether or not it is new (a diff hunt, 2026-12-06: the row said '-', and it was not printed).
    if (r.change === 'unknown' && r.patched === 'violated' && r.patchedTrace !== undefined) return `none (the base's search stopped early: new or not, unknown); the patched model's: ${r.patchedTrace} steps${quiet ? ' (without -q: printed)' : ', above'}`;
    return '-';
  }
  // Still violated, but not along the old trace: the row names the run that still violates it,
  // which "blocked" alone does not (a diff hunt, 2026-12-06: read as the patch stopping the bug).
  const other = otherRun(r) ? `; still violated along another run: the patched model's, ${r.patchedTrace} steps${quiet ? ' (without -q: printed)' : ', above'}` : '';
  if (!o.replays) return (acrossProfiles ? `diverges (another profile: a step named or ordered differently diverges too): ${o.why}` : `blocked: ${o.why}`) + other;
  const via = o.inserted ? ` (through ${o.inserted} step${o.inserted === 1 ? '' : 's'} ${by === 'the patch' ? 'the patch inserted' : 'new in the patched model'})` : '';
  const stands = o.endsAt?.length ? `; at its end ${o.endsAt.map((e) => `thread '${e.thread}' is at ${by === 'the patch' ? "the patch's step" : "the patched model's new step"} '${e.label}'${e.waits ? ` (waits for ${e.waits})` : ''}`).join(', ')}` : '';
  return o.stillViolatedAt !== undefined ? `replays${via}, still violated at step ${o.stillViolatedAt}` : `replays${via}, but the property holds along it${stands}${other}`;
}

/** Violated on both sides, but the base's counterexample does not violate it on the patched model. */
function otherRun(r: DiffRow): boolean {
  return r.change === 'still violated' && r.patchedTrace !== undefined && r.oldTrace !== undefined && r.oldTrace.stillViolatedAt === undefined;
}

function colorChange(ch: Change, c: Io['colors']): string {
  return ch === 'fixed' ? c.green(ch) : ch === 'regressed' ? c.red(c.bold(ch)) : ch === 'unknown' || ch === 'uncredited' || ch === 'newly reached' || ch === 'newly vacuous' || ch === 'still vacuous' ? c.yellow(ch) : ch;
}

function summary(file: string, r: Result) {
  // The reductions each side's state count is of (a diff hunt, 2026-12-06: symmetry applied on the
  // base only made a patch of the user's look like four times the states), and why a side stopped.
  return { file, model: r.model, params: r.params, complete: r.complete, ...(r.stopped ? { stopped: r.stopped } : {}), states: r.states, transitions: r.transitions, depth: r.depth, seconds: r.seconds,
    ...(r.symmetry ? { symmetry: r.symmetry } : {}), ...(r.por ? { por: r.por } : {}),
    ...(r.vacuity && (r.vacuity.actions.length || r.vacuity.properties.length) ? { vacuity: r.vacuity } : {}),
    properties: r.properties.map((p) => ({ name: p.name, verdict: p.verdict, ...(p.trace ? { trace: { moves: p.trace.moves } } : {}) })) };
}

