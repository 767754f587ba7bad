/**
 * reboot while drivers still probe (models/reboot.ts): device_shutdown's walk before and after
 * 3297c8fc65af (wait_for_device_probe and device_block_probing first; v4.19 and later here).
 */
import { defineSuite } from 'probecheck';

const RACE = 'the walk locks dc, finds no driver, shuts it down and unlocks; then the probe binds dc';
const BLOCKED = 'device_shutdown waits for probes and sets defer_all_probes: a probe after it defers onto the pending list';
const STATES = {
  modprobe: { 'v4.14': 94, 'v5.1': 424, 'v5.15': 434, 'v6.12': 488, mainline: 488 },
  async: { 'v4.14': 288, 'v5.1': 460, 'v5.15': 531, 'v6.12': 533, mainline: 533 },
} as const;
const H = { 'no-probe-after-shutdown': 'holds', 'shutdown-exclusive': 'holds', 'no-deadlock': 'holds' } as const;
export default defineSuite({
  name: 'reboot',
  model: '../models/reboot.ts',
  cases: [
    ...(['modprobe', 'async'] as const).flatMap((race) => [
      { params: { race, profile: 'v4.14', patches: '' }, states: STATES[race]['v4.14'], note: `${RACE} (${race === 'modprobe' ? "modprobe's __driver_attach" : 'the async helper the add scheduled'})`,
        expect: { ...H, 'no-probe-after-shutdown': 'violated' as const } },
      ...(['v5.1', 'v5.15', 'v6.12', 'mainline'] as const).map((profile) => ({ params: { race, profile, patches: '' }, states: STATES[race][profile], note: BLOCKED, expect: H })),
    ]),
  ],
});
