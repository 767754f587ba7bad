/**
 * Two releasers of one supplier (a finding: docs/kernel-findings.md, "Two releasers of one
 * supplier"). The first releaser's device_links_unbind_consumers writes SUPPLIER_UNBIND and drops
 * device_links_lock before it releases the consumer; the second finds the link not busy and runs
 * the supplier's ->remove with the consumer bound. Present since 9ed9895370ae (v4.10): the loop,
 * its "concurrent invocation" comment and device_links_busy's SUPPLIER_UNBIND write are in that
 * commit's dd.c and core.c.
 */
import { defineSuite, type Expected } from 'probecheck';

const P = ['links-supplier-bound', 'links-no-warn', 'single-binding', 'no-deadlock'] as const;
const v = (bound: Expected, warn: Expected) => ({ 'links-supplier-bound': bound, 'links-no-warn': warn, 'single-binding': 'holds', 'no-deadlock': 'holds' }) as Record<(typeof P)[number], Expected>;
const WINDOW = "finding: the first unbind's device_links_unbind_consumers wrote SUPPLIER_UNBIND and dropped device_links_lock before releasing mmc; the second releaser's device_links_busy finds the link not busy and removes ldo1 with mmc bound";
const STALE = "and the first releaser's rescan (goto start) may write SUPPLIER_UNBIND again after the second's device_links_driver_cleanup made the link DORMANT: device_del's device_links_purge then WARNs";
const RMMOD_DEL = "the rmmod's driver_detach drops ldo1 (and pmic, where it locked it) in the loop; device_del's release takes no parent lock and finds the link SUPPLIER_UNBIND";
const FIX = "candidate fix (models/patches/supplier-unbind-bound.ts): the second releaser finds the link busy while mmc is bound and releases mmc itself (waiting for mmc's lock), so ldo1 goes after mmc";
const AUTOREMOVE = "with DL_FLAG_AUTOREMOVE_CONSUMER the second releaser's device_links_driver_cleanup WARNs on the link the bound consumer still holds";

