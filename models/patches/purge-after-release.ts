/**
 * v4.14 with device_del's device_links_purge after bus_remove_device (LINKS_PURGE_AFTER_UNBIND,
 * probably 2ec161501798): whether v4.14 has it is not settled (profiles.ts; its profile follows
 * v4.10's core.c, which purges first), and the 4.16-named vendor tree's core.c already purges
 * after the release. A model of that order, not a fix: the purge step before bus_remove_device
 * does nothing, and device_del's kobject_del step runs the same purge first (links-no-warn judges
 * a purge in either step). Used by "Two releasers of one supplier" (docs/kernel-findings.md) to run
 * a device_del beside another release at v4.14 in that order.
 */
import { definePatch } from 'probecheck';

/** The purge step of each device_del block, per model built (diff and suites build several), by thread and device, kept for its kobject_del. */
const purges = new WeakMap<object, Map<string, { run: (...a: never[]) => unknown }>>();
const of = (k: object) => { let m = purges.get(k); if (!m) purges.set(k, m = new Map()); return m; };

export default definePatch({
  id: 'purge-after-release',
  subject: 'model: device_del purges the device links after bus_remove_device (v4.14 taken to have 2ec161501798)',
  base: 'v4.14',
  hunks: [
    { fn: 'device_del', replace: 'device_links_purge', step: (site, orig) => {
      of(site.k).set(`${site.tb.owner}:${site.dev}`, orig!);
      return { ...orig!, c: [], where: 'drivers/base/core.c:device_del (device_links_purge moved after bus_remove_device)', run: () => 'bus_remove_device' };
    } },
    { fn: 'device_del', replace: 'kobject_del', step: (site, orig) => ({ ...orig!, run: (s, t, b, c) => {
      const purge = of(site.k).get(`${site.tb.owner}:${site.dev}`);
      if (purge) (purge.run as (...a: unknown[]) => unknown)(s, t, b, c);
      return orig!.run(s, t, b, c);
    } }) },
  ],
});
