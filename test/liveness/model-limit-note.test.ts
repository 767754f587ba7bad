/**
 * A liveness hunt (2026-12-06, s36 h11): B15's re-probe loop (host's probe registers child, child
 * binds, host defers, again and again) beside a registration walk of the child's driver on a
 * need_parent_lock bus. The walk holds the deleted child's klist node and waits for host's lock;
 * the deferred work, holding host's lock, adds child again. The model kept one node per device,
 * so that add waited for the walk (paths/device-add.ts): a false deadlock, which the header and
 * table then said rested on a model limit. The kernel adds the new struct's own node (bus.c
 * bus_add_device's klist_add_tail takes only the klist's spinlock; lib/klist.c) and loops on, and
 * from v5.15 the mutex hands host's lock to the walk, which returns. Since s37 the model keeps the
 * held old node apart (klist.ts busMoveOld): no-deadlock holds. It keeps one old node per device:
 * two walks (two drivers of child), each on a node of another deleted struct, still make the add wait.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { renderViolation, verdictTable } from '../../src/report/text.js';
import { unwrap } from '../cli/unwrap.js';

const walk: ScenarioSpec = { name: 'walk', buses: { usb: { needParentLock: true } },
  devices: { host: { present: true, bus: 'usb' }, child: { parent: 'host', bus: 'usb' } },
  drivers: { 'child-drv': { matches: ['child'], module: 'cm', bus: 'usb' }, 'host-drv': { matches: ['host'], registers: ['child'], probe: 'defer', module: 'hm', bus: 'usb' } },
  actors: { a0: 'modprobe hm', a1: 'modprobe cm' }, syncFallback: false };

const verdicts = (spec: ScenarioSpec, profile: string, properties: string[]) => {
  const r = check(buildScenario(spec, profile, '').model, { properties });
  return { r, by: Object.fromEntries(r.properties.map((p) => [p.name, p])) };
};

describe("a walk on the deleted child's node beside B15's loop", () => {
  it('is no deadlock: the add puts the new struct on the klist, and from v5.15 the walk returns', () => {
    const { r, by } = verdicts(walk, 'mainline', ['no-deadlock', 'actors-terminate', 'quiescence']);
    expect(by['no-deadlock']!.verdict).toBe('holds');
    expect(by['actors-terminate']!.verdict).toBe('holds');
    // B15's loop itself is real: its lasso loops, ends at no wait, and gets no note.
    expect(by.quiescence!.verdict).toBe('violated');
    expect(renderViolation(r, by.quiescence!)).not.toMatch(/model limit/);
    expect(verdictTable(r).join('\n')).not.toMatch(/model limit/);
  });
  it('before v5.15 the loop starves the walk at the parent lock, which the mutex may pass over: no model limit', () => {
    const { r, by } = verdicts(walk, 'v5.10', ['no-deadlock', 'actors-terminate']);
    expect(by['no-deadlock']!.verdict).toBe('holds');
    expect(by['actors-terminate']!.verdict).toBe('violated');
    const text = renderViolation(r, by['actors-terminate']!, { width: 1000 });
    expect(text).toMatch(/a1 \(at \S*lock_parent\) never returns/);
    expect(text).toMatch(/The mutex of this kernel can pass such a waiter over/);
    expect(text).not.toMatch(/model limit/);
  });
});

describe('a violation whose trace ends at a model-limit wait', () => {
  // Two drivers of child: each walk holds a node of another deleted struct of child, and waits for
  // host's lock, which the USB add holds. An actor's two re-adds show it in 9,656 states (s37 h9;
  // beside B15's loop, as first found, it took 139,382).
  const two: ScenarioSpec = { ...walk, name: 'two-walks', devices: { host: { present: true, bus: 'usb' }, child: { present: true, parent: 'host', bus: 'usb' } },
    drivers: { c1: { matches: ['child'], bus: 'usb' }, c2: { matches: ['child'], bus: 'usb' } },
    actors: { a1: 'register c1', a2: 'register c2', hot: ['del child', 'add child', 'del child', 'add child'] } };
  it('says so under the explanation and in the verdict table', () => {
    const { r, by } = verdicts(two, 'mainline', ['no-deadlock']);
    const text = unwrap(renderViolation(r, by['no-deadlock']!));
    expect(text).toMatch(/hot waits at device_add\(child\)#2:bus_add_device for the bus klist nodes of child's two deleted struct devices, each held by a bus_for_each_dev walk \(a model limit: one old node per device/);
    expect(text).toMatch(/\nnote: the trace ends where a thread waits only because of a model limit .*; the kernel has no such wait, so this verdict may be a false alarm\n/);
    expect(verdictTable(r).join('\n')).toMatch(/no-deadlock +violated +\d+ steps \(ends at a model limit\)/);
  });
});
