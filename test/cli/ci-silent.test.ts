/**
 * Ways CI could go green while something was wrong (a CI hunt, 2026-12-05), from a user's folder:
 * a pinned state count that symmetry kept from being compared, a JUnit report without the
 * actions that never completed, `diff --shard` reporting part of each search as the whole.
 */
import { copyFileSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probecheck, ROOT, tempDir } from './run.js';

function folder(files: Record<string, string>): string {
  const dir = realpathSync(tempDir());
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  copyFileSync(join(ROOT, 'models/host-children.ts'), join(dir, 'host-children.ts'));
  return dir;
}

const suite = (states: number) => `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'pin', model: './host-children.ts', cases: [
  { params: { n: 2 }, expect: { 'module-lifetime': 'holds', 'no-deadlock': 'holds' }, states: ${states} },
] });
`;

describe('CI cannot go green on what was not checked', () => {
  const dir = folder({ 'wrong.suite.ts': suite(12345), 'right.suite.ts': suite(2074),
    'never.ts': `import { scenario } from 'probecheck';
export default scenario({ name: 'never', profile: 'v5.19', devices: { dc: {} }, drivers: { 'dc-drv': { matches: ['dc'], present: true } },
  actors: { a: ['add dc', 'lock dc', 'del dc'] }, properties: ['single-binding'] });
` });
  it('a case that pins only the unreduced count is searched unreduced: a wrong count fails (exit 4), the right one passes', () => {
    const bad = probecheck(['check', 'wrong.suite.ts', '--junit', 'w.xml'], { cwd: dir });
    expect(bad.stdout).toMatch(/2,074 \(expected 12,345\)/);
    expect(bad.status).toBe(4);
    expect(readFileSync(join(dir, 'w.xml'), 'utf8')).toMatch(/name="state count"[^>]*>\s*<failure message="state count: expected 12,345, observed 2,074"/);
    const good = probecheck(['check', 'right.suite.ts'], { cwd: dir });
    expect(good.stdout).toMatch(/2,074 /);
    expect(good.status).toBe(0);
  });
  it('asked for --symmetry, the unreduced pin is not compared, and the JUnit report says so (a skipped state count)', () => {
    const r = probecheck(['check', 'wrong.suite.ts', '--symmetry', '--junit', 's.xml'], { cwd: dir });
    expect(r.stdout).toMatch(/1,468 \(not compared\)/);
    expect(readFileSync(join(dir, 's.xml'), 'utf8')).toMatch(/name="state count"[^>]*>\s*<skipped message="state count not compared: 12345 is the unreduced count/);
  });
  it('an action that never completed fails its own JUnit testcase, as the exit status (5) says', () => {
    const r = probecheck(['check', 'never.ts', '--junit', 'n.xml', '-q'], { cwd: dir });
    expect(r.status).toBe(5);
    const xml = readFileSync(join(dir, 'n.xml'), 'utf8');
    expect(xml).toMatch(/name="actions complete"[^>]*>\s*<failure message="never completed in any run: a: del dc" type="vacuous"/);
    expect(xml).not.toMatch(/failures="0"/);
    const ok = probecheck(['check', 'never.ts', '--junit', 'n2.xml', '--allow-vacuous', '-q'], { cwd: dir });
    expect(ok.status).toBe(0);
    expect(readFileSync(join(dir, 'n2.xml'), 'utf8')).toMatch(/name="actions complete" time="0"\/>/);
  });
  it('--por is not combined with symmetry while a property of your own is checked: together they missed this violation', () => {
    writeFileSync(join(dir, 'p4.ts'), `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'p4', description: 'not all three children inside probe() at once',
  check: (v) => (v.dev('c3').probingIn !== null && v.dev('c1').probingIn !== null && v.dev('c2').probingIn !== null) ? 'all three probe' : null });
`);
    const r = probecheck(['check', 'host-children.ts', '--param', 'n=3', '--property-file', 'p4.ts', '--property', 'p4', '--por', '--symmetry'], { cwd: dir });
    expect(r.stdout).toMatch(/p4\s+violated/);
    expect(r.stdout).toContain('partial-order reduction not applied: not combined with symmetry while a property of your own is checked');
    expect(r.status).toBe(1);
  });
  it('diff has no --shard: a part of each search would read as the whole comparison', () => {
    const r = probecheck(['diff', 'host-children.ts', '--param', 'n=2', '--shard', '1/2', '-q'], { cwd: dir });
    expect(r.stderr).toMatch(/E501.*unknown option '--shard'/);
    expect(r.status).toBe(2);
    expect(probecheck(['diff', '--help']).stdout).not.toContain('--shard');
  });
});
