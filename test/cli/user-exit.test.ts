/**
 * A user file's process.exit() (a review of s38 h7's exit hook, 2026-12-06): after the verdict it
 * replaced the check's status (a violation printed, exit 0); from a property or a patch step it
 * ended the search's worker thread alone, read as "internal error: search worker exited with
 * status 0 ... a bug in probecheck". Each is now one line naming the file, exit 2. And a stdout
 * that cannot be written (a full disk) read as such an internal error too.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, hasStack, probecheck, probecheckProcess } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';

const SCENARIO = `import { scenario } from 'probecheck';
export default scenario({ name: 'x', profile: 'v5.9', devices: { a: { present: true } },
  drivers: { d: { matches: ['a'], module: 'm' } }, actors: { t: 'modprobe m' } });
`;

describe('a user file that calls process.exit()', () => {
  it('after the verdict (the process waited on it): exit 2 and one line, not its status', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 's.ts'), SCENARIO);
    // beforeExit: the event loop is empty, so probecheck has printed its verdict (violated, exit 1).
    writeFileSync(join(dir, 'late.ts'), `import { defineProperty } from 'probecheck';
process.once('beforeExit', () => process.exit(0));
export default defineProperty({ kind: 'invariant', name: 'never', check: () => 'always broken' });
`);
    const r = probecheckProcess(['check', 's.ts', '--property-file', 'late.ts', '--property', 'never', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/never +violated/);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim()).toMatch(/^probecheck: E105 .*late\.ts or s\.ts: called process\.exit\(0\) after the verdict \(exit 1\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(hasStack(r.stderr)).toBe(false);
  });

  it('from a property or a patch step: the property or step error naming it, not an internal error', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 's.ts'), SCENARIO);
    writeFileSync(join(dir, 'quit.ts'), `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'quits', check: () => process.exit(0) });
`);
    writeFileSync(join(dir, 'fix.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'quits', subject: 'quits', base: 'v5.9',
  hunks: [{ fn: '__driver_attach', replace: 'driver_match_device', step: (site, orig) => ({ ...orig!, run: () => process.exit(0) }) }] });
`);
    oneErrorLine(dir, ['check', 's.ts', '--property-file', 'quit.ts', '--property', 'quits', '-q'],
      /^probecheck: E302 \(property threw\): property 'quits' \(quit\.ts\) threw: it called process\.exit\(0\): a model, patch or property file must not end the process$/);
    const r = probecheck(['check', 's.ts', '--patch', 'fix.ts', '--property', 'single-binding', '-q'], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^probecheck: E203 \(step threw\): in step '__driver_attach\(a,d\):driver_match_device' .*: it called process\.exit\(0\)/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  // A setInterval kept the process alive after the verdict, for ever.
  it('a timer that never ends does not hold the process past the verdict: its status is the check\'s', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 's.ts'), SCENARIO);
    writeFileSync(join(dir, 'tick.ts'), `import { defineProperty } from 'probecheck';
setInterval(() => {}, 1000);
export default defineProperty({ kind: 'invariant', name: 'never', check: () => 'always broken' });
`);
    const r = probecheckProcess(['check', 's.ts', '--property-file', 'tick.ts', '--property', 'never', '-q'], { cwd: dir });
    expect(r.stdout).toMatch(/never +violated/);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toBe('');
  });

  // (Not a user file's doing, but the same handler: a stream error that is not EPIPE was thrown.)
  it.runIf(existsSync('/dev/full'))('a stdout that cannot be written is one E501 line, not an internal error', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 's.ts'), SCENARIO);
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, 'check', 's.ts', '--property', 'single-binding', '-q'], { cwd: dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim()).toBe('probecheck: E501 (bad command-line usage): stdout: cannot write: ENOSPC');
    } finally { closeSync(full); }
  });
});
