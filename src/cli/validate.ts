/**
 * `probecheck validate SCENARIO --log FILE`: is the logged order of driver-core events a
 * behaviour of the model (src/logs/validate.ts)? Exit 0 it is (a run printing every checked
 * event is shown), 1 it is not (the first event no run can produce, what the model could print
 * there), 5 nothing in the log could be checked, 3 the state limit stopped the search. A log
 * whose "Linux version" line or "matched device" function says another kernel than the profile
 * gets a warning line (logs/release.ts), not another exit status.
 */
import { loadModel, loadPatchFiles } from '../load.js';
import { describeNul, describeQp, describeShort, describeCut, describeLastCut, describeUnordered, describeVariant, describePrefixed, describeReboot, describeWrapped } from '../logs/parse.js';
import { validate, type ValidateResult } from '../logs/validate.js';
import { BOOT_ORDER } from '../kernel/boot-order.js';
import { showParams } from '../report/text.js';
import { buildModel } from './build.js';
import { EXIT, type ExitCode } from './exit.js';
import type { Io } from './io.js';
import { readLog } from './logfile.js';

const lineOf = (r: ValidateResult, n: number) => r.checked.find((e) => e.line === n)?.text ?? '';

/** At most this many names in one group of the not-checked summary, and characters in it all (--json has every line). */
const NAMES = 6, SUMMARY = 400;

/** The lines not checked, by reason: the scenario's missing devices, drivers and modules each one group naming the first few. */
export function notCheckedSummary(r: ValidateResult): string {
  const groups: { n: number; text: string }[] = [];
  const missing = new Map<string, { lines: number; names: string[] }>();
  const other = new Map<string, number>();
  for (const u of r.unchecked) {
    if (!u.missing) { other.set(u.why, (other.get(u.why) ?? 0) + 1); continue; }
    const g = missing.get(u.missing.kind) ?? { lines: 0, names: [] };
    g.lines++;
    if (!g.names.includes(u.missing.name)) g.names.push(u.missing.name);
    missing.set(u.missing.kind, g);
  }
  for (const [kind, g] of missing) {
    const shown = g.names.slice(0, NAMES).join(', ') + (g.names.length > NAMES ? ` and ${g.names.length - NAMES} more` : '');
    groups.push({ n: g.lines, text: g.names.length === 1 ? `${kind} ${g.names[0]} is not in the scenario` : `${g.names.length} ${kind}s not in the scenario (${shown})` });
  }
  for (const [why, n] of other) groups.push({ n, text: why });
  const parts: string[] = [];
  let len = 0, rest = 0, restLines = 0;
  for (const g of groups) {
    const t = `${g.n}: ${g.text}`;
    if (parts.length && len + t.length > SUMMARY) { rest++; restLines += g.n; continue; }
    parts.push(t); len += t.length + 2;
  }
  if (rest) parts.push(`${restLines}: ${rest} other reason${rest === 1 ? '' : 's'} (--json lists each line)`);
  return parts.join('; ');
}

/** The devices and drivers the log names that the scenario lacks, counted, with the first few. */
function elsewhere(r: ValidateResult): string {
  return (['device', 'driver'] as const).flatMap((k) => {
    const names = [...new Set(r.unchecked.filter((u) => u.missing?.kind === k).map((u) => u.missing!.name))];
    return names.length ? [`${names.length} ${k}${names.length === 1 ? '' : 's'}: ${names.slice(0, NAMES).join(', ')}${names.length > NAMES ? ', ...' : ''}`] : [];
  }).join('; ');
}

/** The checked lines of drivers the scenario lacks (checked as their device's state only), in words: empty when none. */
function guardNote(r: ValidateResult): string {
  if (!r.guards.length) return '';
  const drivers = [...new Set(r.guards.map((g) => g.driver))];
  return ` (${r.guards.length} of them only as their device registered with no driver: ${drivers.length === 1 ? `driver ${drivers[0]} is` : `drivers ${drivers.slice(0, NAMES).join(', ')}${drivers.length > NAMES ? ', ...' : ''} are`} not in the scenario)`;
}

/**
 * The start order of the pending list the run took, where the scenario leaves it open (its first
 * steps choose it and print nothing): without this line a log that needs another order than the
 * declared one passed with no word of it. Left open for the caller's last words.
 */
