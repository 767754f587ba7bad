/**
 * A USB interface (bus need_parent_lock) with an async driver: the hub adds the interface under
 * the parent's lock, as the USB core does. The async device-attach helper takes only the
 * interface's own lock, so its probe runs without the parent lock (S8); the notes leave open
 * whether USB interface drivers can be async at all [?]: with probeType 'default' it holds.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'usb-interface',
  describe: 'USB interface probe vs the parent lock rule (need_parent_lock)',
  profile: 'mainline',
  params: { probeType: { default: 'async', values: ['async', 'default'], describe: 'the interface driver\'s probe type' } },
  buses: { usb: { needParentLock: true } },
  devices: { udev: { present: true, boundTo: 'usb' }, intf: { parent: 'udev' } },
  drivers: { usb: { matches: ['udev'], present: true }, 'usb-storage': { matches: ['intf'], probeType: 'async', present: true } },
  actors: { hub: ['add intf', 'del intf'], 'sysfs unbind': 'unbind usb-storage intf' },
  vary: (p, s) => ({ ...s, drivers: { ...s.drivers, 'usb-storage': { matches: ['intf'], probeType: p.probeType as 'async' | 'default', present: true } } }),
});
