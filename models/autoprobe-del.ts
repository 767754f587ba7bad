/**
 * A supplier's bind that defers its consumer (a finding, 2026-12-05; README "A supplier's bind
 * that defers"). fw_devlink links a consumer to its supplier at boot with DL_FLAG_AUTOPROBE_CONSUMER
 * (its default flags): the codec's probe deferred at boot, as its link to the PMIC was DORMANT.
 * Loading the PMIC driver binds the PMIC; its device_links_driver_bound makes the link AVAILABLE
 * and puts the codec on the deferred-probe pending list, holding the PMIC's device lock, not the
 * codec's. device_del(codec) takes the codec off the lists before its device_links_purge deletes
 * the link, so the add can come in between and leave the deleted codec on the pending list.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'autoprobe-del',
  describe: "a consumer deleted while its supplier binds: device_links_driver_bound's add of an AUTOPROBE_CONSUMER link's consumer",
  profile: 'mainline',
  devices: { pmic: { present: true }, codec: { present: true, suppliers: ['pmic'] } },
  drivers: { 'pmic-drv': { matches: ['pmic'], module: 'pmic' }, 'codec-drv': { matches: ['codec'], present: true } },
  actors: { udev: 'modprobe pmic', unplug: 'del codec' },
  properties: ['deferred-lists', 'no-probe-after-del', 'no-deadlock'],
});
