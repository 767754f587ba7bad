/**
 * `npm run bench`: figures for the benchmark models, never a pass/fail test. Prints one row per
 * case (probe-tree `fixed` N = 8..12, two-phase-commit RM = 7..10): states, transitions, seconds,
 * states/s, store bytes per state and the peak RSS of the process that ran it. Where SPIN and gcc
 * are installed, it also runs SPIN's pan on probe-tree (models/bench/probe-tree.pml) with the same
 * N in the same run, twice: as SPIN runs by default (its partial-order reduction on) and with
 * -DCOLLAPSE (its state compression), and prints probecheck's time and memory against each.
 *
 * Each case runs in a child process of its own (this file with `--case`), so its peak memory
 * is its own and one case's garbage never slows the next.
 *
 * probe-tree N = 10..12 (8..9 with --quick) also runs with `--por`, against the same SPIN runs.
 *
 * The `host-children` section runs models/host-children.ts (issue 12's sizing scenario) with
 * n = 2..8 children (2..3 with --quick), unreduced, with --por, with --symmetry and with both, a minute at
 * most per row: a row that does not finish says so and how far it got.
 *
 *   npm run bench [-- --quick] [-- --only probe-tree|2pc|host-children] [-- --runs K]
 *   npm run bench -- scaling [--quick] [--runs K]
 *
 * `scaling` runs only the parallel search's table: host-children n=6 with symmetry (1.9 M states)
 * and probe-tree `fixed` N=11 (12.1 M states; n=5 and N=9 with --quick) with 1, 2, 4, ...
 * workers up to the cores of the machine:
 * states, seconds (worker start-up included), states/s, the speed-up over one worker, CPU seconds
 * and the peak resident memory of the process.
 *
 * With --runs K (default 1) every case, and SPIN, runs K times and the run with the median time
 * is shown: this project's machines are shared and noisy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { check } from '../engine/check.js';
import { loadModel } from '../load.js';
import { fileSource } from '../source.js';
import type { Property } from '../engine/model.js';

/** The package root (dist/bench/ -> ../..). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** SPIN's side of probe-tree (the benchmark's peer model, kept beside the TypeScript one). */
const PML = resolve(ROOT, 'models', 'bench', 'probe-tree.pml');

interface Case { family: 'probe-tree' | '2pc' | 'host-children'; file: string; param: string; value: number; extra: Record<string, string | number> }
interface Row {
  states: number; transitions: number; seconds: number; statesPerSecond: number;
  bytesPerState: number; peakMB: number; complete: boolean;
  /** CPU seconds of every thread of the process during the search. */
  cpuSeconds: number;
}
interface Spin { states: number; seconds: number; memoryMB: number }

function cases(quick: boolean, only: string | undefined): Case[] {
  const out: Case[] = [];
  if (!only || only === 'probe-tree') {
    for (const n of quick ? [8, 9] : [8, 9, 10, 11, 12]) out.push({ family: 'probe-tree', file: 'models/bench/probe-tree.ts', param: 'N', value: n, extra: { variant: 'fixed' } });
    // With probecheck's partial-order reduction, against the same SPIN runs (its own reduction is on in the first).
    for (const n of quick ? [8, 9] : [10, 11, 12]) out.push({ family: 'probe-tree', file: 'models/bench/probe-tree.ts', param: 'N', value: n, extra: { variant: 'fixed', reduce: 'por' } });
  }
  if (!only || only === '2pc') {
    for (const n of quick ? [7, 8] : [7, 8, 9, 10]) out.push({ family: '2pc', file: 'models/bench/two-phase-commit.ts', param: 'RM', value: n, extra: {} });
  }
  return out;
}

/** host-children (issue 12's sizing scenario): n children, unreduced, with --por, with --symmetry and with both. */
const REDUCTIONS = ['none', 'por', 'symmetry', 'por+symmetry'] as const;
function hostCases(quick: boolean): Case[] {
  const out: Case[] = [];
  for (const n of quick ? [2, 3] : [2, 3, 4, 5, 6, 7, 8]) for (const reduce of REDUCTIONS) out.push({ family: 'host-children', file: 'models/host-children.ts', param: 'n', value: n, extra: { reduce, limit: 60 } });
  return out;
}

/** --runs K (default 1); undefined, with a message and exit status 2, when K is not a positive integer. */
function runsOf(argv: string[]): number | undefined {
  const ri = argv.indexOf('--runs');
  const runs = ri >= 0 ? Number(argv[ri + 1]) : 1;
  if (Number.isInteger(runs) && runs >= 1) return runs;
  process.stderr.write(`probecheck bench: --runs takes a positive integer, not '${argv[ri + 1]}'\n`);
  process.exitCode = 2;
  return undefined;
}

