/**
 * A bad-input hunt (2026-12-06, s38 h7): a user in a folder of their own breaks every input, and
 * each class it found is held here. Every bad input is one line on stderr, exit 2, no stack trace
 * (user-folder.ts's oneErrorLine); never Node's own report (exit 1, which reads as "violated").
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStack, probecheckProcess } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';

const SCENARIO = `import { scenario } from 'probecheck';
export default scenario({ name: 'x', profile: 'v5.9', devices: { a: { present: true } },
  drivers: { d: { matches: ['a'], module: 'm' } }, actors: { t: 'modprobe m' } });
`;

describe('bad input from a folder of your own', () => {
  // A file's timer or unawaited promise throws outside every call probecheck makes: Node printed
  // the stack (the file's compiled text as a data: URL, 10-17 lines) and exited 1.
  it('a stray rejection or timer throw of a loaded file is one E105 line naming it, exit 2', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 'rej.ts'), `Promise.reject(new Error('late'));\n${SCENARIO}`);
    writeFileSync(join(dir, 'timer.ts'), `setTimeout(() => { throw new Error('tick'); }, 0);\n${SCENARIO}`);
    writeFileSync(join(dir, 'ok.ts'), SCENARIO);
    writeFileSync(join(dir, 'prop.ts'), `import { defineProperty } from 'probecheck';
setTimeout(() => Promise.reject('no error object'), 0);
export default defineProperty({ kind: 'invariant', name: 'p', check: () => null });
`);
    for (const [args, file, msg] of [
      [['check', 'rej.ts', '-q'], 'rej.ts', 'late'],
      [['check', 'timer.ts', '-q', '--workers', '2'], 'timer.ts', 'tick'],
      [['check', 'ok.ts', '--property-file', 'prop.ts', '-q'], 'prop.ts or ok.ts', 'no error object'],
    ] as const) {
      const r = probecheckProcess(args, { cwd: dir });
      expect(r.status, r.stderr).toBe(2);
      expect(hasStack(r.stderr + r.stdout)).toBe(false);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(new RegExp(`^probecheck: E105 \\(input file could not be loaded\\): ${file}: code it started as it loaded .* threw: ${msg}$`));
    }
  });

  // `throw { code: 1 }` read "[object Object]"; a module not found listed tsx's internal URL.
  it('a thrown value that is not an Error is shown as JSON; a missing module names only the module', () => {
    const dir = userFolder();
    writeFileSync(join(dir, 'obj.ts'), 'throw { code: 1 };\n');
    writeFileSync(join(dir, 'undef.ts'), 'throw undefined;\n');
    writeFileSync(join(dir, 'mod.ts'), `import x from 'no-such-module-here';\nexport default x;\n`);
    oneErrorLine(dir, ['check', 'obj.ts'], /^probecheck: E105 .*obj\.ts: could not be loaded: a thrown object \{"code":1\}, not an Error$/);
    oneErrorLine(dir, ['check', 'undef.ts'], /^probecheck: E105 .*undef\.ts: could not be loaded: a thrown undefined, not an Error$/);
    oneErrorLine(dir, ['check', 'mod.ts'], /^probecheck: E105 .*mod\.ts: could not be loaded: Cannot find module 'no-such-module-here'$/);
    writeFileSync(join(dir, 'prop.ts'), `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'p', check: (v) => { if (v.devices.length) throw { why: 'x' }; return null; } });
`);
    writeFileSync(join(dir, 'ok.ts'), SCENARIO);
    oneErrorLine(dir, ['check', 'ok.ts', '--property-file', 'prop.ts', '-q'], /^probecheck: E302 .* threw: a thrown object \{"why":"x"\}, not an Error$/);
  });
});
