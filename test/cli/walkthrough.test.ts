/**
 * docs/patches.md's "Validating a proposed patch from your own folder", run as written: its ts blocks
 * are written (by the file name on their first line) into an empty temporary folder with no
 * node_modules, and each `$ ` line of its console blocks runs there; the lines after it are the
 * output (`...` skips lines, a line ending in `...` is a prefix), with `~/review` for the folder.
 */
import { readFileSync, realpathSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocks, consoleCommands, docSection, outputMatches } from './doc-blocks.js';
import { hasStack, probecheck, tempDir } from './run.js';

const blocks = codeBlocks(docSection('docs/patches.md', '## Validating a proposed patch from your own folder').section);
const commands = () => consoleCommands(blocks);
const matches = (output: string[], expected: string[]) => outputMatches(output, expected, false);

describe('the patch-review walkthrough, from an empty folder', () => {
  const dir = realpathSync(tempDir());
  for (const b of blocks.filter((x) => x.lang === 'ts')) {
    const name = /^\/\/ (\S+\.ts)\n/.exec(b.text)![1]!;
    writeFileSync(join(dir, name), b.text);
  }

  it('has its files and commands, and the folder holds nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual(['adds.ts', 'fix.ts', 'handover.ts', 'link-late.ts', 'mmc.ts', 'ovr-lock.ts', 'typo.ts']);
    expect(commands().length).toBeGreaterThanOrEqual(3);
  });

  it.each(commands().map((c) => [c.args.join(' '), c] as const))('probecheck %s', (_n, c) => {
    const r = probecheck(c.args, { cwd: dir });
    const text = (r.stdout + r.stderr).split(dir).join('~/review');
    expect(hasStack(text)).toBe(false);
    expect(r.status, text).toBe(c.exit);
    expect(matches(text.replace(/\n$/, '').split('\n'), c.expected), `expected:\n${c.expected.join('\n')}\ngot:\n${text}`).toBe(true);
  });

  // The bus-list example (s48 h2): its hunks load and move the link: bus_add_device's step writes
  // busRank no more, device_pm_add's does. About 1 s (300 states).
  it("the bus-list example's steps move where device_add links the device", () => {
    const r = probecheck(['steps', '--patch', 'link-late.ts', '--function', 'device_add', '--max-states', '300'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const writes = (step: string) => r.stdout.split('\n\n').find((b) => b.startsWith(`${step}\n`))!.split('\n').find((l) => l.startsWith('  writes:'))!;
    expect(writes('device_add:bus_add_device')).not.toMatch(/busRank|onBus/);
    expect(writes('device_add:device_pm_add')).toMatch(/dev\[\]\.busRank, dev\[\]\.onBus/);
  });

  // The Patch API's lock example (cb3d1049f4ea's driver_override.lock): `steps` lists the lock it
  // declares under locks, as a device's mutex (s47 h1). About 1 s (300 states).
  // Its waits are the spinlock's, strongly fair, said so (s47 h8: the store's `fair:` line spoke of the device mutex's
  // handoff, which it no longer waits for, and the match's wait was weakly fair).
  it("the lock example's steps take and release the lock it declares, and wait for it as for a spinlock", () => {
    const r = probecheck(['steps', '--profile', 'v6.12', '--patch', 'ovr-lock.ts', '--max-states', '300'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const at = (step: string, key: string) => r.stdout.split('\n\n').find((b) => b.startsWith(`${step}\n`))!.split('\n').filter((l) => l.startsWith(`  ${key}`)).map((l) => l.slice(9));
    expect([at('__driver_attach:driver_match_device', 'locks:'), at('__driver_attach:strcmp', 'locks:')]).toEqual([['takes dev[].driver_override_lock'], ['releases dev[].driver_override_lock']]);
    const fifo = ["strongly (it waits for a spinlock your patch declares: the kernel's spinlocks are FIFO, ticket or queued)"];
    expect([at('driver_override_store:kfree_old', 'fair:'), at('__driver_attach:driver_match_device', 'fair:'), at('__driver_attach:strcmp', 'fair:')]).toEqual([fifo, fifo, []]);
    // A `strong: true` the user writes is the reason said (s47 h13: the store so marked was said strong by the device
    // mutex's MUTEX_HANDOFF, a spinlock's wait). One more `steps` run of 300 states.
    const said = join(dir, 'said-strong.ts');
    const text = readFileSync(join(dir, 'ovr-lock.ts'), 'utf8'), marked = text.replace('await: lock.free, waits: lock.waits,', 'strong: true, await: lock.free, waits: lock.waits,');
    expect(marked).not.toBe(text);
    writeFileSync(said, marked);
    try {
      const r2 = probecheck(['steps', '--profile', 'v6.12', '--patch', 'said-strong.ts', '--max-states', '300'], { cwd: dir });
      expect(r2.status, r2.stderr).toBe(0);
      const at2 = (step: string) => r2.stdout.split('\n\n').find((b) => b.startsWith(`${step}\n`))!.split('\n').filter((l) => l.startsWith('  fair:')).map((l) => l.slice(9));
      expect([at2('driver_override_store:kfree_old'), at2('__driver_attach:driver_match_device')]).toEqual([["strongly (your patch's step says strong: true)"], fifo]);
    } finally { rmSync(said) }
  });

  it('the user patch fires every step it names, and agrees with the library, which carries the merged fix from v5.19', () => {
    const mine = JSON.parse(probecheck(['check', 'mmc.ts', '--patch', 'fix.ts', '--property-file', 'handover.ts', '--json'], { cwd: dir }).stdout);
    expect(mine.patchNotes).toEqual([]);
    const lib = JSON.parse(probecheck(['check', 'mmc.ts', '--param', 'profile=v5.19', '--property-file', 'handover.ts', '--json'], { cwd: dir }).stdout);
    const v = (r: { properties: { name: string; verdict: string }[] }) => Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
    expect(v(mine)).toEqual({ 'async-handover': 'violated', 'single-binding': 'holds', 'no-deadlock': 'holds', 'handover-kept': 'holds' });
    expect(v(lib)).toEqual(v(mine));
  });
});