/** The parallel search's scaling table: 1, 2, 4, ... workers up to the cores here. */
function scaling(quick: boolean, runs: number | undefined): void {
  if (runs === undefined) return;
  const cores = availableParallelism();
  const counts: number[] = [];
  for (let w = 1; w < cores; w *= 2) counts.push(w);
  counts.push(cores);
  const list: Case[] = [
    // A kernel scenario as a user runs it (symmetry on), and a search past 10 M states (issue 12's size).
    { family: 'host-children', file: 'models/host-children.ts', param: 'n', value: quick ? 5 : 6, extra: { reduce: 'symmetry' } },
    { family: 'probe-tree', file: 'models/bench/probe-tree.ts', param: 'N', value: quick ? 9 : 11, extra: { variant: 'fixed' } },
  ];
  console.log(`probecheck bench scaling (node ${process.version}, ${cores} cores, BFS, fast backend${runs > 1 ? `, median of ${runs} runs` : ''}; seconds include starting the workers;`);
  console.log('CPU s: every thread of the process, so CPU s / s is how many cores the search kept busy)');
  const widths = [30, 8, 12, 8, 11, 9, 8, 8];
  console.log(['model', 'workers', 'states', 's', 'states/s', 'speed-up', 'CPU s', 'peak MB'].map((h, i) => (i === 0 ? h.padEnd(widths[0]!) : pad(h, widths[i]!))).join(' '));
  for (const c of list) {
    let base = NaN;
    for (const w of counts) {
      const r = median(runs, () => runChild(c, w), (x) => x.seconds);
      if (w === 1) base = r.seconds;
      const name = `${c.file.replace(/^models\/(bench\/)?|\.ts$/g, '')} ${c.param}=${c.value}${c.extra.reduce ? ` --${c.extra.reduce}` : ''}`;
      console.log([name.padEnd(widths[0]!), pad(String(w), widths[1]!), pad(int(r.states), widths[2]!), pad(r.seconds.toFixed(2), widths[3]!),
        pad(int(r.statesPerSecond), widths[4]!), pad(`${(base / r.seconds).toFixed(2)}x`, widths[5]!), pad(r.cpuSeconds.toFixed(2), widths[6]!), pad(int(r.peakMB), widths[7]!)].join(' ') + (r.complete ? '' : ' (incomplete)'));
    }
  }
}

