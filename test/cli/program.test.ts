/** The top-level catch of main(): ProbecheckErrors as one line, anything else as an internal error; exit 2. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';
import type { Io } from '../../src/cli/io.js';
import { plain } from '../../src/report/colors.js';

function fakeIo(out: (s: string) => void = () => {}) {
  const err: string[] = [];
  const io: Io = { out, err: (s) => { err.push(s); }, colors: plain, errColors: plain, width: 100, stderr: process.stderr, env: {} };
  return { io, err };
}

describe('main', () => {
  it('a usage error is one E501 line, exit 2', async () => {
    const { io, err } = fakeIo();
    expect(await main(['check', '--nope'], io)).toBe(2);
    expect(err).toEqual(["probecheck: E501 (bad command-line usage): unknown option '--nope'"]);
  });

  it('anything else is an internal error with a hint to report it, exit 2, no stack', async () => {
    const { io, err } = fakeIo(() => { throw new TypeError('cannot read properties of undefined'); });
    expect(await main(['--help'], io)).toBe(2);
    expect(err[0]).toBe('probecheck: internal error: cannot read properties of undefined');
    expect(err[1]).toMatch(/bug in probecheck; please report it/);
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('an unwritable output file is a usage error, not a crash', async () => {
    const { io, err } = fakeIo();
    expect(await main(['check', 'models/bench/probe-tree.ts', '--param', 'variant=v4.2', '--junit', '/nonexistent-dir/j.xml', '-q'], io)).toBe(2);
    expect(err.at(-1)).toBe('probecheck: E501 (bad command-line usage): --junit /nonexistent-dir/j.xml: cannot write: directory /nonexistent-dir does not exist');
  });
});
