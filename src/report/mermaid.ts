/**
 * A counterexample as a Mermaid sequenceDiagram: one participant per thread, the "state" as a
 * participant that receives each step's changes, so a rendered diagram reads top to bottom
 * like the text trace. Names are quoted through aliases so any thread name is valid Mermaid.
 */
import type { PropertyResult, Result } from '../engine/result.js';
import { byPatch, kernelFunction, loopNote, showParams } from './text.js';

/** Mermaid text cannot hold some characters raw; its entity codes (#35;) are safe anywhere. */
function safe(s: string): string {
  return s.replace(/[#;<>"`:\n\r]/g, (c) => `#${c.charCodeAt(0)};`);
}

export function mermaidDiagram(r: Pick<Result, 'model' | 'params'>, p: PropertyResult): string {
  const t = p.trace;
  if (!t) return '';
  const threads: string[] = [];
  for (const s of t.steps) if (!threads.includes(s.thread)) threads.push(s.thread);
  const id = (th: string) => `T${threads.indexOf(th)}`;
  const lines = ['sequenceDiagram', `  title ${safe(`${r.model} ${showParams(r.params)}: ${p.name} violated`)}`];
  for (const th of threads) lines.push(`  participant ${id(th)} as ${safe(th)}`);
  lines.push('  participant state as state');
  for (const s of t.steps) {
    // A step a user's hunk made says so, as the text trace's row does (byPatch).
    const what = `${s.n}. ${kernelFunction(s.where)} [${s.label}${s.branchName ? ` ${s.branchName}` : ''}]${s.patch ? ` (${byPatch({ patch: s.patch })})` : ''}`;
    const ch = s.changes.map((c) => `${c.field}=${c.to}`).join(', ');
    lines.push(`  ${id(s.thread)}->>state: ${safe(ch ? `${what} ${ch}` : what)}`);
  }
  // Notes span the whole diagram: a loop may run in any of the threads (a new user's pass,
  // 2026-12-05: drawn over the first two while the kworker looped), and its lines break with <br/>.
  const over = threads.length ? `${id(threads[0]!)},state` : 'state';
  const note = (s: string) => s.split('\n').map((l) => safe(l.trim())).join('<br/>');
  // A lasso's loop is the counterexample: say which steps repeat, or that the run stays.
  if (t.loopFrom !== undefined) lines.push(`  Note over ${over}: ${note(loopNote(t))}`);
  if (p.explanation) lines.push(`  Note over ${over}: ${note(p.explanation)}`);
  return lines.join('\n');
}
