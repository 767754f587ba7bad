/**
 * Symmetry reduction: a state is stored under the fingerprint of a canonical member of its orbit
 * (the movable elements of each class sorted by a hash of their bytes), while the search goes on from the
 * concrete state it first reached, so parent links and action codes replay unchanged.
 *
 * Permuting elements moves each element's state bytes and its tied threads' pc and locals, and
 * renames every lock owner (thread index + 1) that names a tied thread. The canonical form need
 * not be unique per orbit (ties in the sort key only lose reduction), but it is always the image
 * of the state under a permutation of the elements `movable` allows: never outside the orbit.
 * Whether such a permutation is an automorphism is the model's claim: symmetry-check.ts verifies
 * it state by state; use-symmetry.ts decides when a check applies the reduction.
 */
import type { Compiled } from '../compile.js';
import { ModelError } from '../errors.js';
import { chained } from '../hash.js';
import type { SymmetryClass } from '../model.js';
import { leaves, leavesAt, type FieldT } from '../schema.js';

interface Layout {
  cls: SymmetryClass;
  n: number;
  /** For key(): per element, its bytes that hold no owner as (start, length) runs, and those that do. */
  plain: Int32Array[]; own: Int32Array[];
  /**
   * The same bytes as runs: runs[e] holds (start, length) pairs, corresponding across elements
   * (blocks are mostly a device record and its threads' pcs and locals, each contiguous).
   */
  runs: Int32Array[];
  /** Thread indices tied to each element, corresponding across elements. */
  tied: number[][];
  /** For an owner value v (thread + 1): the element it is tied to, or -1. */
  elementOf: Int16Array;
  /** Untied threads whose pc may be inside an element's steps (SymmetryClass.walkers). */
  walkers: Walker[];
  /** Byte offsets of SymmetryClass.dead's state. */
  dead: Int32Array;
  /** For an owner value v naming a tied thread: its position among its element's tied threads. */
  tiedAt: Int16Array;
  /** Scratch for sortMovable: the movable elements, their key hashes, the sorted order, the permutation. */
  mov: Int8Array; hash: Uint32Array; order: Int8Array; perm: Int8Array;
}

interface Walker {
  pcOffset: number; wide: boolean;
  /** Per pc value: the element that step works on, or -1. */
  elem: Int16Array;
  /** twin[pc * n + e]: the pc of the same step working on element e. */
  twin: Uint16Array;
}

const pcAt = (u8: Uint8Array, w: Walker) => (w.wide ? u8[w.pcOffset]! | (u8[w.pcOffset + 1]! << 8) : u8[w.pcOffset]!);

/** The permutations a symmetry may apply, and the canonical form. */
export class Symmetry {
  readonly layouts: Layout[];
  /** Offsets of every byte that holds a thread index + 1 (lock owners, ghost owners). */
  private readonly owners: Int32Array;
  private readonly width: number;
  private readonly words: number;
  private readonly out32: Uint32Array;
  private readonly out8: Uint8Array;
  private readonly tmp: Uint8Array;
  /** Owner renaming (thread + 1 -> thread + 1), the identity between calls of apply(). */
  private readonly tmap = Uint8Array.from({ length: 256 }, (_, v) => v);
  private readonly renamed = new Uint8Array(256);

  constructor(readonly c: Compiled, classes: readonly SymmetryClass[]) {
    this.width = c.width;
    this.words = c.words;
    this.out32 = new Uint32Array(c.words);
    this.out8 = new Uint8Array(this.out32.buffer, 0, c.width);
    this.tmp = new Uint8Array(c.width);
    const all = leaves(c.full, 0, '');
    const owners = all.filter((x) => isOwner(x.type)).map((x) => x.offset);
    this.owners = Int32Array.from(owners);
    const ownerSet = new Set(owners);
    this.layouts = classes.map((cls) => layout(c, cls, all, ownerSet));
  }

