/**
 * A registration walk that chases a re-added device (s37 h10's differential, gen6 l59). B15's loop
 * on the platform bus (host's probe registers child, then defers; the deferred work deletes child
 * and adds it again) beside `modprobe cm`, whose driver_attach walks the bus klist: each round
 * deletes child under the walk (klist_del only marks its node dead) and adds a new struct at the
 * tail (klist_add_tail), and the walk's klist_next skips the dead node and meets the new one
 * (lib/klist.c@torvalds@05ef1c50e7c2), round after round: the modprobe never returns. Before the
 * model kept a re-added device's own node (s37 h1) the add waited for the walk, so this run could
 * not be reached and `actors-terminate` read holds.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const l59: ScenarioSpec = { name: 'l59',
  devices: { host: { present: true }, child: { parent: 'host' } },
  drivers: { 'host-drv': { matches: ['host'], module: 'hm', registers: ['child'], probe: 'defer' }, 'child-drv': { matches: ['child'], module: 'cm' } },
  actors: { a0: 'modprobe hm', a1: 'modprobe cm' }, syncFallback: false };

describe('a registration walk beside B15\'s loop on the platform bus', () => {
  it.each(['v5.15', 'mainline'])('at %s never returns: it meets child\'s new node at the tail every round', (profile) => {
    const r = check(buildScenario(l59, profile, '').model, { properties: ['actors-terminate', 'no-deadlock'] });
    const by = Object.fromEntries(r.properties.map((p) => [p.name, p]));
    expect(by['no-deadlock']!.verdict).toBe('holds');
    expect(by['actors-terminate']!.verdict).toBe('violated');
    const t = by['actors-terminate']!.trace!;
    expect(t.loopFrom).toBeGreaterThanOrEqual(0);
    expect(by['actors-terminate']!.explanation).toMatch(/a1 \(at __driver_attach\(child,child-drv\)/);
  });
});
