/**
 * What a user's patch did in the search (each hunk fired, never fires, or blocks every thread
 * that reaches it for ever) and whether a verdict is credited to it (patch-notes.ts) are the
 * same under the reductions as without: --por, symmetry, both, DFS, and workers. A reduction
 * soundness hunt (2026-12-06, h3): --por, and 2 workers, left out the steps a thread stood at,
 * so a wait that never passes read `never fires` and the patch beside a hunk that ran was
 * credited (exit 0) where the unreduced search said uncredited (exit 5).
 *
 * The patches are written to a folder outside the repository, as a user's are; the searches run
 * as built (test/built.ts: the workers' threads load the built library).
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { probecheck, ROOT, tempDir } from './run.js';
import { buildSource, check, fileSource } from '../built.js';
import type { CheckOptions } from '../../src/engine/check.js';
import { unwrap } from './unwrap.js';

// The notes read the patches the built library loaded: the built module, not the source's.
const notesOf = (await import(new URL('../../dist/cli/patch-notes.js', import.meta.url).href)) as typeof import('../../src/cli/patch-notes.js');

const SCENARIOS: Record<string, string> = {
  // dc may defer, and is deleted while the deferred-probe worker may probe it (pwm, driverless, is the other device a hunk locks).
  unplug: `{ name: 'unplug-deferred', profile: 'v5.1', devices: { dc: {}, pwm: { present: true } },
  drivers: { 'dc-drv': { matches: ['dc'], probe: ['defer', 'ok'], present: true } },
  actors: { hotplug: ['add dc', 'del dc'] }, properties: ['no-probe-after-del', 'single-binding', 'no-deadlock'] }`,
  // Two devices alike (a symmetric group), one driver for both.
  twin: `{ name: 'twin', profile: 'v5.1', devices: { a: {}, b: {} },
  drivers: { 'x-drv': { matches: ['a', 'b'], probe: ['ok', 'error'], present: true } },
  actors: { 'add a': 'add a', 'add b': 'add b' }, properties: ['single-binding', 'no-deadlock'] }`,
  // The same with a probe that may defer.
  'twin-defer': `{ name: 'twin', profile: 'v5.1', devices: { a: {}, b: {} },
  drivers: { 'x-drv': { matches: ['a', 'b'], probe: ['defer', 'ok'], present: true } },
  actors: { 'add a': 'add a', 'add b': 'add b' }, properties: ['single-binding', 'no-deadlock'] }`,
};

// Hunks of each kind a user writes, each on a step of its own: a wait that never passes, steps as
// they are (an idle one too), a lock of the other device, a patch field on devices and on
// drivers, a wait on one, a deferral, an insert at a function's entry.
const HUNKS = [
  `{ fn: 'deferred_probe_work_func', insert: { label: 'wait_first', after: 'process_one_work', before: 'mutex_lock' }, step: () => ({ await: () => false, run: () => 'mutex_lock' }) }`,
  `{ fn: 'really_probe', replace: 'call_probe', step: (_s, o) => o }`,
  `{ fn: 'deferred_probe_work_func', replace: 'process_one_work', step: (_s, o) => o }`,
  `{ fn: 'really_probe', replace: 'driver_bound', step: (site, o) => { const j = site.dev === 0 ? 1 : 0; return { ...o, strong: true, await: (s, t) => (o.await ? o.await(s, t) : true) && s.dev[j].mutex === 0, waits: () => '&dev->mutex(' + site.k.vn(j) + ')', run: (s, t, b, c) => { s.dev[j].mutex = site.tb.owner; const r = o.run(s, t, b, c); s.dev[j].mutex = 0; return r; } }; } }`,
  `{ fn: '__device_attach', replace: 'device_lock', step: (site, o) => ({ ...o, run: (s, t, b, c) => { s.dev[site.dev].mark = true; return o.run(s, t, b, c); } }) }`,
  `{ fn: 'really_probe', replace: 'done', step: (site, o) => ({ ...o, await: (s, t) => (o.await ? o.await(s, t) : true) && !s.drv[site.drv].seen, waits: () => 'seen', run: (s, t, b, c) => { s.drv[site.drv].seen = true; return o.run(s, t, b, c); } }) }`,
  `{ fn: 'driver_probe_device', replace: 'check', step: (site, o) => ({ ...o, branches: 2, branchNames: ['probe', 'defer'], run: (s, t, b, c) => { if (b === 1) { deferredAdd(s, site.dev); t.ret = RET.EPROBE_DEFER; return RETURN; } return o.run(s, t, 0, c); } }) }`,
  `{ fn: 'device_del', insert: { label: 'pre', after: null, before: FIRST }, step: () => ({ await: (s) => s.cnt === 0, waits: () => 'cnt', run: (s) => { s.cnt = 1; return FIRST; } }) }`,
  `{ fn: 'really_probe', replace: 'probe_ret', step: (site, o) => ({ ...o, await: (s, t) => (o.await ? o.await(s, t) : true) && s.dev[site.dev].mark, waits: () => 'mark' }) }`,
];

const dir = realpathSync(tempDir());
let files = 0;
function write(scenario: string, hunks: readonly (number | string)[]): { file: string; patch: string } {
  const n = files++, file = join(dir, `s${n}.ts`), patch = join(dir, `p${n}.ts`);
  writeFileSync(file, `import { scenario } from 'probecheck';\nexport default scenario(${SCENARIOS[scenario]});\n`);
  writeFileSync(patch, `import { definePatch, deferredAdd, RET, RETURN, FIRST } from 'probecheck';
export default definePatch({ id: 'p${n}', subject: 'generated', base: 'v5.1',
  state: { dev: { mark: 'bool' }, drv: { seen: 'bool' }, kernel: { cnt: { type: 'int', max: 1 } } },
  hunks: [${hunks.map((i) => (typeof i === 'number' ? HUNKS[i] : i)).join(',\n    ')}] });
`);
  return { file, patch };
}

/** The scenario without the patch (what fired there), by scenario and options: the same for every patch. */
const bases = new Map<string, ReturnType<typeof check>>();

