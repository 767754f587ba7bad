/**
 * Two releasers of one supplier (a finding, docs/kernel-findings.md "Two releasers of one
 * supplier"). ldo1 is bound to `reg`, mmc to `mmc-drv`, whose probe added a managed link to ldo1.
 * Thread a (`echo ldo1 > reg/unbind`) finds the link ACTIVE in device_links_busy, drops ldo1's
 * lock and calls device_links_unbind_consumers, which writes SUPPLIER_UNBIND and drops
 * device_links_lock before it releases mmc. A second releaser of ldo1 that takes ldo1's lock in
 * that window finds the link SUPPLIER_UNBIND, which device_links_busy does not count as busy, and
 * runs reg's ->remove while mmc is still bound (links-supplier-bound). Thread a then releases mmc
 * and, back under ldo1's lock, returns at `dev->driver != drv` (the "concurrent invocation"
 * comment, dd.c since 9ed9895370ae). `second`: what the second releaser is: another sysfs unbind
 * (unbind), `device_del(ldo1)` (del: what a parent's devres does, as in a PMIC module's rmmod),
 * `rmmod reg` (rmmod: holds, as bus_remove_driver removes the bind/unbind files, draining the
 * running unbind_store, before driver_detach) or nothing (none). `link: autoremove` gives mmc-drv's
 * link DL_FLAG_AUTOREMOVE_CONSUMER: the second releaser's device_links_driver_cleanup then reaches
 * WARN_ON(device_link_test(link, DL_FLAG_AUTOREMOVE_CONSUMER)) (links-no-warn). Before 8c97a46af04b
 * (v4.18) unbind_store locked dev->parent around device_release_driver(dev), whose NULL `parent`
 * the loop does not drop, so two sysfs unbinds of ldo1 were serialized by pmic's lock (the v4.14
 * row holds). `parent: none` takes pmic away: that lock is then all that differs, and the v4.14
 * profile shows the same window (a supplier with no parent, which no platform device is).
 * `consumer: sibling` puts mmc under pmic too: with `bus: usb` and `second: del` (removed under
 * pmic's lock), a release of mmc by the del waits for pmic, which it holds: device_release_driver's
 * documented rule broken, deadlocked with and without the candidate fix.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'supplier-two-releasers',
  describe: 'a supplier with a bound consumer, released by two threads: the second finds the link SUPPLIER_UNBIND and removes the supplier before the consumer',
  profile: 'mainline',
  params: {
    second: { default: 'unbind', values: ['unbind', 'del', 'rmmod', 'none'], describe: "the second releaser of ldo1: a sysfs unbind, device_del, the driver's rmmod, or none" },
    link: { default: 'managed', values: ['managed', 'autoremove'], describe: "mmc-drv's link: managed without DL_FLAG_AUTOREMOVE_CONSUMER, or with it" },
    first: { default: 'unbind', values: ['unbind', 'rmmod'], describe: "the first releaser of ldo1: a sysfs unbind, or the rmmod of its driver (driver_detach, which passes dev->parent: before v4.18 it locks pmic and the loop drops it)" },
    bus: { default: 'platform', values: ['platform', 'usb'], describe: "the bus: platform, or one with need_parent_lock (usb: the releases lock and the loop drops pmic; a del runs under pmic's lock, as the USB core's does)" },
    parent: { default: 'pmic', values: ['pmic', 'none'], describe: "ldo1's parent: pmic, or none (a supplier with no parent, which no platform device is: the parent lock of unbind_store before v4.18 then closes nothing)" },
    consumer: { default: 'apart', values: ['apart', 'sibling'], describe: "mmc's place: apart (no parent), or a sibling of ldo1 under pmic (with bus=usb: another interface of the same USB device, whose release locks pmic)" },
  },
  buses: { platform: {} },
  modules: { reg: { loaded: true } },
  // pmic: ldo1's parent, with no driver here; a platform parent is locked by no release from
  // 8c97a46af04b (v4.18: need_parent_lock, USB only), by every unbind_store before it.
  devices: { pmic: { present: true }, ldo1: { present: true, parent: 'pmic', boundTo: 'reg' }, mmc: { present: true, boundTo: 'mmc-drv' } },
  drivers: {
    reg: { matches: ['ldo1'], module: 'reg' },
    'mmc-drv': { matches: ['mmc'], links: ['ldo1'], present: true },
  },
  actors: { 'echo ldo1 > unbind': 'unbind reg ldo1', second: 'unbind reg ldo1' },
  properties: ['links-supplier-bound', 'links-no-warn', 'single-binding', 'no-deadlock'],
  vary: (p, s) => {
    const second = { unbind: 'unbind reg ldo1', del: 'del ldo1', rmmod: 'rmmod reg', none: undefined }[p.second as 'unbind' | 'del' | 'rmmod' | 'none'];
    // first=rmmod: the first releaser is `rmmod reg` (thread 'rmmod reg'), e.g. beside second=del.
    const first: [string, string] = p.first === 'rmmod' ? ['rmmod reg', 'rmmod reg'] : ['echo ldo1 > unbind', 'unbind reg ldo1'];
    const actors: Record<string, string> = second === undefined ? { [first[0]]: first[1] } : { [first[0]]: first[1], second };
    const drivers = p.link === 'autoremove' ? { ...s.drivers, 'mmc-drv': { ...s.drivers['mmc-drv']!, linkFlags: ['AUTOREMOVE_CONSUMER'] } } : s.drivers;
    // parent=none: pmic stays (nothing refers to it) so the two shapes differ only in ldo1's parent.
    const placed = p.parent === 'none' ? { ...s.devices, ldo1: { present: true, boundTo: 'reg' } } : s.devices;
    // consumer=sibling: mmc under pmic too; a release of mmc on a need_parent_lock bus locks pmic,
    // which a `del` under its caller's lock of pmic already holds (device_release_driver's rule).
    const devices = p.consumer === 'sibling' ? { ...placed, mmc: { present: true, parent: 'pmic', boundTo: 'mmc-drv' } } : placed;
    const buses = p.bus === 'usb' ? { usb: { needParentLock: true } } : s.buses;
    return { ...s, actors, drivers, devices, buses };
  },
});
