/**
 * The README and docs/ name some commands inline, in prose, where examples.test.ts (shell blocks only) does
 * not see them. The quick ones with concrete arguments (`source`, `profiles`, `steps --profile P --function F`; no placeholder
 * such as FUNCTION or P; `source` alone is the command's name) are run here and must exit 0: a
 * new user copies them as they stand.
 * `probecheck source do_init_module --profile v3.5` (s39) must show v3.5's own name for it: v3.6.0's
 * kernel/module.c has no do_init_module, its init runs in the init_module syscall.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROPERTY_NAMES } from '../../src/kernel/properties.js';
import { ROOT, hasStack, probecheck } from './run.js';

// docs/findings.md is history: the commands it names are those of their day.
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md') && f !== 'findings.md').map((f) => `docs/${f}`)];
const text = DOCS.map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
// `steps` with a profile and a function too (s45 h15: patches.md's and the README's were run by no
// test; about 1.5 s each), not `steps --patch` alone (a flag's name in prose).
const inline = [...new Set([...text.matchAll(/`((?:npx )?probecheck (?:source|profiles|steps --profile [a-z0-9.]+ --function)(?: [a-z0-9_.\-]+)*)`/g)].map((m) => m[1]!.replace(/^npx /, '')))]
  .filter((c) => c !== 'probecheck source' && !/ --function$/.test(c));   // the command's name in prose, not a command line

describe("the inline source and profiles commands of the README and docs/", () => {
  it('are found, the v3.5 do_init_module one among them', () => {
    expect(inline).toContain('probecheck source do_init_module --profile v3.5');
    expect(inline).toContain('probecheck steps --profile v5.9 --function __driver_attach');
    expect(inline.length).toBeGreaterThan(3);
  });

  it.each(inline.map((c) => [c]))('%s exits 0', (c) => {
    const r = probecheck(c.split(' ').slice(1));
    expect(hasStack(r.stdout + r.stderr)).toBe(false);
    expect(r.status, r.stderr).toBe(0);
    if (c === 'probecheck source do_init_module --profile v3.5') {
      const [head] = r.stdout.split('\n');
      expect(head).toMatch(/^kernel\/module\.c:init_module at v3\.6\.0 .*this release's name for do_init_module/);
      // The README: the syscall always calls async_synchronize_full after MODULE_STATE_LIVE.
      const live = r.stdout.indexOf('mod->state = MODULE_STATE_LIVE;'), sync = r.stdout.indexOf('async_synchronize_full();');
      expect(live).toBeGreaterThan(0);
      expect(sync).toBeGreaterThan(live);
    }
  });
});

// s39's merges of parallel README edits left no-missed-probe's row three times, blank lines between
// them: the table ended at the first, and the other two rendered as loose text with a stale limit.
describe("docs/scenarios.md's Properties table", () => {
  it('has one row per library property and no blank line inside', () => {
    const text = readFileSync(join(ROOT, 'docs/scenarios.md'), 'utf8');
    const table = /\n### Properties\n\n(\| name \|[\s\S]*?)\n(?!\|)/.exec(text)![1]!;
    const names = table.split('\n').slice(2).map((l) => l.split('|')[1]!.trim());
    for (const n of PROPERTY_NAMES) expect(names.filter((x) => x === n), n).toHaveLength(1);
    const after = text.slice(text.indexOf(table) + table.length).split('\n').slice(0, 4);
    expect(after.filter((l) => l.startsWith('| ')), 'rows after a blank line').toEqual([]);
  });
});
