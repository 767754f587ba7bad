/**
 * Progress on stderr while a search runs. On a TTY: one line, rewritten in place about once a
 * second (the engine reports that often) and erased when the search ends. Elsewhere (CI logs):
 * nothing for the first 10 s of the run, then a plain line every 10 s, unless -q.
 */
import type { Progress } from '../engine/search/types.js';

/** A log line only once the run has gone on this long (ms), and then at most this often. */
export const LOG_AFTER_MS = 10_000;
export const LOG_EVERY_MS = 10_000;

export interface ProgressOptions {
  /** -q: no log lines (the TTY line, which leaves nothing behind, still shows). */
  quiet?: boolean;
  /** The clock in ms (injected by tests). */
  now?: () => number;
}

export class ProgressLine {
  private shown = false;
  private readonly now: () => number;
  private readonly start: number;
  private nextLog: number;
  private readonly log: boolean;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr, private label = '', o: ProgressOptions = {}) {
    this.now = o.now ?? (() => performance.now());
    this.start = this.now();
    this.nextLog = this.start + LOG_AFTER_MS;
    this.log = !out.isTTY && !o.quiet;
  }

  setLabel(label: string): void { this.label = label; }

  update(p: Progress): void {
    if (this.out.isTTY) {
      const cols = this.out.columns || 100;
      this.out.write(`\r\x1b[2K${this.line(p).slice(0, cols - 1)}`);
      this.shown = true;
    } else if (this.log) {
      const t = this.now();
      if (t < this.nextLog) return;
      this.nextLog = t + LOG_EVERY_MS;
      this.out.write(`probecheck: progress: ${this.line(p)}\n`);
    }
  }

  clear(): void {
    if (this.shown) this.out.write('\r\x1b[2K');
    this.shown = false;
  }

  private line(p: Progress): string {
    const rate = p.seconds > 0 ? p.states / p.seconds : 0;
    // Most important first, so a narrow terminal cuts only the label's tail end.
    return `${p.seconds.toFixed(0)}s  ${p.states.toLocaleString('en-US')} states  ${formatRate(rate)}/s  depth ${p.depth}  queue ${p.queue.toLocaleString('en-US')}${this.label ? `  ${this.label}` : ''}`;
  }
}

export function formatRate(r: number): string {
  if (r >= 1e6) return `${(r / 1e6).toFixed(2)}M`;
  if (r >= 1e3) return `${(r / 1e3).toFixed(1)}k`;
  return r.toFixed(0);
}
