/**
 * no-lost-deferral for a consumer that device_links_check_suppliers deferred (README "Device links
 * and the deferred list"). Its managed link to a supplier not AVAILABLE defers the probe before
 * probe() runs; really_probe puts it on the pending list (`driver_deferred_probe_add_trigger(dev,
 * local_trigger_count);`, dd.c@v5.10.13:512-514, v4.18 .. v5.13), or returns it to
 * driver_probe_device (dd.c@dakr@1ac45118ddf8:669-671), which adds it (900-901) and triggers again
 * if a trigger ran meanwhile (906-908), v5.14 on. The supplier's driver_bound makes the link
 * AVAILABLE (`device_links_driver_bound(dev);`) and then runs `driver_deferred_probe_trigger();`
 * (dd.c@v5.10.13:369,378): that retry is owed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { loadPatchFiles } from '../../src/load.js';
import { tempDir } from '../cli/run.js';

const verdict = (s: ScenarioSpec, profile: string, patches = '') => {
  const r = check(buildScenario({ ...s, properties: ['no-lost-deferral'] }, profile, patches).model, { exhaustive: true });
  expect(r.complete || r.stopped === 'all-violated').toBe(true);
  return r.properties[0]!;
};
const chosen = (s: ScenarioSpec, p: string) => check(buildScenario(s, p, '').model, { maxStates: 1 }).properties.map((x) => x.name).includes('no-lost-deferral');

/** fw_devlink's link (DeviceSpec.suppliers): both drivers load in modules, in either order; codec's probe may meet pmic unbound. */
const modules: ScenarioSpec = { name: 'link-defer', devices: { pmic: { present: true }, codec: { present: true, suppliers: ['pmic'] } },
  drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'codec-drv': { matches: ['codec'], module: 'codec' } },
  actors: { 'modprobe codec': 'modprobe codec', 'modprobe pmic': 'modprobe pmic' } };
/** pmic rebinds through sysfs while codec's driver loads: codec's probe may meet the link DORMANT. */
const rebind: ScenarioSpec = { name: 'link-defer-rebind', devices: { pmic: { present: true, boundTo: 'pmic-drv' }, codec: { present: true, suppliers: ['pmic'] } },
  drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'codec-drv': { matches: ['codec'], module: 'codec' } },
  actors: { admin: ['unbind pmic-drv pmic', 'bind pmic-drv pmic'], udev: 'modprobe codec' } };
/** A linksUnchecked consumer bound again through sysfs while its supplier is unbound. */
const unchecked: ScenarioSpec = { name: 'unchecked-rebind', devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], linksUnchecked: true, present: true } },
  actors: { admin: ['unbind pmic-drv pmic', 'bind mmc-drv mmc', 'bind pmic-drv pmic'] } };

// A user's patch that drops the call from driver_bound (its step in really_probe), as a mutation:
// the supplier's bind no longer retries the pending list.
const DROP = `import { definePatch, RET, RETURN } from 'probecheck';
export default definePatch({
  id: 'drop-bound-trigger', subject: 'test: driver_bound without driver_deferred_probe_trigger()', base: 'mainline',
  hunks: [{ fn: 'really_probe', replace: 'driver_deferred_probe_trigger', step: (site, orig) => ({ ...orig!, c: [], run: (_s, t) => {
    if (t.ret !== RET.EPROBE_DEFER) t.ret = RET.BOUND;
    return site.k.has('PROBE_BUSY_CHECK') ? RETURN : 'done';
  } }) }],
});
`;

// A user's patch that drops the trigger-count comparison from driver_deferred_probe_add_trigger
// (v4.15 .. v5.13), written as the C diff (dd.c at 8c97a46af04b, the helper above really_probe):
//  	driver_deferred_probe_add(dev);
// -	/* Did a trigger occur while probing? Need to re-trigger if yes */
// -	if (local_trigger_count != atomic_read(&deferred_trigger_count))
// -		driver_deferred_probe_trigger();
// The helper serves the link check's deferral and the probe error path's: a hunk for each step.
const DROP_COMPARE = `import { definePatch, RETURN } from 'probecheck';
export default definePatch({
  id: 'drop-add-trigger-compare', subject: 'test: driver_deferred_probe_add_trigger without the trigger-count comparison', base: 'v5.10',
  hunks: [
    { fn: 'really_probe', replace: 'driver_deferred_probe_add_trigger', step: (_site, orig) => ({ ...orig!, run: (s, t, b, c) => {
      const r = orig!.run(s, t, b, c);
      return r === 'trigger_again' ? RETURN : r;
    } }) },
    { fn: 'really_probe', replace: 'driver_deferred_probe_add', step: (_site, orig) => ({ ...orig!, run: (s, t, b, c) => {
      const r = orig!.run(s, t, b, c);
      return r === 'driver_deferred_probe_trigger' ? 'done' : r;
    } }) },
  ],
});
`;
// The same comparison where v5.14 moved it, driver_probe_device (dd.c at f04948dea236:788-790).
const DROP_COMPARE_NEW = `import { definePatch } from 'probecheck';
export default definePatch({
  id: 'drop-probe-device-compare', subject: 'test: driver_probe_device without the trigger-count comparison', base: 'mainline',
  hunks: [{ fn: 'driver_probe_device', replace: 'deferred', step: (_site, orig) => ({ ...orig!, run: (s, t, b, c) => {
    const r = orig!.run(s, t, b, c);
    return r === 'driver_deferred_probe_trigger' ? 'out' : r;
  } }) }],
});
`;
/**
 * mmc's probe added its link to pmic (a driver's link: no DL_FLAG_AUTOPROBE_CONSUMER); pmic is
 * unbound (mmc with it) and bound again while mmc-drv is unregistered and registered again. Its
 * walk's probe of mmc may find the link DORMANT and defer, and pmic's driver_bound may make the
 * link AVAILABLE and trigger before mmc is on the pending list: only the comparison retries it.
 */
