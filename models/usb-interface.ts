/**
 * A USB interface (bus need_parent_lock) with an async driver: the hub adds the interface under
 * the parent's lock, as the USB core does. The async device-attach helper takes only the
 * interface's own lock, so its probe runs without the parent lock (S8). Can a USB interface
 * driver be async? usb_register_driver sets no probe_type (PROBE_DEFAULT_STRATEGY), and
 * driver_allows_async_probing (dd.c at 5a7a9efdb193:391-410) then allows it when the module was
 * loaded with async_probe=1 (or driver_async_probe=): a third source audit read both; so the
 * realistic form is probeType 'default' with a module asking for async probing, which the
 * model reports the same way. With probeType 'default' and no such module it holds.
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
