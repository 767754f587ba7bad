/**
 * Running out of room is a limit, not an error: the search stops, keeps what it found and says
 * which limit it hit. Two kinds: the memory budget (`maxMemoryMB`, by default half of the
 * machine's memory) refuses an allocation, or checked between expansions, finds the process
 * over it; or an allocation fails outright (V8 refuses a typed array longer than 2^32 elements,
 * or the system has no memory left).
 */
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { StopReason } from '../result.js';

/** Thrown from inside a search (an allocation, a check) to stop it; the search loop catches it. */
export class LimitReached extends Error {
  constructor(readonly reason: StopReason, readonly note: string) {
    super(note);
    this.name = 'LimitReached';
  }
}

const MB = 1024 * 1024;

/**
 * The default memory limit in MB: half of the physical memory (or of the container's limit,
 * when it is lower), so a search never takes the machine with it.
 */
export function defaultMemoryLimitMB(): number {
  return defaultMB ??= physicalHalfMB();
}
/** Worked out once per process: every search asks (a read of the container's limit, a tenth of a small check). */
let defaultMB: number | undefined;
function physicalHalfMB(): number {
  const total = totalmem();
  const constrained = process.constrainedMemory?.() ?? 0;
  const physical = constrained > 0 && constrained < total ? constrained : total;
  return Math.floor(physical / 2 / MB);
}

/** V8's limit on this thread's heap, fixed when the thread starts: read once. */
let heapLimitBytes: number | undefined;
const heapSizeLimit = (): number => (heapLimitBytes ??= getHeapStatistics().heap_size_limit);

/** V8 aborts the process when its JavaScript heap is full; stop well before that. */
const HEAP_FRACTION = 0.9;

export class MemoryBudget {
  readonly isDefault: boolean;
  readonly limitMB: number;
  private readonly limit: number;
  private readonly heapLimit = heapSizeLimit();

  /** `mb`: the limit; undefined for the default. */
  constructor(mb: number | undefined, private readonly rss: () => number = process.memoryUsage.rss) {
    this.isDefault = mb === undefined;
    this.limitMB = mb ?? defaultMemoryLimitMB();
    this.limit = this.limitMB * MB;
  }

  /** The last RSS read, and what reserve() let through since (an estimate of the RSS now). */
  private lastRss = -1;
  private since = 0;

  /** Throws LimitReached if allocating `bytes` more would take the process over the limit. */
  reserve(bytes: number, what: string): void {
    // Reading the RSS costs about 0.25 ms, a few per small search (a table's growths, work-list
    // chunks): while the last reading plus what was let through since stays under half the
    // limit, the allocation cannot take the process over it.
    if (this.lastRss >= 0 && this.lastRss + this.since + bytes < this.limit / 2) { this.since += bytes; return; }
    const now = this.rss();
    this.lastRss = now; this.since = 0;
    if (now + bytes > this.limit) {
      throw new LimitReached('memory-limit', `${this.describe()}: the process uses ${mb(now)} and ${what} needs ${mb(bytes)} more`);
    }
    this.since = bytes;
  }

  /** The heap in use at the last check(), or -1. */
  private lastHeap = -1;

  /**
   * The last check() found the process under a quarter of the limit and the JavaScript heap under
   * a quarter of V8's: the search may check less often (explore: every 200 ms instead of 20).
   */
  far(): boolean {
    return this.lastRss >= 0 && this.lastHeap >= 0 && this.lastRss < this.limit / 4 && this.lastHeap < this.heapLimit / 4;
  }

  /** Throws LimitReached if the process is over the limit, or its JavaScript heap nearly full. */
  check(): void {
    const now = this.rss();
    this.lastRss = now; this.since = 0;
    if (now > this.limit) throw new LimitReached('memory-limit', `${this.describe()}: the process uses ${mb(now)}`);
    const heap = getHeapStatistics().used_heap_size;
    this.lastHeap = heap;
    if (heap > this.heapLimit * HEAP_FRACTION) {
      throw new LimitReached('memory-limit', `the JavaScript heap is full: ${mb(heap)} used of V8's ${mb(this.heapLimit)}`);
    }
  }

  private describe(): string {
    return `memory limit ${this.limitMB.toLocaleString('en-US')} MB${this.isDefault ? ' (the default: half of physical memory)' : ''} reached`;
  }
}

/**
 * Is `e` V8 refusing an allocation (a typed array or array too long, no memory for a buffer)?
 * Thrown by the search's own tables, that is a limit; thrown by model code it is the model's.
 */
export function isAllocationFailure(e: unknown): e is RangeError {
  return e instanceof RangeError && /^(Invalid typed array length|Array buffer allocation failed|Invalid array buffer length|Invalid array length)/.test(e.message);
}

/** The stop for a failed allocation: what failed, and how to go on. */
export function outOfMemory(e: RangeError, states: number): LimitReached {
  return new LimitReached('out-of-memory', `an allocation failed after ${states.toLocaleString('en-US')} states (${e.message})`);
}

function mb(bytes: number): string {
  return `${Math.round(bytes / MB).toLocaleString('en-US')} MB`;
}