const reregister: ScenarioSpec = { name: 'link-defer-reregister', devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], links: ['pmic'], linksUnchecked: true, present: true } },
  actors: { admin: ['unbind pmic-drv pmic', 'bind pmic-drv pmic'], udev: ['unregister mmc-drv', 'register mmc-drv'] } };
/** The same through sysfs: mmc bound by hand while pmic rebinds (a -EPROBE_DEFER that is -EAGAIN from v5.14: no add there). */
const bindRace: ScenarioSpec = { ...reregister, name: 'link-defer-bind', actors: { admin: ['unbind pmic-drv pmic', 'bind pmic-drv pmic'], user: 'bind mmc-drv mmc' } };

describe('no-lost-deferral judges a consumer that its link to a supplier deferred', () => {
  it('a suppliers link: chosen, and holds (not vacuous) from v5.1 to mainline: the supplier binds and its trigger retries the consumer', () => {
    for (const p of ['v5.1', 'v5.10', 'v5.15', 'v6.1', 'mainline']) {
      expect(chosen(modules, p), p).toBe(true);
      expect(verdict(modules, p).verdict, p).toBe('holds');
      expect(verdict(rebind, p).verdict, p).toBe('holds');
    }
  });

  it('a linksUnchecked consumer bound through sysfs while its supplier is unbound: holds at v4.18 .. v5.10; on no list at v4.14 and from v5.14 (vacuous)', () => {
    for (const p of ['v4.18', 'v5.1', 'v5.10']) expect(verdict(unchecked, p).verdict, p).toBe('holds');
    // v4.14: really_probe returns the link check's -EPROBE_DEFER without an add (LINK_DEFER_ADD);
    // v5.14 on: a sysfs bind's -EPROBE_DEFER is -EAGAIN (device_driver_attach), never a list add.
    for (const p of ['v4.14', 'v5.15', 'mainline']) expect(verdict(unchecked, p).verdict, p).toBe('vacuous');
  });

  it("a patch that drops driver_bound's trigger loses the retry: violated, the consumer left pending with its link AVAILABLE", async () => {
    const file = join(tempDir(), 'drop.ts');
    writeFileSync(file, DROP);
    await loadPatchFiles(file);
    for (const p of ['v5.10', 'mainline']) {
      const v = verdict(rebind, p, file);
      expect(v.verdict, p).toBe('violated');
      expect(v.explanation, p).toBe('codec stays on the deferred pending list with codec-drv registered and its link to pmic AVAILABLE: its retry was lost');
      const labels = v.trace!.steps.map((s) => s.label);
      // codec's link check defers while pmic probes again; pmic's driver_bound makes the link AVAILABLE after it.
      const check = labels.indexOf('really_probe(codec,codec-drv):call_probe'), bound = labels.indexOf('really_probe(pmic,pmic-drv):driver_bound');
      expect(check, p).toBeGreaterThanOrEqual(0);
      expect(bound, p).toBeGreaterThan(check);
      expect(labels.indexOf('really_probe(pmic,pmic-drv):driver_deferred_probe_trigger'), p).toBeGreaterThan(bound);
      expect(labels.some((l) => l.startsWith('deferred_probe_work_func')), p).toBe(false);
    }
    expect(verdict(unchecked, 'v5.10', file).explanation).toBe('mmc stays on the deferred pending list with mmc-drv registered and its link to pmic AVAILABLE: its retry was lost');
  });

  it("a consumer that its supplier's device_links_driver_bound put on the list (AUTOPROBE_CONSUMER) is owed the trigger after that add", async () => {
    // codec released by pmic's unbind (on no list); pmic's bind puts it on the pending list, then triggers.
    const released: ScenarioSpec = { name: 'released', devices: { pmic: { present: true, boundTo: 'pmic-drv' }, codec: { present: true, suppliers: ['pmic'], boundTo: 'codec-drv' } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'codec-drv': { matches: ['codec'], present: true } }, actors: { admin: ['unbind pmic-drv pmic', 'bind pmic-drv pmic'] } };
    const file = join(tempDir(), 'drop.ts');
    writeFileSync(file, DROP);
    await loadPatchFiles(file);
    for (const p of ['v5.1', 'v5.15', 'mainline']) {
      expect(verdict(released, p).verdict, p).toBe('holds');
      const v = verdict(released, p, file);
      expect([v.verdict, v.explanation], p).toEqual(['violated', 'codec stays on the deferred pending list with codec-drv registered and its link to pmic AVAILABLE: its retry was lost']);
    }
    // The add can come after codec's device_del took it off the lists (README "A supplier's bind
    // that defers its consumer"): a deleted device is owed no probe, only deferred-lists' report.
    const deleted: ScenarioSpec = { name: 'deleted', devices: { pmic: { present: true }, codec: { present: true, suppliers: ['pmic'] } },
      drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'codec-drv': { matches: ['codec'], present: true } }, actors: { udev: 'modprobe pmic', unplug: 'del codec' } };
    for (const p of ['v5.10', 'mainline']) expect(verdict(deleted, p, file).verdict, p).toBe('holds');
  });

  it("a link that its supplier's device_del purged is owed nothing: device_links_purge triggers no retry", () => {
    // codec starts pending (boot's probe deferred on the link); pmic is deleted unbound: the link is
    // gone, nothing binds, and the C leaves codec on the list until some other trigger.
    const purged: ScenarioSpec = { name: 'purged', devices: { pmic: { present: true }, codec: { present: true, suppliers: ['pmic'] } },
      drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'codec-drv': { matches: ['codec'], present: true } }, actors: { hot: 'del pmic' } };
    for (const p of ['v5.10', 'mainline']) expect(verdict(purged, p).verdict, p).toBe('vacuous');
  });

  it('not chosen where the supplier is bound at boot and never released: the link check never defers', () => {
    const kept: ScenarioSpec = { ...modules, name: 'kept', devices: { pmic: { present: true, boundTo: 'pmic-drv' }, codec: { present: true, suppliers: ['pmic'] } },
      drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'codec-drv': { matches: ['codec'], module: 'codec' } }, actors: { udev: 'modprobe codec' } };
    for (const p of ['v5.10', 'mainline']) {
      expect(chosen(kept, p), p).toBe(false);
      expect(verdict(kept, p).verdict, p).toBe('vacuous');
    }
  });
  // README Known gaps, "Device links and the deferred list": until 2026-12-06 the link check and
  // driver_deferred_probe_add_trigger were one step at v4.18 .. v5.13, so this patch held.
  it('a patch that drops driver_deferred_probe_add_trigger\'s trigger-count comparison loses the retry of a consumer its link check deferred (v4.18 .. v5.10)', async () => {
    const dir = tempDir(), file = join(dir, 'drop-compare.ts'), fileNew = join(dir, 'drop-compare-new.ts');
    writeFileSync(file, DROP_COMPARE);
    writeFileSync(fileNew, DROP_COMPARE_NEW);
    await loadPatchFiles(`${file},${fileNew}`);
    const lost = 'mmc stays on the deferred pending list with mmc-drv registered and its link to pmic AVAILABLE: its retry was lost';
    // (v5.4 and v5.9 read the same really_probe lines: 97e2551de3f9, 654888327e9f.)
    for (const [p, patch, scenarios] of [['v4.18', file, [reregister, bindRace]], ['v5.1', file, [reregister]], ['v5.10', file, [reregister, bindRace]],
      ['v5.15', fileNew, [reregister]], ['mainline', fileNew, [reregister]]] as const) {
      for (const sc of scenarios) {
        expect(chosen(sc, p), `${p} ${sc.name}`).toBe(true);
        expect(verdict(sc, p).verdict, `${p} ${sc.name}`).toBe('holds');
        const v = verdict(sc, p, patch);
        expect([v.verdict, v.explanation], `${p} ${sc.name}`).toEqual(['violated', lost]);
        const labels = v.trace!.steps.map((x) => x.label);
        // mmc's link check defers; pmic's driver_bound makes the link AVAILABLE and triggers; only then is mmc added.
        const check = labels.indexOf('really_probe(mmc,mmc-drv):call_probe'), bound = labels.indexOf('really_probe(pmic,pmic-drv):driver_bound');
        const add = labels.findIndex((l) => l === 'really_probe(mmc,mmc-drv):driver_deferred_probe_add_trigger' || l === 'driver_probe_device(mmc,mmc-drv):deferred');
        expect(check, `${p} ${sc.name}`).toBeGreaterThanOrEqual(0);
        expect(bound, `${p} ${sc.name}`).toBeGreaterThan(check);
        expect(labels.indexOf('really_probe(pmic,pmic-drv):driver_deferred_probe_trigger'), `${p} ${sc.name}`).toBeGreaterThan(bound);
        expect(add, `${p} ${sc.name}`).toBeGreaterThan(labels.indexOf('really_probe(pmic,pmic-drv):driver_deferred_probe_trigger'));
      }
    }
    // A fw_devlink link (suppliers, DL_FLAG_AUTOPROBE_CONSUMER, v5.1+) needs no comparison: pmic's
    // device_links_driver_bound puts codec on the pending list itself before its trigger
    // (`driver_deferred_probe_add(link->consumer);`), so the patch loses nothing there.
    for (const p of ['v5.1', 'v5.10']) expect(verdict(modules, p, file).verdict, p).toBe('holds');
  });
});