function startOrderLine(o: NonNullable<ValidateResult['startOrder']>, run: string): string {
  const same = o.order.every((d, i) => d === o.declared[i]);
  return `${run} starts with the pending list in ${same ? `the declared order, ${o.order.join(', ')}` : `the order ${o.order.join(', ')}, not the declared ${o.declared.join(', ')}`} (its first steps, by '${BOOT_ORDER}', chose it`;
}

export function renderValidation(r: ValidateResult, logFile: string): string {
  const out: string[] = [];
  out.push(`validate ${r.model} (${showParams(r.params)}) against ${logFile}`);
  out.push(`  ${r.checked.length + r.unchecked.length} driver-core lines read: ${r.checked.length} checked${guardNote(r)}${r.unchecked.length ? `, ${r.unchecked.length} not checked (${notCheckedSummary(r)})` : ''}; ${r.unknownLines} other lines kept, not read`);
  for (const w of r.warnings) out.push(`  warning: ${w}`);
  if (r.nul) out.push(`  ${describeNul(r.nul)}`);
  if (r.qp) out.push(`  ${describeQp(r.qp)}`);
  if (r.verdict === 'nothing-to-check') {
    out.push(r.checked.length + r.unchecked.length + r.unknownLines === 0
      ? '  nothing to check: the log file is empty'
      : r.prefixed
      ? `  nothing to check: ${describePrefixed(r.prefixed)}; take the prefix off, or capture the log with dmesg, journalctl -k or a serial console`
      : r.unchecked.some((u) => u.missing && u.missing.kind !== 'module') && r.unchecked.every((u) => u.missing || (u.event.dev === undefined && u.event.drv === undefined))
      ? `  nothing to check: none of the devices and drivers the log names is in the scenario (${elsewhere(r)}): a log of another board or boot, or a scenario to extend`
      : r.cut
      ? `  nothing to check: ${describeCut(r.cut)}`
      : r.variant
      ? `  nothing to check: ${describeVariant(r.variant)}`
      : r.short
      ? `  nothing to check: ${describeShort(r.short)}`
      : r.supplier
      ? `  nothing to check: the log has no line the model prints; ${r.supplier}; boot with the dyndbg and initcall_debug of docs/boot-logs.md`
      : '  nothing to check: the log has no line the model prints (boot with the dyndbg and initcall_debug of docs/boot-logs.md)');
    if (r.variant && !out.at(-1)!.includes(describeVariant(r.variant))) out.push(`  not read: ${describeVariant(r.variant)}`);
    return out.join('\n');
  }
  if (r.wrapped) out.push(`  ${describeWrapped(r.wrapped)}`);
  if (r.reboot) out.push(`  ${describeReboot(r.reboot)}`);
  if (r.prefixed) out.push(`  not read: ${describePrefixed(r.prefixed)}`);
  if (r.cut) out.push(`  not read: ${describeCut(r.cut)}`);
  if (r.lastCut) out.push(`  ${describeLastCut(r.lastCut)}`);
  if (r.unordered) out.push(`  ${describeUnordered(r.unordered)}`);
  if (r.variant) out.push(`  not read: ${describeVariant(r.variant)}`);
  if (r.supplierUnread) out.push(`  not read: ${r.supplierUnread}`);
  if (r.short) out.push(`  ${describeShort(r.short)}`);
  if (r.verdict === 'behaviour') {
    out.push(`  the log IS a behaviour of the model: a run of ${r.run.length} steps prints all ${r.checked.length - r.guards.length} checked lines in order${r.guards.length ? `, the device of each of the ${r.guards.length} others registered with no driver at its place` : ''} (${r.states.toLocaleString('en-US')} states searched)`);
    if (r.startOrder) out.push(`  ${startOrderLine(r.startOrder, 'the run')}; the first run found: another order may print the log too)`);
  } else {
    const first = r.checked[r.matched]!;
    out.push(r.verdict === 'limit'
      ? `  search stopped at the state limit (${r.states.toLocaleString('en-US')} states) with ${r.matched} of ${r.checked.length} events matched`
      : `  the log is NOT a behaviour of the model: no run prints line ${first.line} ${r.matched === 0 ? 'as its first checked line' : `after the ${r.matched} checked line${r.matched === 1 ? '' : 's'} before it`}`);
    out.push(`    line ${first.line}: ${first.text}   (${first.rule.id})`);
    const g = r.guards.find((x) => x.event === first);
    if (g) out.push(`    driver ${g.driver} is not in the scenario: the line is checked only as ${first.dev} registered with no driver (the kernel prints it only so), which no run has here`);
    out.push(`  reachable just before it: ${r.statesBefore} state${r.statesBefore === 1 ? '' : 's'}, in which the devices, drivers and modules stand as${r.stateSummaries.length === 6 ? ' (the first 6 ways)' : ''}:`);
    for (const x of r.stateSummaries) out.push(`    ${x}`);
    if (r.couldPrintLines.length) {
      out.push('  from there the model could print instead, as the log would show it:');
      for (const l of r.couldPrintLines) out.push(`    ${l}`);
    } else out.push('  from there the model could print nothing the log records');
    if (r.startOrder) out.push(`  ${startOrderLine(r.startOrder, 'the longest matched run')}${r.verdict === 'not-a-behaviour' ? '; every order was searched' : ''})`);
    out.push(`  the longest matched run (${r.run.length} steps):`);
  }
  for (const s of r.run) {
    const logged = s.events.filter((e) => e.line !== undefined);
    if (!logged.length) continue;
    for (const e of logged) out.push(`    line ${String(e.line).padEnd(4)} step ${String(s.step).padEnd(4)} ${s.move.thread}: ${s.move.label}    ${lineOf(r, e.line!)}`);
  }
  out.push(`  (steps not listed print nothing the log records; ${r.run.length - r.run.filter((s) => s.events.some((e) => e.line !== undefined)).length} of them)`);
  return out.join('\n');
}

