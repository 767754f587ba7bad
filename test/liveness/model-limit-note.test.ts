/**
 * A liveness hunt (2026-12-06, s36 h11): B15's re-probe loop (host's probe registers child, child
 * binds, host defers, again and again) beside a registration walk of the child's driver on a
 * need_parent_lock bus. The walk holds the deleted child's klist node and waits for host's lock;
 * the deferred work, holding host's lock, adds child again, and the model's one node per device
 * makes that add wait for the walk (paths/device-add.ts). The kernel adds the new struct (a new
 * node) and loops on, and from v5.15 the mutex hands host's lock to the walk, which returns: no
 * deadlock, and every actor returns. probecheck read no-deadlock and actors-terminate violated on
 * mainline, saying "a model limit" only in one thread's wait; the header and table now say so.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { renderViolation, verdictTable } from '../../src/report/text.js';

const walk: ScenarioSpec = { name: 'walk', buses: { usb: { needParentLock: true } },
  devices: { host: { present: true, bus: 'usb' }, child: { parent: 'host', bus: 'usb' } },
  drivers: { 'child-drv': { matches: ['child'], module: 'cm', bus: 'usb' }, 'host-drv': { matches: ['host'], registers: ['child'], probe: 'defer', module: 'hm', bus: 'usb' } },
  actors: { a0: 'modprobe hm', a1: 'modprobe cm' }, syncFallback: false };

describe('a violation whose trace ends at a model-limit wait', () => {
  it('says so under the explanation and in the verdict table; others do not', () => {
    const r = check(buildScenario(walk, 'mainline', '').model, { properties: ['no-deadlock', 'actors-terminate', 'quiescence'] });
    const by = Object.fromEntries(r.properties.map((p) => [p.name, p]));
    for (const name of ['no-deadlock', 'actors-terminate']) {
      const text = renderViolation(r, by[name]!);
      expect(text).toMatch(/a model limit: one node per device/);
      expect(text).toMatch(/\nnote: the trace ends where a thread waits only because of a model limit .*; the kernel has no such wait, so this verdict may be a false alarm\n/);
    }
    // B15's loop itself is real: its lasso loops, ends at no wait, and gets no note.
    expect(by.quiescence!.verdict).toBe('violated');
    expect(renderViolation(r, by.quiescence!)).not.toMatch(/model limit/);
    const table = verdictTable(r).join('\n');
    expect(table).toMatch(/no-deadlock +violated +\d+ steps \(ends at a model limit\)/);
    expect(table).toMatch(/quiescence +violated +\d+ steps$/m);
  });
});
