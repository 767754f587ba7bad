/**
 * What a user's patch did to the search, reported after the result: a patch step that never
 * fired, a hunk whose function the scenario never calls, and a step that fired without the patch
 * and never with it (the patch made it unreachable); and a patch applied to a profile other than
 * its `base`. Only complete searches are compared: an unexplored state could have fired the step.
 */
import type { LoadStep } from '../engine/model.js';
import type { Result } from '../engine/result.js';
import { isPart } from '../engine/search/shard.js';
import { isPatchFile, isUserPatch, hunkTarget, type UserPatch } from '../kernel/define-patch.js';
import { parsePatches, patchEntries } from '../kernel/patches.js';
import { RETURN } from '../kernel/emit.js';
import { BOOT_LINKS } from '../kernel/loaded.js';
import { isLockPath } from '../kernel/state.js';
import { patchLocks } from '../kernel/patch-state.js';
import { splitLabel } from './steps.js';
import type { Colors } from '../report/colors.js';

/**
 * `why`: for a hunk's own step that did not run ('never fires', 'always blocks', 'not called'),
 * the reason in a few words (notCredited quotes it).
 */
export interface PatchNote { patch: string; step: string; note: 'never fires' | 'always blocks' | 'not called' | 'unreachable' | 'not compared' | 'other base' | 'one value' | 'in load' | 'not recorded'; text: string; why?: string }

/**
 * What patchNotes and notCredited read of a patch: its id, base and each hunk's place, no step
 * code. A shard's run records it (`patchHunks` in --json), so that `probecheck merge` judges the
 * merged search's credit as an unsharded one is judged (s49 h5: merge passed, exit 0, a suite
 * whose unsharded run exited 5).
 */
export interface PatchOutline {
  id: string; base: string;
  hunks: readonly { fn: string; replace?: string; insert?: { label: string; after: string | string[] | null; before: string } }[];
  state?: UserPatch['state'];
}

/** A patch's outline, as a shard writes it. */
export const outline = (ps: readonly UserPatch[]): PatchOutline[] => ps.map((p) => ({
  id: p.id, base: p.base,
  hunks: p.hunks.map((h) => ({ fn: h.fn, ...(h.replace !== undefined ? { replace: h.replace } : {}), ...(h.insert ? { insert: { label: h.insert.label, after: h.insert.after, before: h.insert.before } } : {}) })),
}));

export function userPatches(patches: string | number | undefined): UserPatch[] {
  // Only the file entries: a library id is checked (E603) where the model is built.
  return parsePatches(patchEntries(patches === undefined ? '' : String(patches)).filter(isPatchFile).join(',')).filter(isUserPatch);
}

/** The patches parameter without its files: the same model without the user's patches. */
export function withoutFiles(params: Record<string, string>, files: UserPatch[]): Record<string, string> | undefined {
  if (!files.length) return undefined;
  const rest = patchEntries(params.patches).filter((x) => !isPatchFile(x));
  return { ...params, patches: rest.join(',') };
}

/**
 * device_link_add's steps are built for a driver's `statelessLinks` only: the managed link of its
 * `links` is made inside really_probe's call_probe. "Never calls device_link_add" misled a history
 * hunt (2026-12-06) writing a managed-link fix there.
 */
export const MANAGED_ADD = "this scenario's device_link_add has steps only for a driver's statelessLinks: the managed link of a driver's `links` is made inside really_probe:call_probe (the link check, drv->probe and its device_link_add in one step): replace that step";

/**
 * Does some probe of the scenario make a managed link (its call_probe step's where names
 * device_link_add: really-probe.ts)? Only then is MANAGED_ADD the reason (a review, 2026-12-06: a
 * scenario with no link at all was told to replace call_probe, where "never calls" was right).
 * patchNotes asks the steps that fired (a complete search's coverage, and the load's): the
 * deferred-probe worker builds a probe step for every driver's device, so a driver with `links`
 * whose device nothing ever adds was said to make its link there (s41 h13). diff's E501 comes before
 * any search, so it asks the steps built.
 */
export const makesManagedLink = (steps: Iterable<{ label: string; where: string }>): boolean => {
  for (const e of steps) if (splitLabel(e.label)[1] === 'call_probe' && e.where.includes('device_link_add(')) return true;
  return false;
};