  /**
   * Sort the movable elements of L by their keys (key() as a 32-bit hash; elements whose hashes
   * tie keep their order, which only loses reduction) into L.perm: the element with the p-th
   * smallest key goes to the p-th movable position. False when the permutation is the identity.
   */
  private sortMovable(L: Layout, src: Uint8Array): boolean {
    const m = L.cls.movable(src), mov = L.mov, h = L.hash, perm = L.perm;
    let k = 0;
    for (let e = 0; e < L.n; e++) { perm[e] = e; if (m & (1 << e)) mov[k++] = e; }
    if (k < 2) return false;
    for (let i = 0; i < k; i++) h[i] = this.key(L, src, mov[i]!, m);
    // Insertion sort of the k movable elements by (hash, position): k is small.
    const order = L.order;
    for (let i = 0; i < k; i++) {
      let j = i;
      while (j > 0 && (h[order[j - 1]!]! > h[i]! || (h[order[j - 1]!]! === h[i]! && order[j - 1]! > i))) { order[j] = order[j - 1]!; j--; }
      order[j] = i;
    }
    let moved = false;
    for (let p = 0; p < k; p++) { const e = mov[order[p]!]!; perm[e] = mov[p]!; if (e !== mov[p]) moved = true; }
    return moved;
  }

  /**
   * The sort key of element e as a hash: its bytes, with an owner that names a tied thread of a
   * movable element written as which of its threads it is and whether it is e's own (both
   * invariant under the permutations allowed), and the step of each walker working on e (as the
   * step's twin for element 0), so the key does not depend on where the elements sit.
   */
  private key(L: Layout, src: Uint8Array, e: number, movable: number): number {
    const plain = L.plain[e]!, own = L.own[e]!, elementOf = L.elementOf, tiedAt = L.tiedAt;
    let h = 0x811c9dc5;
    for (let r = 0; r < plain.length; r += 2) {
      for (let o = plain[r]!, end = o + plain[r + 1]!; o < end; o++) h = Math.imul(h ^ src[o]!, 0x01000193);
    }
    for (let i = 0; i < own.length; i++) {
      const v = src[own[i]!]!;
      const x = v > 0 ? elementOf[v]! : -1;
      const code = x >= 0 && movable & (1 << x) ? (x === e ? 0x100 : 0x200) | tiedAt[v]! : v;
      h = Math.imul(h ^ code, 0x01000193);
    }
    for (let j = 0; j < L.walkers.length; j++) {
      const w = L.walkers[j]!, pc = pcAt(src, w);
      h = Math.imul(h ^ (w.elem[pc] === e ? 0x10000 | w.twin[pc * L.n]! : 0), 0x01000193);
    }
    return h >>> 0;
  }

  /**
   * Close a set of bytes (one bit a byte, as footprints.ts keeps them) under the permutations:
   * a byte of one element's block brings the corresponding byte of every element of its class.
   * Partial-order reduction learns what the properties read from the states it evaluates them
   * in, and with symmetry it evaluates one member of each orbit only: a symmetric property that
   * reads c3 first and c1 only when c3 is probing was learned to read c3 alone, and `--por
   * --symmetry` missed its violation (a CI hunt, 2026-12-05). True when a bit was added.
   */
  close(bits: Uint32Array): boolean {
    let grew = false;
    for (const L of this.layouts) {
      for (let r = 0; r < L.runs[0]!.length; r += 2) {
        const len = L.runs[0]![r + 1]!;
        for (let j = 0; j < len; j++) {
          let any = false;
          for (let e = 0; e < L.n && !any; e++) { const o = L.runs[e]![r]! + j; any = (bits[o >>> 5]! & (1 << (o & 31))) !== 0; }
          if (!any) continue;
          for (let e = 0; e < L.n; e++) {
            const o = L.runs[e]![r]! + j, m = 1 << (o & 31);
            if ((bits[o >>> 5]! & m) === 0) { bits[o >>> 5] = (bits[o >>> 5]! | m) >>> 0; grew = true; }
          }
        }
      }
    }
    return grew;
  }

