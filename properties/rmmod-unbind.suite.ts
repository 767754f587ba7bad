/**
 * rmmod racing a sysfs unbind from the state after the module's load (models/rmmod-unbind.ts):
 * delete_module finds the module LIVE with no other reference, so it always unloads it (v4.2 and
 * mainline); the device is released once, by whichever takes its lock first.
 */
import { defineSuite } from 'probecheck';

const ONCE = 'driver_detach and unbind_store each release dc under its lock only while it is still bound to drv';
export default defineSuite({
  name: 'rmmod-unbind',
  model: '../models/rmmod-unbind.ts',
  cases: [
    { params: { profile: 'v4.2', patches: '' }, states: 48, note: ONCE,
      expect: { 'single-binding': 'holds', 'no-driver-after-unregister': 'holds', 'module-lifetime': 'holds', 'no-wait-under-lock': 'holds', 'actors-terminate': 'holds', 'no-deadlock': 'holds' } },
    { params: { profile: 'mainline', patches: '' }, states: 48, note: ONCE,
      expect: { 'single-binding': 'holds', 'no-driver-after-unregister': 'holds', 'module-lifetime': 'holds', 'no-wait-under-lock': 'holds', 'actors-terminate': 'holds', 'no-deadlock': 'holds' } },
  ],
});
