/**
 * The deferred-probe timeout work run by driver_register. Mainline's deferred_probe_extend_timeout
 * (dd.c at dakr@1ac45118ddf8: `if (cancel_delayed_work(&deferred_probe_timeout_work))
 * schedule_delayed_work(..., driver_deferred_probe_timeout * HZ)`, "If the work hasn't been queued
 * yet or if the work expired, don't start a new one"), called at the end of driver_register, only
 * pushes back a pending work; deferred_probe_initcall alone queues it. 1137838865bf ("driver core:
 * Use mod_delayed_work to prevent lost deferred probe work", driver-core-next 2026-05; the
 * library's `mod-delayed-extend`, flag EXTEND_QUEUES_IDLE; its hunk read as the - side of Biju
 * Das's revert posting of 2026-05-26) calls mod_delayed_work, which queues the work where it was
 * not pending: a driver registered before the late initcall starts the timeout kworker
 * (deferred_probe_timeout_work_func) before deferred probing is even enabled. The revert quotes
 * the WARN that run gave on RZ/G2L: "class_for_each_device called for class 'devlink' before it
 * was registered", from fw_devlink_probing_done() in that kworker. Not reverted: followed by
 * f9e6da99fe49 (the lost `* HZ`) and 557495bc8790 (a delayed_work_pending() guard), by
 * driver-core-next's post-receive log of 2026-05-26; the guard is the library's
 * extend-pending-guard (read in its 6.6.y backport 2f48e29ce9dc), given with
 * `patches=mod-delayed-extend,extend-pending-guard`.
 * `when: before`: my-drv is loaded (driver_register), mydev defers (pmic not yet there), pmic
 * is added, then the late initcall. `when: after`: the late initcall first, then the module load (no pmic):
 * a work that already ran (expired) is queued again.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'timeout-before-initcall',
  describe: 'a driver registered around deferred_probe_initcall: does deferred_probe_extend_timeout queue the timeout work?',
  profile: 'mainline',
  params: {
    when: { default: 'before', values: ['before', 'after'], describe: 'before: modprobe before the late initcall (mydev defers there); after: the late initcall first, then the modprobe (pmic never comes)' },
  },
  devices: { mydev: { present: true }, pmic: {} },
  drivers: {
    'my-drv': { matches: ['mydev'], module: 'mydrv', needs: ['pmic'] },
    'pmic-drv': { matches: ['pmic'], present: true },
  },
  actors: { boot: ['modprobe mydrv', 'add pmic', 'deferred_probe_initcall'] },
  properties: ['timeout-after-initcall', 'no-lost-deferral'],
  vary: (p, s) => p.when === 'before' ? s : { ...s, actors: { boot: ['deferred_probe_initcall', 'modprobe mydrv'] } },
});
