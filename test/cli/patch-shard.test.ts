/**
 * `check --patch FILE --shard i/n` on a scenario that names no properties (a review, 2026-12-06):
 * check's run of the model without the patch, which it compares the patch's steps with, was a
 * shard of the library's properties, whose liveness ones refused it (E501 "liveness properties
 * ... are decided on the whole state graph"), even with --property naming others. A part of a
 * split search notes nothing of the patch (README), so that run is not made for it; --shard 1/1
 * is the whole search, and its run without the patch is one too.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { constantReads, joinReads } from '../../src/engine/patch-reads.js';
import { mergeReached } from '../../src/engine/check.js';
import { probecheck } from './run.js';
import { oneErrorLine, userFolder } from './user-folder.js';

describe('a shard of a check with a patch of your own', () => {
  let dir = '';
  it('runs, and its parts merge to the whole search\'s verdict', () => {
    dir = userFolder();
    writeFileSync(join(dir, 's.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'x', profile: 'v5.9', devices: { a: { present: true } },
  drivers: { d: { matches: ['a'], module: 'm' } }, actors: { t: 'modprobe m' } });
`);
    writeFileSync(join(dir, 'fix.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'same', subject: 'the same step', base: 'v5.9',
  hunks: [{ fn: '__driver_attach', replace: 'driver_match_device', step: (site, orig) => ({ ...orig!, await: (s) => s.dev[site.dev]!.mutex === 0 }) }] });
`);
    const args = ['check', 's.ts', '--patch', 'fix.ts', '--property', 'single-binding', '-q'];
    const whole = probecheck(args, { cwd: dir });
    for (const i of [1, 2]) {
      const r = probecheck([...args, '--shard', `${i}/2`, '--json-out', `p${i}.json`], { cwd: dir });
      expect(r.stderr).not.toMatch(/E501/);
      expect(r.status, r.stderr).toBe(0);
    }
    const m = probecheck(['merge', 'p1.json', 'p2.json', '-q'], { cwd: dir });
    expect(m.status, m.stderr).toBe(whole.status);
    const one = probecheck([...args, '--shard', '1/1'], { cwd: dir });
    expect(one.status, one.stderr).toBe(whole.status);
    // Its patch notes are the whole search's, the wait that read one value too (s50 h3: it had none).
    expect(one.stdout).toContain('note: patch same: its waits read dev[a].mutex (none), each the same value at every read');
  });

  // s50 h3: merge said no 'one value' note (a shard recorded no reads), and nothing of the
  // `unreachable` ones it cannot say. Each shard now records its part's reads (patchReads); merge
  // says the note where the joined reads give it, and one line for what only the unsharded run says.
  // (About 1 s: the shards above, four merges.)
  it("merge says a wait's one value as the whole search does, only where every part read that value, and says what it cannot", () => {
    const notes = (args: string[]) => JSON.parse(probecheck(args, { cwd: dir }).stdout).patchNotes as { note: string; text: string }[];
    const one = (ns: { note: string; text: string }[]) => ns.filter((n) => n.note === 'one value').map((n) => n.text);
    const whole = one(notes(['check', 's.ts', '--patch', 'fix.ts', '--property', 'single-binding', '--json']));
    expect(whole).toEqual(['patch same: its waits read dev[a].mutex (none), each the same value at every read in this search: a wait on it never blocked, or always did']);
    const merged = notes(['merge', 'p1.json', 'p2.json', '--json']);
    expect(one(merged)).toEqual(whole);
    expect(merged.find((n) => n.note === 'not recorded')?.text).toBe("patch steps not compared with the model without the patch: the shards do not search it, so the steps that fire without the patch and never with it are not said here; the unsharded run says them (`probecheck check s.ts --param profile=v5.9 --patch fix.ts`, with the shards' other options)");
    // A note, not a warning: nothing was found wrong, and every merge of a patch's shards says it.
    expect(probecheck(['merge', 'p1.json', 'p2.json'], { cwd: dir }).stdout).toMatch(/^note: patch steps not compared with the model without the patch: the shards do not search it/m);
    // Two parts that read the field differently: read two ways in the whole search, no note.
    const p2 = JSON.parse(readFileSync(join(dir, 'p2.json'), 'utf8'));
    const edit = (f: (r: { patchReads?: unknown[] | null; patchHunks?: unknown }) => void) => { const c = structuredClone(p2); f(c.runs[0]); writeFileSync(join(dir, 'e2.json'), JSON.stringify(c)); };
    edit((r) => { (r.patchReads as { value: unknown }[])[0]!.value = 't'; });
    expect(one(notes(['merge', 'p1.json', 'e2.json', '--json']))).toEqual([]);
    // A part that did not record its reads (an older probecheck's): said, no note.
    edit((r) => { delete r.patchReads; });
    const m = probecheck(['merge', 'p1.json', 'e2.json', '-q'], { cwd: dir });
    expect(m.stdout).not.toMatch(/same value at every read/);
    expect(m.stdout.replace(/\n\s+/g, ' ')).toContain("note: patch same: whether its waits read one value in the whole search is not said: shard 2/2 does not record its part's reads (written by an older probecheck?); run the shards again with this one");
    // A whole part that says it logged no read (null) beside one that did: no real shard writes that (null is a
    // reduced search's, then every part's, or a stopped one's; a shard runs on one thread whatever --workers says),
    // and the note went unsaid with no line why (s50 h17): refused, naming the file.
    edit((r) => { r.patchReads = null; });
    oneErrorLine(dir, ['merge', 'p1.json', 'e2.json'], /^probecheck: E504 .*e2\.json: shard 2\/2 of x .* records no patch reads \(patchReads null\), shard 1\/2 records its part's: .*was it edited\?$/);
    // Shards run with different --workers are one search: the note is said (s50 h7 read them as recording null).
    probecheck(['check', 's.ts', '--patch', 'fix.ts', '--property', 'single-binding', '-q', '--shard', '2/2', '--workers', '2', '--json-out', 'w2.json'], { cwd: dir });
    expect(one(notes(['merge', 'p1.json', 'w2.json', '--json']))).toEqual(whole);
    // A hand-edited record: one E504 line naming the entry, never an internal error (`[null]`), a note
    // on a patch the run does not have, or a record merge skips without a word (s50 h7).
    edit((r) => { r.patchReads = [null]; });
    oneErrorLine(dir, ['merge', 'p1.json', 'e2.json'], /^probecheck: E504 .*e2\.json: runs\[0\]\.patchReads\[0\]: expected \{ patch, path, value \} of a patch file of the run .*got null;/);
    edit((r) => { r.patchReads = [{ patch: 'other', path: 'dev[a].mutex', value: 'none' }]; });
    oneErrorLine(dir, ['merge', 'p1.json', 'e2.json'], /runs\[0\]\.patchReads\[0\]: .*got \{"patch":"other"/);
    // A read with its value edited out: a field read two ways in the join, the note dropped unsaid (s50 h15).
    edit((r) => { delete (r.patchReads as { value?: unknown }[])[0]!.value; });
    oneErrorLine(dir, ['merge', 'p1.json', 'e2.json'], /runs\[0\]\.patchReads\[0\]: .*value absent only where unread, got \{"patch":"same","path":"dev\[a\]\.mutex"\}/);
    edit((r) => { r.patchReads = 'x' as unknown as null; });
    oneErrorLine(dir, ['merge', 'p1.json', 'e2.json'], /runs\[0\]\.patchReads: expected a list of \{ patch, path, value \}, or null, got "x"/);
    // The command the note gives, as printed by a merge in another folder (a CI job's), of shards of a
    // patch in a folder with a space: one backticked span the wrapper keeps on one line, quoted,
    // runnable as printed, the unsharded run's verdicts (s50 h7: the wrapper cut it mid-path).
    mkdirSync(join(dir, 'my patches')); mkdirSync(join(dir, 'ci job'));
    writeFileSync(join(dir, 'my patches', 'fix.ts'), readFileSync(join(dir, 'fix.ts'), 'utf8'));
    const spaced = ['check', 's.ts', '--patch', 'my patches/fix.ts', '--property', 'single-binding', '-q'];
    for (const i of [1, 2]) probecheck([...spaced, '--shard', `${i}/2`, '--json-out', `ci job/s${i}.json`], { cwd: dir });
    const said = /`(probecheck check [^`]+)`/.exec(probecheck(['merge', 's1.json', 's2.json'], { cwd: join(dir, 'ci job') }).stdout)?.[1];
    expect(said).toBe(`probecheck check ${join(dir, 's.ts')} --param profile=v5.9 --patch '${join(dir, 'my patches', 'fix.ts')}'`);
    // The words a shell reads in it (bash, from the CI job's folder), run in-process: the command as
    // printed, without a Node start of its own (1-1.5 s of CPU; a shell's reading is what is in question).
    const words = spawnSync('bash', ['-c', `printf '%s\\0' ${said}`], { cwd: join(dir, 'ci job'), encoding: 'utf8' }).stdout.split('\0').slice(0, -1);
    expect(words).toEqual(['probecheck', 'check', join(dir, 's.ts'), '--param', 'profile=v5.9', '--patch', join(dir, 'my patches', 'fix.ts')]);
    const ran = probecheck(words.slice(1), { cwd: join(dir, 'ci job') });
    expect(ran.status, ran.stderr).toBe(probecheck(spaced, { cwd: dir }).status);
    expect(ran.stdout).toMatch(/single-binding +holds/);
    // A patch file given before a library patch in `--param patches=` keeps its place: patches apply
    // in order, and the command put the library one first, another model (s50 h7).
    for (const i of [1, 2]) probecheck(['check', 's.ts', '--param', 'patches=fix.ts,eed6e41813de', '--property', 'single-binding', '--shard', `${i}/2`, '--json-out', `o${i}.json`, '-q'], { cwd: dir });
    expect(/`(probecheck check [^`]+)`/.exec(probecheck(['merge', 'o1.json', 'o2.json'], { cwd: dir }).stdout)?.[1]).toBe('probecheck check s.ts --param profile=v5.9 --param patches=fix.ts,eed6e41813de');
    // s50 h9: a part's hunks edited by hand are E504 naming the field (its reads: s50 h7's checks
    // above): an empty patchHunks in the first part skipped the patch's credit (exit 0, no patch
    // line); another part's hunks were never compared (the first part's judged the merge).
    const refused = (f: (r: { patchReads?: unknown; patchHunks?: unknown }) => void, what: RegExp) => {
      edit(f);
      const e = probecheck(['merge', 'e2.json', 'p1.json', '-q'], { cwd: dir });
      expect([e.status, e.stderr.trim()]).toEqual([2, expect.stringMatching(what)]);
    };
    refused((r) => { r.patchHunks = []; }, /runs\[0\]\.patchHunks: expected a non-empty list/);
    refused((r) => { (r.patchHunks as { hunks: { replace: string }[] }[])[0]!.hunks[0]!.replace = 'bus_for_each_dev'; },
      /shard 1\/2 of x .* ran with patch hunks "same \(base v5\.9\): __driver_attach:driver_match_device", shard 2\/2 with "same \(base v5\.9\): __driver_attach:bus_for_each_dev": the shards must run the same search/);
    // Nor where one part is an older probecheck's and another did not log every read (s50 h10: a mutant saying the older one survived).
    const n1 = JSON.parse(readFileSync(join(dir, 'p1.json'), 'utf8'));
    n1.runs[0].patchReads = null;
    writeFileSync(join(dir, 'n1.json'), JSON.stringify(n1));
    edit((r) => { delete r.patchReads; });
    expect(notes(['merge', 'n1.json', 'e2.json', '--json']).map((n) => n.note)).toEqual(['not recorded']);
    // Shards a limit stopped: as the unsharded run says it (merge said nothing).
    const cut = ['check', 's.ts', '--patch', 'fix.ts', '--property', 'single-binding', '--max-states', '5', '--json'];
    const stopped = notes(cut).map((n) => n.text);
    for (const i of [1, 2]) probecheck([...cut, '--shard', `${i}/2`, '--json-out', `q${i}.json`], { cwd: dir });
    expect(notes(['merge', 'q1.json', 'q2.json', '--json']).map((n) => n.text)).toEqual(stopped);
    expect(stopped).toEqual(['patch steps not compared with the model without the patch: a search stopped early']);
  });

  // s50 h7: a part that only writes a field another part reads. e's probe waits on f where d is
  // bound and writes f where d is not: split at d's probe outcome, part 1 reads f and never writes
  // it, part 2 writes it and never reads it. The whole search says the patch writes f; the merge
  // said the note without it (each shard recorded `written` only beside a read). (About 0.5 s.)
  it("merge's one-value note says the patch's own write of the field where only another part wrote it", () => {
    const dir = userFolder();
    writeFileSync(join(dir, 's5.ts'), `import { scenario } from 'probecheck';
export default scenario({ name: 'w', profile: 'v5.9',
  devices: { a: { present: true }, b: { present: true }, c: { present: true }, d: { present: true }, e: { present: true } },
  drivers: { dr: { matches: ['a', 'b', 'c', 'd', 'e'], module: 'm', probe: ['ok', 'error'] } }, actors: { t: 'modprobe m' } });
`);
    writeFileSync(join(dir, 'wf.ts'), `import { definePatch } from 'probecheck';
export default definePatch({ id: 'wf', subject: 'reads f in one part, writes it in another', base: 'v5.9', state: { kernel: { f: 'bool' } },
  hunks: [{ fn: 'really_probe', replace: 'call_probe', step: (site, o) => site.dev !== 4 ? o! : ({ ...o!,
    await: (s) => s.dev[3]!.bound ? s.f === false : true,
    run: (s, t, b, c) => { if (!s.dev[3]!.bound) s.f = true; return o!.run(s, t, b, c); } }) }] });
`);
    const args = ['check', 's5.ts', '--patch', 'wf.ts', '--property', 'single-binding'];
    for (const i of [1, 2]) probecheck([...args, '--shard', `${i}/2`, '--json-out', `w${i}.json`, '-q'], { cwd: dir });
    // The unsharded run's note (check s5.ts --patch wf.ts), word for word.
    const said = 'patch wf: its waits read f (false), each the same value at every read in this search: a wait on it never blocked, or always did (its reads of dev[d].bound did change); your patch\'s own steps write f too: what that write does is not said here';
    const one = (out: string) => (JSON.parse(out).patchNotes as { note: string; text: string }[]).filter((n) => n.note === 'one value').map((n) => n.text);
    expect(one(probecheck(['merge', 'w1.json', 'w2.json', '--json'], { cwd: dir }).stdout)).toEqual([said]);
    // The split this test is about: part 1 read f and never wrote it, part 2 wrote it and never read it.
    const reads = [1, 2].map((i) => JSON.parse(readFileSync(join(dir, `w${i}.json`), 'utf8')).runs[0].patchReads.filter((r: { path: string }) => r.path === 'f'));
    expect(reads).toEqual([[{ patch: 'wf', path: 'f', value: false }], [{ patch: 'wf', path: 'f', written: true, unread: true }]]);
  });
});

// merge's join of the shards' reads, field by field (patch-reads.ts): mutants that dropped a part's
// `varied` where the first values agree, a later part's `written`, or kept a field another patch
// varied in a patch's `changed` were not killed by the shard runs above (s50 h10). Pure, a few ms.
describe("the shards' reads joined as one search's", () => {
  it('a field varied in one part is varied, though the parts\' first values agree; written in any part is written', () => {
    const a = [{ patch: 'p', path: 'x', value: 0 }, { patch: 'p', path: 'y', value: 1 }];
    const b = [{ patch: 'p', path: 'x', value: 0, varied: true as const }, { patch: 'p', path: 'y', value: 1, written: true as const }];
    expect(joinReads(a, b)).toEqual([{ patch: 'p', path: 'x', value: 0, varied: true }, { patch: 'p', path: 'y', value: 1, written: true }]);
  });
  it('a patch step reached in one part only where the search stood idle, and in another not, is reached', () => {
    expect(mergeReached([{ patch: 'p', step: 's', idle: true }], [{ patch: 'p', step: 's' }])).toEqual([{ patch: 'p', step: 's' }]);
  });
  it("a field read one way names only its own patch's fields read more ways", () => {
    expect(constantReads([{ patch: 'p', path: 'x', value: 0 }, { patch: 'q', path: 'z', value: 2, varied: true }, { patch: 'p', path: 'w', value: 1, varied: true }]))
      .toEqual([{ patch: 'p', path: 'x', value: 0, changed: ['w'] }]);
  });
});
