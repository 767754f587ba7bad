/**
 * What a search needs from a state backend. Both backends keep a current state (`cur`) and a
 * scratch successor (`next`), run the same step code, and fingerprint states identically, so a
 * search is written once over this interface. Each backend also owns its own work list (a
 * deque of states with their ids and depths): bytes for the fast one, objects for the other.
 */
import type { Compiled } from '../compile.js';
import type { Query } from '../model.js';
import type { Recorder } from '../reduce/recorder.js';

export interface Backend {
  readonly name: 'fast' | 'reference';
  readonly c: Compiled;
  /** cur := the initial state; fp := its fingerprint. */
  loadInitial(): void;
  /**
   * For each enabled move (k = thread index, b = branch) of cur, in action order: next := its
   * successor, fp := fingerprint(next), then visit(k, b). Returns the number of moves. next is
   * the successor only inside visit, which must not write it (the fast backend puts back only
   * the words the step changed); after expand it is unspecified.
   */
  expand(visit: (k: number, b: number) => void): number;
  /** cur := next. */
  advance(): void;
  /** next := the successor of cur by move (k, b), fp := its fingerprint; false if not enabled. */
  /** `fingerprint` false: leave fp as it is (the caller knows the successor's fingerprint). */
  step(k: number, b: number, fingerprint?: boolean): boolean;
  /** step(k, b), then advance(). */
  apply(k: number, b: number): boolean;
  /** The program counter (0 = not running) of thread k in cur. */
  pc(k: number): number;
  /** Is the step of thread k at its pc enabled in cur (guard true and at least one branch)? */
  enabled(k: number): number;
  /** Views of the globals of cur and next, as step code sees them (read them only). */
  curG(): any;
  nextG(): any;
  curQ(): Query;
  nextQ(): Query;
  /** Locals of thread k in cur (read only). */
  curLocals(k: number): any;
  /**
   * Do cur and next agree on these bytes of the flat encoding, given as (32-bit word, mask)
   * pairs (search/monitor.ts wordMasks)? The reference backend never claims so.
   */
  unchanged(words: Uint32Array): boolean;
  /** The flat encoding of cur (a fresh copy). */
  bytes(): Uint8Array;
  /** Work list: push next (or cur) with an id and depth; pop into cur. */
  pushNext(id: number, depth: number): void;
  pushCur(id: number, depth: number): void;
  popFront(): boolean;
  popBack(): boolean;
  /** id and depth of the state last popped. */
  poppedId: number;
  poppedDepth: number;
  pending(): number;
  clear(): void;
  /** Bytes the work list holds now. */
  queueBytes(): number;
  /** Called before the work list allocates `bytes` more; throws to refuse (a memory budget). */
  reserve?: (bytes: number, what: string) => void;
  /**
   * E201 if next, reached by thread k's step, holds a value out of its field's range that the
   * step's writes were not checked for (the fast backend's integer arrays). Searches call it on
   * each new state; the reference backend checks every write as it is made and has none.
   */
  checkNext?(k: number): void;
  /** Symmetry reduction (reduce/symmetry.ts): fp is the fingerprint of the canonical form of a state. */
  fingerprinter?: (u8: Uint8Array, u32: Uint32Array) => void;
  /** Times each step (by global step id) fired. */
  readonly coverage: Float64Array;
  /**
   * Footprints, for partial-order reduction (reduce/recorder.ts): enabled(k) and step(k, b)
   * recording into rec the bytes the step's await/branches and run read and wrote; and
   * recording views of cur or next for properties. The unrecorded methods stay as they are.
   */
  enabledRec(k: number, rec: Recorder): number;
  stepRec(k: number, b: number, rec: Recorder): boolean;
  recG(useNext: boolean, rec: Recorder): any;
  recQ(useNext: boolean, rec: Recorder): Query;
}
