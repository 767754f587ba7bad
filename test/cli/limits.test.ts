/**
 * Limits at the command line (issue 10, items 4 and 5): a search that runs out of memory stops
 * with what it found (the violation and its trace), names the limit and what to try instead;
 * random simulation says why it stopped and how its walks ended, in text and in --json. Run
 * from a temporary folder, as a user would.
 */
import { describe, expect, it } from 'vitest';
import type { Result } from 'probecheck';
import { stopLines } from '../../src/report/stop.js';
import { join } from 'node:path';
import { hasStack, PROBE_TREE, probecheck, ROOT, tempDir } from './run.js';

const v42 = [PROBE_TREE, '--param', 'N=6', '--param', 'variant=v4.2'];
const fixed = [PROBE_TREE, '--param', 'N=6', '--param', 'variant=fixed'];

describe('--memory-limit', () => {
  it('a tiny limit stops the search; the violation found before is printed with its trace (a violation wins: exit 1)', () => {
    const r = probecheck(['check', ...v42, '--memory-limit', '1'], { cwd: tempDir() });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('WARNING: property violated: parent-before-child');
    expect(r.stdout).toContain('7 steps from the initial state:');
    expect(r.stdout).toMatch(/no-deadlock\s+unknown/);
    expect(r.stdout).toMatch(/search stopped early: memory-limit \(--memory-limit\): memory limit 1 MB reached: the process uses [\d,]+ MB/);
    expect(r.stdout).toContain('to go further: --max-states N');
    expect(hasStack(r.stdout + r.stderr)).toBe(false);
  });

  it('with nothing found before it: exit 3, and --json says why', () => {
    const r = probecheck(['check', ...fixed, '--memory-limit', '1', '--json'], { cwd: tempDir() });
    expect(r.status).toBe(3);
    const d = JSON.parse(r.stdout);
    expect(d.complete).toBe(false);
    expect(d.runs[0].stopped).toBe('memory-limit');
    expect(d.runs[0].stopNote).toMatch(/^memory limit 1 MB reached/);
    expect(d.properties.map((p: any) => p.verdict)).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('--help gives the default and how it is computed', () => {
    const h = probecheck(['check', '--help']).stdout.replace(/\s+/g, ' ');
    expect(h).toMatch(/--memory-limit <mb> stop when the process would use more than this many MB \(exit 3\); default: half of physical memory or of a container's limit \(here \d+\)/);
  });
});

describe('random simulation says why it stopped', () => {
  it('simulate: the walks are done, how they ended, and why that leaves the verdicts unknown (exit 3)', () => {
    const r = probecheck(['simulate', ...fixed, '--runs', '20'], { cwd: tempDir() });
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/random simulation ended: all 20 walks done in [\d.]+ s: 20 ended with no move left and no thread waiting; the longest took \d+ steps/);
    expect(r.stdout).toContain('random walks find violations but never prove one absent: properties not violated are unknown');
  });
  // A new user (2026-12-06): walks that all stopped for good with a deferred device stranded left
  // no-lost-deferral unknown, with nothing saying walks do not check liveness at all.
  it('simulate names the liveness properties walks never check, and --help says so', () => {
    const r = probecheck(['simulate', join(ROOT, 'models/deferred-probe.ts'), '--param', 'profile=v4.2', '--param', 'variant=loop', '--property', 'quiescence', '--property', 'single-binding', '--runs', '20'], { cwd: tempDir() });
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('liveness properties are not checked by random walks (they are decided on the whole state graph): quiescence stay unknown; check them with probecheck check');
    expect(probecheck(['simulate', ...fixed, '--runs', '5']).stdout).not.toContain('liveness properties are not checked');
    expect(probecheck(['simulate', '--help']).stdout.replace(/\s+/g, ' ')).toContain('liveness properties are not checked by walks');
  });

  it('simulate --json: the reason and the walks', () => {
    const d = JSON.parse(probecheck(['simulate', ...fixed, '--runs', '20', '--depth', '5', '--json']).stdout);
    expect(d.runs[0].stopped).toBe('walks-done');
    expect(d.runs[0].walks).toEqual({ walks: 20, depthBound: 20, deadlocked: 0, terminated: 0, cut: 0, longest: 5 });
    expect(d.runs[0].stopNote).toMatch(/^all 20 walks done in [\d.]+ s: 20 reached the depth bound of 5 steps/);
  });

  it('check --strategy random --time-limit: walks until the time limit, and says so', () => {
    const r = probecheck(['check', ...fixed, '--strategy', 'random', '--time-limit', '0.2'], { cwd: tempDir() });
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/search stopped early: time-limit \(--time-limit\): the 0\.2 s time limit reached after [\d,]+ walks: /);
  });
});

describe('the stop in words', () => {
  const base = { stopped: 'out-of-memory', stopNote: 'an allocation failed after 49,152 states (Invalid typed array length: 4429185024)' } as Result;

  it('running out of memory names what failed and what to try instead', () => {
    expect(stopLines(base)).toEqual([
      'search stopped early: out-of-memory: an allocation failed after 49,152 states (Invalid typed array length: 4429185024)',
      'properties not violated so far are unknown',
      '  to go further: --max-states N (a partial search with less memory), --strategy random (walks need far less memory),',
      '  or a smaller model (fewer devices or actions; a scenario may set syncFallback: false)',
      '  to store fewer states: --por explores once the orders of steps that touch different state (off by default:',
      '  its footprints are learned as it runs; see docs/how-it-works.md, "Partial-order reduction", for what it guarantees)',
    ]);
  });

  it('a safety search stopped by a limit points to --por; not where --por ran, nor for walks or liveness', () => {
    const hint = (r: Partial<Result>) => stopLines({ stopped: 'time-limit', strategy: 'bfs', properties: [{ kind: 'invariant' }], ...r } as Result).some((l) => l.includes('--por'));
    expect(hint({})).toBe(true);
    expect(hint({ stopped: 'max-states' })).toBe(true);
    expect(hint({ por: { applied: true, reduced: true } })).toBe(false);
    expect(hint({ strategy: 'random' })).toBe(false);
    expect(hint({ properties: [{ kind: 'invariant' }, { kind: 'leads-to' }] as Result['properties'] })).toBe(false);
    expect(hint({ stopped: 'max-depth' })).toBe(false);
  });

  it('host-children with 8 children and a time limit: unknown, exit 3, and the hint', () => {
    const r = probecheck(['check', join(PROBE_TREE, '../../host-children.ts'), '--param', 'n=8', '--time-limit', '0.3', '-q'], { cwd: tempDir() });
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/search stopped early: time-limit[^\n]*\n[^\n]*unknown\n {2}to store fewer states: --por/);
    // -q prints no stats line: the stop line says how far the search got (a new user, 2026-12-04).
    expect(r.stdout).toMatch(/search stopped early: time-limit \(--time-limit\): the 0\.3 s time limit reached; [\d,]+ states stored, depth \d+\n/);
  });

  it('--check-symmetry is within --time-limit: the check stops there too, and the stop says how much it took', () => {
    // A reductions hunt, 2026-12-05: the check ran to its own bound (500,000 states), minutes past a --time-limit of 12 s.
    const r = probecheck(['check', join(PROBE_TREE, '../../host-children.ts'), '--param', 'n=6', '--check-symmetry', '--time-limit', '0.3', '-q'], { cwd: tempDir() });
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/search stopped early: time-limit \(--time-limit\): the 0\.3 s time limit reached \(the symmetry check took [\d.]+ s of it\); /);
  });

  it('Ctrl-C, and a search that stopped once everything was violated', () => {
    expect(stopLines({ stopped: 'interrupted' } as Result)[0]).toBe('search stopped early: interrupted (Ctrl-C)');
    expect(stopLines({ stopped: 'all-violated' } as Result)).toEqual(['search stopped once every property was violated; the state count is partial']);
    expect(stopLines({ complete: true } as Result)).toEqual([]);
  });
});