  /** dst := the image of src under perms (element e of class i goes to perms[i][e]). */
  apply(src: Uint8Array, dst: Uint8Array, perms: readonly ArrayLike<number>[]): void {
    // Read from src itself unless dst is src (then from a copy).
    let from8 = src;
    if (src === dst) { this.tmp.set(src.subarray(0, this.width)); from8 = this.tmp; } else dst.set(src.subarray(0, this.width));
    const tmap = this.tmap, renamed = this.renamed;
    let nr = 0;
    for (let i = 0; i < this.layouts.length; i++) {
      const L = this.layouts[i]!, p = perms[i]!;
      for (let e = 0; e < L.n; e++) {
        const to = p[e]!;
        if (to === e) continue;
        const from = L.runs[e]!, dest = L.runs[to]!;
        for (let r = 0; r < from.length; r += 2) {
          const f = from[r]!, d = dest[r]!, len = from[r + 1]!;
          for (let j = 0; j < len; j++) dst[d + j] = from8[f + j]!;
        }
        const te = L.tied[e]!, tt = L.tied[to]!;
        for (let j = 0; j < te.length; j++) { tmap[te[j]! + 1] = tt[j]! + 1; renamed[nr++] = te[j]! + 1; }
      }
      for (const w of L.walkers) {
        const pc = pcAt(from8, w), e = w.elem[pc]!;
        if (e < 0 || p[e] === e) continue;
        const to = w.twin[pc * L.n + p[e]!]!;
        dst[w.pcOffset] = to & 255;
        if (w.wide) dst[w.pcOffset + 1] = to >> 8;
      }
    }
    if (nr === 0) return;
    const ow = this.owners;
    for (let i = 0; i < ow.length; i++) dst[ow[i]!] = tmap[dst[ow[i]!]!]!;
    // tmap is the identity between calls.
    for (let i = 0; i < nr; i++) tmap[renamed[i]!] = renamed[i]!;
  }

  /** src with every class's dead state written as 0, in `out8` (src itself when none is dead). */
  zeroDead(src: Uint8Array): Uint8Array {
    let out = src;
    for (const L of this.layouts) {
      if (L.dead.length === 0 || !L.cls.dead!.when(src)) continue;
      if (out === src) { this.out8.set(src.subarray(0, this.width)); out = this.out8; }
      for (let i = 0; i < L.dead.length; i++) out[L.dead[i]!] = 0;
    }
    return out;
  }

  /** The canonical form of src (src itself when the permutation is the identity and nothing is dead). */
  canonical(src: Uint8Array): Uint8Array {
    const z = this.zeroDead(src);
    let moved = false;
    for (const L of this.layouts) if (this.sortMovable(L, z)) moved = true;
    if (!moved) return z;
    this.apply(z, this.out8, this.layouts.map((L) => L.perm));
    return this.out8;
  }

  /** fp := the fingerprint of the canonical form of the state in `u8`/`u32` (one buffer). */
  readonly fingerprint = (u8: Uint8Array, u32: Uint32Array): void => {
    const c = this.canonical(u8);
    chained(c === u8 ? u32 : this.out32, this.words);
  };
}

function isOwner(t: FieldT): boolean {
  return t.kind === 'int' && t.owner === true;
}


