/**
 * `probecheck profiles`: every kernel profile, the release it stands for, the snapshot of each
 * kernel file it reads, and each flag with its commit, first release and the source line that
 * shows it. `probecheck source FUNCTION --profile P`: that function's C at the profile's
 * snapshot beside the steps that model each line (the conformance view).
 */
import { ProbecheckError } from '../engine/errors.js';
import { buildScenario } from '../kernel/scenario.js';
import { FLAGS, PROFILES, PROFILE_NAMES, profile, type Flag } from '../kernel/profiles.js';
import { excerpt, excerptsOf, resolveAnchor, lineList, MODELLED, fnKeyFile, snapshotOf } from '../kernel/source.js';
import { sideBySide } from '../kernel/conformance.js';
import { ANCHORED } from '../kernel/anchored.js';
import { leftOut, nearName } from '../kernel/left-out.js';
import { catalogueSpecs } from './steps.js';
import { LTS_BRANCHES, NAME_ONLY, backportsInto, changeVerb } from '../kernel/backports.js';
import { profileFor } from '../logs/release.js';
import { EXIT, type ExitCode } from './exit.js';
import type { Io } from './io.js';

interface FlagRow { flag: Flag; commit: string; since: string; subject: string; shows?: string; seen?: string }

function flagRows(name: string): FlagRow[] {
  const p = profile(name);
  return p.flags.map((flag) => {
    const f = FLAGS[flag] as { commit: string; since: string; subject: string; shows?: string };
    const row: FlagRow = { flag, commit: f.commit, since: f.since, subject: f.subject };
    if (f.shows) {
      row.shows = f.shows;
      const m = /^([\w/.-]+\.[ch]):(\w+):: (.*)$/.exec(f.shows)!;
      const snap = snapshotOf(p.sources, m[1]!, m[2]!);
      const ex = snap ? excerpt(snap, m[1]!, m[2]!) : null;
      if (ex) {
        try { row.seen = `${m[1]}@${snap}:${lineList(ex, resolveAnchor(ex, `${m[3]}@1`))}`; } catch { /* not in the snapshot: listed in differs */ }
      }
    }
    return row;
  });
}

/**
 * The known backports into the stable branches whose logs are checked at this profile (a branch's
 * at its base's profile, 4.19.y's at v4.19: release.ts profileFor), each taken or not, with how it is known; a flag not listed was not checked.
 */
function backportRows(name: string) {
  return branchesAt(name).flatMap((branch) => backportsInto(branch).map(({ flag, b }) => ({ branch, flag, ...b })));
}

/** The stable branches whose logs are checked at this profile. */
const branchesAt = (name: string) => LTS_BRANCHES.filter((b) => profileFor(b.replace(/\.y$/, '')) === name);

function originOf(snap: string, path: string): string {
  // A `path:fn` entry (one function read in another snapshot): that file's origin.
  const fns = excerptsOf(snap, fnKeyFile(path) ?? path);
  const any = fns ? [...fns.values()][0] : undefined;
  return any?.origin ?? '?';
}

/** The listing's width: one line per profile on a 120-column terminal. */
const WIDTH = 120;

/** The first clause of a profile's description (up to a `;` outside parentheses), cut at a word to fit `room`. */
function gist(describe: string, room: number): string {
  let depth = 0, end = describe.length;
  for (let i = 0; i < describe.length; i++) {
    const c = describe[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ';' && depth === 0) { end = i; break; }
  }
  const first = describe.slice(0, end);
  if (first.length <= room) return first;
  let cut = first.slice(0, room - 6);
  cut = cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[\s,:;]+$/, '');
  // A parenthesis the cut leaves open is closed after the ellipsis.
  const open = (cut.match(/\(/g) ?? []).length - (cut.match(/\)/g) ?? []).length;
  return `${cut} ...${')'.repeat(Math.max(open, 0))}`;
}

/**
 * One line per profile (s42 h20: the full listing is some 700 lines, where a newcomer picks a
 * profile from 16): its name, which is the release it stands for, the dd.c text it reads (the
 * file most steps are checked against) and its description's first clause.
 */
