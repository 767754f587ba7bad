/** The probecheck/vitest matchers: toHold and toBeViolated on real results, and their messages. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../src/vitest.ts';
import { check } from '../../src/engine/check.js';
import probeTree from '../../models/bench/probe-tree.ts';
import upl from '../../models/usb-parent-lock.ts';
import { buildScenario } from '../../src/kernel/index.js';
import { ROOT } from './run.js';

const v42 = check(probeTree.build({ N: 3, variant: 'v4.2' }));
const fixed = check(probeTree.build({ N: 3, variant: 'fixed' }));

describe('probecheck/vitest', () => {
  it('passes on the expected verdicts', () => {
    expect(v42).toBeViolated('parent-before-child', 'no-bind-after-unregister');
    expect(v42).toHold('no-deadlock');
    expect(fixed).toHold();
    expect(fixed).not.toBeViolated();
    expect(v42).not.toHold('parent-before-child');
  });

  it('a failing toHold prints the counterexample', () => {
    let msg = '';
    try { expect(v42).toHold('parent-before-child'); } catch (e) { msg = (e as Error).message; }
    expect(msg).toContain('WARNING: property violated: parent-before-child');
    expect(msg).toContain('probing[1] = 1 while drv[0] = 0');
  });

  it('a failing toBeViolated lists what was observed', () => {
    expect(() => expect(fixed).toBeViolated('parent-before-child')).toThrow(/expected parent-before-child to be violated on probe-tree; observed: parent-before-child holds \(727 states\)/);
  });

  it('an unknown property name is an error, not a pass', () => {
    expect(() => expect(fixed).toHold('nope')).toThrow(/has no property 'nope'/);
  });

  // Found by a CI hunt (2026-12-05): toHold passed where the CLI exits 5 for an action that never completed.
  it("an actor's action that never completed: toHold fails, as the CLI exits 5", () => {
    // hub's probe needs ghost, never added: its child is never registered, so `del child` never completes.
    const never = check(buildScenario({ name: 'never', devices: { hub: { present: true }, ghost: {}, child: {} },
      drivers: { 'hub-drv': { matches: ['hub'], needs: ['ghost'], registers: ['child'], present: true } },
      actors: { never: 'del child', udev: ['lock hub', 'unlock hub'] }, properties: ['no-deadlock'] }, 'v5.1', '').model);
    expect(never.properties[0]!.verdict).toBe('holds');
    expect(never.vacuity!.actions).toEqual([expect.objectContaining({ thread: 'never', action: 'del child' })]);
    expect(() => expect(never).toHold('no-deadlock')).toThrow("no-deadlock holds on never, but only in runs that stop short: action 'del child' of never never completed in any run (result.vacuity.actions; the CLI exits 5)");
    expect(never).not.toHold();
  });

  // A team's CI (s49 h4): the message said "see result.vacuity", where the CLI says the premise.
  it('a vacuous verdict fails toHold, saying why as the vacuity report does', () => {
    const idle = check(buildScenario({ name: 'idle', devices: { dc: {} }, drivers: {}, actors: { a: 'add dc' }, properties: ['single-binding'] }, 'mainline', '').model);
    expect(() => expect(idle).toHold('single-binding')).toThrow("single-binding is vacuous on idle, not holds (it is about nothing: its premise never held: some device's dev->driver is set or cleared, or a probe starts)");
  });

  // A CI-output hunt (2026-12-05): toHold passed on a shard's part, which the CLI calls `holds (this part)`.
  it("a shard's holds is about its part: toHold fails, naming the shard", () => {
    const part = check(probeTree.build({ N: 3, variant: 'fixed' }), { shard: { index: 1, count: 2 } });
    expect(part.properties.every((p) => p.verdict === 'holds')).toBe(true);
    expect(() => expect(part).toHold()).toThrow(/hold on probe-tree in shard 1\/2's part of the search only: another part may violate them \(probecheck merge/);
    expect(check(probeTree.build({ N: 3, variant: 'fixed' }), { shard: { index: 1, count: 1 } })).toHold(); // 1/1 is the whole search
    expect(check(probeTree.build({ N: 3, variant: 'v4.2' }), { shard: { index: 1, count: 2 } })).not.toHold();
  });

  // A CI-output hunt (2026-12-05): toHold() failed on a reachable question, where the CLI exits 0.
  it('a reachability question passes toHold when reachable and toBeViolated when unreachable, as the CLI exits 0 and 1', () => {
    const siblings = (profile: string) => check(upl.build({ path: 'siblings', profile, patches: '' }), { properties: ['sibling-probes-concurrent', 'single-binding'] });
    const reach = siblings('v5.1'), never = siblings('v4.2');
    expect(reach.properties[0]!.verdict).toBe('reachable');
    expect(reach).toHold();
    expect(reach).toHold('sibling-probes-concurrent');
    expect(reach).not.toBeViolated();
    expect(never.properties[0]!.verdict).toBe('unreachable');
    expect(never).toBeViolated('sibling-probes-concurrent');
    expect(() => expect(never).toHold()).toThrow('sibling-probes-concurrent is unreachable on usb-parent-lock, not reachable (no run reaches it: the CLI exits 1)');
  });

  it('an unknown verdict (limit hit) does not hold', () => {
    const partial = check(probeTree.build({ N: 5, variant: 'fixed' }), { maxStates: 500 });
    expect(() => expect(partial).toHold('no-deadlock')).toThrow(/no-deadlock is unknown on probe-tree: the search stopped early \(max-states\)/);
  });

  // A team's CI (s49 h4): docs/ci.md's example, put in a test file as written, was "expect is not
  // defined" (vitest's globals are off by default) and no test at all. Running it takes a vitest
  // process of its own (5 s, measured); this checks its shape, the matcher is checked above.
  it("docs/ci.md's example is a whole test file: it imports expect and test from vitest, and expects inside a test", () => {
    const doc = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
    const at = doc.indexOf('```ts', doc.indexOf('<a name="in-your-own-vitest-suite">'));
    const block = doc.slice(at + 6, doc.indexOf('```', at + 6)).split('\n').map((l) => l.replace(/^  /, ''));
    expect(block).toContain("import { expect, test } from 'vitest';");
    expect(block).toContain("import 'probecheck/vitest';");
    const open = block.findIndex((l) => l.startsWith('test(')), close = block.indexOf('});');
    const expects = block.flatMap((l, i) => (/\bexpect\(/.test(l) ? [i] : []));
    expect(expects.length).toBeGreaterThan(0);
    expect(expects.every((i) => i > open && open >= 0 && i < close)).toBe(true);
  });
});