/**
 * Where the start's own steps that fired ran: the load of the modules loaded at the start, or boot's
 * device_link_add calls of built-in drivers bound at the start (loaded.ts bootLinksStart, s42 h2).
 */
const ranAt = (fired: readonly LoadStep[]): string => fired.every((e) => e.thread === BOOT_LINKS)
  ? "boot's probes of the built-in drivers bound at the start, or whose probe failed there (their device_link_add)" : 'the load of the modules loaded at the start';

export function patchNotes(patches: readonly PatchOutline[], patched: Result, base?: Result): PatchNote[] {
  const notes: PatchNote[] = [];
  // Applied to a profile it was not written against: its hunks found their steps, but read the diff again.
  const profile = patched.params.profile;
  for (const p of patches) if (profile !== undefined && p.base !== String(profile)) notes.push({ patch: p.id, step: '', note: 'other base', text: `patch ${p.id} was written against ${p.base}; this run applies it to ${profile}` });
  if (!patched.complete) return notes;
  // A shard's coverage is its part's: a step another part fires would read as never firing (a review, 2026-12-05).
  if (patched.shard && isPart(patched.shard)) return notes;
  // An idle step (a kworker waiting for work) that never fired is no hang: its thread was idle
  // for the whole search (a review, 2026-12-06: a patch whose other hunk ran and fixed read
  // uncredited, exit 5, for the worker's process_one_work where no work was ever queued).
  const stood = new Set((patched.reachedPatchSteps ?? []).filter((r) => !r.idle).map((r) => `${r.patch}\0${r.step}`));
  const idled = new Set((patched.reachedPatchSteps ?? []).filter((r) => r.idle).map((r) => `${r.patch}\0${r.step}`));
  for (const p of patches) for (const h of p.hunks) {
    const target = hunkTarget(h);
    const steps = patched.coverage.filter((e) => splitLabel(e.label).join(':') === target);
    const loaded = steps.length ? [] : (patched.loadSteps ?? []).filter((e) => splitLabel(e.label).join(':') === target);
    if (loaded.length) {
      // Built only in the load of the modules loaded at the start (kernel/loaded.ts): where it fired
      // there, its effect is the start state, which this search starts from (s41 h12: check said
      // "never calls", and diff refused the patch as changing nothing).
      if (loaded.some((e) => e.fired > 0)) notes.push({ patch: p.id, step: target, note: 'in load', text: `patch ${p.id}: its step ${target} runs only in ${ranAt(loaded.filter((e) => e.fired > 0))}, which made the start state this search starts from` });
      else notes.push({ patch: p.id, step: target, note: 'never fires', text: `patch ${p.id}: its step ${target} never fires: it is built only in the load of the modules loaded at the start, and never fired there`, why: 'built only in the load of the modules loaded at the start, where it never fired' });
    }
    else if (!steps.length) {
      // The function may be called with that step left out: a step is built only where the
      // scenario can reach it (strcmp only with a driver_override to compare), so say which.
      const has = [...new Set(patched.coverage.map((e) => splitLabel(e.label)).filter(([fn]) => fn === h.fn).map(([, l]) => l))];
      const why = has.length ? `this scenario's ${h.fn} is built without that step here (it has: ${has.join(', ')})` : h.fn === 'device_link_add' && makesManagedLink([...patched.coverage, ...patched.loadSteps ?? []].filter((e) => e.fired > 0)) ? MANAGED_ADD : `this scenario never calls ${h.fn} on this profile`;
      notes.push({ patch: p.id, step: target, note: 'not called', text: `patch ${p.id}: ${target} is not applied here: ${why}`, why });
    }
    else if (steps.every((e) => e.fired === 0)) {
      // A thread stood at it (its guard was asked) and it never fired: its wait never passed, so
      // every run that reaches it stops there, and what lies past it is never explored.
      if (stood.has(`${p.id}\0${target}`)) {
        const why = 'every thread that reaches it waits there for ever (its guard never passed in any state the search reached)';
        notes.push({ patch: p.id, step: target, note: 'always blocks', text: `patch ${p.id}: its step ${target} never fires in this search: ${why}`, why });
        continue;
      }
      // Built here too but fired only in the load of the modules loaded at the start: its effect is
      // the start state, as for a hunk built only there (s41 h14: read `never fires`, exit 5).
      const ran = (patched.loadSteps ?? []).filter((e) => e.fired > 0 && splitLabel(e.label).join(':') === target);
      if (ran.length) {
        notes.push({ patch: p.id, step: target, note: 'in load', text: `patch ${p.id}: its step ${target} never fires in this search, but ran in ${ranAt(ran)}, which made the start state this search starts from` });
        continue;
      }
      const missed = insertMissed(h, patched);
      notes.push({ patch: p.id, step: target, note: 'never fires', text: `patch ${p.id}: its step ${target} never fires in this search${missed ? `: ${missed.long}` : idled.has(`${p.id}\0${target}`) ? ': its thread stays idle there (the work it waits for is never queued)' : ''}`, why: missed?.short ?? (idled.has(`${p.id}\0${target}`) ? 'its thread stays idle there: the work it waits for is never queued' : patched.reachedPatchSteps ? 'no thread reaches it' : 'never reached, or its wait never passed') });
    }
  }
  // A field a patch's guards (await) read that held one value at every read: its wait never blocked,
  // or always did (a field this scenario never changes? one the profile keeps constant?). Said per
  // patch, the fields named (check.ts asks only where every state was visited).
  const one = new Map<string, string[]>(), changed = new Map<string, string[]>(), own = new Map<string, string[]>();
  for (const r of patched.constantReads ?? []) {
    one.set(r.patch, [...(one.get(r.patch) ?? []), `${r.path} (${typeof r.value === 'string' ? r.value : JSON.stringify(r.value) ?? String(r.value)})`]);
    if (r.changed) changed.set(r.patch, r.changed);
    if (r.written) own.set(r.patch, [...(own.get(r.patch) ?? []), r.path]);
  }
  const list = (xs: string[]) => `${xs.slice(0, 6).join(', ')}${xs.length > 6 ? ` and ${xs.length - 6} more` : ''}`;
  const ours = patchLocks(patches);
  for (const [id, fields] of one) {
    // The fields that did change are said too: read beside a violation the patch's wait causes on
    // another device, the note alone suggested the wait was inert (a new user, 2026-12-05).
    const other = changed.get(id);
    // A field the patch's own steps write: a lock they take (s46 h4: dc23806a7c47's guard held from
    // the load into strcmp never waited, and fixed override-uaf by what the store's wait then met),
    // or a field that is no lock (its own asyncDriver, a state.thread variable), said as written only (s46 h18).
    const mine = own.get(id) ?? [], locks = mine.filter((f) => isLockPath(f, ours)), rest = mine.filter((f) => !isLockPath(f, ours));
    const writes = (locks.length ? `; your patch's own steps write ${list(locks)} too (a lock they take): what that does to the other threads' waits for ${locks.length > 1 ? 'them' : 'it'} is not said here` : '')
      + (rest.length ? `; ${locks.length ? 'they also write' : "your patch's own steps write"} ${list(rest)}${locks.length ? '' : ' too'}: what ${rest.length > 1 ? 'those writes do' : 'that write does'} is not said here` : '');
    notes.push({ patch: id, step: '', note: 'one value', text: `patch ${id}: its waits read ${list(fields)}, each the same value at every read in this search: a wait on ${fields.length > 1 ? 'them' : 'it'} never blocked, or always did${other ? ` (its reads of ${list(other)} did change)` : ''}${writes}` });
  }
  if (base?.complete) {
    // Under a side's symmetry a step of one device's run may have fired only as its twin's (the
    // search keeps one run of each orbit, and the patch changes which): that side is read by
    // orbit (a hunt, 2026-12-06: `--symmetry` warned that d1's probe steps fire without the patch
    // and never with it, where the unreduced search fired them). A side without it, step by step.
    const was = orbitOf(base), now = orbitOf(patched);
    const fired = new Set(base.coverage.filter((e) => e.fired > 0).map((e) => was(e.thread, e.label)));
    const firedNow = new Set(patched.coverage.filter((e) => e.fired > 0).flatMap((e) => [`${e.program}\0${e.label}`, now(e.thread, e.label)]));
    const said = new Set<string>();
    for (const e of patched.coverage) {
      // One note per orbit where either side reads by orbit (the first step of it, as both would name it).
      const o = now(e.thread, e.label), w = was(e.thread, e.label);
      if (e.fired > 0 || !fired.has(w) || firedNow.has(`${e.program}\0${e.label}`) || firedNow.has(o) || said.has(e.label) || said.has(o) || said.has(w)) continue;
      said.add(e.label); said.add(o); said.add(w);
      notes.push({ patch: patches.map((p) => p.id).join(', '), step: e.label, note: 'unreachable', text: `step ${e.label} (${e.thread}) fires without the patch and never with it (unreached, or a wait that never ends there)` });
    }
  }
  return notes;
}

