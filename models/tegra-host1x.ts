/**
 * Tomeu Vizoso's report: host1x's probe registers its child dc; tegra-dc probes asynchronously,
 * so dc's __device_attach_async_helper runs in parallel with host1x's probe, which still holds
 * &dev->mutex(host1x). Expected: parent-before-child violated wherever async probing exists.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'tegra-host1x',
  describe: 'host1x probe registers dc; tegra-dc probes asynchronously',
  profile: 'v4.2',
  devices: { host1x: { present: true }, dc: { parent: 'host1x' } },
  drivers: {
    'tegra-dc': { matches: ['dc'], module: 'host1x', probeType: 'async' },   // registered first
    host1x: { matches: ['host1x'], module: 'host1x', registers: ['dc'] },
  },
  actors: { modprobe: 'modprobe host1x' },
});
