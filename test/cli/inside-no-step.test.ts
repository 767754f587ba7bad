/**
 * A property of yours asking `inside('fn')` of a function no step of the model is labelled in: a
 * label names the innermost function only, so `inside('driver_unregister')` of the thread running
 * rmmod, and a misspelt name, are false in every state, and the property held without a word
 * (s46 h1). Each such name is said after the search, in check, --json, a suite, diff and from the
 * parallel search's workers; a name some step is in is not. One 88-state model, built per command.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probecheck } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';
import { unwrap } from './unwrap.js';
import { buildSource, check, fileSource } from '../built.js';

const dir = userFolder();
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

const insideProps = `
  defineProperty({ kind: 'invariant', name: 'in-unregister', check: (v) => (v.drv('a-drv').registered && v.thread('loader').inside('driver_unregister') ? 'in driver_unregister' : null) }),
  defineProperty({ kind: 'invariant', name: 'typo', check: (v) => (v.thread('loader').inside('driver_detatch') ? 'in detach' : null) }),
  defineProperty({ kind: 'invariant', name: 'callee', check: (v) => (v.thread('loader').inside('driver_bound') ? 'x' : null) }),
  defineProperty({ kind: 'invariant', name: 'real', check: (v) => (v.thread('loader').inside('driver_detach') && v.dev('a').bound ? 'detach while bound' : null) }),
  defineProperty({ kind: 'invariant', name: 'helper', check: (v) => (v.threads.some((t) => t.inside('async_run_entry_fn')) && !v.drv('a-drv').registered ? 'async entry after unregister' : null) }),
  defineProperty({ kind: 'invariant', name: 'premised', check: () => null, premise: { text: 'rmmod in driver_unregister', met: (v) => v.thread('loader').inside('driver_unregister') } }),`;
write('rm.ts', `import { scenario } from 'probecheck';
export default scenario({ name: 'rm', profile: 'mainline', devices: { a: { present: true } },
  drivers: { 'a-drv': { matches: ['a'], module: 'm', probeType: 'async' } }, actors: { loader: ['modprobe m', 'rmmod m'] } });
`);
write('props.ts', `import { defineProperty } from 'probecheck';\nexport default [${insideProps}\n];\n`);
// The same properties in the scenario's own list: the parallel search's workers build them too.
write('rm-own.ts', `import { defineProperty, scenario } from 'probecheck';
export default scenario({ name: 'rm-own', profile: 'mainline', devices: { a: { present: true } },
  drivers: { 'a-drv': { matches: ['a'], module: 'm', probeType: 'async' } }, actors: { loader: ['modprobe m', 'rmmod m'] },
  properties: [${insideProps}
  ] });
`);
// The thread is the actor's name, not the command's: an error naming the known ones, as today (E302).
write('nothread.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'nothread', check: (v) => (v.thread('rmmod').inside('driver_detach') ? 'x' : null) });
`);
// Not a name (a JavaScript property file, or a cast): E302, not false (the note on it was an internal error).
write('noarg.ts', `import { defineProperty } from 'probecheck';
export default defineProperty({ kind: 'invariant', name: 'noarg', check: (v) => ((v.thread('loader') as any).inside() ? 'x' : null) });
`);
write('rm.suite.ts', `import { defineSuite } from 'probecheck';
export default defineSuite({ name: 'rm', model: './rm.ts', cases: [
  { params: { profile: 'mainline', patches: '' }, expect: { typo: 'holds', real: 'violated' } },
] });
`);

const NOTE = /property '([\w-]+)': inside\('(\w+)'\) is false in every state: no step of this model is labelled in \2 \(a step's label names the innermost kernel function it is in, not its callers\); (.*)/;
const said = (notes: readonly string[]) => notes.flatMap((n) => { const m = NOTE.exec(n); return m ? [`${m[1]} ${m[2]}`] : []; });
const EXPECTED = ['callee driver_bound', 'in-unregister driver_unregister', 'premised driver_unregister', 'typo driver_detatch'];

describe("inside() of a function no step is in", () => {
  it('is said on each property that asked it, with the steps running it, the nearest name or the functions; verdicts unchanged', () => {
    const r = probecheck(['check', 'rm.ts', '--property-file', 'props.ts', '--json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { runs: { notes?: string[]; properties: { name: string; verdict: string }[] }[] };
    const run = doc.runs[0]!, notes = run.notes ?? [];
    expect(said(notes)).toEqual(EXPECTED);
    const hint = (p: string) => NOTE.exec(notes.find((n) => n.startsWith(`property '${p}'`))!)![3];
    expect(hint('typo')).toBe("did you mean 'driver_detach'?");
    expect(hint('callee')).toBe('steps that run driver_bound inside their own: really_probe(a,a-drv):driver_bound, really_probe(a,a-drv)#2:driver_bound');
    expect(hint('in-unregister')).toMatch(/^the functions its steps are in: .*\bbus_remove_driver, delete_module, .*driver_detach\b/);
    const verdict = (p: string) => run.properties.find((x) => x.name === p)!.verdict;
    // Holds with the note (the rest of a check was put to the test); a premise never met is vacuous, as before.
    expect([verdict('typo'), verdict('in-unregister'), verdict('callee'), verdict('real'), verdict('premised')]).toEqual(['holds', 'holds', 'holds', 'violated', 'vacuous']);
  });

  it('is said by a suite and by diff, where both sides have it and where the base alone has it', () => {
    const s = probecheck(['check', 'rm.suite.ts', '--property-file', 'props.ts', '-q'], { cwd: dir });
    expect(s.stdout).toContain('as expected');
    expect(unwrap(s.stdout)).toMatch(/note \[\d\]: property 'typo': inside\('driver_detatch'\) is false in every state/);
    // v3.5 has no async entry (no async_run_entry_fn step): said on the base alone, not dropped (s46 h7).
    const d = probecheck(['diff', 'rm.ts', '--base-param', 'profile=v3.5', '--property-file', 'props.ts', '--property', 'typo', '--property', 'real', '--property', 'helper'], { cwd: dir });
    const lines = unwrap(d.stdout).split('\n');
    expect(said(lines.filter((l) => l.startsWith('note: property ')))).toEqual(['typo driver_detatch']);
    expect(said(lines.filter((l) => l.startsWith('note: on the base: ')).map((l) => l.slice('note: on the base: '.length)))).toEqual(['helper async_run_entry_fn']);
  });

  it('a thread name the model does not have is E302 naming the known ones, not a note; so is inside() of no name', () => {
    oneErrorLine(dir, ['check', 'rm.ts', '--property-file', 'nothread.ts', '--property', 'nothread', '-q'], /^probecheck: E302 \(property threw\): property 'nothread' \(nothread\.ts\) threw: no thread 'rmmod'; known: loader, kworker\/u:async /);
    oneErrorLine(dir, ['check', 'rm.ts', '--property-file', 'noarg.ts', '--property', 'noarg', '-q'], /^probecheck: E302 \(property threw\): property 'noarg' \(noarg\.ts\) threw: inside\(fn\) takes the name of a kernel function, a string; got undefined$/);
  });

  it("is said where the parallel search's workers asked it", async () => {
    const source = fileSource(join(dir, 'rm-own.ts'), {}), model = await buildSource(source.args);
    const r = check(model, { exhaustive: true, workers: 2, source, parallelFrom: 0 });
    expect(r.workers).toBe(2);
    expect(said(r.notes ?? [])).toEqual(EXPECTED);
  }, 60_000);
});