/**
 * A step of a thread, named so that the permutations of the symmetry a search applied name it
 * alike: each element's name in the label (`really_probe(d1,drv)`) and a thread tied to an
 * element (by its place in the element's threads) stand for any element of the class. Without
 * symmetry: the thread and the label.
 */
function orbitOf(r: Result): (thread: string, label: string) => string {
  const names = new Map<string, string>(), threads = new Map<string, string>();
  if (r.symmetry?.applied) {
    (r.symmetry.elements ?? []).forEach((cl, k) => cl.forEach((e) => {
      names.set(e.name, `<${k}>`);
      e.threads.forEach((t, i) => threads.set(t, `<${k}#${i}>`));
    }));
  }
  if (!names.size && !threads.size) return (thread, label) => `${thread}\0${label}`;
  // The arguments of each call in the label: `fn(a,b):step`, `fn(a,b):call(c)`.
  const args = (label: string) => label.replace(/\(([^()]*)\)/g, (_m, inner: string) => `(${inner.split(',').map((a) => names.get(a) ?? a).join(',')})`);
  return (thread, label) => `${threads.get(thread) ?? thread}\0${args(label)}`;
}

/**
 * Why an insert never fired where its `after` step did: that step never went to `before`, the one
 * edge an insert takes (a new user, 2026-12-06, inserted device_links_purge after
 * device_del:bus_remove_device, which goes to the release it calls: the purge was dropped, and
 * `diff` said fixed beside a bare "never fires").
 */
