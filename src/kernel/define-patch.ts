/**
 * Patches written by a user, in their own file: `export default definePatch({ id, subject,
 * commit?, base, hunks })`, with the hunk form of the library's patches (emit.ts: replace or
 * insert a named `function:label` step). `--patch FILE` (or a path in the `patches` parameter)
 * applies the file's patches on top of a profile. The loaded files live in a registry shared by
 * every copy of this module (a scenario file imports probecheck's dist, the CLI may run from src),
 * because a scenario is built synchronously and a .ts file loads asynchronously.
 */
import { resolve } from 'node:path';
import { didYouMean, ProbecheckError } from '../engine/errors.js';
import type { Hunk, Patch } from './emit.js';
import { validatePatchState, type PatchStateSpec } from './patch-state.js';
import { PROFILE_NAMES, profileSuggestion } from './profiles.js';
import { excerptsOf, snapshotsOf } from './source.js';

/**
 * An insert's `before` (with `after: null`) and its step's return: the function's first step,
 * whichever it is in this scenario (really_probe starts at defer_all_probes only where an actor
 * runs device_shutdown; a history hunt, 2026-12-05: an entry insert fit one scenario or the other).
 */
export const FIRST = '@first';

export interface PatchSpec {
  /** A short name for the patch (no commas): how it is shown in the profile, `patches=` and reports. */
  id: string;
  /** The subject line of the posted patch. */
  subject: string;
  /** Its commit id, or where it was posted (default: `unmerged`). */
  commit?: string;
  /** The profile the patch was written against. */
  base: string;
  hunks: Hunk[];
  /** Snapshots (kernel/<snapshot>/) that have the patched code, for its steps' `c: [...]` anchors. */
  sources?: Readonly<Record<string, string>>;
  /** Fields the patch adds to devices, drivers or the kernel (patch-state.ts): `{ dev: { gone: 'bool' } }`. */
  state?: PatchStateSpec;
}

export interface UserPatch extends Patch { kind: 'probecheck-patch'; state?: PatchStateSpec }

const PATCH_KEYS = ['id', 'subject', 'commit', 'base', 'hunks', 'sources', 'state'];
const HUNK_KEYS = ['fn', 'replace', 'insert', 'step'];

/** The `function:label` a hunk names: the step it replaces or the one it inserts. */
export function hunkTarget(h: Pick<Hunk, 'fn' | 'replace' | 'insert'>): string { return `${h.fn}:${h.replace ?? h.insert?.label}`; }

