/** The argument parser: typed invocations for good argv, E501 for bad, and fuzzed: nothing else. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProbecheckError } from '../../src/engine/errors.js';
import { parseArgv } from '../../src/cli/args.js';
import { probecheck } from './run.js';

describe('parseArgv', () => {
  it('check with params, properties and limits', () => {
    const inv = parseArgv(['check', 'm.ts', '--param', 'N=3', '--param', 'variant=v4.2', '--property', 'a', '--property', 'b', '--max-states', '10', '--time-limit', '1.5', '--memory-limit', '512', '--strategy', 'dfs', '--json']);
    expect(inv).toMatchObject({ command: 'check', targets: ['m.ts'], params: { N: '3', variant: 'v4.2' },
      search: { properties: ['a', 'b'], maxStates: 10, timeLimit: 1.5, maxMemoryMB: 512, strategy: 'dfs', backend: 'fast' }, output: { json: true, quiet: false } });
  });

  it('simulate is check with the random strategy', () => {
    expect(parseArgv(['simulate', 'm.ts', '--runs', '5', '--depth', '7', '--seed', '9'])).toMatchObject({ command: 'check', search: { strategy: 'random', runs: 5, walkDepth: 7, seed: 9 } });
  });

  it('diff merges --param into both sides, side params win', () => {
    expect(parseArgv(['diff', 'a.ts', '--param', 'profile=v5.1', '--patched-param', 'patches=654888327e9f'])).toMatchObject({
      command: 'diff', base: 'a.ts', patched: 'a.ts', baseParams: { profile: 'v5.1' }, patchedParams: { profile: 'v5.1', patches: '654888327e9f' } });
  });

  it.each([
    [['check', '--max-depth', '-1']], [['check', '--time-limit', '0']], [['check', '--seed', 'x']],
    [['replay']], [['diff']], [['check', '--param', '=3']], [['nope']], [['check', '--backend', 'slow']],
  ])('%j is E501', (argv) => {
    expect(() => parseArgv(argv)).toThrow(expect.objectContaining({ code: 'E501' }));
  });

  it('a misspelt option or command is one readable line with its suggestion (was a literal \\u000a)', () => {
    const msg = (argv: string[]) => { try { parseArgv(argv); } catch (e) { return (e as ProbecheckError).message; } return ''; };
    expect(msg(['check', 'x.ts', '--parm', 'profile=v4.2'])).toBe("unknown option '--parm' (did you mean --param?)");
    expect(msg(['chek'])).toBe("unknown command 'chek' (did you mean check?)");
    const r = probecheck(['check', 'x.ts', '--parm', 'profile=v4.2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("probecheck: E501 (bad command-line usage): unknown option '--parm' (did you mean --param?)\n");
  });

  it('an unknown command without a suggestion lists the commands; --profile on check or diff says it is a parameter (s44 h2)', () => {
    const msg = (argv: string[]) => { try { parseArgv(argv); } catch (e) { return (e as ProbecheckError).message; } return ''; };
    expect(msg(['frob'])).toBe("unknown command 'frob'; commands: check, simulate, replay, diff, merge, profiles, source, steps, validate, from-log (see probecheck --help)");
    expect(msg(['properties'])).toMatch(/^unknown command 'properties'; commands: check, .*from-log; the library's properties are listed in docs\/scenarios.md#properties /);
    expect(msg(['check', 'x.ts', '--profile', 'mainline'])).toBe("unknown option '--profile' (check takes the kernel profile as a parameter: --param profile=NAME)");
    expect(msg(['diff', 'x.ts', '--profile=v4.2'])).toBe("unknown option '--profile=v4.2' (diff takes the kernel profile as a parameter: --param profile=NAME)");
    expect(msg(['check', 'x.ts', '--profle'])).toBe("unknown option '--profle'");
    // Beside another unknown option, the one refused is that one: no profile hint (s44 h15).
    expect(msg(['check', 'x.ts', '--frob', '--profile', 'v4.2'])).toBe("unknown option '--frob'");
  });

  it('random argv gives an invocation or an E501, never another error', () => {
    const word = fc.oneof(
      fc.constantFrom('check', 'simulate', 'replay', 'diff', '--help', '-h', '--version', '--json', '--param', '--property', '--strategy', '--max-states',
        '--time-limit', '--seed', '--runs', '--depth', '--base-param', '--patched-param', '-q', '--mermaid', '--trace-out', 'N=3', '=', 'bfs', '-1', '0', '1e9', 'x.ts'),
      fc.string(),
    );
    fc.assert(fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
      try {
        const inv = parseArgv(argv);
        expect(['check', 'replay', 'diff', 'help']).toContain(inv.command);
      } catch (e) {
        expect(e).toBeInstanceOf(ProbecheckError);
        expect((e as ProbecheckError).code).toBe('E501');
      }
    }), { numRuns: 1000 });
  });
});