function insertMissed(h: PatchOutline['hunks'][number], patched: Result): { short: string; long: string } | undefined {
  if (!h.insert || h.insert.after === null) return undefined;
  const ran = [h.insert.after].flat().filter((a) => patched.coverage.some((e) => e.fired > 0 && splitLabel(e.label).join(':') === `${h.fn}:${a}`));
  if (!ran.length) return undefined;
  const to = h.insert.before === RETURN ? `${h.fn}'s return` : `'${h.insert.before}'`;
  const short = `${ran.map((a) => `'${a}'`).join(' and ')} fired but never went on to ${to}, the only edge the insert takes`;
  return { short, long: `${short} (if it calls another function, it goes to that call first: insert after a step that goes to ${to} itself, or replace the step the call comes back to)` };
}

/**
 * Why a verdict of a search with the user's patches cannot be credited to them, or undefined:
 * no hunk of theirs ran (each never fires, always blocks or is not applied here), or a step of
 * theirs blocks every thread that reaches it for ever (the runs past it are never explored: a
 * "fix" that hangs). `notes` are patchNotes' of a complete search; a partial one says nothing.
 * A patch some of whose hunks ran and none of which blocks for ever is credited (its other hunks
 * are warnings).
 */
export function notCredited(patches: readonly PatchOutline[], notes: readonly PatchNote[]): { kind: 'idle' | 'blocks'; text: string; hunks: PatchNote[] } | undefined {
  const own = (n: PatchNote) => n.note === 'never fires' || n.note === 'always blocks' || n.note === 'not called';
  const idle = notes.filter(own);
  const hunks = patches.flatMap((p) => p.hunks.map((h) => ({ patch: p.id, step: hunkTarget(h) })));
  if (!hunks.length) return undefined;
  const noted = (x: { patch: string; step: string }) => idle.find((n) => n.patch === x.patch && n.step === x.step);
  const ids = [...new Set(patches.map((p) => p.id))].join(', ');
  const what = (n: PatchNote) => (n.note === 'always blocks' ? `${n.step} blocks every thread that reaches it for ever` : `${n.step} ${n.note === 'not called' ? 'is not applied' : 'never fires'}${n.why ? ` (${n.why})` : ''}`);
  const list = (ns: PatchNote[]) => `${ns.slice(0, 4).map(what).join('; ')}${ns.length > 4 ? `; and ${ns.length - 4} more` : ''}`;
  if (hunks.every((x) => noted(x))) {
    const all = hunks.map((x) => noted(x)!);
    return { kind: all.some((n) => n.note === 'always blocks') ? 'blocks' : 'idle', text: `no step of patch${patches.length > 1 ? 'es' : ''} ${ids} ran in the search: ${list(all)}`, hunks: all };
  }
  const blocks = idle.filter((n) => n.note === 'always blocks');
  if (blocks.length) return { kind: 'blocks', text: `${list(blocks)}: the runs past ${blocks.length > 1 ? 'those steps' : 'it'} are never explored`, hunks: blocks };
  return undefined;
}