export function definePatch(spec: PatchSpec): UserPatch {
  const s = spec as unknown as Record<string, unknown>;
  const name = typeof s?.id === 'string' ? `patch '${s.id}'` : 'definePatch';
  const bad = (why: string): never => { throw new ProbecheckError('E604', `${name}: ${why}`); };
  if (!s || typeof s !== 'object') bad('expected an object { id, subject, commit?, base, hunks }');
  // Unknown keys name the one meant (a CI hunt, 2026-12-05: `hunk`, `replce` got no did-you-mean).
  const unknownKey = (where: string, k: string, known: readonly string[]) => { const near = didYouMean(k, [...known]); bad(`${where}unknown key '${k}'${near !== undefined ? `; did you mean '${near}'?` : ''}; known: ${known.join(', ')}`); };
  for (const k of Object.keys(s)) if (!PATCH_KEYS.includes(k)) unknownKey('', k, PATCH_KEYS);
  if (typeof s.id !== 'string' || !/^[\w.+-]+$/.test(s.id)) bad('id: expected a short name of letters, digits, ".", "+", "-" or "_"');
  if (typeof s.subject !== 'string' || !s.subject) bad('subject: expected the patch\'s subject line');
  if (s.commit !== undefined && typeof s.commit !== 'string') bad('commit: expected a string');
  if (typeof s.base !== 'string') bad(`base: expected a kernel profile; known: ${PROFILE_NAMES.join(', ')}`);
  if (!PROFILE_NAMES.includes(s.base as string)) throw new ProbecheckError('E602', `${name}: base: unknown kernel profile '${s.base}'${profileSuggestion(s.base as string)}; known: ${PROFILE_NAMES.join(', ')}`);
  if (!Array.isArray(s.hunks) || s.hunks.length === 0) bad('hunks: expected a non-empty list');
  // (Array.from visits an empty slot, `[h,, h2]`, as undefined: forEach skips it, and the build then
  // failed as an internal error. A bad-input hunt, 2026-12-06.)
  Array.from(s.hunks as unknown[]).forEach((x, i) => {
    const h = x as Record<string, unknown>;
    const f = `hunks[${i}]`;
    if (!h || typeof h !== 'object') bad(`${f}: expected { fn, replace | insert, step }`);
    for (const k of Object.keys(h)) if (!HUNK_KEYS.includes(k)) unknownKey(`${f}: `, k, HUNK_KEYS);
    if (typeof h.fn !== 'string' || !h.fn) bad(`${f}.fn: expected a kernel function name, e.g. '__driver_attach'`);
    if ((h.replace === undefined) === (h.insert === undefined)) bad(`${f}: give exactly one of replace (a label) or insert ({ label, after, before })`);
    if (h.replace !== undefined && (typeof h.replace !== 'string' || !h.replace)) bad(`${f}.replace: expected a step label`);
    if (h.insert !== undefined) {
      const ins = h.insert as Record<string, unknown>;
      if (ins && typeof ins === 'object') for (const k of Object.keys(ins)) if (!['label', 'after', 'before'].includes(k)) unknownKey(`${f}.insert: `, k, ['label', 'after', 'before']);
      if (!ins || typeof ins.label !== 'string' || typeof ins.before !== 'string') bad(`${f}.insert: expected { label, after, before }`);
      // (An empty label read `names __device_attach:;` and a list of the steps: s41 h5.)
      if (ins.label === '') bad(`${f}.insert.label: expected the new step's name, got ''`);
      // RETURN ('@return') and FIRST ('@first') are where a step goes, not names: an insert labelled
      // RETURN took its `after` step straight out of the function (its lock still held) and never ran
      // itself (s41 h18). A '@' begins only these.
      const label = ins.label as string;
      if (label.startsWith('@')) bad(`${f}.insert.label: ${label === '@return' ? 'RETURN' : label === FIRST ? 'FIRST' : `'${label}'`} is where a step goes, not a name: name the new step (a label of your own, as in the C)`);
      const after = ins.after;
      if (!(after === null || typeof after === 'string' || (Array.isArray(after) && after.length > 0 && after.every((a) => typeof a === 'string')))) bad(`${f}.insert.after: expected a label, a list of labels, or null (the block's entry)`);
      if (ins.before === FIRST && after !== null) bad(`${f}.insert: before: FIRST is the function's entry, for an insert with after: null`);
    }
    if (typeof h.step !== 'function') bad(`${f}.step: expected a function (site, orig) => step`);
  });
  // Two hunks of one patch replacing one step: the later wrapped the earlier (its `orig`), and one
  // written from scratch dropped it unsaid (s41 h5). A diff has one hunk per place: so does a patch.
  const replaced = new Map<string, number>();
  (s.hunks as Hunk[]).forEach((h, i) => {
    if (h.replace === undefined) return;
    const at = replaced.get(hunkTarget(h));
    if (at !== undefined) bad(`hunks[${at}] and hunks[${i}] both replace ${hunkTarget(h)}: write one hunk for the step (a later patch may replace it again, its orig then this patch's step)`);
    replaced.set(hunkTarget(h), i);
  });
  if (s.state !== undefined) validatePatchState(s.state, bad, (s.hunks as Hunk[]).map((h) => h.fn));
  // A snapshot that is not kept would leave every anchor of the patch's steps silently uncited.
  if (s.sources !== undefined) {
    if (!s.sources || typeof s.sources !== 'object' || Array.isArray(s.sources)) bad("sources: expected { 'drivers/base/dd.c': SNAPSHOT }, a kept snapshot (a directory of kernel/) for each file");
    for (const [path, snap] of Object.entries(s.sources as Record<string, unknown>)) {
      const kept = snapshotsOf(path);
      if (!kept.length) bad(`sources: no snapshot keeps '${path}' (kernel/<snapshot>/${path})`);
      if (typeof snap !== 'string' || excerptsOf(snap, path) === null) bad(`sources['${path}']: ${typeof snap === 'string' ? `no snapshot '${snap}' keeps it` : 'expected a snapshot name'}; the snapshots that do: ${kept.join(', ')}`);
    }
  }
  const hunks = s.hunks as Hunk[];
  const p: UserPatch = {
    kind: 'probecheck-patch', id: s.id as string, subject: s.subject as string, commit: (s.commit as string | undefined) ?? 'unmerged', base: s.base as string,
    touches: hunks.map(hunkTarget), hunks,
  };
  if (s.sources) p.sources = s.sources as Record<string, string>;
  if (s.state) p.state = s.state as PatchStateSpec;
  return p;
}

export function isUserPatch(x: unknown): x is UserPatch {
  return !!x && typeof x === 'object' && (x as { kind?: unknown }).kind === 'probecheck-patch';
}

/** A `patches` entry that names a file rather than a library patch id. */
export function isPatchFile(entry: string): boolean {
  return /[/\\]/.test(entry) || /\.[cm]?[jt]s$/.test(entry);
}

/** Loaded patch files by absolute path, shared across copies of this module. */
const REGISTRY: Map<string, UserPatch[]> = ((globalThis as Record<symbol, unknown>)[Symbol.for('probecheck.patchFiles')] ??= new Map()) as Map<string, UserPatch[]>;

/**
 * Each loaded patch file's text as it was read around its import (undefined where it changed
 * meanwhile): what a kept catalogue is keyed by (cli/steps.ts textKey). Read again at the check,
 * a file edited after it was loaded keyed the old file's catalogue by the new text (s43 h12).
 */
const TEXTS: Map<string, string | undefined> = ((globalThis as Record<symbol, unknown>)[Symbol.for('probecheck.patchTexts')] ??= new Map()) as Map<string, string | undefined>;

export function registerPatchFile(path: string, patches: UserPatch[], text?: string): void { REGISTRY.set(resolve(path), patches); TEXTS.set(resolve(path), text); }

export function loadedText(entry: string): string | undefined { return TEXTS.get(resolve(entry)); }

export function patchFile(entry: string): UserPatch[] {
  const p = REGISTRY.get(resolve(entry));
  if (!p) throw new ProbecheckError('E603', `patch file ${entry} was not loaded; pass it with --patch FILE (from the API: await loadPatchFiles(...) first)`);
  return p;
}
