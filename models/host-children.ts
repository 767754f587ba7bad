/**
 * A host with n asynchronously probing children (issue 12's sizing scenario, after the 2015
 * host1x report: a real host1x has eight or more children). One actor loads the children's
 * module cmod, adds the host and then each child; the other unloads cmod. Every child's
 * __device_attach_async_helper races rmmod's driver_detach and module teardown.
 */
import { scenario, type ScenarioSpec } from 'probecheck';

/** The spec itself is exported too: models/bench/host-children-live.ts adds liveness to it. */
export const spec: ScenarioSpec = {
  name: 'host-children',
  describe: 'a host with n async children, added one by one, racing rmmod of their module',
  profile: 'v4.2',
  params: { n: { default: 2, min: 1, max: 8, describe: 'number of children' } },
  devices: {},
  drivers: {},
  actors: {},
  properties: ['module-lifetime', 'no-driver-after-unregister', 'no-deadlock'],
  vary: (p, s) => {
    const n = Number(p.n), kids = Array.from({ length: n }, (_, i) => `c${i + 1}`);
    return {
      ...s,
      devices: { host: {}, ...Object.fromEntries(kids.map((k) => [k, { parent: 'host' }])) },
      drivers: { cdrv: { matches: kids, module: 'cmod', probeType: 'async' } },
      modules: { cmod: {} },
      // async_schedule's synchronous fallback under the device lock is b232b02bf3c2's deadlock
      // (tegra-host1x's suite pins it); left out here so the search measures the races alone.
      syncFallback: false,
      actors: { boot: ['modprobe cmod', 'add host', ...kids.map((k) => `add ${k}`)], unload: 'rmmod cmod' },
      // The children are interchangeable: `--symmetry` may store states up to their permutations.
      symmetric: n > 1 ? [kids] : [],
    };
  },
};

export default scenario(spec);
