/**
 * USB interfaces (B12, 8c97a46af04b, v4.18): on a bus with need_parent_lock, probe() and
 * remove() of an interface must run with the parent (USB device) locked. The scenario binds
 * and unbinds `intf` (child of `udev`) along one path: `sync` (hotplug add/del under the
 * parent lock, as the callers of usb_set_configuration hold it), `async` (the interface driver asks for async
 * probing: __device_attach_async_helper takes only the child's lock), `sysfs` (bind/unbind
 * stores), `detach` (driver register/unregister: __driver_attach and driver_detach), and
 * `detach-async` (as detach, with an async driver: driver_attach_async in v4.2, per-device
 * __driver_attach_async_helper with __device_driver_lock since ef0ff68351be). path=siblings is
 * B12 itself, on a platform bus: two children of one simple-bus and an async driver registered
 * for both; can their probes run at the same time? path=siblings-bind: as siblings, but both
 * children are bound by two concurrent sysfs binds (the parent-lock rule alone).
 * Before v4.18 every bus locked the parent on the driver and sysfs paths (the serialisation
 * B12 removed for non-USB buses).
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'usb-parent-lock',
  describe: "USB interface probe/remove must hold the parent's lock, on every path",
  profile: 'v4.18',
  params: { path: { default: 'sync', values: ['sync', 'async', 'sysfs', 'detach', 'detach-async', 'siblings', 'siblings-bind'], describe: 'which path binds and unbinds intf' } },
  buses: { usb: { needParentLock: true } },
  devices: { udev: { present: true, boundTo: 'usb' }, intf: { parent: 'udev' } },
  drivers: { usb: { matches: ['udev'], present: true }, 'usb-storage': { matches: ['intf'], present: true } },
  actors: { hub_event: ['add intf', 'del intf'] },
  properties: ['usb-parent-lock', 'lock-order', 'single-binding', 'no-deadlock'],
  vary: (p, s) => {
    const drv = s.drivers['usb-storage']!;
    if (p.path === 'siblings' || p.path === 'siblings-bind') return { ...s, buses: { platform: { autoprobe: p.path === 'siblings' } },
      devices: { soc: { present: true, boundTo: 'simple-bus' }, c1: { parent: 'soc', present: true }, c2: { parent: 'soc', present: true } },
      drivers: { 'simple-bus': { matches: ['soc'], present: true }, 'c-drv': { matches: ['c1', 'c2'], probeType: 'async', present: p.path !== 'siblings' } },
      actors: p.path === 'siblings' ? { modprobe: 'register c-drv' } : { 'echo c1 > bind': 'bind c-drv c1', 'echo c2 > bind': 'bind c-drv c2' },
      properties: ['sibling-probes-concurrent', 'lock-order', 'single-binding', 'no-deadlock'] };
    if (p.path === 'async') return { ...s, drivers: { ...s.drivers, 'usb-storage': { ...drv, probeType: 'async' } } };
    if (p.path === 'sysfs') return { ...s, devices: { ...s.devices, intf: { parent: 'udev', present: true, boundTo: 'usb-storage' } },
      actors: { 'unbind': 'unbind usb-storage intf', 'bind': 'bind usb-storage intf' } };
    if (p.path === 'detach' || p.path === 'detach-async') return { ...s, devices: { ...s.devices, intf: { parent: 'udev', present: true } },
      drivers: { ...s.drivers, 'usb-storage': { ...drv, present: false, probeType: p.path === 'detach' ? 'default' : 'async' } },
      actors: { modprobe: ['register usb-storage', 'unregister usb-storage'] } };
    return s;
  },
});