export function validationJson(r: ValidateResult, logFile: string): unknown {
  const ev = (e: ValidateResult['checked'][number]) => ({ line: e.line, rule: e.rule.id, text: e.text });
  return {
    log: logFile, model: r.model, params: r.params, verdict: r.verdict, matched: r.matched, checked: r.checked.length,
    firstUnmatched: r.verdict === 'not-a-behaviour' || r.verdict === 'limit' ? ev(r.checked[r.matched]!) : null,
    guards: r.guards.map((g) => ({ ...ev(g.event), driver: g.driver })),
    startOrder: r.startOrder ?? null, statesBefore: r.statesBefore, stateSummaries: r.stateSummaries, couldPrint: r.couldPrint, couldPrintLines: r.couldPrintLines, unchecked: r.unchecked.map((u) => ({ ...ev(u.event), why: u.why })), unknownLines: r.unknownLines, prefixed: r.prefixed ?? null, wrapped: r.wrapped ?? null, cut: r.cut ?? null, lastCut: r.lastCut ?? null, unordered: r.unordered ?? null, variant: r.variant ?? null, nul: r.nul ?? null, short: r.short ?? null, supplierDeferral: r.supplier ?? null, supplierUnread: r.supplierUnread ?? null, warnings: r.warnings,
    run: r.run.map((s) => ({ step: s.step, ...s.move, lines: s.events.flatMap((e) => (e.line !== undefined ? [e.line] : [])) })), states: r.states, seconds: r.seconds,
  };
}

export async function runValidate(io: Io, file: string, logFile: string, params: Record<string, string>, json: boolean, maxStates?: number, excerpt = false): Promise<ExitCode> {
  const log = readLog(logFile);
  const f = await loadModel(file);
  if (params.patches) await loadPatchFiles(params.patches);
  const model = buildModel(f, params, file);
  const r = validate(model, log, { excerpt, ...(maxStates !== undefined ? { maxStates } : {}) });
  // A log with no "Linux version" line whose first driver-core line is well after boot (or with no
  // timestamps: a mail's quote) may be a piece of one: the model starts at boot, so say what --excerpt does (a log hunt, 2026-12-05: a five-line
  // quote at 12.8 s, the late initcall's retries before it not in it, was NOT a behaviour with no word).
  const t0 = log.events.find((e) => e.time !== undefined)?.time;
  const hint = !excerpt && r.verdict === 'not-a-behaviour' && log.release === undefined && (t0 === undefined || t0 >= 1)
    ? `\n  the log has no "Linux version" line and ${t0 === undefined ? 'no timestamps' : `its first driver-core line is at ${t0} s`}: if it is a piece of a boot, \`--excerpt\` lets the run begin before its first line`
    : '';
  io.out(json ? JSON.stringify(validationJson(r, logFile), null, 2) : renderValidation(r, logFile) + hint);
  return r.verdict === 'behaviour' ? EXIT.ok : r.verdict === 'not-a-behaviour' ? EXIT.violated : r.verdict === 'limit' ? EXIT.limit : EXIT.vacuous;
}
