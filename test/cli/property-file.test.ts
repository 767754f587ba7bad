/**
 * Issue 11: a user's own properties (`defineProperty`) in their own folder, used with
 * `--property-file` on check and diff and named in a suite case; bad property files are one
 * line with their code. The folder has probecheck installed (node_modules/probecheck -> the repo).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, hasStack, probecheck, tempDir } from './run.js';

const dir = tempDir();
mkdirSync(join(dir, 'node_modules'));
symlinkSync(ROOT, join(dir, 'node_modules', 'probecheck'), 'dir');
const write = (name: string, text: string) => { writeFileSync(join(dir, name), text); return name; };

// dc is bound to drvA; one writer unbinds drvA, a second unbinds drvA and binds drvB (or only binds drvB).
write('unbind.ts', `import { scenario } from 'probecheck';
export default scenario({
  name: 'unbind', profile: 'mainline',
  params: { race: { default: 'rebind', values: ['rebind', 'none'] } },
  buses: { platform: { autoprobe: false } },
  devices: { dc: { present: true, boundTo: 'drvA' } },
  drivers: { drvA: { matches: ['dc'], present: true }, drvB: { matches: ['dc'], present: true } },
  actors: { first: 'unbind drvA dc', admin: ['unbind drvA dc', 'bind drvB dc'] },
  properties: ['single-binding'],
  vary: (p, s) => (p.race === 'none' ? { ...s, actors: { first: 'unbind drvA dc', admin: 'bind drvB dc' } } : s),
});
`);
// The library's unbind-releases-named, written from scratch on the view.
write('props.ts', `import { defineProperty } from 'probecheck';
export default [
  defineProperty({
    kind: 'action', name: 'unbind-keeps-others',
    description: 'an unbind of drvA never releases another driver',
    check: (before, after, move) => {
      for (const d of after.devices) {
        const was = before.dev(d.name).driver;
        if (was !== null && d.driver === null && d.unbindFor !== null && d.unbindFor !== was) return move.thread + ' unbinding ' + d.unbindFor + ' released ' + was;
      }
      return null;
    },
    premise: { text: 'an unbind_store holds the device lock', met: (v) => v.devices.some((d) => d.unbindFor !== null) },
  }),
  defineProperty({ kind: 'invariant', name: 'drvb-never-bound', check: (v) => (v.dev('dc').driver === 'drvB' ? 'dc is bound to drvB by ' + (v.dev('dc').lockedBy ?? 'nobody') : null) }),
];
`);
// A premise that no state meets: vacuous, not holds.
write('never.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'about-nothing', check: () => null,
  premise: { text: 'dc is dead', met: (v) => v.dev('dc').dead } });
`);
write('typo.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'typo', chek: () => null } as never);
`);
write('notprop.ts', 'export default { name: 42 };\n');
// tsx does not type-check a user's file: a misspelt field, a check written as \`a && 'msg'\`, and a
// typo in a leads-to predicate must each be an error, never a verdict.
write('field.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'field', check: (v) => ((v.dev('dc') as any).boundd ? 'bound' : null) });
`);
write('movestep.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'action', name: 'movestep', check: (_b, _a, m) => ((m as any).step === 'x' ? 'x' : null) });
`);
write('inlist.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'inlist', check: (v) => (v.devices.some((d) => (d as any).drvier === 'drvB') ? 'x' : null) });
`);
write('and.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'and', check: (v) => (v.dev('dc').driver === 'drvB' && 'dc bound to drvB') as any });
`);
write('leads.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'leads-to', name: 'leads', from: (v) => v.dev('dc').registered, to: (v) => !(v.dev('dc') as any).bond });
`);
write('none.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 'none', devices: { a: {} }, drivers: { d: { matches: ['a'], present: true } }, actors: { x: 'add a' }, properties: [] });
`);
write('a-bound.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'a-bound-to-d', check: (v) => (v.dev('a').driver !== null && v.dev('a').driver !== 'd' ? 'a bound elsewhere' : null) });
`);
write('clash.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'single-binding', check: () => null });
`);
write('user.suite.ts', `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'user', model: './unbind.ts', cases: [
  { params: { race: 'rebind', profile: 'mainline', patches: '' }, expect: { 'unbind-keeps-others': 'violated', 'single-binding': 'holds' } },
  { params: { race: 'none', profile: 'mainline', patches: '' }, expect: { 'unbind-keeps-others': 'holds' } },
] });
`);

// A leads-to with an explain: (v) => string; and one whose explain is not a function.
write('rebound.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'leads-to', name: 'rebound', from: (v) => v.dev('dc').driver === null, to: (v) => v.dev('dc').driver !== null,
  explain: (v) => 'dc stays unbound; admin is at ' + v.thread('admin').at, premise: 'dc is unbound' });
`);
write('explain-text.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'leads-to', name: 'rebound', from: () => true, to: () => true, explain: 'dc stays unbound' } as never);
`);

const oneLine = (args: string[], line: RegExp) => {
  const r = probecheck(args, { cwd: dir });
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr.trim()).toMatch(line);
  expect(hasStack(r.stderr + r.stdout)).toBe(false);
};

describe('--property-file from a user folder', () => {
  it('check: the user properties are checked beside the scenario\'s, with their explanation', () => {
    const r = probecheck(['check', 'unbind.ts', '--property-file', 'props.ts', '-q'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/unbind-keeps-others\s+violated/);
    expect(r.stdout).toMatch(/drvb-never-bound\s+violated/);
    expect(r.stdout).toMatch(/single-binding\s+holds/);
    const j = JSON.parse(probecheck(['check', 'unbind.ts', '--property-file', 'props.ts', '--property', 'unbind-keeps-others', '--json'], { cwd: dir }).stdout);
    expect(j.properties).toHaveLength(1);
    expect(j.properties[0].explanation).toBe('first unbinding drvA released drvB');
  });

  it('holds where the race is absent; a premise never met is vacuous (exit 5)', () => {
    const ok = probecheck(['check', 'unbind.ts', '--param', 'race=none', '--property-file', 'props.ts', '--property', 'unbind-keeps-others', '-q'], { cwd: dir });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/unbind-keeps-others\s+holds/);
    const vac = probecheck(['check', 'unbind.ts', '--property-file', 'never.ts', '--property', 'about-nothing', '-q'], { cwd: dir });
    expect(vac.status).toBe(5);
    expect(vac.stdout).toMatch(/about-nothing\s+vacuous/);
  });

  it('diff: a user property fixed between two parameter sets', () => {
    const r = probecheck(['diff', 'unbind.ts', '--param', 'race=rebind', '--patched-param', 'race=none', '--property-file', 'props.ts', '--json'], { cwd: dir });
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout).properties as { property: string; change: string }[];
    expect(rows.find((x) => x.property === 'unbind-keeps-others')!.change).toBe('fixed');
    expect(rows.map((x) => x.property)).toContain('single-binding');
  });

  it('a suite case may expect a user property', () => {
    const r = probecheck(['check', 'user.suite.ts', '--property-file', 'props.ts', '-q'], { cwd: dir });
    expect(r.stdout).toContain('as expected');
    expect(r.status).toBe(0);
  });

  it('a scenario with no property to check is an error, not a verdict about nothing; a property file may supply them', () => {
    oneLine(['check', 'none.ts'], /^probecheck: E301 .*model none has no property to check/);
    oneLine(['diff', 'none.ts', '--patched-param', 'profile=v4.2'], /^probecheck: E301 .*model none has no property to check/);
    const r = probecheck(['check', 'none.ts', '--property-file', 'a-bound.ts', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/a-bound-to-d\s+holds/);
    expect(r.status).toBe(0);
  });

  it("a leads-to's explain, as the README documents it: (v) => string, printed where the run loops or stops; not a function is E303", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain("{ kind: 'leads-to', name, from: (v) => boolean, to: (v) => boolean, explain?: (v) => string, premise?: string }");
    const r = probecheck(['check', 'unbind.ts', '--param', 'race=none', '--property-file', 'rebound.ts', '--property', 'rebound'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/dc stays unbound; admin is at /);
    oneLine(['check', 'unbind.ts', '--property-file', 'explain-text.ts'], /^probecheck: E303 \(malformed user property\): property 'rebound': explain: expected a function$/);
  });

  it('bad property files: one line with the code', () => {
    oneLine(['check', 'unbind.ts', '--property-file', 'typo.ts'], /^probecheck: E303 \(malformed user property\): property 'typo': unknown key 'chek'; did you mean 'check'\?/);
    oneLine(['check', 'unbind.ts', '--property-file', 'notprop.ts'], /^probecheck: E105 .*notprop\.ts: its default export is not a property or a list of properties/);
    oneLine(['check', 'unbind.ts', '--property-file', 'clash.ts'], /^probecheck: E303 .*property 'single-binding': model unbind already has a property of that name/);
    oneLine(['check', 'unbind.ts', '--property-file', 'missing.ts'], /^probecheck: E503 .*missing\.ts: no such file or directory/);
    oneLine(['check', 'unbind.ts', '--property-file', 'field.ts'], /^probecheck: E302 \(property threw\): property 'field' threw: 'dc' has no field 'boundd'; did you mean 'bound'\?/);
    oneLine(['check', 'unbind.ts', '--property-file', 'movestep.ts'], /^probecheck: E302 .*property 'movestep' threw: the view has no field 'step' \(fields: thread, label\)/);
    oneLine(['check', 'unbind.ts', '--property-file', 'inlist.ts'], /^probecheck: E302 .*property 'inlist' threw: 'dc' has no field 'drvier'; did you mean 'driver'\?/);
    oneLine(['check', 'unbind.ts', '--property-file', 'and.ts'], /^probecheck: E302 .*property 'and' threw: check returned false; it must return null when the property holds/);
    oneLine(['check', 'unbind.ts', '--property-file', 'leads.ts'], /^probecheck: E302 .*property 'leads' threw: 'dc' has no field 'bond'; did you mean 'bound'\?/);
    oneLine(['check', join(ROOT, 'models/bench/probe-tree.ts'), '--property-file', 'props.ts'], /^probecheck: E303 .*is a kernel property; model probe-tree is not a kernel scenario/);
  });
});
