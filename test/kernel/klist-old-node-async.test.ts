/**
 * A driver's async walk on a device deleted and added again while the walk holds its klist node
 * (klist.ts busMoveOld): from 70fe758352ca (v6.0) __driver_attach schedules the helper after
 * device_unlock, on the struct it locked and took a reference on (`get_device(dev);
 * dev->p->async_driver = drv;` ... `async_schedule_dev(__driver_attach_async_helper, dev)`,
 * dd.c@dakr@1ac45118ddf8:1280-1288), which the add in between makes the old one: the helper is the
 * old struct's, whatever the slot holds when it is scheduled.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type KS, type Property, type ScenarioSpec } from 'probecheck';

const spec: ScenarioSpec = { name: 'async-readd-walk', devices: { a: { present: true } }, drivers: { drv: { matches: ['a'], probeType: 'async' } },
  actors: { reg: 'register drv', hot: ['del a', 'add a'] } };

describe("an async walk's helper is the struct the walk locked", () => {
  // A helper of the new struct is scheduled only by a walk that set the new struct's async_driver,
  // which only the helper's own lock step clears (ASYNC_DRIVER_PENDING_CHECK: one at a time).
  for (const p of ['v6.1', 'mainline']) {
    it(`${p}: one not yet run that is the new struct's finds its async_driver set`, () => {
      const model = buildScenario(spec, p, '').model;
      const helpers = model.threads.map((t) => t.name).filter((n) => n.includes('__driver_attach_async_helper(a)'));
      expect(helpers.length).toBeGreaterThan(0);
      model.properties = [{ kind: 'invariant', name: 'p', holds: (s: KS, q) => helpers.every((h) => {
        const at = q.at(h);
        return !(at !== null && at.startsWith('__driver_attach_async_helper(a)') && at.endsWith(':device_lock') && q.locals(h).gen === s.dev[0]!.gen && s.dev[0]!.asyncDriver === 0);
      }) }] as Property[];
      expect(check(model).properties[0]!.verdict).toBe('holds');
    });
    // async_schedule_dev's synchronous fallback runs the helper in the walk, on the same old struct.
    it(`${p}: run inline by the sync fallback, it leaves the new struct's lock alone`, () => {
      const model = buildScenario(spec, p, '').model;
      const reg = model.threads.findIndex((t) => t.name === 'reg') + 1;   // Kernel owner: tid + 1
      const onOld = (s: KS, q: { locals(t: string): { knode: number[] } }) => s.dev[0]!.oldHeld > 0 && q.locals('reg').knode[0] !== s.dev[0]!.busGen;
      model.properties = [
        { kind: 'invariant', name: 'inline', holds: (s: KS, q) => !(q.at('reg')?.startsWith('__driver_attach_async_helper(a)') && onOld(s, q) && s.dev[0]!.mutex === reg) },
        { kind: 'invariant', name: 'reached', holds: (s: KS, q) => !(q.at('reg')?.startsWith('__driver_attach_async_helper(a)') && onOld(s, q)) },
      ] as Property[];
      expect(check(model).properties.map((x) => x.verdict)).toEqual(['holds', 'violated']);
    });
  }
});
