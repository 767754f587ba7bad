/**
 * Devices a scenario starts deferred start on the pending list in every order (src/kernel/boot-order.ts):
 * a first step chooses it before any other thread moves. Before s45 h1 only the declared order was
 * explored: parent-before-child read holds on `pc` (p declared before c) and violated on the same
 * scenario declared c first. About 0.1 s.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, defineProperty, type ScenarioSpec } from 'probecheck';
import { compile } from '../../src/engine/compile.js';
import { makeBackend } from '../../src/engine/check.js';
import { BOOT_ORDER, orders } from '../../src/kernel/boot-order.js';

/** p and c (p's child) deferred at boot, each driver needing s, which the hotplug adds and s-drv binds. */
const pc = (order: 'pc' | 'cp', extra: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  name: `boot-order-${order}`, profile: 'v5.10',
  devices: order === 'pc' ? { s: {}, p: { present: true }, c: { present: true, parent: 'p' } } : { s: {}, c: { present: true, parent: 'p' }, p: { present: true } },
  drivers: { 's-drv': { matches: ['s'], present: true }, 'p-drv': { matches: ['p'], needs: ['s'], present: true }, 'c-drv': { matches: ['c'], needs: ['s'], present: true } },
  actors: { hotplug: 'add s' },
  ...extra,
});

describe('the pending list at the start: every order', () => {
  it('orders: every permutation once, the given order first', () => {
    const all = orders([1, 2, 3]);
    expect(all[0]).toEqual([1, 2, 3]);
    expect(new Set(all.map((o) => o.join())).size).toBe(6);
  });

  it('parent-before-child is violated whichever order the scenario declares: the retry of c before p needs c first', () => {
    for (const o of ['pc', 'cp'] as const) {
      const r = check(buildScenario(pc(o), 'v5.10', '').model, { properties: ['parent-before-child'] });
      const p = r.properties[0]!;
      expect(p.verdict, o).toBe('violated');
      // The trace starts with the choice, and names the order it took.
      expect(p.trace!.steps[0]!.thread).toBe(BOOT_ORDER);
      expect(JSON.stringify(p.trace!.steps[0])).toContain(o === 'pc' ? 'c, p' : 'c, p (as declared)');
    }
  });

  it('a property of the list itself sees both heads', () => {
    const heads = defineProperty({ kind: 'invariant', name: 'p-first', check: (v) => (v.deferredPending[0] === 'c' ? 'c heads the pending list' : null) });
    const r = check(buildScenario(pc('pc', { properties: [heads] }), 'v5.10', '').model);
    expect(r.properties.map((x) => x.verdict)).toEqual(['violated']);
  });

  it('no other thread moves before the choice', () => {
    const c = compile(buildScenario(pc('pc'), 'v5.10', '').model), be = makeBackend(c, 'fast');
    be.clear();
    be.loadInitial();
    expect(c.threads.filter((t) => be.enabled(t.index) > 0).map((t) => t.name)).toEqual([BOOT_ORDER]);
  });

  it('one device deferred at boot: no choice built (no thread, no field)', () => {
    const m = buildScenario({ ...pc('pc'), devices: { s: {}, p: { present: true } }, drivers: { 's-drv': { matches: ['s'], present: true }, 'p-drv': { matches: ['p'], needs: ['s'], present: true } } }, 'v5.10', '').model;
    expect(m.threads.some((t) => t.name === BOOT_ORDER)).toBe(false);
    expect('bootOrdered' in m.state.fields).toBe(false);
  });
});
