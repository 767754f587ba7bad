/**
 * __device_links_no_driver's WARN_ON on an ACTIVE link made DORMANT while its supplier is
 * DL_DEV_UNBINDING (models/supplier-unbinding-warn.ts). The WARN_ON before the DORMANT write is
 * 8c3e315d4296's (v5.8): v5.4 has no WARN there. Fixed by Herve Codina's "driver core: Avoid
 * warning when removing a device while its supplier is unbinding" (the library's codina-v7, its v7
 * posting of 2026-05-11; merged as 36d74f17e03f, v7.2, by CVE-2026-97479's record). Mainline's core.c
 * (10864921212f, v7.3-rc1, read 2026-12-07) has the merged line, the posting's character for
 * character, so mainline holds and the patch is shown on v6.12, the newest profile without it.
 */
import { defineSuite, type Expected } from 'probecheck';

const v = (warn: Expected) => ({ 'links-no-warn': warn }) as Record<'links-no-warn', Expected>;
const CHAIN = "the posting's lan966x chain: pci's unbind unbinds oic, whose unbind reaches i2c through pinctrl; i2c's release makes its ACTIVE link to oic DORMANT while oic is DL_DEV_UNBINDING";
const FAIL = "mmc's probe fails while pmic's unbind runs: device_links_no_driver makes mmc's link DORMANT while pmic is DL_DEV_UNBINDING";
const FIX = 'codina-v7: the WARN_ON is skipped while the supplier is DL_DEV_UNBINDING (the link still goes DORMANT)';
const MERGED = "mainline's core.c (10864921212f, v7.3-rc1) has the fix as merged (36d74f17e03f): the WARN_ON is skipped while the supplier is DL_DEV_UNBINDING";

export default defineSuite({
  name: 'supplier-unbinding-warn',
  model: '../models/supplier-unbinding-warn.ts',
  cases: [
    { params: { caller: 'chain', profile: 'mainline', patches: '' }, states: 35, note: MERGED, expect: v('holds') },
    { params: { caller: 'chain', profile: 'v6.12', patches: '' }, states: 35, note: CHAIN, expect: v('violated') },
    { params: { caller: 'chain', profile: 'v5.10', patches: '' }, states: 35, note: CHAIN, expect: v('violated') },
    { params: { caller: 'chain', profile: 'v5.4', patches: '' }, states: 35, note: "before 8c3e315d4296 (v5.8) __device_links_no_driver writes DORMANT with no WARN_ON", expect: v('holds') },
    { params: { caller: 'chain', profile: 'v6.12', patches: 'codina-v7' }, states: 35, note: FIX, expect: v('holds') },
    { params: { caller: 'probe-fail', profile: 'v6.12', patches: '' }, states: 140, note: FAIL, expect: v('violated') },
    { params: { caller: 'probe-fail', profile: 'v6.12', patches: 'codina-v7' }, states: 140, note: FIX, expect: v('holds') },
    { params: { caller: 'probe-fail', profile: 'mainline', patches: '' }, states: 140, note: MERGED, expect: v('holds') },
  ],
});