/** What the patch did and whether it is credited, as check --patch says it, under options `o`. */
async function outcome(scenario: string, file: string, patch: string, o: CheckOptions | 'workers') {
  const params = { profile: 'v5.1', patches: patch };
  const run = async (p: Record<string, string>) => {
    const source = fileSource(file, p), model = await buildSource(source.args);
    return check(model, { exhaustive: true, ...(o === 'workers' ? { workers: 2, source, parallelFrom: 0 } : o) });
  };
  const patched = await run(params);
  const user = notesOf.userPatches(params.patches);
  const key = `${scenario} ${JSON.stringify(o)}`;
  if (!bases.has(key)) bases.set(key, await run(notesOf.withoutFiles(params, user)!));
  const base = bases.get(key)!;
  const notes = notesOf.patchNotes(user, patched, base).filter((n) => n.note !== 'one value');
  const nc = notesOf.notCredited(user, notes);
  return {
    reduced: { por: patched.por?.applied === true, symmetry: patched.symmetry?.applied === true, workers: patched.workers },
    states: patched.states,
    what: {
      complete: patched.complete && base.complete,
      verdicts: patched.properties.map((p) => `${p.name}: ${p.verdict}`),
      notes: notes.map((n) => `${n.note}: ${n.step}${n.why ? ` (${n.why})` : ''}`).sort(),
      credited: nc ? `${nc.kind}: ${nc.text}` : 'credited',
    },
  };
}

