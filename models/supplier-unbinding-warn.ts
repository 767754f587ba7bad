/**
 * A consumer's links made DORMANT while their supplier is unbinding: the WARN_ON in
 * `__device_links_no_driver` (core.c: `WARN_ON(!device_link_test(link, DL_FLAG_SYNC_STATE_ONLY))`
 * before `WRITE_ONCE(link->status, DL_STATE_DORMANT)`, v6.12's core.c and core.c at 4793dae01f47) fires
 * for a managed link whose supplier is DL_DEV_UNBINDING. Herve Codina's "driver core: Avoid
 * warning when removing a device while its supplier is unbinding" (v7 3/3, 2026-05-11; the
 * library's `codina-v7`, flag LINKS_NO_DRIVER_UNBINDING_QUIET) skips it while the supplier is
 * DL_DEV_UNBINDING. Merged as 36d74f17e03f (driver-core-next 2026-05-25; v7.2, and 6.18.53 as
 * 73ea4ec0ec46, by CVE-2026-97479's record, which carries the posting's splat at core.c:1497); its
 * line is v7's, read in mainline's core.c at 10864921212f (v7.3-rc1), so mainline has the flag and
 * holds: the default profile is v6.12, the newest without it.
 * `caller: chain` is the posting's lan966x case, one thread: i2c consumes oic and pinctrl,
 * pinctrl consumes oic, oic consumes pci; the PCI driver's unbind unbinds them depth first and
 * reaches i2c through pinctrl while oic is still DL_DEV_UNBINDING (the posting rmmods the PCI
 * driver; a sysfs unbind runs the same __device_release_driver(pci)). `caller: probe-fail` is the
 * race: mmc's probe fails (device_links_no_driver, the other caller) while pmic's unbind runs.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'supplier-unbinding-warn',
  describe: "a consumer's ACTIVE link made DORMANT while its supplier is DL_DEV_UNBINDING: __device_links_no_driver's WARN_ON",
  profile: 'v6.12',
  params: {
    caller: { default: 'chain', values: ['chain', 'probe-fail'], describe: "chain: the posting's lan966x unbind chain (one thread); probe-fail: a consumer's failed probe beside its supplier's unbind" },
  },
  devices: { pci: { present: true, boundTo: 'pci-drv' }, oic: { present: true, boundTo: 'oic-drv' }, pinctrl: { present: true, boundTo: 'pinctrl-drv' }, i2c: { present: true, boundTo: 'i2c-drv' } },
  drivers: {
    'pci-drv': { present: true, matches: ['pci'] },
    'oic-drv': { present: true, matches: ['oic'], links: ['pci'] },
    'pinctrl-drv': { present: true, matches: ['pinctrl'], links: ['oic'] },
    'i2c-drv': { present: true, matches: ['i2c'], links: ['oic', 'pinctrl'] },
  },
  actors: { unbind: 'unbind pci-drv pci' },
  properties: ['links-no-warn'],
  vary: (p, s) => p.caller === 'chain' ? s : {
    ...s,
    // mmc not bound at the start (no autoprobe), bound by an actor whose probe fails.
    buses: { platform: { autoprobe: false } },
    devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: { present: true } },
    drivers: { 'pmic-drv': { present: true, matches: ['pmic'] }, 'mmc-drv': { present: true, matches: ['mmc'], links: ['pmic'], probe: ['error'] } },
    actors: { 'echo mmc > bind': 'bind mmc-drv mmc', 'echo pmic > unbind': 'unbind pmic-drv pmic' },
  },
});
