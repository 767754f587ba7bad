/**
 * A consumer no thread was built to probe never defers, whatever its supplier does: the list
 * properties are not chosen for it by default (an LTS wrong-verdict hunt, s41 h3: a managed link's
 * supplier unbound and bound again beside its bound consumer chose deferred-lists at v4.14 .. v5.10,
 * and a clean check exited 5, `vacuous`). A later bind of the consumer still chooses it, and meets it.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';

const chosen = (s: ScenarioSpec, p: string) => check(buildScenario(s, p, '').model, { maxStates: 1 }).properties.map((x) => x.name);

describe('list properties and no-wait-under-lock for a consumer nothing probes again', () => {
  // device_links_unbind_consumers releases mmc at pmic's unbind; pmic's bind again makes the link
  // AVAILABLE (device_links_driver_bound) but probes no consumer without AUTOPROBE_CONSUMER.
  const rebind: ScenarioSpec = {
    name: 'rebind', devices: { pmic: { present: true, boundTo: 'pdrv' }, mmc: { present: true, boundTo: 'mdrv' } },
    drivers: { pdrv: { matches: ['pmic'], present: true }, mdrv: { matches: ['mmc'], links: ['pmic'], present: true } },
    actors: { admin: ['unbind pdrv pmic', 'bind pdrv pmic'] },
  };

  it('is left out where only the supplier is bound again', () => {
    for (const p of ['v4.14', 'v4.18', 'v5.4']) {
      const names = chosen(rebind, p);
      expect(names, p).toContain('links-supplier-bound');
      expect(names, p).not.toContain('deferred-lists');
    }
    // Named, it runs, about nothing.
    const r = check(buildScenario(rebind, 'v4.14', '').model, { properties: ['deferred-lists'] });
    expect(r.properties[0]!.verdict).toBe('vacuous');
  });

  it('is chosen where the consumer is bound again too, and its probe may defer', () => {
    const again: ScenarioSpec = { ...rebind, actors: { admin: ['unbind pdrv pmic', 'bind pdrv pmic'], user: 'maybe bind mdrv mmc' } };
    // From v4.15 (LINK_DEFER_ADD) really_probe lists a device device_links_check_suppliers defers.
    expect(chosen(again, 'v4.18')).toContain('deferred-lists');
    const r = check(buildScenario(again, 'v4.18', '').model, { properties: ['deferred-lists'] });
    expect(r.properties[0]!.verdict).toBe('holds');
  });

  // device_links_unbind_consumers waits only for a consumer in CONSUMER_PROBE; mmc, bound at boot,
  // starts a probe only after this release unbound it, the link SUPPLIER_UNBIND, then DORMANT.
  it('no-wait-under-lock is left out where the one release of the supplier is the one that unbinds the consumer', () => {
    const again: ScenarioSpec = { ...rebind, actors: { admin: ['unbind pdrv pmic', 'bind pdrv pmic'], user: 'maybe bind mdrv mmc' } };
    for (const p of ['v4.18', 'v5.4']) expect(chosen(again, p), p).not.toContain('no-wait-under-lock');
    const r = check(buildScenario(again, 'v5.4', '').model, { properties: ['no-wait-under-lock'] });
    expect(r.properties[0]!.verdict).toBe('vacuous');
    // A second unbind of pmic may find mmc probing (its bind after pmic's rebind): chosen, and its wait reached.
    const twice: ScenarioSpec = { ...again, actors: { admin: ['unbind pdrv pmic', 'bind pdrv pmic', 'unbind pdrv pmic'], user: 'maybe bind mdrv mmc' } };
    expect(chosen(twice, 'v5.4')).toContain('no-wait-under-lock');
    expect(check(buildScenario(twice, 'v5.4', '').model, { properties: ['no-wait-under-lock'] }).properties[0]!.verdict).toBe('holds');
  });
});
