/**
 * The progress line on stderr: only on a TTY, only once a search has run for a second (the
 * engine reports about once a second), rewritten in place and erased when the search ends.
 */
import type { Progress } from '../engine/search/types.js';

export class ProgressLine {
  private shown = false;
  constructor(private readonly out: NodeJS.WriteStream = process.stderr, private label = '') {}

  get enabled(): boolean { return Boolean(this.out.isTTY); }

  setLabel(label: string): void { this.label = label; }

  update(p: Progress): void {
    if (!this.enabled) return;
    const rate = p.seconds > 0 ? p.states / p.seconds : 0;
    // Most important first, so a narrow terminal cuts only the label's tail end.
    const line = `${p.seconds.toFixed(0)}s  ${p.states.toLocaleString('en-US')} states  ${formatRate(rate)}/s  depth ${p.depth}  queue ${p.queue.toLocaleString('en-US')}${this.label ? `  ${this.label}` : ''}`;
    const cols = this.out.columns || 100;
    this.out.write(`\r\x1b[2K${line.slice(0, cols - 1)}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.out.write('\r\x1b[2K');
    this.shown = false;
  }
}

export function formatRate(r: number): string {
  if (r >= 1e6) return `${(r / 1e6).toFixed(2)}M`;
  if (r >= 1e3) return `${(r / 1e3).toFixed(1)}k`;
  return r.toFixed(0);
}
