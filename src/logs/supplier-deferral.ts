/**
 * The first line that shows device_links_check_suppliers deferring a probe (its `supplier X not
 * ready` or `wait for supplier N`, as such or as a pending line's reason): a probe of that device
 * deferred before its driver's probe() ran, and no line names the driver. Said by from-log's E701
 * and validate's "nothing to check", not left as "0 driver-core lines read" (s46 h8: a zynqmp
 * boot's `platform i2c@0: error -EPROBE_DEFER: supplier 80010000.gpio not ready`, linuxdev.cc
 * 2023-12-10; a Raspberry Pi 5's pending lines, raspberrypi/linux#7440 2026-06-16; validate s46 h23).
 */
import { logBuses } from './formats.js';
import type { ParsedLog } from './parse.js';
import { supplierLine, supplierLookalike, supplierReason, supplierSaid, type SupplierWords } from './supplier-words.js';

/** Those lines in words (and the first that is a driver's own such line), parts joined by "; ": empty where there is none. */
export function supplierDeferral(log: ParsedLog): string {
  // The words are read by supplier-words.ts (the kernel's forms; bare only as a pending reason).
  // The first word is dev_driver_string: the bus while no driver is set, as in device_links_check_suppliers
  // (really_probe sets dev->driver after it, dd.c at torvalds@efb0b309fa0d:167-178), the driver's name
  // in that driver's own probe; the pending reason's first word too (`"%s: %pV"`, dev_driver_string).
  // s46 h12: `cdns-i2c i2c@0: error -EPROBE_DEFER: supplier X not ready`, a driver's own dev_err_probe,
  // was named the core's deferral that names no driver. `probe deferral - ` is core.c's words alone.
  const buses = logBuses(log.events);
  const read = (line: number, first: string, dev: string, w: SupplierWords, pending: boolean) =>
    ({ line, dev, says: supplierSaid(w), pending, core: w.form === 'dbg' || buses.has(first), first });
  const lines = [
    ...log.others.map((o) => { const m = supplierLine(o.text); return m ? read(o.line, m.first, m.dev, m.w, false) : undefined; }),
    ...log.events.filter((e) => e.rule.id === 'deferred_pending' && e.dev !== undefined && e.reason !== undefined).map((e) => { const m = supplierReason(e.reason!); return m ? read(e.line, m.first, e.dev!, m.w, true) : undefined; }),
  ].filter((x) => x !== undefined).sort((a, b) => a.line - b.line);
  const core = lines.filter((x) => x.core), own = lines.find((x) => !x.core);
  const f = core[0], more = core.length - 1;
  const parts: string[] = [];
  if (f !== undefined) parts.push(`${f.pending ? `line ${f.line}'s reason (${f.says}) is device_links_check_suppliers', set at the last deferral of ${f.dev}` : `line ${f.line} (${f.says}) is device_links_check_suppliers' deferral of ${f.dev}`}, in really_probe before the driver's probe() ran: it names no driver${more > 0 ? ` (${more} more such line${more === 1 ? '' : 's'})` : ''}`);
  if (own !== undefined) parts.push(`${own.pending ? `line ${own.line}'s reason` : `line ${own.line}`} (${own.says}) is no deferral of the core's: its first word, ${own.first}, is no bus known or in the log, so a driver's name, as a driver's own message in its probe prints it (device_links_check_suppliers runs before really_probe sets dev->driver): that driver's probe of ${own.dev} deferred, with no line of dd.c's`);
  const u = unreadSupplier(log);
  if (u) parts.push(describeUnreadSupplier(u));
  return parts.join('; ');
}

/** Lines (or pending reasons) that read as that deferral in a form supplier-words.ts does not read: how many, and the first. */
export function unreadSupplier(log: ParsedLog): { count: number; line: number; text: string } | undefined {
  const at = [
    ...log.others.filter((o) => supplierLookalike(o.text)).map((o) => ({ line: o.line, text: o.text })),
    ...log.events.filter((e) => e.rule.id === 'deferred_pending' && e.reason !== undefined && supplierLookalike(e.reason, true)).map((e) => ({ line: e.line, text: `deferred probe pending: ${e.reason!.trim()}` })),
  ].sort((a, b) => a.line - b.line);
  return at.length ? { count: at.length, ...at[0]! } : undefined;
}

/** Those lines in words: why none is read. */
export function describeUnreadSupplier(u: { count: number; line: number; text: string }): string {
  return `line ${u.line} ("${u.text}")${u.count > 1 ? ` and ${u.count - 1} more` : ''} ${u.count > 1 ? 'read' : 'reads'} as device_links_check_suppliers' deferral in no form read as it (the forms read: "supplier X not ready" or "wait for supplier N", X and N one word each, after dev_dbg's "probe deferral - " (v5.12 .. v5.14) or dev_err_probe's "error -EPROBE_DEFER: " or "error -517: " (from v5.15) on the device's line, and bare only as a v6.8+ "deferred probe pending: " reason: docs/boot-logs.md): no link is taken from ${u.count > 1 ? 'them' : 'it'}`;
}