export default defineSuite({
  name: 'supplier-two-releasers',
  model: '../models/supplier-two-releasers.ts',
  cases: [
    { params: { second: 'unbind', profile: 'mainline', patches: '' }, states: 214, note: WINDOW, expect: v('violated', 'holds') },
    { params: { second: 'unbind', link: 'autoremove', profile: 'mainline', patches: '' }, states: 200, note: `${WINDOW}; ${AUTOREMOVE}`, expect: v('violated', 'violated') },
    { params: { second: 'del', profile: 'mainline', patches: '' }, states: 246, note: `${WINDOW}; ${STALE}`, expect: v('violated', 'violated') },
    { params: { second: 'rmmod', profile: 'mainline', patches: '' }, states: 93, note: "bus_remove_driver removes the bind/unbind files (kernfs drains the running unbind_store) before driver_detach: the two releases never overlap", expect: v('holds', 'holds') },
    { params: { second: 'none', profile: 'mainline', patches: '' }, states: 17, note: 'one releaser: the consumer is unbound before the supplier', expect: v('holds', 'holds') },
    { params: { second: 'unbind', profile: 'v6.6', patches: '' }, states: 214, note: WINDOW, expect: v('violated', 'holds') },
    { params: { second: 'unbind', profile: 'v5.4', patches: '' }, states: 214, note: WINDOW, expect: v('violated', 'holds') },
    { params: { second: 'unbind', profile: 'v4.18', patches: '' }, states: 226, note: WINDOW, expect: v('violated', 'holds') },
    { params: { second: 'unbind', profile: 'v4.14', patches: '' }, states: 111, note: "before 8c97a46af04b (v4.18) unbind_store holds ldo1's parent's lock (pmic) around device_release_driver: the second unbind waits for the first", expect: v('holds', 'holds') },
    { params: { second: 'unbind', parent: 'none', profile: 'v4.14', patches: '' }, states: 226, note: "ldo1 with no parent: unbind_store before 8c97a46af04b locks only dev->parent, so nothing serializes the two unbinds and the window is the same as at mainline", expect: v('violated', 'holds') },
    { params: { second: 'del', profile: 'v4.14', patches: '' }, states: 182, note: "device_del takes no parent lock (device_release_driver passes NULL); v4.14's device_del (core.c of 9ed9895370ae) purges the links before bus_remove_device, WARNing on the ACTIVE link and deleting it, so no link is left to judge (whether v4.14 already purges after the release, 2ec161501798, is not settled)", expect: v('holds', 'violated') },
    { params: { second: 'unbind', profile: 'v4.2', patches: '' }, states: 57, note: 'no device links before v4.10 (9ed9895370ae)', expect: v('vacuous', 'vacuous') },
    // rmmod of the supplier's driver (driver_detach passes dev->parent) beside device_del (NULL parent, no parent lock).
    { params: { first: 'rmmod', second: 'del', profile: 'mainline', patches: '' }, states: 323, note: `${RMMOD_DEL}; ${STALE}`, expect: v('violated', 'violated') },
    { params: { first: 'rmmod', second: 'del', profile: 'v4.18', patches: '' }, states: 470, note: RMMOD_DEL, expect: v('violated', 'violated') },
    { params: { first: 'rmmod', second: 'del', profile: 'v4.14', patches: '' }, states: 258, note: "v4.14's device_del (core.c of 9ed9895370ae) purges the links before bus_remove_device: a WARN on the ACTIVE link at its first step, and no link left to judge; by reading, driver_detach's loop drops pmic (`if (parent) device_unlock(parent)`, 4.14.y/4.15.y/4.16 dd.c texts) and device_del locks no parent, so with the purge after the release (the 4.16-named tree's core.c) the window is the mainline one (not run)", expect: v('holds', 'violated') },
    // v4.14 with the purge after bus_remove_device (models/patches/purge-after-release.ts: a model of that order, which the 4.16-named tree's core.c has; whether v4.14 has it is not settled).
    { params: { first: 'rmmod', second: 'del', profile: 'v4.14', patches: '' }, patches: ['../models/patches/purge-after-release.ts'], states: 378, note: `${RMMOD_DEL}; with the purge after the release nothing is left to keep the window shut before v4.18`, expect: v('violated', 'violated') },
    { params: { second: 'del', profile: 'v4.14', patches: '' }, patches: ['../models/patches/purge-after-release.ts'], states: 276, note: "the sysfs unbind holds pmic, which device_del's release never takes: the same window once the purge comes after the release", expect: v('violated', 'violated') },
    // A bus with need_parent_lock (USB): __device_driver_unlock drops pmic too, so two unbinds are not serialized there either; a del runs under pmic's lock.
    { params: { bus: 'usb', second: 'unbind', profile: 'mainline', patches: '' }, states: 264, note: `${WINDOW} (the loop drops pmic's lock with ldo1's: __device_driver_unlock)`, expect: v('violated', 'holds') },
    { params: { bus: 'usb', second: 'del', profile: 'mainline', patches: '' }, states: 213, note: `${WINDOW}; ${STALE}`, expect: v('violated', 'violated') },
    // The candidate fix (docs/kernel-findings.md, "A candidate fix"): a SUPPLIER_UNBIND link with a bound consumer is busy, and its consumer is released.
    { params: { second: 'unbind', profile: 'mainline', patches: '' }, patches: ['../models/patches/supplier-unbind-bound.ts'], states: 187, note: FIX, expect: v('holds', 'holds') },
    { params: { second: 'del', profile: 'mainline', patches: '' }, patches: ['../models/patches/supplier-unbind-bound.ts'], states: 227, note: `${FIX}; the rescan stops at a supplier no longer DL_DEV_UNBINDING, so no stale SUPPLIER_UNBIND reaches device_links_purge`, expect: v('holds', 'holds') },
    { params: { first: 'rmmod', second: 'del', profile: 'mainline', patches: '' }, patches: ['../models/patches/supplier-unbind-bound.ts'], states: 291, note: FIX, expect: v('holds', 'holds') },
    { params: { bus: 'usb', second: 'del', profile: 'mainline', patches: '' }, patches: ['../models/patches/supplier-unbind-bound.ts'], states: 211, note: `${FIX}; device_del's release waits for mmc's lock holding pmic's, which the first releaser takes again only after mmc is released: no deadlock`, expect: v('holds', 'holds') },
    // consumer=sibling: mmc under pmic too (another interface of the same USB device), released under the `del`'s hold of pmic: device_release_driver's documented rule broken with and without the fix; the fix adds the interleavings where the unbind went first (test/kernel/two-releasers-fix-costs.test.ts).
    { params: { bus: 'usb', second: 'del', consumer: 'sibling', profile: 'mainline', patches: '' }, states: 113, note: `${WINDOW}; the del, holding pmic, that finds the link ACTIVE releases mmc and waits for pmic itself`, expect: { ...v('violated', 'violated'), 'no-deadlock': 'violated' } },
    { params: { bus: 'usb', second: 'del', consumer: 'sibling', profile: 'mainline', patches: '' }, patches: ['../models/patches/supplier-unbind-bound.ts'], states: 102, note: "candidate fix: the del now releases mmc where the unbind went first too, and waits for pmic, which it holds: the window's interleavings hang there instead", expect: { ...v('holds', 'holds'), 'no-deadlock': 'violated' } },
  ],
});