/**
 * A suite case's patch files judged against its `credited: false` pin, or unpinned: `uncredited`
 * (exit 5 unless --allow-vacuous), `as pinned` (not credited, as the case says), `against pin` (a
 * step of theirs ran where the case says none does: exit 4), or undefined (credited, or not known:
 * a search that stopped early or a shard's part, which merge judges). check and merge alike.
 */
export function judgeCredit(patches: readonly PatchOutline[], notes: readonly PatchNote[], result: Result, pinned: boolean):
  { status: 'uncredited' | 'as pinned'; nc: NonNullable<ReturnType<typeof notCredited>> } | { status: 'against pin'; text: string } | undefined {
  const nc = notCredited(patches, notes);
  if (nc) return { status: pinned ? 'as pinned' : 'uncredited', nc };
  if (!pinned || !result.complete || isPart(result.shard)) return undefined;
  const idle = (id: string, step: string) => notes.some((n) => n.patch === id && n.step === step && (n.note === 'never fires' || n.note === 'not called' || n.note === 'always blocks'));
  const ran = patches.flatMap((p) => p.hunks.map((h) => hunkTarget(h)).filter((t) => !idle(p.id, t)));
  return { status: 'against pin', text: `the case expects no step of its patches to run here (credited: false), but ${ran.join(', ')} ran in the search` };
}

/** The line a suite case's judged credit prints under the suite table (check and merge alike), or undefined where credited. */
export function judgedLine(j: ReturnType<typeof judgeCredit>, allowVacuous: boolean, colors: Colors): string | undefined {
  if (j?.status === 'uncredited') return creditLine(j.nc, allowVacuous, colors);
  if (j?.status === 'as pinned') return `not credited to the patch, as the case expects (credited: false): ${j.nc.text}`;
  if (j?.status === 'against pin') return `${colors.red(colors.bold('MISMATCH:'))} ${j.text} (exit 4)`;
  return undefined;
}

/** The line that says why a run's verdicts are not the patch's (check, a suite case, merge alike). */
export function creditLine(nc: NonNullable<ReturnType<typeof notCredited>>, allowVacuous: boolean, colors: Colors): string {
  return `${colors.yellow(colors.bold('not credited to the patch:'))} ${nc.text}: ${nc.kind === 'idle' ? 'these verdicts are the kernel\'s without it' : 'these verdicts are about runs that stop there'}${allowVacuous ? '' : ' (exit 5; --allow-vacuous accepts it)'}`;
}

/**
 * The notes as warning lines: every note of a patch's own steps, and at most `most` of the steps
 * the patch made unreachable (a patch that reroutes a path makes many; `--json` lists them all).
 */
export function noteLines(notes: readonly PatchNote[], warn: (s: string) => string = (x) => x, most = 5): string[] {
  const unreachable = notes.filter((n) => n.note === 'unreachable');
  // A field read one way is what the search saw, not a fault of the patch: a note, not a warning;
  // so is a hunk that ran in the load of the modules loaded at the start (its effect is the start).
  const lines = notes.filter((n) => n.note !== 'unreachable').map((n) => n.note === 'one value' || n.note === 'in load' || n.note === 'not recorded' ? `note: ${n.text}` : `${warn('warning:')} ${n.text}`);
  lines.push(...unreachable.slice(0, most).map((n) => `${warn('warning:')} ${n.text}`));
  if (unreachable.length > most) lines.push(`${warn('warning:')} and ${unreachable.length - most} more steps fire without the patch and never with it (--json lists them)`);
  return lines;
}
