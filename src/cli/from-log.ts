/**
 * `probecheck from-log FILE [--profile P] [-o scenario.ts]`: a scenario from a kernel log
 * (src/logs/from-log.ts), printed or written to a file. E701 when the log has no driver-core line.
 */
import { basename } from 'node:path';
import { ProbecheckError, suggestion } from '../engine/errors.js';
import { PROFILE_NAMES } from '../kernel/profiles.js';
import { count, fromLog, scenarioSource } from '../logs/from-log.js';
import { describeCut, describePrefixed } from '../logs/parse.js';
import { EXIT, type ExitCode } from './exit.js';
import type { Io } from './io.js';
import { readLog } from './logfile.js';
import { checkOutputPath, writeOutput } from './output-paths.js';

export function runFromLog(io: Io, file: string, profile: string | undefined, out: string | undefined): ExitCode {
  if (profile !== undefined && !PROFILE_NAMES.includes(profile)) throw new ProbecheckError('E602', `unknown kernel profile '${profile}'${suggestion(profile, PROFILE_NAMES)}`);
  if (out !== undefined) checkOutputPath('-o', out);
  const log = readLog(file);
  const name = basename(file).replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-') || 'from-log';
  const r = fromLog(log, name, profile);
  if (log.events.length + log.unknown === 0) throw new ProbecheckError('E701', `${file}: the file is empty${log.lines ? ` (${count(log.lines, 'blank line')})` : ''}: no kernel log to read`);
  if (r.events === 0 || Object.keys(r.spec.drivers).length === 0) {
    throw new ProbecheckError('E701', `${file}: none of its ${count(log.lines, 'line')} shows a driver probing a device (${count(log.events.length, 'driver-core line')} read${log.wrapped ? `, ${log.wrapped.count} of them joined from wrapped lines` : ''}); ${log.prefixed
      ? `${describePrefixed(log.prefixed)}: take the prefix off, or capture the log with dmesg, journalctl -k or a serial console`
      : log.cut
      ? describeCut(log.cut)
      : 'boot with dyndbg="file drivers/base/dd.c +p; file drivers/base/bus.c +p; file drivers/base/core.c +p" initcall_debug'}`);
  }
  const text = scenarioSource(r, basename(file));
  if (out === undefined) { io.out(text); return EXIT.ok; }
  writeOutput('-o', out, text);
  io.err(`wrote ${out}: ${count(Object.keys(r.spec.devices).length, 'device')}, ${count(Object.keys(r.spec.drivers).length, 'driver')}, profile ${r.spec.profile}; run: probecheck check ${out}`);
  return EXIT.ok;
}