describe('a patch\'s hunk notes and its credit are the same under the reductions', () => {
  // (No symmetry here: unplug's devices are unlike, so a symmetry search of it is the same search;
  // twin-defer's, in the tests below, is reduced.)
  it('a wait that never passes beside a hunk that runs: always blocks, uncredited, with --por, DFS and 2 workers', async () => {
    const scenario = 'unplug', { file, patch } = write(scenario, [0, 1]);
    const one = await outcome(scenario, file, patch, {});
    expect(one.what.notes).toContain('always blocks: deferred_probe_work_func:wait_first (every thread that reaches it waits there for ever (its guard never passed in any state the search reached))');
    expect(one.what.credited).toMatch(/^blocks: deferred_probe_work_func:wait_first blocks every thread that reaches it for ever/);
    for (const o of [{ por: true }, { strategy: 'dfs' as const }, 'workers' as const]) {
      const r = await outcome(scenario, file, patch, o);
      if (o === 'workers') expect(r.reduced.workers).toBe(2);
      else if (o.por) expect(r.reduced.por).toBe(true);
      expect(r.what, JSON.stringify(o)).toEqual(one.what);
    }
  }, 120_000);

  // A review (2026-12-06, h9): a thread at an idle step (the kworker at process_one_work) was
  // idle there in every state, work queued or not, so a guard that never passes read `its thread
  // stays idle there (the work it waits for is never queued)` and the patch was credited, exit 0,
  // unreduced as under --por. Idle now only where the replaced step's own wait fails; a state
  // where work is queued and the worker stands there is kept by --por (check.ts says why). A
  // user's inserted step marked idle likewise read idle, credited.
  // Through the CLI, as a user runs it (the in-process searches of this file agree with it: the
  // test below).
  it('a guard on the idle worker step that never passes while work is queued, or a user\'s own idle step: always blocks, uncredited, with every reduction', () => {
    const never = `{ fn: 'deferred_probe_work_func', replace: 'process_one_work', step: (_s, o) => ({ ...o, await: () => false }) }`;
    let persistent = 0;
    for (const scenario of ['unplug', 'twin-defer']) {
      const { file, patch } = write(scenario, [never, 1]);
      // unplug's search with this patch is one run (32 states, 31 transitions): --por reduces
      // nothing there ("0 states expanded by a persistent set") and DFS takes the same path, the
      // unreduced search again; its devices are unlike, so --symmetry is it too. The reductions
      // run on twin-defer, which they reduce.
      for (const o of scenario === 'unplug' ? [[]] : [[], ['--por'], ['--symmetry'], ['--por', '--symmetry'], ['--strategy', 'dfs']]) {
        const r = probecheck(['check', file, '--patch', patch, ...o], { cwd: dir });
        expect(unwrap(r.stdout), `${scenario} ${o.join(' ')}`).toContain('its step deferred_probe_work_func:process_one_work never fires in this search: every thread that reaches it waits there for ever');
        expect(unwrap(r.stdout)).toContain('not credited to the patch: deferred_probe_work_func:process_one_work blocks every thread that reaches it for ever');
        expect(r.status).toBe(5);
        persistent += Number(/partial-order reduction: ([\d,]+) states expanded by a persistent set/.exec(r.stdout)?.[1]?.replace(/,/g, '') ?? 0);
      }
    }
    // --por did reduce (on twin-defer): the stand with work queued was kept by a reduced search.
    expect(persistent).toBeGreaterThan(0);
    // A user's own step marked idle has no library wait to tell idle from stuck: it blocks.
    const own = `{ fn: 'deferred_probe_work_func', insert: { label: 'wait_idle', after: 'process_one_work', before: 'mutex_lock' }, step: () => ({ idle: true, await: () => false, run: () => 'mutex_lock' }) }`;
    // (On unplug --por reduces nothing here either: 43 states, no persistent set, the same search.)
    const { file, patch } = write('unplug', [own, 1]);
    const r = probecheck(['check', file, '--patch', patch], { cwd: dir });
    expect(unwrap(r.stdout)).toContain('not credited to the patch: deferred_probe_work_func:wait_idle blocks every thread that reaches it for ever');
    expect(r.status).toBe(5);
  }, 120_000);

  // A hunt (2026-12-06): under symmetry the search keeps one run of each orbit of runs, and the
  // patch changed which: b's probe steps fired only as a's, and `--symmetry` warned that they fire
  // without the patch and never with it.
  it("under symmetry a step that fired only as its twin device's is not one the patch made unreachable", async () => {
    const other = 'const j = site.dev === 0 ? 1 : 0;';
    const scenario = 'twin-defer', { file, patch } = write(scenario, [
      `{ fn: 'really_probe', replace: 'call_probe', step: (site, o) => { ${other} return { ...o, strong: true, await: (s, t) => (o.await ? o.await(s, t) : true) && s.dev[j].mutex === 0, run: (s, t, b, c) => { s.dev[j].mutex = site.tb.owner; return o.run(s, t, b, c); } }; } }`,
      `{ fn: 'really_probe', replace: 'done', step: (site, o) => { ${other} return { ...o, run: (s, t, b, c) => { if (s.dev[j].mutex === site.tb.owner) s.dev[j].mutex = 0; return o.run(s, t, b, c); } }; } }`,
    ]);
    const one = await outcome(scenario, file, patch, {});
    expect(one.what.notes).toEqual([]);
    for (const o of [{ symmetry: true }, { por: true, symmetry: true }]) {
      const r = await outcome(scenario, file, patch, o);
      expect(r.reduced.symmetry).toBe(true);
      expect(r.what, JSON.stringify(o)).toEqual(one.what);
    }
  }, 60_000);

  // The searches above run in this process, on the build as vitest's runner loads it; the user's
  // files imported a second copy of the library (Node's) until 2026-12-06 (h10), and --por kept
  // 801 states here where the CLI keeps 755 (the kernel's unrecorded reads counted).
  it('in this process --por stores as many states as the CLI, on a user patch with an idle-step guard', async () => {
    const never = `{ fn: 'deferred_probe_work_func', replace: 'process_one_work', step: (_s, o) => ({ ...o, await: () => false }) }`;
    const scenario = 'twin-defer', { file, patch } = write(scenario, [never, 1]);
    const here = await outcome(scenario, file, patch, { por: true, symmetry: false });
    const cli = JSON.parse(probecheck(['check', file, '--patch', patch, '--por', '--no-symmetry', '--json'], { cwd: dir }).stdout) as { states: number };
    expect(here.reduced.por).toBe(true);
    expect(here.states).toBe(cli.states);
  }, 60_000);

  it('random patches of those hunks on two scenarios: what each hunk did, and the credit, match the unreduced search', async () => {
    // A hunk that waits (for ever, on a field of the patch's, on a counter) beside one to three others.
    const draw = fc.record({ scenario: fc.constantFrom(...Object.keys(SCENARIOS)), wait: fc.constantFrom(0, 5, 7, 8), others: fc.uniqueArray(fc.nat(HUNKS.length - 1), { minLength: 1, maxLength: 3 }) })
      .map(({ scenario, wait, others }) => ({ scenario, hunks: [wait, ...others.filter((h) => h !== wait)] }));
    // Draws where --por stored fewer states than the unreduced search (not only applied: with the
    // kernel's unrecorded reads counted, 2026-12-06 h10, it applied and reduced next to nothing).
    let reduced = 0;
    await fc.assert(fc.asyncProperty(draw, async ({ scenario, hunks }) => {
      const { file, patch } = write(scenario, hunks);
      const one = await outcome(scenario, file, patch, {});
      expect(one.what.complete).toBe(true);
      const stored = new Map<string, number>();
      for (const o of [{ por: true }, { symmetry: true }, { por: true, symmetry: true }, { strategy: 'dfs' as const }]) {
        const r = await outcome(scenario, file, patch, o);
        // --por against the same search without it (the unreduced one, or symmetry alone).
        if (o.por && r.reduced.por && r.states < (o.symmetry ? stored.get('symmetry')! : one.states)) reduced++;
        if (!o.por && o.symmetry) stored.set('symmetry', r.states);
        expect(r.what, `${scenario} ${JSON.stringify(hunks)} ${JSON.stringify(o)}`).toEqual(one.what);
      }
    }), { numRuns: 5, seed: 34 });
    // --por stores fewer states on some draws (properties all safety: it applies on every one).
    // Of these 10 searches 4 are smaller; 2 were while the kernel's unrecorded reads counted.
    expect(reduced).toBeGreaterThanOrEqual(3);
  }, 240_000);
});

// (ROOT: the patches' folder is outside the repository, as a user's is.)
expect(dir.startsWith(ROOT)).toBe(false);