function shortList(io: Io): void {
  const dd = (name: string) => {
    const p = PROFILES[name]!, at = p.sources['drivers/base/dd.c'];
    return at ?? (p.between?.['drivers/base/dd.c'] ? 'none (bracketed)' : 'none');
  };
  const w1 = Math.max(...PROFILE_NAMES.map((n) => n.length), 'profile'.length) + 2;
  const w2 = Math.max(...PROFILE_NAMES.map((n) => dd(n).length), 'dd.c read at'.length) + 2;
  io.out(`${'profile'.padEnd(w1)}${'dd.c read at'.padEnd(w2)}what it models (each profile stands for the release it is named after)`);
  for (const n of PROFILE_NAMES) io.out(`${n.padEnd(w1)}${dd(n).padEnd(w2)}${gist(PROFILES[n]!.describe, WIDTH - w1 - w2)}`);
  io.out('');
  io.out('`probecheck profiles NAME` prints one in full (each file read, each flag and its commit); `--long`, all of them.');
}

export function runProfiles(io: Io, json: boolean, names: readonly string[] = [], long = false): ExitCode {
  for (const n of names) profile(n); // an unknown name: E602, with the known ones
  if (!json && !long && names.length === 0) { shortList(io); return EXIT.ok; }
  const all = (names.length ? PROFILE_NAMES.filter((n) => names.includes(n)) : PROFILE_NAMES).map((name) => {
    const p = PROFILES[name]!;
    return {
      name, release: name, describe: p.describe,
      sources: Object.entries(p.sources).map(([path, snapshot]) => ({ path, snapshot, origin: originOf(snapshot, path) })),
      ...(p.differs ? { differs: p.differs } : {}),
      ...(p.between ? { between: Object.entries(p.between).map(([path, [lower, upper]]) => ({ path, lower, upper })) } : {}),
      ...(p.settled ? { settled: p.settled } : {}),
      ...(p.unsettled ? { unsettled: p.unsettled } : {}),
      ...(p.behind ? { behind: p.behind } : {}),
      flags: flagRows(name),
      backports: backportRows(name),
    };
  });
  if (json) { io.out(JSON.stringify({ profiles: all }, null, 2)); return EXIT.ok; }
  for (const p of all) {
    io.out(`${p.name} (stands for ${p.release}): ${p.describe}`);
    if (p.sources.length === 0) io.out('  source: no tree read for this release; its steps are not checked against C here');
    for (const s of p.sources) io.out(`  source: ${s.path} at ${s.snapshot} (${s.origin})`);
    // A hash is shortened to 12 digits; a commit not identified keeps its whole text (the subject that names it).
    for (const f of p.flags) io.out(`  ${f.flag}  ${/^[0-9a-f]{12,40}$/.test(f.commit) ? f.commit.slice(0, 12) : f.commit}  since ${f.since}${f.seen ? `  shown at ${f.seen}` : ''}`);
    for (const [f, why] of Object.entries(p.differs ?? {})) io.out(`  differs: ${f}: ${why}`);
    for (const b of p.between ?? []) io.out(`  bracketed: ${b.path} between ${b.lower} and ${b.upper}`);
    for (const [f, why] of Object.entries(p.settled ?? {})) io.out(`  settled: ${f}: ${why}`);
    for (const [f, why] of Object.entries(p.unsettled ?? {})) io.out(`  not settled: ${f}: ${why}`);
    for (const b of p.behind ?? []) io.out(`  behind: ${b.patches} (a check reaching ${[...b.reaches.threads, ...b.reaches.fns].join(' and ')} without them notes it; ${b.properties.join(', ')} sees them): ${b.why}`);
    // A stable kernel of the branch may have a fix this profile lacks: said, not modelled (from-log and validate say it for a log past one).
    for (const b of p.backports) io.out(`  stable: ${b.branch}: ${b.flag} ${b.taken ? `${changeVerb(b.change, b.commit, b.subject)} from ${b.branch.replace(/\.y$/, '')}.${b.sublevel}${NAME_ONLY.has(b.flag) ? ' (a name in the trace only: logs past it get no warning)' : ''}` : `not taken${b.indirect ? ' (indirect evidence)' : ''}`}: ${b.how}`);
    const branches = branchesAt(p.name);
    if (branches.length) io.out(`  stable: ${branches.join(', ')}: ${p.backports.length ? 'the flags above are the ones checked there; any other' : 'no'} flag's backport ${p.backports.length ? 'was not checked' : 'was checked'} (src/kernel/backports.ts)`);
    io.out('');
  }
  return EXIT.ok;
}

