/**
 * device_links_check_suppliers' deferral, in its words after dev_printk's `driver dev: `: the one
 * reader of them (supplier-deferral.ts, from-log.ts and release.ts keep their own policies).
 *
 * What the kernel prints (read at each commit):
 * - `dbg`: dev_dbg(dev, "probe deferral - wait for supplier %pfwP\n", ...) and "probe deferral -
 *   supplier %s not ready\n" (torvalds@1f0dfa0545e7 core.c, read; v5.12 .. v5.14). Sets no pending reason.
 * - `err_probe`: dev_err_probe(dev, -EPROBE_DEFER, "wait for supplier %pfwP\n") and "supplier %s not
 *   ready\n" (68223eeec708, v5.15-rc4; kernel/torvalds@cf52ad5ff16c), %pfwf from v6.6 (kernel/v6.6.y,
 *   kernel/v6.18.y, kernel/torvalds@4793dae01f47). dev_err_probe prints dev_dbg(dev, "error %pe: %pV")
 *   for -EPROBE_DEFER (__dev_probe_failed at 4793dae01f47, read): "error -EPROBE_DEFER: ", or
 *   "error -517: " where errname() has no name (CONFIG_SYMBOLIC_ERRNAME off: vsprintf's err_ptr prints
 *   the number).
 * - `bare`: the same words as the reason dev_err_probe sets (device_set_deferred_probe_reason(dev,
 *   &vaf): the message alone, after "%s: " of dev_driver_string), which "deferred probe pending: "
 *   prints from v6.8. No kernel prints them bare on a dev_printk line, nor a prefix in a reason.
 * %pfwP/%pfwf print a firmware node's name/path and dev_name a device's: one word each here (a
 * dev_name with a space, as `Fixed MDIO bus.0`, is not read). `wait for` names a node and has no
 * ` not ready`; `supplier %s` always has it: a line of the one with the other's end is no kernel's.
 */
import { undecorated } from './dyndbg.js';

export interface SupplierWords { form: 'dbg' | 'err_probe' | 'bare'; wait: boolean; name: string }

const WORDS = /^(probe deferral - |error (?:-EPROBE_DEFER|-517): )?(?:wait for supplier (\S+)|supplier (\S+) not ready)$/;

/** The words after `dev: ` (or a pending reason's after `driver: `) as the kernel prints them, or undefined. */
export function supplierWords(words: string): SupplierWords | undefined {
  const m = WORDS.exec(words);
  if (!m) return undefined;
  const form = m[1] === undefined ? 'bare' : m[1] === 'probe deferral - ' ? 'dbg' : 'err_probe';
  return { form, wait: m[2] !== undefined, name: (m[2] ?? m[3])! };
}

/** The words as said in reports: without the dbg or err_probe prefix. */
export const supplierSaid = (w: SupplierWords) => (w.wait ? `wait for supplier ${w.name}` : `supplier ${w.name} not ready`);

/**
 * A log line `driver dev: words` of that deferral (dbg or err_probe; behind dyndbg's decorations,
 * as dev_dbg prints them where +t/+m/+f/+l are on), or undefined. `first` is dev_driver_string.
 */
export function supplierLine(text: string): { first: string; dev: string; words: string; w: SupplierWords } | undefined {
  for (const t of [undecorated(text)?.text, text]) {
    const r = t === undefined ? null : /^(\S*) (\S+): (.*)$/.exec(t), w = r ? supplierWords(r[3]!) : undefined;
    if (r && w && w.form !== 'bare') return { first: r[1]!, dev: r[2]!, words: r[3]!, w };
  }
  return undefined;
}

/** A pending line's reason `driver: words` (`%s: %pV`, the bare words), or undefined. */
export function supplierReason(reason: string): { first: string; words: string; w: SupplierWords } | undefined {
  const r = /^(\S*): (.*)$/.exec(reason), w = r ? supplierWords(r[2]!) : undefined;
  return r && w?.form === 'bare' ? { first: r[1]!, words: r[2]!, w } : undefined;
}

/**
 * Words that begin as device_links_check_suppliers' do (`supplier X`, `wait for supplier N`, after
 * either prefix or none) in a form not read above: a bare line on a device's line, a prefixed
 * pending reason, one form with the other's end, a name of more than one word. Said where not read
 * (s48 h5: a bare `supplier X not ready` line was dropped with no word, where it had been read).
 */
const LIKE = /^(?:probe deferral - |error [-\w]+: )?(?:wait for )?supplier \S/;

/** A log line (or, with `reason`, a pending line's reason) that reads as that deferral and is not read. */
export function supplierLookalike(text: string, reason = false): boolean {
  if (reason) { const r = /^(\S*): (.*)$/.exec(text); return !!r && LIKE.test(r[2]!) && !supplierReason(text); }
  if (supplierLine(text)) return false;
  return [undecorated(text)?.text, text].some((t) => { const r = t === undefined ? null : /^(\S*) (\S+): (.*)$/.exec(t); return !!r && LIKE.test(r[3]!); });
}
