/**
 * unbind_store's unlocked `dev->driver == drv` check (issue 11, finding a; models/README.md).
 * Mainline bus.c (00c4a3c47da7) unbind_store -> device_driver_detach(dev) ->
 * device_release_driver_internal(dev, NULL, dev->parent): drv is NULL, so `if (!drv || drv ==
 * dev->driver)` releases whatever driver is bound when the lock is taken.
 */
import { defineSuite } from 'probecheck';

const RACE = 'the first writer passes the unlocked dev->driver == drvA check; the admin unbinds drvA and binds drvB; the first writer takes the lock and releases drvB';
export default defineSuite({
  name: 'unbind-race',
  model: '../models/unbind-race.ts',
  cases: [
    { params: { race: 'rebind', profile: 'mainline', patches: '' }, states: 120, note: RACE,
      expect: { 'unbind-releases-named': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { race: 'rebind', profile: 'v4.2', patches: '' }, states: 125, note: `${RACE} (as modelled there: unbind_store releases whatever driver it finds under the lock)`,
      expect: { 'unbind-releases-named': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { race: 'none', profile: 'mainline', patches: '' }, states: 72, note: 'one unbind: nothing releases drvA between the check and the lock',
      expect: { 'unbind-releases-named': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
  ],
});
