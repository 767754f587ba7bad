/**
 * A property written from scratch on the kernel view (the library's unbind-releases-named):
 * `echo dc > drvA/unbind` must never release a driver other than drvA. Use it with
 * `probecheck check SCENARIO --property-file models/properties/unbind-keeps-others.ts`.
 */
import { defineProperty } from 'probecheck';

export default defineProperty({
  kind: 'action',
  name: 'unbind-keeps-others',
  description: 'an unbind_store for drvA releases drvA or nothing',
  check: (before, after, move) => {
    for (const dev of after.devices) {
      const was = before.dev(dev.name).driver;            // dev->driver before this step
      const asked = dev.unbindFor;                          // the driver the unbind_store holding the lock names
      if (was !== null && dev.driver === null && asked !== null && asked !== was) {
        return `${move.thread}: unbind of ${asked} released ${was} from ${dev.name}`;
      }
    }
    return null;                                            // null: holds in this step
  },
  // The situation it is about: without it, a scenario that never unbinds would "hold".
  premise: { text: 'an unbind_store holds the device lock', met: (v) => v.devices.some((d) => d.unbindFor !== null) },
});
