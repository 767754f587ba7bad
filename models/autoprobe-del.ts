/**
 * A supplier's bind that defers its consumer (a finding, 2026-12-05; README "A supplier's bind
 * that defers its consumer"). fw_devlink links a consumer to its supplier at boot with
 * DL_FLAG_AUTOPROBE_CONSUMER (its default flags). When the supplier binds, its
 * device_links_driver_bound makes the link AVAILABLE and puts the consumer on the deferred-probe
 * pending list, holding the supplier's device lock, not the consumer's. device_del(codec) takes the
 * codec off the lists before its device_links_purge deletes the link, so the add can come in
 * between and leave the deleted codec on the pending list.
 * `supplier=module`: the codec's probe deferred at boot on its link to the PMIC (DORMANT); the
 * PMIC driver's module loads. `supplier=rebind`: both bound at boot; the admin unbinds the PMIC
 * (which unbinds the codec and leaves the link DORMANT) and binds it again.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'autoprobe-del',
  describe: "a consumer deleted while its supplier binds: device_links_driver_bound's add of an AUTOPROBE_CONSUMER link's consumer",
  profile: 'mainline',
  params: { supplier: { default: 'module', values: ['module', 'rebind'], describe: "how the PMIC comes to bind: its driver's module loads, or the admin unbinds and binds it again through sysfs" } },
  devices: { pmic: { present: true }, codec: { present: true, suppliers: ['pmic'] } },
  drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'codec-drv': { matches: ['codec'], present: true } },
  actors: { udev: 'modprobe pmic', unplug: 'del codec' },
  properties: ['deferred-lists', 'no-probe-after-del', 'no-deadlock'],
  vary: (p, s) => (p.supplier === 'rebind' ? {
    ...s,
    devices: { pmic: { present: true, boundTo: 'pmic-drv' }, codec: { present: true, suppliers: ['pmic'], boundTo: 'codec-drv' } },
    drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'codec-drv': { matches: ['codec'], present: true } },
    actors: { admin: ['unbind pmic-drv pmic', 'bind pmic-drv pmic'], unplug: 'del codec' },
  } : s),
});