/** Child mode: run one case and print its row as JSON on the last line. */
async function runCase(file: string, param: string, value: number, extra: Record<string, string | number>, workers = 1): Promise<void> {
  const f = await loadModel(resolve(ROOT, file));
  const { liveness, reduce, limit, ...params } = extra;
  const all = { ...Object.fromEntries(Object.entries(f.params).map(([k, s]) => [k, s.default])), ...params, [param]: value };
  const m = f.build(all);
  if (liveness) m.properties.push(...probeTreeLiveness(value));
  const cpu0 = process.cpuUsage();
  // Rows that name their reductions count complete state spaces (the host-children rows: at most
  // `limit` seconds each). Symmetry is on by default: every row says which reductions it runs with.
  const r = check(m, { strategy: 'bfs', backend: 'fast', workers, source: fileSource(resolve(ROOT, file), all), symmetry: String(reduce ?? '').endsWith('symmetry'),
    ...(reduce !== undefined ? { por: String(reduce).startsWith('por'), exhaustive: true } : {}), ...(limit !== undefined ? { timeLimit: Number(limit) } : {}) });
  const cpu = process.cpuUsage(cpu0);
  if (r.workers !== workers) process.stderr.write(`bench: ${workers} workers asked, ${r.workers} searched${r.workersNote ? ` (${r.workersNote})` : ''}\n`);
  const row: Row = {
    states: r.states, transitions: r.transitions, seconds: r.seconds, statesPerSecond: r.statesPerSecond,
    bytesPerState: r.bytesPerState, peakMB: process.resourceUsage().maxRSS / 1024, complete: r.complete,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(row)}\n`);
}

/**
 * Liveness on probe-tree (issue: at most 3x the safety-only run): every device but the unplugged
 * leaf is eventually bound, and the root's queued attach work is eventually taken.
 */
function probeTreeLiveness(n: number): Property[] {
  type S = { drv: number[]; queued: number[] };
  return [
    { kind: 'eventually', name: 'all-but-leaf-bound', holds: (s: S) => { for (let i = 0; i < n - 1; i++) if (s.drv[i] !== 1) return false; return true; } },
    { kind: 'leads-to', name: 'queued-leads-to-taken', from: (s: S) => s.queued[0] === 1, to: (s: S) => s.queued[0] === 0 },
  ];
}

/** The result of the run with the median time, out of `runs`. */
function median<T>(runs: number, f: () => T, time: (x: T) => number): T {
  const xs = Array.from({ length: runs }, f).sort((a, b) => time(a) - time(b));
  return xs[(xs.length - 1) >> 1]!;
}

function runChild(c: Case, workers = 1): Row {
  const self = fileURLToPath(import.meta.url);
  const p = spawnSync(process.execPath, [self, '--case', c.file, c.param, String(c.value), JSON.stringify(c.extra), String(workers)], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24,
  });
  if (p.status !== 0) throw new Error(`bench case ${c.family} ${c.param}=${c.value} failed:\n${p.stderr}`);
  const last = p.stdout.trim().split('\n').pop()!;
  return JSON.parse(last) as Row;
}

/** Why SPIN cannot run here, or undefined when it can. */
function spinMissing(): string | undefined {
  if (!existsSync(PML)) return `${PML} is absent`;
  if (spawnSync('sh', ['-c', 'command -v spin && command -v gcc'], { encoding: 'utf8' }).status !== 0) return 'spin or gcc is not installed';
  return undefined;
}

/** Build and run pan for probe-tree `fixed` with N devices (compile time not counted). */
function runSpin(n: number, collapse: boolean): Spin {
  const dir = mkdtempSync(join(tmpdir(), 'probecheck-spin-'));
  try {
    copyFileSync(PML, join(dir, 'probe-tree.pml'));
    const w = n <= 9 ? 20 : n === 10 ? 22 : n === 11 ? 24 : 26;
    execFileSync('spin', [`-DN=${n}`, '-DPARENT_LOCK=1', '-DDEAD_FLAG=1', '-a', 'probe-tree.pml'], { cwd: dir, stdio: 'pipe' });
    // No -DNOREDUCE: SPIN's partial-order reduction is on, as SPIN runs by default.
    execFileSync('gcc', ['-O2', '-DSAFETY', '-DMEMLIM=16384', ...(collapse ? ['-DCOLLAPSE'] : []), '-o', 'pan', 'pan.c'], { cwd: dir, stdio: 'pipe' });
    const out = execFileSync('./pan', ['-m100000', `-w${w}`], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 24 });
    const states = /(\d+) states, stored/.exec(out);
    const secs = /pan: elapsed time ([\d.e+-]+) seconds/.exec(out);
    const mem = /([\d.]+)\s+total actual memory usage/.exec(out);
    if (!states || !secs) throw new Error(`could not read pan's output:\n${out}`);
    return { states: Number(states[1]), seconds: Number(secs[1]), memoryMB: mem ? Number(mem[1]) : NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const pad = (s: string, w: number) => s.padStart(w);

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--case') {
    await runCase(argv[1]!, argv[2]!, Number(argv[3]), JSON.parse(argv[4] ?? '{}') as Record<string, string | number>, Number(argv[5] ?? 1));
    return;
  }
  if (argv[0] === 'scaling') { scaling(argv.includes('--quick'), runsOf(argv)); return; }
  const quick = argv.includes('--quick');
  const oi = argv.indexOf('--only');
  const only = oi >= 0 ? argv[oi + 1] : undefined;
  if (only !== undefined && only !== 'probe-tree' && only !== '2pc' && only !== 'host-children') {
    process.stderr.write(`probecheck bench: --only takes probe-tree, 2pc or host-children, not '${only}'\n`);
    process.exitCode = 2;
    return;
  }
  const runs = runsOf(argv);
  if (runs === undefined) return;
  const list = cases(quick, only);
  const needSpin = list.some((c) => c.family === 'probe-tree');
  const noSpin = needSpin ? spinMissing() : undefined;
  const withSpin = needSpin && !noSpin;
  console.log(`probecheck bench (node ${process.version}, fast backend, BFS${quick ? ', quick' : ''}${runs > 1 ? `, median of ${runs} runs` : ''})`);
  if (noSpin) console.log(`SPIN: skipped (${noSpin})`);
  const head = ['model', 'param', 'states', 'transitions', 's', 'states/s', 'B/state', 'peak MB'];
  const spinHead = withSpin ? ['SPIN states', 'SPIN s', 'SPIN MB', 'time', 'COLLAPSE s', 'MB', 'time', 'memory'] : [];
  const widths = [24, 6, 12, 13, 7, 11, 8, 8, 12, 7, 8, 6, 11, 7, 6, 7];
  console.log([...head, ...spinHead].map((h, i) => (i === 0 ? h.padEnd(widths[i]!) : pad(h, widths[i]!))).join(' '));
  // SPIN's runs by N, shared by the unreduced and the --por rows.
  const spinRuns = new Map<number, [Spin, Spin]>();
  for (const c of list) {
    const r = median(runs, () => runChild(c), (x) => x.seconds);
    const name = c.family === 'probe-tree' ? `probe-tree fixed${c.extra.reduce ? ` --${c.extra.reduce}` : ''}` : 'two-phase-commit';
    const cells = [name.padEnd(widths[0]!), pad(`${c.param}=${c.value}`, widths[1]!), pad(int(r.states), widths[2]!),
      pad(int(r.transitions), widths[3]!), pad(r.seconds.toFixed(2), widths[4]!), pad(int(r.statesPerSecond), widths[5]!),
      pad(r.bytesPerState.toFixed(1), widths[6]!), pad(r.peakMB.toFixed(0), widths[7]!)];
    if (withSpin) {
      if (c.family === 'probe-tree') {
        if (!spinRuns.has(c.value)) spinRuns.set(c.value, [median(runs, () => runSpin(c.value, false), (x) => x.seconds), median(runs, () => runSpin(c.value, true), (x) => x.seconds)]);
        const [s, k] = spinRuns.get(c.value)!;
        cells.push(pad(int(s.states), widths[8]!), pad(s.seconds.toFixed(2), widths[9]!), pad(s.memoryMB.toFixed(0), widths[10]!),
          pad((r.seconds / s.seconds).toFixed(2), widths[11]!), pad(k.seconds.toFixed(2), widths[12]!), pad(k.memoryMB.toFixed(0), widths[13]!),
          pad((r.seconds / k.seconds).toFixed(2), widths[14]!), pad((r.peakMB / k.memoryMB).toFixed(2), widths[15]!));
      } else cells.push(...[8, 9, 10, 11, 12, 13, 14, 15].map((i) => pad('-', widths[i]!)));
    }
    if (!r.complete) cells.push(' (incomplete)');
    console.log(cells.join(' '));
  }
  if (withSpin) console.log('time = probecheck s / pan s, against SPIN as it runs by default (its partial-order reduction on) and with -DCOLLAPSE;\nmemory = probecheck peak MB / COLLAPSE pan MB (compile time excluded; SPIN stores one extra state, its init).');
  if (!only || only === 'probe-tree') {
    // Liveness against safety on the same model, in the same run.
    const n = quick ? 8 : 9;
    const base: Case = { family: 'probe-tree', file: 'models/bench/probe-tree.ts', param: 'N', value: n, extra: { variant: 'fixed' } };
    const safety = median(runs, () => runChild(base), (x) => x.seconds);
    const live = median(runs, () => runChild({ ...base, extra: { ...base.extra, liveness: 1 } }), (x) => x.seconds);
    console.log(`\nliveness (eventually + leads-to under weak fairness), probe-tree fixed N=${n}: safety only ${safety.seconds.toFixed(2)} s, ` +
      `with liveness ${live.seconds.toFixed(2)} s (${(live.seconds / safety.seconds).toFixed(2)}x), peak ${safety.peakMB.toFixed(0)} -> ${live.peakMB.toFixed(0)} MB (${(live.peakMB / safety.peakMB).toFixed(2)}x)`);
  }
  if (!only || only === 'host-children') {
    // Liveness on a kernel scenario: the scenario's own safety properties, then with quiescence
    // and actors-terminate added (issue 12: at most 2x the safety run's memory).
    const n = quick ? 3 : 4;
    const base: Case = { family: 'host-children', file: 'models/host-children.ts', param: 'n', value: n, extra: {} };
    const safety = median(runs, () => runChild(base), (x) => x.seconds);
    const live = median(runs, () => runChild({ ...base, file: 'models/bench/host-children-live.ts' }), (x) => x.seconds);
    console.log(`\nliveness (quiescence + actors-terminate under weak fairness), host-children n=${n}: safety only ${safety.seconds.toFixed(2)} s, ` +
      `with liveness ${live.seconds.toFixed(2)} s (${(live.seconds / safety.seconds).toFixed(2)}x), peak ${safety.peakMB.toFixed(0)} -> ${live.peakMB.toFixed(0)} MB (${(live.peakMB / safety.peakMB).toFixed(2)}x)`);
    console.log('\nhost-children (a host with n async children racing rmmod; v4.2), exhaustive BFS, 60 s limit per row:');
    console.log(['n', 'reduction', 'states', 'transitions', 's', 'states/s', 'peak MB'].map((h, i) => pad(h, [3, 13, 12, 13, 8, 11, 8][i]!)).join(' '));
    for (const c of hostCases(quick)) {
      const r = median(runs, () => runChild(c), (x) => x.seconds);
      console.log([pad(String(c.value), 3), pad(String(c.extra.reduce), 13), pad(int(r.states), 12), pad(int(r.transitions), 13),
        pad(r.seconds.toFixed(2), 8), pad(int(r.statesPerSecond), 11), pad(r.peakMB.toFixed(0), 8)].join(' ') + (r.complete ? '' : ' (stopped by the time limit: states so far)'));
    }
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`probecheck bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
