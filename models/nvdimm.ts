/**
 * libnvdimm (Dan Williams, 2015 async-probe thread): instead of async *probe*, libnvdimm
 * registers its devices asynchronously (nd_device_register -> async_schedule_domain), probing
 * stays synchronous in each registration context. variant=register: two dimms and a region
 * (whose probe defers until both dimms are bound) registered from three async contexts.
 * variant=unregister: two sysfs-triggered removals both call device_unregister on one namespace
 * (B9); variant=kill-unregister: as above, but each caller does `if (kill_device(dev))
 * device_unregister(dev)` (00289cd87676 + "libnvdimm: Prevent duplicate device_unregister()
 * calls"). variant=abba: B8 (ca6bf264f6d8): uuid_store holds the namespace lock and waits for
 * probe idle while nd_dax's probe takes the namespace lock; variant=abba-fixed drops the lock
 * around the wait, as the fix does. The wait is libnvdimm's wait_nvdimm_bus_probe_idle (on
 * nvdimm_bus->probe_active, drivers/nvdimm/bus.c, not modelled): the driver core's
 * wait_for_device_probe stands for it, so the trace cites dd.c lines the real thread never runs.
 */
import { scenario } from 'probecheck';

const abba = (fixed: boolean) => ({
  devices: { ns: { present: true, boundTo: 'nd_pmem' }, dax: {} },
  drivers: { nd_pmem: { matches: ['ns'], present: true }, nd_dax: { matches: ['dax'], locks: ['ns'], present: true } },
  actors: {
    'async nd_device_register(dax)': 'add dax',
    'uuid_store(ns)': fixed ? ['lock ns', 'unlock ns', 'wait_for_device_probe', 'lock ns', 'unlock ns'] : ['lock ns', 'wait_for_device_probe', 'unlock ns'],
  },
});

export default scenario({
  name: 'nvdimm',
  describe: 'libnvdimm: asynchronous device registration, region needs its dimms, duplicate unregister, probe-idle ABBA',
  profile: 'v4.2',
  params: { variant: { default: 'register', values: ['register', 'unregister', 'kill-unregister', 'abba', 'abba-fixed'], describe: 'which libnvdimm race' } },
  buses: { nd: {} },
  devices: { dimm0: {}, dimm1: {}, region: {} },
  drivers: {
    nvdimm: { matches: ['dimm0', 'dimm1'], present: true },
    nd_region: { matches: ['region'], needs: ['dimm0', 'dimm1'], present: true },
  },
  actors: { 'async nd_device_register(dimm0)': 'add dimm0', 'async nd_device_register(dimm1)': 'add dimm1', 'async nd_device_register(region)': 'add region' },
  vary: (p, s) => {
    if (p.variant === 'abba' || p.variant === 'abba-fixed') return { ...s, ...abba(p.variant === 'abba-fixed'), buses: undefined };
    if (p.variant === 'register') return s;
    const del = p.variant === 'unregister' ? 'del ns' : 'kill-del ns';
    return { ...s, buses: undefined, devices: { ns: { present: true, boundTo: 'nd_pmem' } }, drivers: { nd_pmem: { matches: ['ns'], present: true } },
      actors: { 'async nd_device_unregister(ns) #1': del, 'async nd_device_unregister(ns) #2': del } };
  },
});