function layout(c: Compiled, cls: SymmetryClass, all: ReturnType<typeof leaves>, owners: ReadonlySet<number>): Layout {
  const where = `symmetry '${cls.name}'`;
  if (cls.elements.length > 31) throw new ModelError('E101', `${where}: at most 31 elements`);
  const elementOf = new Int16Array(256).fill(-1);
  const tied: number[][] = [];
  const shapes: string[][] = [];
  const blocks = cls.elements.map((el, e) => {
    const offs: number[] = [], shape: string[] = [];
    for (const p of el.state) {
      const under = leavesAt(all, p);
      if (under.length === 0) throw new ModelError('E101', `${where}: element '${el.name}': the state has no '${p}'`);
      for (const x of under) { offs.push(x.offset); shape.push(x.path.slice(2 + p.length) + JSON.stringify(x.type)); }
    }
    tied.push(el.threads.map((name, j) => {
      const th = c.threadByName.get(name);
      if (!th) throw new ModelError('E101', `${where}: element '${el.name}': no thread '${name}'`);
      if (elementOf[th.index + 1] !== -1) throw new ModelError('E101', `${where}: thread '${name}' is tied to two elements`);
      elementOf[th.index + 1] = e;
      const pcBytes = th.pcWide ? 2 : 1;
      for (let i = 0; i < pcBytes; i++) offs.push(th.pcOffset + i);
      for (let i = 0; i < th.localsSize; i++) offs.push(th.localsOffset + i);
      // Tied threads run the same program shape: same steps (by position), same locals.
      shape.push(`thread ${j}: ${th.steps.length} steps, pc ${pcBytes}, locals ${th.localsSize}`);
      return th.index;
    }));
    shapes.push(shape);
    return Int32Array.from(offs);
  });
  shapes.forEach((s, e) => {
    if (s.join('\n') !== shapes[0]!.join('\n')) throw new ModelError('E101', `${where}: elements '${cls.elements[0]!.name}' and '${cls.elements[e]!.name}' are not laid out alike`);
  });
  const seen = new Set<number>();
  for (const b of blocks) for (const o of b) { if (seen.has(o)) throw new ModelError('E101', `${where}: two elements own byte ${o}`); seen.add(o); }
  const n = cls.elements.length;
  const walkers = (cls.walkers ?? []).map(({ thread, twins }): Walker => {
    const th = c.threadByName.get(thread);
    if (!th) throw new ModelError('E101', `${where}: walker: no thread '${thread}'`);
    if (elementOf[th.index + 1] !== -1) throw new ModelError('E101', `${where}: walker '${thread}' is tied to an element`);
    const elem = new Int16Array(th.steps.length + 1).fill(-1), twin = new Uint16Array((th.steps.length + 1) * n);
    for (const [label, ls] of Object.entries(twins)) {
      const pcs = ls.map((l) => th.pcOf.get(l));
      if (ls.length !== n || pcs.some((x) => x === undefined)) throw new ModelError('E101', `${where}: walker '${thread}': '${label}' needs a step for each of the ${n} elements`);
      const e = ls.indexOf(label);
      if (e < 0) throw new ModelError('E101', `${where}: walker '${thread}': '${label}' is not among its own twins`);
      const pc = th.pcOf.get(label)!;
      elem[pc] = e;
      pcs.forEach((x, f) => { twin[pc * n + f] = x!; });
    }
    return { pcOffset: th.pcOffset, wide: th.pcWide, elem, twin };
  });
  const dead = (cls.dead?.state ?? []).flatMap((p) => {
    const under = leavesAt(all, p);
    if (under.length === 0) throw new ModelError('E101', `${where}: dead: the state has no '${p}'`);
    return under.map((x) => x.offset);
  });
  const tiedAt = new Int16Array(256).fill(-1);
  tied.forEach((ths) => ths.forEach((th, j) => { tiedAt[th + 1] = j; }));
  const isOwn = (o: number) => owners.has(o);
  return { cls, n, runs: runsOf(blocks), plain: blocks.map((b) => runsOf([Int32Array.from([...b].filter((o) => !isOwn(o)))])[0]!), own: blocks.map((b) => Int32Array.from([...b].filter(isOwn))), tied, elementOf, walkers, dead: Int32Array.from(dead), tiedAt,
    mov: new Int8Array(n), hash: new Uint32Array(n), order: new Int8Array(n), perm: new Int8Array(n) };
}

/** Every permutation of the positions set in `mask` (others fixed), identity first. */
export function permutationsOf(n: number, mask: number): number[][] {
  const mov: number[] = [];
  for (let e = 0; e < n; e++) if (mask & (1 << e)) mov.push(e);
  const out: number[][] = [];
  const rec = (i: number, used: boolean[], img: number[]) => {
    if (i === mov.length) {
      const p = Array.from({ length: n }, (_, e) => e);
      mov.forEach((e, j) => { p[e] = img[j]!; });
      out.push(p);
      return;
    }
    for (let j = 0; j < mov.length; j++) {
      if (used[j]) continue;
      used[j] = true; img.push(mov[j]!);
      rec(i + 1, used, img);
      img.pop(); used[j] = false;
    }
  };
  rec(0, [], []);
  return out;
}


/** Split corresponding blocks into runs that are contiguous in every element at once. */
function runsOf(blocks: readonly Int32Array[]): Int32Array[] {
  const out = blocks.map(() => [] as number[]), len = blocks[0]?.length ?? 0;
  for (let i = 0; i < len;) {
    let j = i + 1;
    while (j < len && blocks.every((b) => b[j] === b[j - 1]! + 1)) j++;
    blocks.forEach((b, e) => out[e]!.push(b[i]!, j - i));
    i = j;
  }
  return out.map((r) => Int32Array.from(r));
}