/** The side-by-side view of one function at one profile: C lines, their effect, the steps that model them. */
export function runSource(io: Io, fn: string, profileName: string, json: boolean): ExitCode {
  const p = profile(profileName);
  // kernel/module.c and kernel/module/main.c (v5.19 on) hold the same functions: the one this profile reads.
  const paths = Object.keys(MODELLED).filter((f) => MODELLED[f]!.includes(fn));
  const path = paths.find((f) => p.sources[f]) ?? paths.at(-1);
  if (!path) {
    const known = Object.values(MODELLED).flat().filter((x, i, a) => a.indexOf(x) === i), near = nearName(fn, known);
    const out = leftOut(fn);
    throw new ProbecheckError('E501', `no modelled kernel function '${fn}'${out}${near !== undefined && !out ? `; did you mean '${near}'?` : ''}${out ? '' : `; known: ${known.join(', ')}`}`);
  }
  const snap = snapshotOf(p.sources, path, p.renamed?.[fn] ?? fn);
  if (!snap) {
    const readers = PROFILE_NAMES.filter((n) => PROFILES[n]!.sources[path]);
    throw new ProbecheckError('E501', `profile ${profileName} reads no snapshot of ${path}; ${readers.length ? `profiles that do: ${readers.join(', ')}` : 'no profile does (kernel/README.md says where its text was read)'}`);
  }
  // The catalogue scenarios' steps (the late initcall's too, where the profile settles its shape).
  const anchors = catalogueSpecs(profileName).flatMap((spec) => buildScenario(spec, profileName, '').kernel.anchors);
  const real = p.renamed?.[fn] ?? fn; // v3.x names some functions otherwise
  const view = sideBySide(anchors, snap, path, real);
  if (!view) throw new ProbecheckError('E501', `${fn} is not in ${path} at ${snap}`);
  // A function whose snapshot text does not stand for this release (profiles.ts `unread`): shown, not checked.
  const unread = p.unread?.[`${path}:${real}`];
  const anchored = ANCHORED.includes(`${path}:${fn}`) && unread === undefined;
  if (json) { io.out(JSON.stringify({ function: fn, path, snapshot: snap, origin: view.ex.origin, anchored, ...(unread ? { unread } : {}), lines: view.lines }, null, 2)); return EXIT.ok; }
  // A function no step is named after (device_driver_detach: unbind_store's call of
  // device_release_driver_internal) is shown beside its callers' steps; it has none of its own to anchor.
  const named = anchors.some((a) => a.where.split(/, | -> /).some((w) => w.startsWith(`${path}:${fn}`) && !/\w/.test(w.charAt(path.length + 1 + fn.length))));
  const note = anchored || unread ? '' : named ? '  [its steps are not anchored yet]' : '  [no step is named after it: its lines are shown beside the steps of its callers]';
  io.out(`${path}:${real} at ${snap} (${view.ex.origin})${real !== fn ? ` (this release's name for ${fn})` : ''}${note}`);
  if (unread) io.out(`not checked at ${profileName}: this text does not stand for the release: ${unread}`);
  const w = Math.max(...view.lines.map((l) => l.n.length));
  for (const l of view.lines) {
    const mark = l.steps.length ? l.steps.join(', ') : l.effect ? (l.uncovered ? `(not modelled: ${l.uncovered})` : `!! ${l.effect}: no step`) : '';
    io.out(`${l.n.padStart(w)}  ${l.text.replace(/\t/g, '    ').padEnd(64)}  ${mark}`);
  }
  return EXIT.ok;
}
