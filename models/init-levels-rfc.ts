/**
 * Luis Rodriguez's RFC "driver-core: async init levels" (Aug 2014, lkml 000_*): module_init_async
 * runs a driver's init asynchronously, grouped by init level, with a synchronisation point at the
 * end of each level; probing itself stays synchronous inside each init. Checked on the v3.16-era
 * core (profile v3.14 + 58b116bce136: trigger count, no async probe, parent locked on every bus).
 * host1x registers its child dc; tegra-dc needs pwm. levels=sync: today's do_initcalls, one
 * thread. levels=same: RFC, all three inits in one level (concurrent, exact). levels=split: RFC,
 * host1x at subsys level, tegra-dc and pwm-tegra at module level (the library has no barrier
 * between actors, so pwm-tegra may also start before the subsys level ends: an
 * over-approximation, sound for 'holds'; check a violation's trace against the barrier).
 */
import { scenario } from 'probecheck';

const init = (m: string) => `modprobe ${m}`;
export default scenario({
  name: 'init-levels-rfc',
  describe: 'module_init_async with a sync point per init level (2014 RFC) on the v3.16-era core',
  profile: 'v3.14',
  params: { levels: { default: 'same', values: ['sync', 'same', 'split'], describe: 'initcall layout' } },
  devices: { host1x: { present: true }, dc: { parent: 'host1x' }, pwm: { present: true } },
  drivers: {
    host1x: { matches: ['host1x'], module: 'host1x', registers: ['dc'] },
    'tegra-dc': { matches: ['dc'], module: 'tegra-dc', needs: ['pwm'] },
    'pwm-tegra': { matches: ['pwm'], module: 'pwm-tegra' },
  },
  actors: { 'async init host1x': init('host1x'), 'async init tegra-dc': init('tegra-dc'), 'async init pwm-tegra': init('pwm-tegra') },
  properties: ['parent-before-child', 'lock-order', 'single-binding', 'no-lost-deferral', 'deferred-lists', 'no-deadlock'],
  vary: (p, s) => p.levels === 'same' ? s : {
    ...s, actors: p.levels === 'sync' ? { do_initcalls: ['pwm-tegra', 'host1x', 'tegra-dc'].map(init) }
      : { 'async init host1x; sync level; tegra-dc': [init('host1x'), init('tegra-dc')], 'async init pwm-tegra': init('pwm-tegra') },
  },
});
