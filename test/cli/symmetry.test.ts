/** --symmetry is a search option of check; --check-symmetry is one too (shown since a note tells users of their own properties to run it). */
import { describe, expect, it } from 'vitest';
import { buildProgram, parseArgv } from '../../src/cli/args.js';

describe('symmetry flags', () => {
  it('parse into the search options', () => {
    expect(parseArgv(['check', 'm.ts', '--symmetry', '--check-symmetry'])).toMatchObject({ command: 'check', search: { symmetry: true, checkSymmetry: true } });
    expect(parseArgv(['check', 'm.ts'])).not.toHaveProperty('search.symmetry');
  });
  it('--help shows both', () => {
    const help = buildProgram(() => {}).commands.find((c) => c.name() === 'check')!.helpInformation();
    expect(help).toContain('--symmetry');
    expect(help).toContain('--check-symmetry');
  });
});
