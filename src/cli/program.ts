/**
 * The probecheck command as a function: parse argv, run the command, return its exit status.
 * Every error is caught here: a ProbecheckError prints its one-line description, anything else is a bug in
 * probecheck and prints one line asking for a report. Neither ever prints a stack trace
 * (set PROBECHECK_DEBUG=1 to see one).
 */
import { oneLine, ProbecheckError, thrownMessage } from '../engine/errors.js';
import { strayErrorFile } from '../load.js';
import { parseArgv } from './args.js';
import { runCheck } from './check.js';
import { runDiff } from './diff.js';
import { EXIT, type ExitCode } from './exit.js';
import type { Io } from './io.js';
import { runReplay } from './replay.js';
import { loadProperties, setProperties } from './build.js';
import { runProfiles, runSource } from './profiles.js';
import { runSteps } from './steps.js';
import { runMerge } from './merge.js';
import { runValidate } from './validate.js';
import { runFromLog } from './from-log.js';

/**
 * The line an error thrown outside every call (a timer's, a promise no one awaited) prints before
 * the process ends with exit 2: Node's own report is a stack trace and exit 1, which reads as
 * "violated" (a bad-input hunt, 2026-12-06: a scenario file's stray `Promise.reject`).
 */
export function strayErrorLines(e: unknown): string[] {
  const msg = oneLine(thrownMessage(e));
  const file = strayErrorFile(e);
  if (file !== undefined) return [`probecheck: E105 (input file could not be loaded): ${file}: code it started as it loaded (a timer, or a promise no one awaits) threw: ${msg}`];
  return [`probecheck: internal error: ${msg}`, '  this is a bug in probecheck; please report it with the command line (PROBECHECK_DEBUG=1 shows the stack)'];
}

export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  try {
    setProperties([]);
    const inv = parseArgv(argv);
    if (inv.command === 'check' || inv.command === 'diff') setProperties(await loadProperties(inv.search.propertyFiles));
    // A trace of a property of your own replays on a model built with it (a CI hunt, 2026-12-05: E301).
    if (inv.command === 'replay') setProperties(await loadProperties(inv.propertyFiles));
    switch (inv.command) {
      case 'help': io.out(inv.text); return inv.exit;
      case 'check': return await runCheck(io, inv.targets, inv.params, inv.search, inv.output);
      case 'replay': return await runReplay(io, inv.trace, inv.property, inv.json, inv.model, inv.quiet);
      case 'diff': return await runDiff(io, inv.base, inv.patched, inv.baseParams, inv.patchedParams, inv.search, inv.json, inv.quiet, inv.allowVacuous, inv.fixes);
      case 'merge': return runMerge(io, inv.files, inv.output);
      case 'profiles': return runProfiles(io, inv.json, inv.names, inv.long);
      case 'source': return runSource(io, inv.fn, inv.profile, inv.json);
      case 'steps': return await runSteps(io, inv.profile, inv.fn, inv.json, inv.maxStates, inv.patches, inv.scenario, inv.params);
      case 'validate': return await runValidate(io, inv.file, inv.log, inv.params, inv.json, inv.maxStates, inv.excerpt);
      case 'from-log': return runFromLog(io, inv.log, inv.profile, inv.out);
    }
  } catch (e) {
    if (io.env.PROBECHECK_DEBUG) io.err(String((e as Error)?.stack ?? e));
    if (e instanceof ProbecheckError) { io.err(`probecheck: ${e.describe()}`); for (const l of e.detail ?? []) io.err(`  ${oneLine(l)}`); }
    else {
      io.err(`probecheck: internal error: ${e instanceof Error ? e.message : String(e)}`);
      io.err('  this is a bug in probecheck; please report it with the command line (PROBECHECK_DEBUG=1 shows the stack)');
    }
    return EXIT.usage;
  }
}
