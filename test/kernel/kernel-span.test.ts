/**
 * scripts/import-kernel.ts's `.span` form (s48 h10), held by its merge (scripts/kernel-span.ts): dakr's
 * dd.c excerpt gained deferred_probe_extend_timeout from lines 301-372 of the file, a span whose two
 * other functions the excerpt already had. The merge makes the committed excerpt from the one before
 * it, and refuses a span that disagrees with it (a changed character, a wrong first line). s48 h16.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeSpan } from '../../scripts/kernel-span.js';
import { MODELLED } from '../../src/kernel/source.js';

const REL = 'dakr@1ac45118ddf8', PATH = 'drivers/base/dd.c';
const now = readFileSync(new URL(`../../kernel/${REL}/${PATH}`, import.meta.url), 'utf8');
const block = (fn: string) => now.split(/^(?=\/\/@ )/m).find((b) => b.startsWith(`//@ ${fn} `))!.replace(/\n+$/, '');
const body = (fn: string) => block(fn).split('\n').slice(1);
const added = now.split('\n').find((l) => l.startsWith('// added from lines 301-372: deferred_probe_extend_timeout: '))!;
const note = added.slice('// added from lines 301-372: deferred_probe_extend_timeout: '.length);
// The excerpt before the span: without the function and the header line the span added.
const before = now.replace(`${added}\n`, '').replace(`\n${block('deferred_probe_extend_timeout')}\n`, '');
// Lines 301-372: the three functions as the excerpt has them, the lines between them filler (no function starts there).
const span = [...body('deferred_probe_timeout_work_func'), '/* 318 */', '', ...body('deferred_probe_extend_timeout'),
  '', ...Array.from({ length: 7 }, (_, i) => ` * ${334 + i}`), ...body('deferred_probe_initcall'), 'late_initcall(deferred_probe_initcall);'];
const merge = (lines: readonly string[], first = 301, old = before) => mergeSpan({ release: REL, path: PATH, lines, first, old, want: MODELLED[PATH]!, src: { note } });

describe("import-kernel's .span", () => {
  it('makes the committed excerpt from the one before it, and adds nothing a second time', () => {
    expect(span).toHaveLength(72);
    const m = merge(span);
    expect(m.added).toEqual(['deferred_probe_extend_timeout']);
    expect(m.text).toBe(now);
    expect(merge(span, 301, now)).toEqual({ text: now, added: [], same: ['deferred_probe_timeout_work_func', 'deferred_probe_initcall', 'deferred_probe_extend_timeout'] });
  });
  it('refuses a span whose function the excerpt has differs by one character, or sits a line off', () => {
    const changed = span.map((l) => l.replace('initcalls_done = true;', 'initcalls_done = false;'));
    expect(() => merge(changed)).toThrow(`${REL} ${PATH}: the span's deferred_probe_initcall differs from kernel/${REL}/${PATH}'s (not written)`);
    expect(() => merge(span, 302)).toThrow("the span's deferred_probe_timeout_work_func differs");
  });
});
