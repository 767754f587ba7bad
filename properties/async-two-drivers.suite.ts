/**
 * Two async drivers matching one device (issue 11, finding b; models/README.md). Mainline
 * __driver_attach (dd.c 5a7a9efdb193) hands dc to an async helper only `if (!dev->driver &&
 * !dev->p->async_driver)`; drvB's attach skips dc while drvA's helper is pending.
 * State counts grew when list order became state (issue 9): the bus klist, each driver's klist
 * of bound devices and the deferred lists keep the order they were filled in (paths/klist.ts).
 * With `defer`, the model has a deferred-probe worker whose __device_attach(dc) walks the bus's
 * klist_drivers, so drvA and drvB keep the order they registered in (997 to 1,891 states: the
 * two modprobes race, and each order is a state; declaration order had only drvA first).
 * variant=override is 84e7c6786aad ("driver core: Prevent overriding async driver of a device
 * before it probe", Mark-PK Tsai, v5.19): before it a second async driver's __driver_attach
 * overwrote async_driver while the first one's helper was pending (the posting's case: mmcblk and
 * mmc_test, "mmcblk will never do probe again"). Here drvB's probe fails, so the lost attempt of
 * drvA leaves dc unbound, which async-handover sees; when drvB binds instead (the posting's case)
 * dc ends bound and no library property objects.
 */
import { defineSuite } from 'probecheck';

export default defineSuite({
  name: 'async-two-drivers',
  model: '../models/async-two-drivers.ts',
  cases: [
    { params: { probeA: 'error', profile: 'mainline', patches: '' }, states: 642, // 652 before the ghost 'asked' skipped a bound device (no request: if (!dev->driver ...))
      note: "drvB's __driver_attach skips dc (async_driver = drvA); drvA's probe fails (not -EPROBE_DEFER: dc is not put on the deferred list); nothing in the scenario tries drvB on dc",
      expect: { 'async-handover': 'violated', 'no-missed-probe': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { probeA: 'defer', profile: 'mainline', patches: '' }, states: 1831, // 1891 before 'asked' skipped a bound device
      note: "drvA defers: dc goes on the deferred list, whose retry walks every driver (async-handover leaves deferred devices to no-lost-deferral)",
      expect: { 'async-handover': 'holds', 'no-missed-probe': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    { params: { probeA: 'ok', profile: 'mainline', patches: '' }, states: 474, note: 'drvA binds dc: the skipped request is answered by the binding', // 494 before 'asked' skipped a bound device
      expect: { 'async-handover': 'holds', 'no-missed-probe': 'holds', 'single-binding': 'holds', 'no-deadlock': 'holds' } },
    // 84e7c6786aad (v5.19; the hunt of 2026-12-05, C1): one actor registers drvA (probe ok), then drvB (probe fails); no sync fallback.
    { params: { variant: 'override', probeA: 'ok', profile: 'v5.15', patches: '' }, states: 176,
      note: "84e7c6786aad not yet in (dd.c at f04948dea236:1130 `if (!dev->driver)`): drvB's __driver_attach overwrites dev->p->async_driver (drvA -> drvB) while drvA's helper is pending and schedules a second helper; both helpers read drvB and its probe fails; drvA is never tried on dc, which stays unbound",
      expect: { 'async-handover': 'violated', 'no-missed-probe': 'violated', 'single-binding': 'holds', 'async-driver': 'holds', 'no-deadlock': 'holds' } },
    { params: { variant: 'override', probeA: 'ok', profile: 'v5.19', patches: '' }, states: 93,
      note: "84e7c6786aad (b232b02bf3c2:1161 `if (!dev->driver && !dev->p->async_driver)`; the helper clears it, 1113-1114): drvB's attach skips dc while drvA's helper is pending, and drvA binds",
      expect: { 'async-handover': 'holds', 'no-missed-probe': 'holds', 'single-binding': 'holds', 'async-driver': 'holds', 'no-deadlock': 'holds' } },
  ],
});
