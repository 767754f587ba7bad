/**
 * sysfs unbind_store racing another unbind and a bind (issue 11, finding a). unbind_store checks
 * `dev->driver == drv` without the device lock, then device_driver_detach(dev) calls
 * device_release_driver_internal(dev, NULL, dev->parent): with drv == NULL it releases whatever
 * driver is bound once it holds the lock. `race=rebind`: between the check and the lock, a second
 * writer unbinds drvA and binds drvB; the first writer then releases drvB. `race=none`: one
 * unbind and a bind, nothing releases drvA in between (the property holds).
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'unbind-race',
  describe: 'echo dc > drvA/unbind racing echo dc > drvA/unbind; echo dc > drvB/bind',
  profile: 'mainline',
  params: { race: { default: 'rebind', values: ['rebind', 'none'], describe: 'what the first unbind races' } },
  buses: { platform: { autoprobe: false } },
  devices: { dc: { present: true, boundTo: 'drvA' } },
  drivers: { drvA: { matches: ['dc'], present: true }, drvB: { matches: ['dc'], present: true } },
  actors: { 'echo dc > drvA/unbind': 'unbind drvA dc', admin: ['unbind drvA dc', 'bind drvB dc'] },
  properties: ['unbind-releases-named', 'single-binding', 'no-deadlock'],
  vary: (p, s) => (p.race === 'none' ? { ...s, actors: { 'echo dc > drvA/unbind': 'unbind drvA dc', 'echo dc > drvB/bind': 'bind drvB dc' } } : s),
});
