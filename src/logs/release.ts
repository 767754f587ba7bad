/**
 * The kernel a log comes from, against the profile a model is built for: the release its
 * "Linux version" line states, and the function its "matched device" line names.
 *
 * The "matched device" line prints `__func__` ("bus: '%s': %s: matched device %s with driver %s\n"):
 * in the dd.c excerpts under kernel/ it is in driver_probe_device at v3.6.0, 013c074f8642 (v4.5),
 * 8c97a46af04b, 376991db4b64, 654888327e9f, 5.10.13 and 204db60c8357 (v5.14 merge window, before
 * the move), and in __driver_probe_device at 45ddcb42949f (the v5.14 commit that moved the checks,
 * probe_count and the deferral into driver_probe_device around __driver_probe_device, flag
 * PROBE_BUSY_CHECK), b232b02bf3c2 and 5a7a9efdb193. So the name tells whether the log's kernel has
 * PROBE_BUSY_CHECK, whatever its version line says.
 */
import { PROFILE_NAMES, PROFILES } from '../kernel/profiles.js';
import type { LogKernel } from './model-events.js';
import type { ParsedLog } from './parse.js';

/** `5.4` -> 5004, `v6.12` -> 6012. */
const num = (v: string) => { const [a, b] = v.replace(/^v/, '').split('.').map(Number); return a! * 1000 + (b ?? 0); };

/** The profile nearest below a release ("5.4" -> v5.4, "5.7" -> v5.4), or mainline. */
export function profileFor(release: string | undefined): string {
  if (!release) return 'mainline';
  let best = 'v3.5';
  for (const p of PROFILE_NAMES) if (p !== 'mainline' && num(p) <= num(release) && num(p) >= num(best)) best = p;
  // Past v6.12 (the newest numbered profile) only mainline adds a flag: UEVENT_SINGLE_READ, v6.15.
  return num(release) >= num('6.15') ? 'mainline' : best;
}

const MATCHED_OLD = 'driver_probe_device', MATCHED_NEW = '__driver_probe_device';

/**
 * What the log says of its kernel that the profile is not: each a line for the report. Empty when
 * they agree, or when the log says nothing of it.
 */
export function kernelWarnings(log: ParsedLog, lk: LogKernel): string[] {
  const out: string[] = [];
  const prof = lk.profile.split(' + ')[0]!;
  if (log.release !== undefined && PROFILES[prof]) {
    const near = profileFor(log.release);
    if (near !== prof) out.push(`the log is of Linux ${log.version ?? log.release}${log.releaseLine !== undefined ? ` (line ${log.releaseLine})` : ''}, the model of profile ${prof}: the profile for that release is ${near} (--param profile=${near})`);
  }
  const want = lk.busyCheck ? MATCHED_NEW : MATCHED_OLD;
  const other = log.events.find((e) => e.rule.id === 'matched' && (e.fn === MATCHED_OLD || e.fn === MATCHED_NEW) && e.fn !== want);
  if (other) {
    const fit = PROFILE_NAMES.filter((p) => PROFILES[p]!.flags.includes('PROBE_BUSY_CHECK') === !lk.busyCheck);
    const range = lk.busyCheck ? `${fit.at(-1)} or an earlier profile` : `${fit[0]} or a later profile`;
    out.push(`line ${other.line} prints "matched device" from ${other.fn}, as kernels ${lk.busyCheck ? 'before 45ddcb42949f (v5.14)' : 'from 45ddcb42949f (v5.14) on'} do; profile ${prof} is ${lk.busyCheck ? 'after' : 'before'} it: ${range} fits the log`);
  }
  return out;
}
