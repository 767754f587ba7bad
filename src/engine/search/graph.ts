/**
 * The explored state graph, recorded during an exhaustive search when liveness is asked for:
 * per state its outgoing edges (target id and action code, contiguous because each state is
 * expanded once) and one bit per liveness predicate. Safety-only runs never build it.
 */
import type { Query } from '../model.js';

export type Pred = (s: any, q: Query) => boolean;

export class Graph {
  start = new Uint32Array(1 << 12);
  count = new Uint32Array(1 << 12);
  expanded = new Uint8Array(1 << 12);
  bits = new Uint32Array(1 << 12);
  dst = new Uint32Array(1 << 14);
  code = new Uint16Array(1 << 14);
  /**
   * Per edge, where a thread's fairness depends on its pc (Compiled.partlyFair): what the thread
   * that moves owes in the state the edge leaves (compile's EDGE_FAIR, EDGE_STRONG). Otherwise
   * undefined: every fair thread is weakly fair everywhere.
   */
  fair: Uint8Array | undefined;
  edges = 0;
  states = 0;
  /** Called before each growth with the bytes it allocates; throws to refuse (a memory budget). */
  reserve?: (bytes: number, what: string) => void;

  constructor(readonly preds: readonly Pred[], partlyFair = false) {
    if (preds.length > 32) throw new Error('internal: at most 32 liveness predicates');
    if (partlyFair) this.fair = new Uint8Array(this.dst.length);
  }

  /** Evaluate the predicates on a new state. */
  label(id: number, s: unknown, q: Query): void {
    if (id >= this.bits.length) this.growStates(id);
    let b = 0;
    for (let i = 0; i < this.preds.length; i++) if (this.preds[i]!(s, q)) b |= 1 << i;
    this.bits[id] = b;
    if (id >= this.states) this.states = id + 1;
  }

  begin(id: number): void {
    if (id >= this.start.length) this.growStates(id);
    this.start[id] = this.edges;
  }

  /** An edge of the state begun; `fair`: what its thread owes there (edgeFlags; kept where fairness depends on the pc). */
  edge(dst: number, code: number, fair = 1): void {
    if (this.edges >= this.dst.length) {
      const n = this.dst.length * 2;
      this.reserve?.(n * (this.fair ? 7 : 6), `the state graph (${n.toLocaleString('en-US')} edges)`);
      const d = new Uint32Array(n); d.set(this.dst); this.dst = d;
      const c = new Uint16Array(n); c.set(this.code); this.code = c;
      if (this.fair) { const f = new Uint8Array(n); f.set(this.fair); this.fair = f; }
    }
    this.dst[this.edges] = dst;
    if (this.fair) this.fair[this.edges] = fair;
    this.code[this.edges++] = code;
  }

  end(id: number): void {
    this.count[id] = this.edges - this.start[id]!;
    this.expanded[id] = 1;
  }

  has(id: number, pred: number): boolean { return (this.bits[id]! & (1 << pred)) !== 0; }

  private growStates(id: number): void {
    let n = this.start.length;
    while (n <= id) n *= 2;
    this.reserve?.(n * 13, `the state graph (${n.toLocaleString('en-US')} states)`);
    const g32 = (a: Uint32Array) => { const x = new Uint32Array(n); x.set(a); return x; };
    this.start = g32(this.start); this.count = g32(this.count); this.bits = g32(this.bits);
    const e = new Uint8Array(n); e.set(this.expanded); this.expanded = e;
  }
}
