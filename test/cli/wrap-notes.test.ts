/**
 * Long prose lines of the text reports cut to a width (src/report/wrap.ts; s43 h5: `note [n]:`
 * lines of up to ~500 characters on one line were hard to read in a terminal or CI log), the
 * label on the first line so grep still finds each note; --json and the GitHub annotations keep
 * each note on one line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wrapProse } from '../../src/report/wrap.js';
import pc from 'picocolors';
import { probecheck, tempDir } from './run.js';
import { unwrap } from './unwrap.js';

const WORDS = 'this check depends on a flag the profile takes unread, which the kernel is not known to have or lack: taken to have it, and the verdict rests on it, so say it where it is read whole';

describe('wrapProse', () => {
  it('cuts at spaces to the width, each line after the first under the text after its label', () => {
    const line = `note [12]: ${WORDS}`;
    const out = wrapProse(line, 60);
    expect(out.length).toBeGreaterThan(2);
    expect(out[0]).toMatch(/^note \[12\]: this/);
    for (const l of out) expect(l.length).toBeLessThanOrEqual(60);
    for (const l of out.slice(1)) expect(l).toMatch(/^ {11}\S/);
    expect(out.map((l) => l.trim()).join(' ')).toBe(line);
    expect(unwrap(out.join('\n'), 60)).toBe(line);
  });

  it('leaves a short line alone; past a long label, or with none, indents four more than the line', () => {
    expect(wrapProse('note: short', 20)).toEqual(['note: short']);
    const out = wrapProse(`  mine cases[0] (profile=v4.2): warning: ${WORDS}`, 70);
    for (const l of out.slice(1)) expect(l).toMatch(/^ {6}\S/);
    expect(out.map((l) => l.trim()).join(' ')).toBe(`mine cases[0] (profile=v4.2): warning: ${WORDS}`);
  });

  it('a word longer than the width keeps a line of its own; a line coloured as a whole is coloured line by line', () => {
    const long = 'x'.repeat(30);
    expect(wrapProse(`note: a ${long} b`, 20)).toEqual(['note: a', `      ${long}`, '      b']);
    const y = pc.createColors(true);
    const out = wrapProse(y.yellow(`note: ${WORDS}`), 50);
    expect(out.length).toBeGreaterThan(1);
    for (const l of out) expect(l).toMatch(/^\x1b\[33m.*\x1b\[39m$/);
    expect(out.map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length).every((n) => n <= 50)).toBe(true);
  });
});

describe('the text reports wrap long notes; --json and the GitHub annotations do not', () => {
  const dir = tempDir();
  // A v4.18 scenario with a stateless link: its model note (LINKS_PURGE_AFTER_UNBIND, taken
  // unread) is some 400 characters.
  writeFileSync(join(dir, 'purge.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'purge', profile: 'v4.18', devices: { pmic: {}, mmc: {} },
  drivers: { 'pmic-drv': { matches: ['pmic'], present: true }, 'mmc-drv': { matches: ['mmc'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] } },
  actors: { boot: ['add pmic', 'add mmc', 'del mmc'] }, properties: ['no-deadlock'] });
`);
  writeFileSync(join(dir, 'purge.suite.ts'), `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'purge', model: './purge.ts', cases: [{ params: { profile: 'v4.18' }, expect: { 'no-deadlock': 'holds' } }] });
`);
  const note = (JSON.parse(probecheck(['check', 'purge.ts', '--json'], { cwd: dir }).stdout) as { runs: { notes: string[] }[] }).runs[0]!.notes[0]!;

  it('--json keeps the note whole, on one string', () => {
    expect(note.length).toBeGreaterThan(200);
    expect(note).not.toContain('\n');
  });

  it.each([
    ['a scenario', ['check', 'purge.ts'], 'note: '],
    ['a scenario, -q', ['check', 'purge.ts', '-q'], 'note: '],
    ['a suite', ['check', 'purge.suite.ts'], 'note [1]: '],
  ])('%s: the note is cut to 100 columns, its label first, and reads whole when joined', (_n, args, label) => {
    const r = probecheck(args, { cwd: dir });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf(lines.find((l) => l.startsWith(label))!);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at]!.length).toBeLessThanOrEqual(100);
    const rest = lines.slice(at + 1).filter((l) => l.startsWith(' '.repeat(label.length)) && l[label.length] !== ' ');
    expect(rest.length).toBeGreaterThan(1);
    for (const l of rest) expect(l.length).toBeLessThanOrEqual(100);
    expect(unwrap(r.stdout)).toContain(`${label}${note}`);
    expect(r.stdout).not.toContain(`${label}${note}`);
  });

  it('the GitHub annotation keeps the note on one line', () => {
    const r = probecheck(['check', 'purge.suite.ts'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    const notice = r.stdout.split('\n').find((l) => l.startsWith('::notice '));
    expect(notice).toBeDefined();
    expect(notice).toContain(note.slice(0, 120));
    expect(notice!.length).toBeGreaterThan(note.length);
  });
});
