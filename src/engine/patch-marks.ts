import type { Compiled } from './compile.js';

/**
 * A property's explanation with each step a user's hunk made marked where it is named
 * (`modprobe waits at __driver_attach(smmu,qcom-tbu):driver_match_device (a step your patch ID
 * made) for &dev->mutex(smmu)`), in the words of the trace's `blocked at` line. s48 h13: a
 * deadlock's first line and a property's explanation named the patch's step as if it were the
 * kernel's, whose C (the step it replaced) has no such wait. Unchanged where no patch made a step.
 */
export function markPatchSteps(c: Compiled, text: string): string {
  const mine = new Map<string, string>();
  for (const { s } of c.steps) if (s.step.patch) mine.set(s.label, s.step.patch);
  if (!mine.size) return text;
  // Longest first, so a label that another one begins with (`f(a):x` in `f(a):x_y`) is not taken for it.
  const labels = [...mine.keys()].sort((a, b) => b.length - a.length).map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Once a label: a line that names the step again has said whose it is. A text that already says
  // it after the label (a user's explain that printed the mark itself) is left as it is, not told twice.
  const said = new Set<string>();
  const mark = (l: string) => ` (a step your patch ${mine.get(l)} made)`;
  return text.replace(new RegExp(`(?<![\\w#])(${labels.join('|')})(?![\\w#(])`, 'g'), (l: string, _g: string, at: number) => {
    if (text.startsWith(mark(l), at + l.length)) said.add(l);
    return said.has(l) ? l : (said.add(l), `${l}${mark(l)}`);
  });
}
