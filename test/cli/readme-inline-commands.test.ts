/**
 * The README names some commands inline, in prose, where examples.test.ts (shell blocks only) does
 * not see them. The quick ones with concrete arguments (`source` and `profiles`, no placeholder
 * such as FUNCTION or P; `source` alone is the command's name) are run here and must exit 0: a
 * new user copies them as they stand.
 * `probecheck source do_init_module --profile v3.5` (s39) must show v3.5's own name for it: v3.6.0's
 * kernel/module.c has no do_init_module, its init runs in the init_module syscall.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, hasStack, probecheck } from './run.js';

const inline = [...new Set([...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/`((?:npx )?probecheck (?:source|profiles)(?: [a-z0-9_.\-]+)*)`/g)].map((m) => m[1]!.replace(/^npx /, '')))]
  .filter((c) => c !== 'probecheck source');   // the command's name in prose, not a command line

describe("the README's inline source and profiles commands", () => {
  it('are found, the v3.5 do_init_module one among them', () => {
    expect(inline).toContain('probecheck source do_init_module --profile v3.5');
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
