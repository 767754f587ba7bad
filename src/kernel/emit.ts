/**
 * Step builders: how a kernel function becomes labelled steps inside a caller's thread.
 *
 * A kernel function called from a thread is inlined: `tb.fn('__device_attach', { dev }, ret)`
 * gives a block whose steps are labelled `__device_attach(dc):device_lock`; a step's `run`
 * returns a local label (`'out_unlock'`), a global label (a callee's entry) or RETURN. The
 * caller passes where to return to, so calls cost no step and no stack, and recursion (a probe
 * that registers a child device) unrolls at build time. Arguments are constants of the block,
 * not state: the same function for another device is another block.
 *
 * Patches (patches.ts) act here: when a block is finished, the hunks for its function replace or
 * insert steps by local label, so a patch reads like the hunk on the list.
 */
import { ModelError, ProbecheckError, thrownMessage } from '../engine/errors.js';
import { MAX_STEPS, setLocalRun, stepKeyMeant } from '../engine/compile.js';
import { unrecorded } from '../engine/reduce/recorder.js';
import { shownValue } from '../engine/schema.js';
import type { Step, StepCtx, ThreadAction } from '../engine/model.js';
import type { Flag } from './profiles.js';
import type { KL, KS, PatchLocks } from './state.js';
import type { LocalDecl } from './patch-state.js';
import type { World } from './world.js';
import { releaseSpan, type Added } from './spans.js';
import { AMBIGUOUS, NO_TEXT, RUNS_NOTHING, missingFunction, resolveStep, userTags, withPatchSources, type Anchored } from './source.js';
import { readUserLines } from './user-lines.js';
import { keepLockWait, keepLockWaits, lockWaitOf, lockWaitsOf } from './patch-lock.js';
import { checkBusList, zeroedBuses } from './patch-klist.js';
import { frameReal, realState, strictState, type ReadLog } from './strict-state.js';
import { FIRST, isUserPatch, type UserPatch } from './define-patch.js';
import { foreignParents, holder, isMutexWait, sameWait, setStepKernel } from './paths/common.js';
import { belowCwd } from '../report/trace-file.js';

export const RETURN = '@return';

/** A kernel step: run returns a local label of its block, a global label, RETURN, or null (thread ends). */
export interface KStep {
  where: string;
  since?: string;
  /**
   * Anchors: the C lines of `where`'s function this step models, at the profile's release
   * (source.ts). Resolved when the block is done; the conformance test holds them to the excerpt.
   */
  c?: readonly string[];
  /**
   * Why one step may run `c` past a lock release (spans.ts releaseSpan): what another thread could
   * do at that release, and why no property could tell it from before or after the step. The
   * conformance test requires it of every step whose C spans a release, and only of those.
   */
  merges?: string;
  /** Of `c`, the lines a trace cites where `when` holds as the step starts (a branch's test, its body not taken). */
  cIdle?: { lines: readonly string[]; when: (s: KS, t: KL) => boolean };
  await?: (s: KS, t: KL) => boolean;
  branches?: number | ((s: KS, t: KL) => number);
  branchNames?: readonly string[];
  run: (s: KS, t: KL, branch: number, ctx: StepCtx) => string | null;
  idle?: boolean;
  /** Why no run of the scenario reaches it, as built (engine Step `cannot`); under a user's patch, which may route there, said as the build's. */
  cannot?: string;
  waits?: (s: KS, t: KL) => string;
  /**
   * Liveness: is its wait strongly fair (a thread that can move here again and again does)? Unset:
   * a wait for a struct mutex is, where the profile has MUTEX_HANDOFF, unless a user's patch
   * changed its guard; so is a wait for a lock a user's patch declares (`await: lock.free`), as
   * its kind is (a spinlock's on every profile); a user's hunk may say so itself (true where its
   * own guard, once true, stays true until the thread moves).
   */
  strong?: boolean;
  /**
   * A user's step whose wait (its `await`) comes inside the C's device_links_write_lock() region of
   * the step it replaces ('device_links_lock'): the model takes that lock before the wait. Unset, a
   * guard is a wait before the step's C, as the step's own position says.
   */
  holding?: 'device_links_lock';
}

/** Steps strongly fair because they wait for a lock a user's patch declares (`await: lock.free`), by its kind: `steps` says so. */
export const STRONG_BY = new WeakMap<object, StrongBy>();
/** Why a step is strongly fair, for `steps`: a lock the patch declares, or the user's `strong: true` (on a step that never waits; on a
 * mutex wait where this kernel's mutex does not hand over). */
export type StrongBy = 'mutex' | 'spinlock' | 'said' | 'said-no-wait' | 'said-no-handoff';

/** Where a block returns: a label, a choice made when it returns, or null (the thread ends). */
export type Ret = string | null | ((s: KS, t: KL) => string | null);

/** The walks' callbacks whose match may defer, and their steps up to the match's deferral (Kernel.matchHunked). */
const MATCH_WALKS = new Set(['__driver_attach', '__device_attach_driver']);
const MATCH_STEPS = new Set(['driver_match_device', 'strcmp', 'driver_deferred_probe_add']);

/** What a hunk sees of the block it patches. */
/** `depth`: the innermost attach/probe frame index (for the per-frame locals `tc` and `haveAsync`). */
/** `link`: the device link (world.links index) a device_link_* block acts on, or -1. */
export interface Site { k: Kernel; tb: ThreadBuilder; fn: string; dev: number; drv: number; depth: number; link: number }

export interface Hunk {
  /** The kernel function (block name) it patches, e.g. `__device_attach`. */
  fn: string;
  /** Replace the step with this local label... */
  replace?: string;
  /**
   * ...or insert a new step `label` on the edge after -> before (every `before` that `after`
   * returns goes to it). `after` may list several steps; null inserts it at the block's entry
   * (`before` must be the first step). `before` may be RETURN (the edge out of the block).
   */
  insert?: { label: string; after: string | string[] | null; before: string };
  step: (site: Site, orig: KStep | undefined) => KStep;
}

export interface Patch {
  id: string; commit: string; subject: string; base: string; touches: string[]; hunks: Hunk[]; flags?: Flag[];
  /** Flags a revert takes away (the profile must have them); the patches they imply go with them. */
  removes?: Flag[];
  /** Snapshots that have the patched code, for its steps' anchors (default: the profile's). */
  sources?: Readonly<Record<string, string>>;
  /**
   * The only properties that can see this patch's change, and what it changes (a WARN_ON's
   * condition): a run that checks none of them is told so, or `diff` reads `still holds` in silence.
   */
  judgedBy?: { properties: readonly string[]; what: string };
  /** Flags the profile (or a patch given before this one) must have, the code the patch changes being absent without them, and why (E604 otherwise). */
  needs?: { flags: readonly Flag[]; why: string };
}

/** What a run that checks none of a patch's judgedBy properties is told (scenario.ts), and `diff` says of either side. */
export const unjudgedNote = (p: Patch & { judgedBy: NonNullable<Patch['judgedBy']> }): string =>
  `patch ${p.id} changes only ${p.judgedBy.what}, which only ${p.judgedBy.properties.join(', ')} judges, and this run does not check it: name it (--property ${p.judgedBy.properties[0]})`;
export const isUnjudgedNote = (n: string): boolean => n.startsWith('patch ') && n.includes(' judges, and this run does not check it: name it (--property ');

export interface Kernel {
  w: World;
  /**
   * The profile (and patches) the model is built for: the `since` of every step that names no
   * version or commit of its own, since each step follows the code of the profile it was built for.
   */
  profile: string;
  /** The same without the user's patch files: the `since` of a step no user hunk made (their steps follow the profile and library patches only). */
  builtFor?: string;
  flags: ReadonlySet<Flag>;
  patches: readonly Patch[];
  /** Some of `patches` is a user's (isUserPatch), found once: a step's run may ask at every move. */
  userPatched: boolean;
  /**
   * A user's hunk can defer: its code lists a device (deferredAdd, a .deferred write) or returns
   * -EPROBE_DEFER (RET.EPROBE_DEFER, RET.LINK_DEFER), scenario.ts: no-lost-deferral judges a
   * deferral the patch makes (properties.ts owedRetry). (The worker is there for such a hunk only;
   * deferredDel or deferredTrigger alone defers nothing.)
   */
  userDefers?: boolean;
  /**
   * Devices whose bus match defers (DevInfo.matchDefers, MATCH_DEFER) with a user's hunk on a
   * walk's match steps (`__driver_attach` or `__device_attach_driver`: driver_match_device,
   * strcmp, driver_deferred_probe_add): the hunk may make that match succeed once its condition
   * holds, as amba_match does once the peripheral ID reads (properties.ts matchYours).
   */
  matchHunked?: Set<number>;
  /**
   * A run that judges matchHunked devices' retries (Model.selected): one naming no-lost-deferral
   * (--property, a suite's expect, the scenario's `properties`), not one that chose it by default
   * for another reason (s40 h11).
   */
  matchJudged?: boolean;
  has(f: Flag): boolean;
  /**
   * The same as fields, one per flag, fixed when the kernel is made: what a step's run reads (a
   * property load, where has() was a closure call and a Set lookup by string, 1.2 million of them
   * in a host-children search).
   */
  on: Readonly<Record<Flag, boolean>>;
  /** Driver index (0-based) -> name, device index -> name. */
  dn(i: number): string;
  vn(i: number): string;
  /** Device i's parent (dev->parent), a device index, or -1 for none: fixed by the scenario, so not in the state a hunk reads. */
  parent(i: number): number;
  /** Engine thread names by index (lock owner - 1), for `waits` and explanations. */
  threadNames: string[];
  /** The fields the user's patches add, by scope (patch-state.ts): the view's `patch` objects. */
  added?: Readonly<Record<'dev' | 'drv' | 'kernel' | 'thread', readonly string[]>>;
  /** The locks user patches declare (patch-state.ts patchLocks): read wherever the model's locks are. */
  locks?: PatchLocks;
  /** C locals user patches add, by function (patch-state.ts `state.local`). */
  locals?: ReadonlyMap<string, readonly LocalDecl[]>;
  /** Whether the deferred-probe worker thread exists (some probe may return -EPROBE_DEFER). */
  hasDeferredWorker: boolean;
  /**
   * The deferred-probe worker's steps by the device whose bus_probe_device they were built for
   * (deferred-probe.ts): what the worker may run once that device is on a list, a probe it nests
   * (a device the probe registers, probed in the worker) included. properties.ts PropCtx.steps.
   */
  workerSteps?: Map<number, string[]>;
  /**
   * By thread name, the labels where that thread holds a struct device (KL.gen is a reference to
   * it), and which device: ThreadBuilder.holding, read by device_add's check of DevS.gen's wrap.
   */
  holds?: Map<string, ReadonlyMap<string, number>>;
  /**
   * Devices an actor may leave unbound on purpose (scenario.ts): a release of one outside
   * device_del (or a driver_override store of it) sets its ghost DevS.released where
   * no-missed-probe is checked (missedJudged). Others never set it, so it costs them no states.
   */
  releasable: Set<number>;
  /**
   * no-missed-probe is checked (chosen, or named later): only then does any step write
   * DevS.released/owed/walkPending (paths/owed.ts); elsewhere those writes only split states (a
   * session differential, 2026-12-06: +11.5% states on random override scenarios that do not
   * check it; s37: an unbind's release and a walk's writes too).
   */
  missedJudged?: boolean;
  /**
   * no-lock-at-return is checked (chosen, or named later; set per run as missedJudged is): a lock
   * left held at a system call's return or a work item's end is then its violation, with a trace,
   * not E205 (user-return.ts, Block.endsFree, deferred_probe_work_func's user return).
   */
  leaksJudged?: boolean;
  /**
   * no-lock-at-return's judge (set by its make, asked only where leaksJudged): thread `thread`
   * (owner `me`) has just made a move of a block whose RETURN leaves its path (Block.returns) and
   * goes to `to`; where that is a return the property judges (a system call's, a work item's end,
   * the deferred-probe worker's return to process_one_work), it writes the ghosts KS.retJudged and
   * KS.retLeak. The return writes them itself, so the property is an invariant on two bytes: under
   * --por only the moves that write them are visible (s49 h1: as an action property it read the
   * mover's label and locks, and host-children n=4 --por went from 4,859 states to 30,227).
   */
  judgeReturn?: (s: KS, thread: string, me: number, to: string | null) => void;
  /**
   * Where no-missed-probe is checked, the devices whose DevS.walkPending bits a registration walk
   * keeps beside the releasable ones: every device of a driver that matches a releasable device an
   * actor or a probe adds, which a walk that has passed it meets again at the bus klist's tail
   * (paths/owed.ts walksAhead). Nothing reads their bits but walksAhead.
   */
  walkTracked?: Set<number>;
  /** Said with every result (scenario.ts profileNotes): what a user's patch does that the model cannot judge. */
  patchNotes?: Set<string>;
  /** User hunks that changed the step they replace at some site (the note that one changes nothing is said only of the others). */
  changedHunks?: Set<Hunk>;
  /** device_links_lock is kept (KS.deviceLinksLock): under a user's patch, which may wait inside its regions. */
  linksLock?: boolean;
  /** The file each of the user's patches came from (patches.ts patchFilesOf), absolute: a note names it. */
  patchFiles?: ReadonlyMap<Patch, string>;
  /** What the user's patch steps read (strict-state.ts ReadLog): a test that never saw its field change is said after the search. */
  reads?: ReadLog;
  /** The guard of each step a user's hunk made, by full label (always true where it has none: it never waits; none for a replacement that keeps the original's await): a property may ask whether a thread waits there. */
  userAwaits?: Map<string, (s: KS, t: KL) => boolean>;
  /** The snapshot of each kernel file the profile's steps are anchored in (`kernel/<snapshot>/<path>`). */
  sources: Readonly<Record<string, string>>;
  /** Functions the profile's snapshot calls by another name (v3.x `device_attach` for `__device_attach`). */
  renamed: Readonly<Record<string, string>>;
  /** Functions (`path:fn`) of a read file whose snapshot does not stand for the profile, with why. */
  unread: Readonly<Record<string, string>>;
  /** Flags whose presence at the profile is not known, with why (profiles.ts `unsettled`): a path that needs one refuses (E601). */
  unsettled: Readonly<Partial<Record<Flag, string>>>;
  /** Flags taken, not read (profiles.ts `assumed`), with why. */
  assumed: Readonly<Partial<Record<Flag, string>>>;
  /** The assumed flags a built path depended on: each gets a note (profileNotes). */
  leaned?: Set<Flag>;
  /** Every step's anchors as resolved (or why they did not resolve), for tests and `probecheck steps`. */
  anchors: StepAnchors[];
  /** The user's hunks applied to some block (a hunk whose step a scenario builds but that applies nowhere is E604). */
  applied?: Set<Hunk>;
  /** Every `function:label` some block built (after the patches). */
  built?: Set<string>;
  /** Per function, the names a hunk's insert may go `before` that are not steps: where a call or walk starts (routes and links). */
  targets: Map<string, Set<string>>;
  /** Threads that may sleep on module_wq (a load that found its module still loading): KS.moduleWq's slots, by name. */
  moduleWq: string[];
  /**
   * Per module, who may load it: the actor of each `modprobe` action (one entry per action), and
   * whether a probe's request_module may. An rmmod makes free_module's UNFORMED window a step of
   * its own only where another load may run in it (paths/module.ts). Unset: as if one always may.
   */
  loaders?: readonly { modprobes: readonly string[]; rmmods?: readonly string[]; requested: boolean }[];
  /** Threads that may flush the deferred-probe work (a barrier of theirs may wait in it): KS.flushBarrier's slots, by name. */
  flushers: string[];
  /** An actor runs device_shutdown: devices_kset's order, defer_all_probes and the shutdown ghosts are kept (state.ts). */
  shutdown?: boolean;
  /** The ghost ModS.initStarted is kept: some module without async_probe has an init that may start an async entry (module-init-barrier's premise). */
  initStarted?: boolean;
}

export interface StepAnchors {
  thread: string; label: string; block: string; local: string; where: string;
  /** The device the block acts on (-1: none), so lock operations read as `dev` / `parent`. */
  dev: number;
  anchored: Anchored[]; error?: string;
  /** KStep.merges. */
  merges?: string;
}

/** Nested attach/probe frames in one thread before the build calls it endless (ThreadBuilder.enter). */
const MAX_FRAMES = 256;

export class ThreadBuilder {
  /** The steps by full label, in the order done() added them (a Map: the record the engine reads is made once, by ordered()). */
  readonly steps = new Map<string, Step<KS, KL>>();
  /** Names of the blocks built so far (each unique in the thread). */
  private readonly prefixes = new Set<string>();
  /** Per block name, the lowest `#n` that may still be free (fn). */
  private readonly nextFree = new Map<string, number>();
  /** An actor's action being built (-1: not an actor's), and per action how many blocks of each name it built. */
  act = -1;
  /** The continuation of the actor's action being built (user-return.ts actionReturn): a block built with it returns to the actor. */
  actionRet: Ret | undefined;
  readonly perAction = new Map<number, Map<string, number>>();
  depth = 0;
  maxDepth = 1;
  /** Set when this thread may call async_schedule (for do_init_module's PF_USED_ASYNC). */
  usesAsync = false;
  /** While an async entry for one device is being built: that device (its struct may be stale: state.ts DevS.gen). */
  entryDev = -1;
  /** Build with entryDev = dev (-1: not an entry's own device), restoring it after. */
  asEntry<T>(dev: number, build: () => T): T {
    const outer = this.entryDev;
    this.entryDev = dev;
    try { return build(); } finally { this.entryDev = outer; }
  }
  /** Labels where this thread holds a struct device, and which (Kernel.holds). */
  readonly holds = new Map<string, number>();
  /** Labels inside a holder's path where it holds nothing yet (the step that takes the struct). */
  readonly takes = new Set<string>();
  /**
   * Build with the labels it adds marked as holding dev's struct device (KL.gen): a holder's path,
   * the steps after the one that takes it (get_device) to the one that drops it, which returns
   * (labels in `takes` excepted: that step is in the path). An inner holder's labels keep its own device.
   */
  holding<T>(dev: number, build: () => T): T {
    // (The labels added since, by their order: a copy of every label so far per holder was most of a big build's garbage.)
    const before = this.added.length;
    const r = build();
    for (let i = before; i < this.added.length; i++) {
      const l = this.added[i]!;
      if (!this.holds.has(l) && !this.takes.has(l)) this.holds.set(l, dev);
    }
    return r;
  }
  /** The labels of `steps` in the order done() added them (it only adds). */
  readonly added: string[] = [];
  /** Each finished block's entry label -> its last step's label (where an action completes). */
  readonly lastStep = new Map<string, string>();
  /** Per function with C locals a user's patch adds: the blocks (calls) of it in this thread, by slot. */
  readonly frames = new Map<string, string[]>();
  /** The actor's actions, in order, with the step that completes each (the vacuity report). */
  readonly actions: ThreadAction[] = [];
  /**
   * `earlier`: perAction of a first build. An actor's actions are built from the last (each needs
   * its continuation), so without it a name two actions build (`override d a` twice) is unnumbered
   * in the last action and #2 in the first. With it, an action's blocks are numbered after those
   * of the actions before it: the first `override` is unnumbered, the second #2. Within one
   * action, blocks of one name are alternatives (the sync and async attach) and keep the build's order.
   */
  constructor(readonly k: Kernel, readonly name: string, readonly tid: number, readonly async: boolean, readonly earlier?: ReadonlyMap<number, ReadonlyMap<string, number>>) {}

  /** Does some name have blocks in more than one action (so a second build numbers them in order)? */
  get repeats(): boolean {
    const seen = new Set<string>();
    for (const m of this.perAction.values()) for (const n of m.keys()) { if (seen.has(n)) return true; seen.add(n); }
    return false;
  }

  /** Owner value this thread writes into a lock. */
  get owner(): number { return this.tid + 1; }

  /** The probes (`dev,drv`) whose frames are open in the build, innermost last ('' for an attach frame). */
  private readonly probing: string[] = [];

  /**
   * Enter a nesting level (a __device_attach or really_probe frame); returns its index. `probe`:
   * the device and driver of a probe's frame.
   */
  enter(probe?: { dev: number; drv: number }): number {
    const d = this.depth++;
    if (this.depth > this.maxDepth) this.maxDepth = this.depth;
    // Probes that register what probes them again nest without end: a probe built inside a probe
    // of the same device by the same driver would build it again inside itself, and again (the
    // kernel never gets there: the second device_add, or the device's lock). Said at the first
    // repeat (scenario.ts buildScenario turns it into E601), not
    // at a depth bound after seconds of building (s49 h2: a loop through a driver's matches cost
    // 1.3 s a build, and from-log builds once per guess).
    const key = probe ? `${probe.dev},${probe.drv}` : '';
    if (key && this.probing.includes(key)) throw new RangeError(`Maximum call stack size exceeded: the probe of ${this.k.vn(probe!.dev)} by ${this.k.dn(probe!.drv)} nests in itself`);
    this.probing.push(key);
    // Other chains (an attach walk): stop at a depth no real chain of registrations reaches (two frames a level).
    if (this.depth > MAX_FRAMES) throw new RangeError(`Maximum call stack size exceeded: ${MAX_FRAMES} nested attach and probe frames`);
    return d;
  }
  leave(): void { this.depth--; this.probing.pop(); }

  /** The device_del frames open in the build (device numbers), innermost last. */
  private readonly deleting: number[] = [];
  /**
   * Enter device_del(dev)'s build: a release that leads back to it (a supplier's release unbinds
   * its consumers, whose ->remove unregisters that supplier again; a probe that registers its own
   * device) would build it again inside itself, as the same loop of probes does (enter).
   */
  enterDel(dev: number): void {
    if (this.deleting.includes(dev)) throw new RangeError(`Maximum call stack size exceeded: device_del(${this.k.vn(dev)}) nests in itself`);
    this.deleting.push(dev);
  }
  leaveDel(): void { this.deleting.pop(); }

  fn(name: string, args: { dev?: number; drv?: number; link?: number }, ret: Ret): Block {
    const l = args.link !== undefined ? this.k.w.links[args.link]! : undefined;
    const a = l ? `${this.k.vn(l.consumer)},${this.k.vn(l.supplier)}`
      : [args.dev !== undefined ? this.k.vn(args.dev) : '', args.drv !== undefined ? this.k.dn(args.drv) : ''].filter(Boolean).join(',');
    const base = a ? `${name}(${a})` : name;
    let counts = this.perAction.get(this.act);
    if (!counts) this.perAction.set(this.act, counts = new Map());
    const j = counts.get(base) ?? 0;
    counts.set(base, j + 1);
    let prefix = base;
    if (this.earlier && this.act >= 0) {
      let n = j;
      for (const [i, m] of this.earlier) if (i >= 0 && i < this.act) n += m.get(base) ?? 0;
      if (n > 0) prefix = `${base}#${n + 1}`;
    } else if (this.prefixes.has(prefix)) {
      // The first free `#n`, searched from where the last search for this name stopped (names are
      // only added, so none below it is free): a name built k times cost k probes a build, and a
      // chain of nested probes builds each child's device_del once per ancestor (s49 h7: 18% of a build).
      let n = this.nextFree.get(prefix) ?? 2;
      while (this.prefixes.has(`${prefix}#${n}`)) n++;
      this.nextFree.set(prefix, n + 1);
      prefix = `${prefix}#${n}`;
    }
    this.prefixes.add(prefix);
    return new Block(this, name, prefix, args.dev ?? -1, args.drv ?? -1, ret, args.link ?? -1);
  }

  /** The thread's steps with `entry` first (the engine starts a thread at its first step). */
  ordered(entry: string): Record<string, Step<KS, KL>> {
    const out: Record<string, Step<KS, KL>> = {};
    out[entry] = this.steps.get(entry)!;
    for (const [l, s] of this.steps) if (l !== entry) out[l] = s;
    return out;
  }
}

/**
 * A kernel step's run, its local label made global. The last two labels it returned are kept with
 * their global names: most steps go to one or two places, and resolving one (up to three Map
 * lookups) per transition was 2-3% of a search, 10% once steps returned other functions' labels.
 * Only a label whose global name does not depend on the state is kept (`fixed`; not a route, nor
 * a RETURN whose continuation reads the state). The last label met that is not is kept too, as
 * such: it goes straight to `unfixed` (a sixth of a host-children search's moves return one, each
 * of them looked up by fixed() twice, once here and again in resolve).
 */
function resolving(run: KStep['run'], fixed: (r: string | null) => string | null | undefined, unfixed: (r: string | null, s: KS, t: KL) => string | null): Step<KS, KL>['run'] {
  // ('' is no label: a step never returns it.)
  let r1: string | null = '', f1: string | null = '', r2: string | null = '', f2: string | null = '', u: string | null = '';
  const wrapped: Step<KS, KL>['run'] = (s, t, b, c) => {
    const r = run(s, t, b, c);
    if (r === r1) return f1;
    if (r === r2) return f2;
    if (r === u) return unfixed(r, s, t);
    const f = fixed(r);
    if (f === undefined) { u = r; return unfixed(r, s, t); }
    r2 = r1; f2 = f1; r1 = r; f1 = f;
    return f;
  };
  // The fast backend calls run itself and keeps the labels' pcs (compile.ts LocalRun); others call this wrapper.
  setLocalRun(wrapped as Step['run'], { raw: run as Step['run'], fixed, unfixed });
  return wrapped;
}

/** A step's C line in a device_links_write_lock() region: the lock or a call of a function that runs under it. */
const LINKS_LOCKED = /device_links_write_lock\(\)|device_links_(driver_bound|check_suppliers|no_driver|driver_cleanup|busy|unbind_consumers|purge)\(|device_link_(add|del)\(/;
/** The wait for device_links_lock (KS.deviceLinksLock), kept under a user's patch. */
const linksLockWaits = (k: Kernel) => (s: KS) => `device_links_lock held by ${holder(k, s.deviceLinksLock!)}`;

/** The locks a thread holds in s, named as the C names them (E205's words). */
export function locksHeld(tb: ThreadBuilder, s: KS): string[] {
  return locksHeldBy(tb.k, tb.owner, s);
}
/** The locks owner `me` (a thread's index + 1) holds in s; `skip`: devices whose mutex is not counted. */
export function locksHeldBy(k: Pick<Kernel, 'locks' | 'vn'>, me: number, s: KS, skip?: ReadonlySet<number>): string[] {
  return [...s.dev.flatMap((d, i) => (d.mutex === me && !skip?.has(i) ? [`${k.vn(i)}'s &dev->mutex`] : [])),
    ...s.dev.flatMap((d, i) => (d.oldMutex === me && !skip?.has(i) ? [`the &dev->mutex of ${k.vn(i)}'s deleted struct`] : [])),
    ...(s.deferredProbeMutex === me ? ['deferred_probe_mutex'] : []), ...(s.moduleMutex === me ? ['module_mutex'] : []), ...(s.deviceLinksLock === me ? ['device_links_lock'] : []),
    ...patchLocksOf(k, s).filter((l) => l.owner === me).map((l) => l.name)];
}

type HeldLock = { name: string; owner: number; field: string; spin: boolean };
const NONE: readonly HeldLock[] = [];
/**
 * The locks user patches declare (patch-state.ts, `'mutex'` / `'spinlock'`), each with its owner in
 * s and its name as lockdep prints one: a device's `&dev->foo(dc)`, the kernel's `foo` (a static
 * DEFINE_MUTEX's class is its name). Empty without such a patch.
 */
export function patchLocksOf(k: Pick<Kernel, 'locks' | 'vn'>, s: KS): readonly HeldLock[] {
  const ls: PatchLocks | undefined = k.locks;
  if (!ls || (!ls.dev.length && !ls.kernel.length)) return NONE;
  const out: HeldLock[] = [];
  for (const f of ls.dev) {
    const spin = ls.spin?.includes(`dev.${f}`) ?? false;
    s.dev.forEach((d, i) => out.push({ name: `&dev->${f}(${k.vn(i)})`, owner: (d as unknown as Record<string, number>)[f]!, field: `dev[${k.vn(i)}].${f}`, spin }));
  }
  for (const f of ls.kernel) out.push({ name: f, owner: (s as unknown as Record<string, number>)[f]!, field: f, spin: ls.spin?.includes(`kernel.${f}`) ?? false });
  return out;
}
/**
 * The owners of patchLocksOf(k, s)'s locks, in its order, pushed onto `out`: the E203 checks ask at every move of a
 * user-patched search, and need no names.
 */
export function pushPatchLockOwners(k: Pick<Kernel, 'locks'>, s: KS, out: number[]): void {
  const ls = k.locks;
  if (!ls) return;
  for (const f of ls.dev) for (const d of s.dev) out.push((d as unknown as Record<string, number>)[f]!);
  for (const f of ls.kernel) out.push((s as unknown as Record<string, number>)[f]!);
}

export class Block {
  private readonly local = new Map<string, KStep>();
  private readonly alias = new Map<string, string>();
  private readonly routes = new Map<string, (s: KS, t: KL) => string | null>();
  readonly depth: number;
  /**
   * A kernel thread's end is checked for locks left held (endsFree): not an actor's (it may end
   * holding a lock it took: `lock d` with no `unlock`), and only with a user's patch (the library's
   * paths are tested not to; reading every lock at each end would also widen --por's footprints).
   */
  private readonly checkEnd: boolean;
  private readonly userPatched: boolean;
  constructor(readonly tb: ThreadBuilder, readonly name: string, readonly prefix: string, readonly dev: number, readonly drv: number, readonly ret: Ret, readonly linkIdx = -1) {
    this.depth = Math.max(0, tb.depth - 1);
    this.userPatched = tb.k.userPatched;
    this.checkEnd = tb.act < 0 && this.userPatched;
    this.returns = tb.act < 0 ? ret === null : tb.actionRet !== undefined && ret === tb.actionRet;
  }
  /**
   * A RETURN of this block is its thread's return to user space or its work item's end: an
   * actor's action's own continuation (ThreadBuilder.actionRet), or a kernel thread's end. Its
   * steps' moves are the only ones no-lock-at-return's judge is asked at (Kernel.judgeReturn).
   */
  private readonly returns: boolean;
  /** A label's full name; the same string each time (steps return it while the search runs, and a string met before has its hash). */
  label(l: string): string {
    const a = this.alias.get(l);
    if (a !== undefined) return a;
    let f = this.labels.get(l);
    if (f === undefined) this.labels.set(l, f = `${this.prefix}:${l}`);
    return f;
  }
  private readonly labels = new Map<string, string>();
  step(l: string, s: KStep): this {
    if (this.local.has(l)) throw new Error(`internal: ${this.prefix} defines step '${l}' twice`);
    this.local.set(l, s); return this;
  }
  /**
   * Build the call the function's C opens with, whose steps the model builds before this block's
   * own (device_shutdown's `wait_for_device_probe();`, returning to `device_block_probing`): an
   * insert at the entry (`after: null`) goes on the edge where that call returns to the first
   * step, as the C line placed before that step runs (s50 h14: the callee went straight to the
   * step, and the insert never ran, said as "no thread reaches it").
   */
  leading<T>(build: () => T): T {
    const from = this.tb.added.length, r = build();
    this.leadingSteps.push(...this.tb.added.slice(from));
    return r;
  }
  private readonly leadingSteps: string[] = [];
  /**
   * Why the function's callers may enter it past its first step (a test the caller's step makes:
   * __device_release_driver's async_synchronize_full only for a driver that probes asynchronously):
   * an insert at its entry would not run on every path, and is refused (E604) with this reason.
   */
  entersPast?: string;
  /**
   * Why the model has no step boundary where the function's C starts (do_init_module's entry is
   * inside the step that runs load_module's lookup and complete_formation and then the init):
   * an insert at its entry is refused (E604) with this reason.
   */
  noEntry?: string;
  /**
   * A loop's body built as a block of its own (device_shutdown's turn for one device, driver_detach's
   * release of one): not where the function starts, so an insert at the entry (`after: null`) is
   * not made in it (s50 h14: `before: FIRST` ran at every turn of the walk as well as once at entry).
   */
  loopBody = false;
  /**
   * The step of its caller's that the block starts with (deferred_probe_work_func's
   * `process_one_work`, worker_thread's pickup of the work item, where the kworker idles): the
   * function starts after it, so an insert at the entry (`after: null`) goes on that step's edge to
   * the next (s50 h16: it went before the pickup, ran once in the idle worker, never in a run of the work).
   */
  entryAfter?: string;
  /** A local name for a global label (a callee's entry), so patches can name it. */
  link(l: string, global: string): this { this.alias.set(l, global); return this; }
  /** A local name whose target is chosen when a step goes there (a callee entry that depends on state). */
  route(l: string, to: (s: KS, t: KL) => string | null): this { this.routes.set(l, to); return this; }
  private userReturn: ((s: KS, t: KL) => string | null) | undefined;
  /**
   * Where a user's hunk that returns RETURN goes, for a walk's callback whose library steps go on
   * with the walk themselves (the block's own ret is null): the walk reads the callback's return
   * value, t.ret (a patch hunt, 2026-12-05: such a RETURN ended the thread, holding the device's
   * mutex, and every property held).
   */
  userReturns(to: (s: KS, t: KL) => string | null): this { this.userReturn = to; return this; }
  has(l: string): boolean { return this.local.has(l); }
  private userHunkFits(h: Hunk): boolean {
    if (h.replace !== undefined) return this.local.has(h.replace);
    const { after, before } = h.insert!;
    if (after === null && this.loopBody) return false;
    return ([] as string[]).concat(after ?? []).every((a) => this.local.has(a)) && (before === RETURN || (before === FIRST && after === null) || this.local.has(before) || this.alias.has(before) || this.routes.has(before));
  }

  /**
   * A kernel thread (a work item, an async entry) that ends must not hold a lock: nothing would
   * ever release it, and no property would say so (a patch hunt, 2026-12-05: a user's hunk
   * returned from a walk's callback and the thread ended holding the device's mutex; every
   * property held). Actors' threads end by their program, not here.
   */
  private endsFree(s: KS): void {
    // Where no-lock-at-return is checked, it reports the leak with a trace (properties.ts).
    if (this.tb.k.leaksJudged) return;
    const held = locksHeld(this.tb, s);
    if (held.length) throw new ProbecheckError('E205', `${this.name} returns, ending thread '${this.tb.name}', which still holds ${held.join(', ')}`);
  }

  /**
   * A user's step of this block: state and locals through strictState, and the C locals its patch
   * adds to this function kept per call (this block's slot in the thread; frameLocals).
   */
  private userStep(st: KStep, patch: string, target?: string, orig?: KStep): KStep {
    const framed = this.framedStep(st, patch), log = this.tb.k.reads;
    // A thread that stands at the step has its guard asked (strict-state.ts ReadLog.reached).
    if (log && target !== undefined) {
      const a = framed.await, b = framed.branches;
      // A thread at an idle step is idle there only where the work it waits for is not there: the
      // replaced library step's own wait (process_one_work: work queued) fails. Where it passes, the
      // thread stands there as at any step (a review, 2026-12-06: a guard that never passed on
      // process_one_work read `stays idle there (the work it waits for is never queued)` with work
      // queued, and the patch was credited, exit 0). A user's own step marked idle (an insert) has
      // no such wait to tell idle from stuck: it stands as any step. Asked until a stand not idle.
      const wake = orig?.idle === true && st.idle === true ? orig.await : undefined;
      let done = false;
      const stand = (s: KS, t: KL) => {
        if (done) return;
        // (Unrecorded: bookkeeping, no part of the guard's footprint, which --por reads.)
        const idle = wake !== undefined && !unrecorded(() => wake(s, t));
        if (log.reached(patch, target, idle)) done = !idle;
      };
      if (a) framed.await = (s, t) => { stand(s, t); return a(s, t); };
      if (typeof b === 'function') framed.branches = (s, t) => { stand(s, t); return b(s, t); };
    }
    const out = checkedReleases(this.tb, framed);
    keepLockWait(st.await, out.await);
    return out;
  }
  private framedStep(st: KStep, patch: string): KStep {
    const all = this.tb.k.locals;
    // The state its guard reads through the read log (strict-state.ts ReadLog): a wait of the
    // patch's that never blocked, or always did. (Its run's reads were logged too at first: a
    // loop over every device, and a library helper it calls, read fields that never change there,
    // and the note was noise on the README's own example: a review, 2026-12-05.)
    // Its run's writes are logged (not its reads): a field its guard reads that its own steps write
    // is a lock it takes, whose effect is on other threads' waits (patch-notes.ts, s46 h4).
    const sv = this.tb.k.reads?.view(patch) ?? strictState, rv = this.tb.k.reads?.view(patch, false) ?? strictState;
    if (!all) return viewedStep(st, rv, strictState, sv);
    const decls = all.get(this.name) ?? [];
    // Names that are C locals of other functions: a hunk here that uses one is told whose it is.
    const elsewhere = new Map([...all].filter(([f]) => f !== this.name).flatMap(([f, ds]) => ds.map((d) => [d.name, f] as const)).filter(([n]) => !decls.some((d) => d.name === n)));
    if (!decls.length && !elsewhere.size) return viewedStep(st, rv, strictState, sv);
    if (decls.length && this.slot < 0) {
      const blocks = this.tb.frames.get(this.name) ?? [];
      this.slot = blocks.length;
      blocks.push(this.prefix);
      this.tb.frames.set(this.name, blocks);
    }
    const frames = new WeakMap<object, object>(), slot = this.slot, fn = this.name;
    const frame = <T>(t: T): T => {
      const x = t as unknown as object;
      let f = frames.get(x);
      // The call's locals first (their own checks and messages), then the strict view of the rest.
      if (!f) { f = frameLocals(strictState(x), fn, slot, decls, elsewhere); frames.set(x, f); }
      return f as T;
    };
    return viewedStep(st, rv, frame, sv);
  }
  private slot = -1;

  /** Apply the patches, register the steps in the thread; returns the block's entry label. */
  done(): string {
    const site: Site = { k: this.tb.k, tb: this.tb, fn: this.name, dev: this.dev, drv: this.drv, depth: this.depth, link: this.linkIdx };
    const order = [...this.local.keys()], first = order[0]!;
    const patchedBy = new Map<string, Patch>(), origSince = new Map<string, string | undefined>(), weakNotes = new Map<string, string>();
    // A user's step that keeps a mutex wait's own `await`: it waits for that mutex whatever its `waits` says.
    const keptMutex = new Set<string>();
    // A user's replacement that keeps the original's `await` (the same closure): the properties judge it as the library's step.
    const keptAwait = new Set<string>();
    // A user's guard on a mutex wait, by label, with the original's await: judged by the search (strongUnless below).
    const condGuard = new Map<string, KStep['await']>();
    // Steps that hold device_links_lock themselves (a user's wait inside a region): the others under it wait for it.
    const linksHeld = new Set<string>();
    // A user's replacement that keeps the library step's `merges` (`{ ...orig, c: [...] }`) with C of its
    // own: the library's C, by label. The reason was written for those lines: it is kept where the hunk's
    // resolve to the same lines, and the span note is said otherwise (s45 h19: it was kept for any C).
    const keptMerges = new Map<string, readonly string[]>();
    // The edges inserts took, by their `after` step: a later user patch that replaces that step keeps them.
    // `lib`: the library patch's id, where the insert is the profile's (a redirect through it is said: s41 h2).
    const inserted = new Map<string, { before: string; beforeFull: string; label: string; lib?: string }[]>();
    // A step as it was before a user's insert took an edge of it: a later patch of yours that
    // replaces it is handed this as `orig`, and the inserts are redirected around what it makes, as
    // when every replacement of yours applied before any insertion (a review, s40 h6: a fix that
    // compared orig's return with the library's label got the insert's label instead, and its change
    // was silently lost).
    const bare = new Map<string, KStep>();
    /** What a user's patch does that the model cannot judge, said with every result. */
    const note = (text: string) => (this.tb.k.patchNotes ??= new Set()).add(text);
    // A user's replacement's redirect through a library insert (below): what the innermost step that
    // redirected made and said, kept until the step the search runs returns; the steps that may.
    let pendingRedirect: { label: string | null; notes: { note: string; at: string }[] } | undefined;
    const redirectsAt = new Set<string>();
    // Your inserts by the step they follow: label -> before. A later one of yours on the edge to the
    // library's insert (`after: 'device_lock', before: 'check_dead'`) takes that edge on the way.
    const yoursAfter = new Map<string, Map<string, string>>();
    // This function's hunks, in the order hunksOf gives them (and says why).
    // override-uaf's strcmp note, said once the loop has seen whether the patch guards the load.
    const strcmpNotes: { id: string; text: string }[] = [], heldLoad = new Map<string, boolean>(), cleared = new Set<string>(); // patch id -> its load hunk also drops a lock; patch ids whose load keeps no pointer
    for (const { p, h } of hunksOf(this.tb.k.patches).get(this.name) ?? []) {
      {
        // A user's hunk (definePatch) applies to the blocks of its function that have its steps: the
        // same function builds other steps for another driver (sync or async); probecheck checks the
        // label against the profile's whole catalogue instead (E604 from cli/steps.ts).
        if (isUserPatch(p)) {
          if (!this.userHunkFits(h)) continue;
          this.tb.k.applied?.add(h);
          if (MATCH_WALKS.has(this.name) && this.dev >= 0 && this.tb.k.w.devices[this.dev]!.matchDefers && this.tb.k.has('MATCH_DEFER')
            && [h.replace, h.insert?.before, ...[h.insert?.after ?? []].flat()].some((l) => l !== undefined && l !== null && MATCH_STEPS.has(l))) (this.tb.k.matchHunked ??= new Set()).add(this.dev);
        }
        if (h.replace !== undefined) {
          const lib = this.local.get(h.replace);
          if (!lib) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: ${this.name} has no step '${h.replace}'; it has: ${order.join(', ')}`);
          // The step a user's hunk wraps runs on the real state: its own reads of fields kept only
          // in some scenarios (`s.flushBarrier`) are the library's, not the user's (a review, 2026-12-05).
          const orig = isUserPatch(p) ? libraryStep(bare.get(h.replace) ?? lib, this.tb.k) : lib;
          // Its fields as handed over: a hunk may change `orig` in place and return it (s47 h6).
          const handed = { ...orig };
          let made = isUserPatch(p) ? userHunkStep(p, `${this.name}:${h.replace}`, () => h.step(site, orig)) : h.step(site, orig);
          // A replacement that is the step itself (`orig`, `{ ...orig }`) changes nothing the model runs:
          // what it stands for (a WARN_ON's condition, a message) has no state here, so every verdict
          // reads as without it; say so rather than let diff say `still violated` in silence (s47: Herve
          // Codina's 2026 __device_links_no_driver WARN_ON change, written as such a hunk). Only where it
          // does so at every site it is built at: one that changes the step for another device changes
          // something (s47 h6: `site.dev === i ? { ...orig, await } : orig` was said to change nothing).
          // One that changes only the C the step cites (`{ ...orig, c: [..., 'WARN_ON(... &&'] }`, the natural way to write
          // such a change) runs the same too, and is said so (s47 h13: it read `still violated` with no word).
          if (isUserPatch(p)) {
            const k = this.tb.k, at = `patch ${p.id}'s hunk on ${this.name}:${h.replace}`, why = 'it changes nothing the model runs, and a change it stands for that the model keeps no state of (a WARN_ON\'s condition, a message) is not seen: every verdict reads as without it';
            const texts = [`${at} returns the step unchanged: ${why}`, `${at} changes only the C lines the step cites (${CITES.join(', ')}): ${why}`];
            // Not where its C gains or loses a line of a device_links_write_lock() region: under a user's patch the step then waits
            // for device_links_lock, or no longer does (below; s47 h14: dropping call_probe's link-check lines was said to change nothing).
            const linksWait = (x: { c?: readonly string[] }) => k.linksLock === true && (x.c ?? []).some((c) => LINKS_LOCKED.test(c));
            if (!sameStep(made, handed, CITES) || linksWait(made) !== linksWait(handed)) { (k.changedHunks ??= new Set()).add(h); for (const x of texts) k.patchNotes?.delete(x); } else if (!k.changedHunks?.has(h)) note(texts[sameStep(made, handed) ? 0 : 1]!);
          }
          // A user's replacement that says no `where` (a step written from scratch, not `{ ...orig }`)
          // is placed where the step it replaces is, as an insert is (a hunt, s39 h7: such a step
          // stopped the build with an internal error, reading `where` of undefined).
          if (isUserPatch(p) && made.where === undefined) made = { ...made, where: `${(lib.where ?? this.name).split(' ')[0]!} (patch ${p.id}: ${h.replace})` };
          if (isUserPatch(p) && made.merges !== undefined && made.merges === orig.merges && made.c !== orig.c) keptMerges.set(h.replace, orig.c ?? []); else keptMerges.delete(h.replace);
          // An earlier patch inserted a step after this one: the replacement (whose orig, for a
          // user's, is the step before your inserts: `bare`), where it goes on to that insert's
          // `before`, still goes through it. Each insert in the order they were made, as their
          // wraps of the step nest: one inserted before another on the same edge comes first (a
          // review, s40 h6: a redirect that stopped at the first match skipped the later insert).
          // A library fix's insert too: its lines stay in the C whatever your hunk does to this step.
          // Through a library fix's insert, a user's step is said to have gone on through it, where the
          // search takes that edge (ReadLog.redirected): the user cannot see it otherwise (s40 h6 left it
          // silent; s41 h2). Said only where taken: a replacement may never go on to that `before`
          // (one that returns what orig returns goes to the insert by its own label), and which it
          // does is known only when its run returns.
          // Said by the step as the search runs it (the loop below that registers it), not here: a
          // later patch of yours that replaces this one calls it as orig and may go elsewhere (a
          // review, s41 h6: such a fix never went on to check_dead, and the note said it did).
          const redirects = inserted.get(h.replace)?.map((e) => ({ ...e, note: e.lib !== undefined && this.tb.k.reads ? redirectNote(p as UserPatch, this.tb.k.patchFiles?.get(p), h, this.name, e) : undefined }));
          const redirected = (st: KStep, at: string): KStep => {
            if (!redirects) return st;
            if (redirects.some((e) => e.note !== undefined)) redirectsAt.add(at);
            const run = st.run;
            return { ...st, run: (s, t, b, c) => {
              let r = run(s, t, b, c), said: { note: string; at: string }[] | undefined;
              for (const e of redirects) if (r === e.before || r === e.beforeFull) { r = e.label; if (e.note !== undefined) (said ??= []).push({ note: e.note, at: e.label }); }
              if (said) pendingRedirect = { label: r, notes: said };
              return r;
            } };
          };
          // A user's step that blocks on a guard of its own but keeps the original's `waits`
          // (`{ ...orig, await }`): where the original guard would pass, the lock it names is
          // free, and the wait is the patch's (diff said "waits for &dev->mutex(c2) held by nobody").
          // A guard given through `branches` (0: blocked) is a guard too (a review, 2026-12-05); a
          // constant count of one or more is a choice, no guard (a new user, 2026-12-05: `branches: 2`
          // made device_del's mutex wait weakly fair, and diff said a harmless hunk regressed).
          const guarded = isUserPatch(p) && (made.await !== orig.await || (made.branches !== orig.branches && !(typeof made.branches === 'number' && made.branches > 0)));
          if (guarded && made.waits !== undefined && made.waits === orig.waits) {
            const ow = orig.waits, oa = orig.await;
            made = { ...made, waits: (s, t) => (oa === undefined || oa(s, t) ? `the condition patch ${p.id} added (${p.subject})` : ow(s, t)) };
          }
          // A guard that is a lock's of the patch (`await: lock.free`) waits for that lock alone, as fair as its kind (below), not
          // judged against the mutex the original waited for (s47 h8: cb3d1049f4ea's store, under its spinlock, was).
          const ownLock = isUserPatch(p) ? lockWaitOf(made.await) : undefined;
          // A mutex wait the patch guarded, or said is weak, is weakly fair: say why where a loop starves it.
          if (isUserPatch(p) && isMutexWait(orig.waits) && this.tb.k.has('MUTEX_HANDOFF') && (made.strong === false || (guarded && made.strong !== true && ownLock === undefined))) {
            weakNotes.set(h.replace, made.strong === false ? `patch ${p.id} says its wait is weakly fair (strong: false)`
              : `patch ${p.id} changed its guard, so its wait is weakly fair, not the mutex's handoff; write strong: true in the hunk's step if the patch's condition, once true, stays true until the thread moves`);
          }
          // Its guard is the original's closure: it waits for the same mutex, and is as fair, whatever
          // words its `waits` gives or whether it gives any (a liveness hunt, 2026-12-05: a reworded or
          // dropped `waits` made device_del's wait weakly fair, and diff said the hunk regressed).
          const origMutex = isMutexWait(orig.waits) || keptMutex.delete(h.replace);
          if (isUserPatch(p) && !guarded && made.await !== undefined && origMutex) keptMutex.add(h.replace);
          if (isUserPatch(p) && made.await !== undefined && made.await === orig.await) keptAwait.add(h.replace); else keptAwait.delete(h.replace);
          condGuard.delete(h.replace);
          if (guarded && origMutex && ownLock === undefined && made.strong === undefined && made.holding === undefined && this.tb.k.has('MUTEX_HANDOFF')) condGuard.set(h.replace, orig.await);
          // device_links_lock is not a lock in the model: its regions are single steps. A wait a
          // patch adds to such a step is a wait holding it, whose lock order nothing checks (a new
          // user, 2026-12-05: a device_lock of the consumer in device_links_driver_bound read as
          // deadlock-free, where device_links_check_suppliers takes the locks the other way).
          const locked = (orig.c ?? []).some((l) => LINKS_LOCKED.test(l));
          // A hunk that drops the step's wait (a lock it no longer takes): the step is still one atomic
          // step, so what that lock kept out is kept out of it anyway (a patch-loop hunt, 2026-12-05:
          // dropping deferred_probe_mutex in driver_bound read as a clean diff).
          // A wait that is no lock (async_synchronize_full's, a completion, a flush) opens no region:
          // its note says what the properties then make of the step (a review, 2026-12-06: the note
          // spoke of a lock where a hunk dropped __device_release_driver's async_synchronize_full).
          if (isUserPatch(p) && orig.await !== undefined && made.await === undefined) {
            note(isMutexWait(orig.waits)
              ? `patch ${p.id} drops the wait of ${this.name}:${h.replace}: the step stays one atomic step, so a race that dropping a lock opens inside it is not found (only one against steps that hold that lock across steps)`
              : `patch ${p.id} drops the wait of ${this.name}:${h.replace}, which is no lock: the thread goes on there at once, and the properties that judge a thread by the step it stands at (no-wait-under-lock at async_synchronize_full, say) take that step as no wait`);
          }
          // lockless-reader judges a reader standing at add_uevent_var by dev->driver as it is then,
          // the second read the library's step makes: a user's step there that prints a pointer read
          // earlier read as B11 (a new user's 15fffc6a5624 with READ_ONCE into a local, 2026-12-06).
          // override-uaf judges a reader standing at strcmp by the string its load step kept (t.ovr),
          // which the library's strcmp compares: a user's step there that reads the string again (under
          // a lock the store takes) read as a use after free (a review, 2026-12-06), and no step's
          // behaviour tells the two apart.
          // Not where the same patch guards this function's load (dc23806a7c47's guard(device) taken at
          // driver_match_device and held into strcmp, as the note below asks): the pointer was loaded
          // under the lock the store takes, and the strcmp compares it still held (s46 h4: a user who
          // followed that note was told the opposite by this one). Said after the loop, which knows.
          if (isUserPatch(p) && h.replace === 'strcmp') { // platform_match's, built only in driverMatchSteps
            strcmpNotes.push({ id: p.id, text: `patch ${p.id} replaces ${this.name}:strcmp: override-uaf judges a reader standing there by the driver_override string its load (driver_match_device) kept, as the library's strcmp compares it; if your step reads pdev->driver_override again (under a lock the store takes too), that verdict is about a pointer your step no longer uses: clear it in the load (\`t.ovr = 0\` after orig.run, in a hunk replacing driver_match_device), or do the test and the strcmp in one step there, as cb3d1049f4ea does` });
          }
          // Held: the load's hunk takes a lock (its text writes a `.mutex`, as the docs' guard does);
          // a load that only waits leaves the pointer unguarded, and a strcmp that re-reads under the
          // lock is what that note is for (s46 h9: both notes were then silent beside a violation).
          // A load hunk that also writes `.mutex = 0` may drop the lock before strcmp (taken and dropped inside its one step), which
          // no text scan tells from a drop on the branch that does not go on to strcmp: the note is said, saying so (s46 h16: the
          // take alone silenced it, and a re-read under the lock read violated with no word).
          // A lock the patch declares counts as `.mutex` does, written or taken with lockOf's take/release (s47 h1: cb3d1049f4ea's
          // driver_override.lock held from the load into strcmp was told to re-read nothing).
          if (guarded && h.replace === 'driver_match_device') {
            const text = String(h.step), names = ['mutex', ...(this.tb.k.locks?.dev ?? []), ...(this.tb.k.locks?.kernel ?? [])].join('|');
            if (new RegExp(`\\.(${names})\\s*=(?!=)(?!\\s*0\\b)|\\.take\\(`).test(text)) heldLoad.set(p.id, new RegExp(`\\.(${names})\\s*=\\s*0\\b|\\.release\\(`).test(text));
          }
          // A load hunk that clears the kept pointer (`t.ovr = 0`, as the note advises) has done what the note asks: override-uaf
          // then judges no pointer there (s46 h19: the note, and h16's qualified one, were said to a patch that followed it).
          if (isUserPatch(p) && h.replace === 'driver_match_device' && /\.ovr\s*=\s*0\b/.test(String(h.step))) cleared.add(p.id);
          // Where an override is written, driver_match_device is platform_match's load of
          // pdev->driver_override alone and the strcmp is the next step, which override-uaf judges: a
          // guard of a user's there (dc23806a7c47's guard(device) around bus->match()) that the patch
          // does not carry into strcmp covers the load only, and the UAF it closes in the C still reads
          // violated (a hunt, 2026-12-06: the lock written as this step's wait alone).
          if (guarded && h.replace === 'driver_match_device' && this.local.has('strcmp') && !p.hunks.some((x) => x.fn === this.name && x.replace === 'strcmp')) {
            note(`patch ${p.id} adds a wait to ${this.name}:driver_match_device, which here is platform_match's load of pdev->driver_override only: its strcmp is the next step, ${this.name}:strcmp, where override-uaf judges the reader; a lock your step takes around the whole bus->match() (guard(device)) must be held into it: take it in driver_match_device where the run goes on to 'strcmp', and drop it in a hunk replacing strcmp`);
          }
          if (isUserPatch(p) && this.name === 'dev_uevent' && h.replace === 'add_uevent_var') {
            note(`patch ${p.id} replaces dev_uevent:add_uevent_var: lockless-reader judges a reader standing there by dev->driver as it is then (the library's step reads it again); if your step prints a driver read earlier (READ_ONCE into a local), that verdict is about a read your step no longer makes: do the read and the print in one step (replace if_driver, as 18daa52418e7 does)`);
          }
          if (guarded && locked && made.holding !== 'device_links_lock') {
            note(`patch ${p.id} adds a wait to ${this.name}:${h.replace}, whose C runs a device_links_write_lock() region: the model takes the wait before that region; where the patch waits inside it, say holding: 'device_links_lock' in the hunk's step, and the wait holds device_links_lock`);
          }
          if (isUserPatch(p) && made.holding === 'device_links_lock' && !locked) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: its step ${this.name}:${h.replace} says holding: 'device_links_lock', but that step's C has no device_links_write_lock() region`);
          if (guarded && this.tb.k.linksLock && locked && made.holding === 'device_links_lock') {
            // The step becomes device_links_write_lock() (a step that takes KS.deviceLinksLock), then the
            // patch's wait and body holding it, which release it.
            note(`patch ${p.id} waits holding device_links_lock in ${this.name}:${h.replace}: the model takes it before that wait and releases it after the step (sync_state's locking of suppliers is not modelled)`);
            const me = this.tb.owner, held = `${h.replace}_links_locked`;
            // The step holding it is a new one, `held`: a name taken already (a patch given before
            // that split this step so too, or inserted a step so named) was overwritten, and listed
            // twice: that patch's body never ran (s44 h8; since s44 h1 an internal error).
            const by = patchedBy.get(held);
            if (this.local.has(held)) {
              throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: its step ${this.name}:${h.replace} says holding: 'device_links_lock', and the model makes that a step '${held}' holding it, which ${this.name} already has${by ? ` (patch ${by.id} ${linksHeld.has(held) ? `says holding: 'device_links_lock' there too: put both patches' conditions in one hunk, or replace '${held}', the step that holds it` : 'inserts it: name that step otherwise'})` : ''}`);
            }
            const body = redirected(made, held);
            bare.delete(h.replace);
            this.local.set(held, this.userStep({ ...body, run: (s, t, b, c) => { const r = body.run(s, t, b, c); s.deviceLinksLock = 0; return r; } }, p.id, `${this.name}:${h.replace}`));
            patchedBy.set(held, p);
            order.splice(order.indexOf(h.replace) + 1, 0, held);
            linksHeld.add(held).add(h.replace);
            made = { where: orig.where, c: (orig.c ?? []).filter((l) => LINKS_LOCKED.test(l)), since: orig.since, await: (s) => s.deviceLinksLock === 0, waits: linksLockWaits(this.tb.k),
              run: (s) => { s.deviceLinksLock = me; return held; } };
            this.local.set(h.replace, made);
          } else {
            const st = isUserPatch(p) ? this.userStep(made, p.id, `${this.name}:${h.replace}`, orig) : made;
            this.local.set(h.replace, redirected(st, h.replace));
            if (bare.has(h.replace)) bare.set(h.replace, st);
          }
          patchedBy.set(h.replace, p);
          // The since the user's hunk was handed (after the library's fixes: 58b116bce136 gives
          // call_probe a since of its own, which a copy of it then passed off as the user's).
          if (isUserPatch(p) && !origSince.has(h.replace)) origSince.set(h.replace, lib.since);
        } else if (h.insert) {
          const { label } = h.insert, atEntry = h.insert.after === null;
          // At the entry of a function that starts after its caller's step (entryAfter): on that step's edge.
          const via = atEntry ? this.entryAfter : undefined, after = via ?? h.insert.after;
          const entryStep = via === undefined ? order[0]! : order[order.indexOf(via) + 1]!;
          // (definePatch refuses FIRST with an `after`.)
          const before = h.insert.before === FIRST ? entryStep : h.insert.before;
          const afters = after === null ? [] : ([] as string[]).concat(after);
          for (const a of afters) if (!this.local.get(a)) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: ${this.name} has no step '${a}'; it has: ${order.join(', ')}`);
          if (atEntry && this.noEntry !== undefined) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: its step ${this.name}:${label} goes at the function's entry (after: null), where the model has no step boundary: ${this.noEntry} (${this.name} has: ${order.join(', ')})`);
          if (atEntry && this.entersPast !== undefined) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: its step ${this.name}:${label} goes at the function's entry (after: null), which the model cannot place on every path: ${this.entersPast}; to run it on every path, replace the step they all reach with one that does your work first ({ ...orig!, run }) (${this.name} has: ${order.join(', ')})`);
          if (atEntry && entryStep !== before) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: ${this.name} does not start with '${before}'${via === undefined ? '' : ` but with '${entryStep}' ('${via}' is its caller's, where the function is called)`}; it has: ${order.join(', ')} (its first step may differ by scenario: before: FIRST, imported from 'probecheck', is whichever it is)`);
          if (before !== RETURN && !this.local.has(before) && !this.alias.has(before) && !this.routes.has(before)) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: ${this.name} has no step '${before}'; it has: ${order.join(', ')}`);
          if (this.local.has(label)) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: ${this.name} already has a step '${label}' (already applied?)`);
          // A label that names where a call or walk starts (__device_attach's bus_for_each_drv) took
          // that name over: every step going on to the walk ran the insert instead, and nothing bound
          // (s41 h17, read vacuous).
          if (this.routes.has(label) || this.alias.has(label)) throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}) does not apply: ${this.name} already goes on to '${label}' (where a call or walk starts): name the new step otherwise`);
          // A library step may go on by the full label of its function's step (really_probe's
          // call_probe returns f.label('probe_ret'), 'really_probe(d,x):probe_ret'): that edge is the
          // same (a hunt, s40 h4: an insert after call_probe never fired, and the patch went uncredited).
          const beforeFull = this.local.has(before) || this.alias.has(before) ? this.label(before) : before;
          for (const a of afters) {
            const st = this.local.get(a)!;
            if (isUserPatch(p) && !bare.has(a)) bare.set(a, st);
            const es = inserted.get(a);
            const e = { before, beforeFull, label, ...(isUserPatch(p) ? {} : { lib: p.id }) };
            if (isUserPatch(p)) (yoursAfter.get(a) ?? yoursAfter.set(a, new Map()).get(a)!).set(label, before);
            if (es) es.push(e); else inserted.set(a, [e]);
            this.local.set(a, { ...st, run: (s, t, b, c) => { const r = st.run(s, t, b, c); return r === before || r === beforeFull ? label : r; } });
          }
          // A user's inserted step that says no `where` is placed in its function, as the
          // function's own steps are (a new user, 2026-12-05: an E103 at search time named a thread).
          let made = isUserPatch(p) ? userHunkStep(p, `${this.name}:${label}`, () => h.step(site, undefined)) : h.step(site, undefined);
          if (isUserPatch(p) && made.where === undefined) {
            // At the entry, in the function: a step of its own, not a callee's or caller's step
            // first (device_shutdown's device_block_probing, the worker's process_one_work).
            const fileFn = (l: string) => (this.local.get(l)?.where ?? this.name).split(' ')[0]!.replace(/,$/, '');
            const own = atEntry ? order.find((l) => fileFn(l).endsWith(`:${this.name}`)) : undefined;
            const fnWhere = fileFn(own ?? (atEntry ? entryStep : afters[0]!));
            // A copy: the step the hunk returned may be frozen (a review, 2026-12-05).
            made = { ...made, where: `${fnWhere} (patch ${p.id}: ${label})` };
          }
          if (h.insert.before === FIRST) { const run = made.run; made = { ...made, run: (s, t, b, c) => { const r = run(s, t, b, c); return r === FIRST ? before : r; } }; }
          this.local.set(label, isUserPatch(p) ? this.userStep(made, p.id, `${this.name}:${h.insert.label}`) : made);
          patchedBy.set(label, p);
          if (after === null) order.unshift(label);
          else order.splice(Math.max(...afters.map((a) => order.indexOf(a))) + 1, 0, label);
        }
      }
    }
    for (const n of strcmpNotes) {
      const drops = heldLoad.get(n.id);
      if (cleared.has(n.id)) continue;
      if (drops === undefined) note(n.text);
      else if (drops) note(`${n.text} (said though your driver_match_device hunk takes a lock: it drops one too, and where it does so before strcmp the pointer it kept is no longer guarded; where it holds the lock into strcmp and drops it only on a branch that returns, as dc23806a7c47 does, this note does not apply)`);
    }
    // A library patch that works through its flags (no hunks) and names its own snapshot: the steps
    // it touches are looked for there too, when the profile's text predates the fix (15cfb0941603 at v5.0).
    // A touch ending in `*` names every step whose label starts so (the locked pending walk's step per entry).
    for (const p of this.tb.k.patches) {
      if (isUserPatch(p) || !p.sources || p.hunks.length) continue;
      for (const t of p.touches) {
        if (!t.startsWith(`${this.name}:`)) continue;
        const l = t.slice(this.name.length + 1), any = l.endsWith('*') ? l.slice(0, -1) : undefined;
        for (const x of any === undefined ? [l] : [...this.local.keys()].filter((y) => y.startsWith(any))) if (this.local.has(x) && !patchedBy.has(x)) patchedBy.set(x, p);
      }
    }
    // The leading call returns to the first step the library built: through the entry inserts instead (leading).
    if (this.leadingSteps.length && order[0] !== first) {
      const from = this.label(first), to = this.label(order[0]!);
      for (const key of this.leadingSteps) {
        const st = this.tb.steps.get(key)!, run = st.run;
        st.run = (s, t, b, c) => { const r = run(s, t, b, c); return r === from ? to : r; };
      }
    }
    for (const l of this.local.keys()) this.tb.k.built?.add(fnLabel(this.name, l));
    // Full labels built once: a step's run returns one of these strings, not a new one each time.
    const full = new Map([...this.local.keys()].map((l) => [l, this.label(l)]));
    // The global name of a label where it does not depend on the state (undefined: it does, or it is no label).
    const fixed = (r: string | null): string | null | undefined => {
      if (r === null) return null;
      if (r === RETURN) return typeof this.ret === 'string' || (this.ret === null && !this.checkEnd) ? this.ret : undefined;
      const f = full.get(r);
      if (f !== undefined) return f;
      if (this.routes.has(r)) return undefined;
      return this.alias.get(r) ?? (r.includes(':') ? r : undefined);
    };
    const resolve = (r: string | null, s: KS, t: KL): string | null => {
      const f = fixed(r);
      return f !== undefined ? f : unfixed(r, s, t);
    };
    // A label that fixed() gave no global name for: a RETURN whose continuation reads the state, a route, or none of this function's.
    const unfixed = (r: string | null, s: KS, t: KL): string | null => {
      if (r === RETURN) {
        const x = this.ret;
        if (x === null && this.checkEnd) this.endsFree(s);
        return typeof x === 'function' ? x(s, t) : x;
      }
      const to = this.routes.get(r!);
      if (to) return resolve(to(s, t), s, t);
      // A bare name is meant as one of this function's (a user's hunk returning 'next', say): say which it may be.
      // The string 'RETURN' is not the constant RETURN (a new user, 2026-12-05: the error offered RETURN right after refusing it).
      const asString = r!.toUpperCase() === 'RETURN' ? `: the string '${r}' is not the constant RETURN` : '';
      throw new ProbecheckError('E202', `${this.name} has no label ${JSON.stringify(r)} to go to${asString}; its steps: ${[...this.local.keys()].join(', ')}${this.routes.size + this.alias.size ? `; also: ${[...this.routes.keys(), ...this.alias.keys()].join(', ')}` : ''}; or the constant RETURN (import { RETURN } from 'probecheck') to return from ${this.name}`);
    };
    const targets = this.tb.k.targets.get(this.name) ?? new Set<string>();
    for (const l of [...this.routes.keys(), ...this.alias.keys()]) targets.add(l);
    this.tb.k.targets.set(this.name, targets);
    // The library's inserted steps a patch of yours replaced: a redirect through one runs your step, not its lines (a review, s41 h6: the note said replace it too).
    const yourSteps = new Set([...patchedBy].filter(([, q]) => isUserPatch(q)).map(([l]) => l));
    for (const l of order) {
      // The full label as label() made it (the string the step's run returns: hashed once, for the Map and the engine's record).
      const key = this.labels.get(l) ?? `${this.prefix}:${l}`;
      const ks = this.local.get(l)!;
      const user = patchedBy.get(l), mine = user && isUserPatch(user) ? user : undefined;
      // Under a user's patch, a library step too may not release another thread's mutex: a hunk
      // earlier in the thread may have changed what it unlocks (checkedReleases).
      const lib = mine === undefined && this.userPatched ? checkedReleases(this.tb, ks, l) : ks;
      const said = redirectsAt.has(l) ? this.tb.k.reads : undefined, via = yoursAfter.get(l);
      // The step goes on to the redirect's insert, or to an insert of yours on the way to it.
      const toward = (r: string | null, to: string | null): boolean => { let x = r; while (x !== to && x !== null && via?.has(x)) x = via.get(x)!; return x === to; };
      const st: Step<KS, KL> = { where: ks.where, run: mine === undefined ? resolving(lib.run, fixed, unfixed)
        // A label a user's hunk returns that its function lacks: the error names the patch too.
        : (s, t, b, c) => {
          try {
            if (said) pendingRedirect = undefined;
            // A hand-written bus list place is an error, not a skipped device; probecheck's own
            // check, not the step's reads (unrecorded: --por's footprints, `steps`' reads).
            const zeroed = unrecorded(() => zeroedBuses(site, s));
            const r = ks.run(s, t, b, c);
            unrecorded(() => checkBusList(site, s, zeroed));
            // A redirect through a library insert is said where the step goes to that insert.
            if (said && pendingRedirect) { if (toward(r, pendingRedirect.label)) for (const n of pendingRedirect.notes) if (!yourSteps.has(n.at)) said.redirected(n.note); pendingRedirect = undefined; }
            // A run with no return (a new user, 2026-12-05, called orig.run and dropped its label) gave a TypeError.
            if (typeof r !== 'string' && r !== null) throw new ProbecheckError('E202', `${this.name}'s step ${l} returned ${String(r)}, not a label (a missing return?); its steps: ${[...this.local.keys()].join(', ')}; or the constant RETURN (import { RETURN } from 'probecheck') to return from ${this.name}`);
            if (r === RETURN && this.userReturn) return this.userReturn(s, t);
            return resolve(r, s, t);
          } catch (e) {
            throw e instanceof ProbecheckError && (e.code === 'E202' || e.code === 'E205') && !e.message.startsWith('patch ') ? new ProbecheckError(e.code, `patch ${mine.id} (${mine.subject}): ${e.message}`) : e;
          }
        } };
      // A user's hunk made this step: its own `since`, or the profile with that patch (a replaced
      // step that copies the original keeps the original's, which would hide the patch). Any
      // other step follows the profile and its library patches, not the user's.
      const by = patchedBy.get(l), base = this.tb.k.builtFor ?? this.tb.k.profile;
      st.since = by && isUserPatch(by) ? (ks.since !== undefined && ks.since !== origSince.get(l) ? ks.since : `${base} + ${by.id}`) : (ks.since ?? base);
      if (by && isUserPatch(by)) st.patch = by.id;
      // A user's await must say true or false: one with no return (undefined) read as a wait that
      // never ends, and no-deadlock blamed it (a new user, 2026-12-05).
      const ua = ks.await;
      if (ua) st.await = mine === undefined ? ua : (s, t) => {
        const r = ua(s, t);
        if (typeof r !== 'boolean') throw new ProbecheckError('E203', `patch ${mine.id} (${mine.subject}): ${this.name}'s step ${l}: its await returned ${String(r)}, not true or false (an await with no return?)`);
        return r;
      };
      // A user's waiting step, for the properties that judge a wait by where a thread is (reader-no-wait-on-probe).
      // Those properties may call it first: what it throws is the patch step's (E203), not the
      // property's E302 (a new user, 2026-12-05: a guard reading a field this scenario lacks was
      // reported as no-wait-under-lock throwing).
      // A user's step with no await never waits, whatever its label (a new user's 15fffc6a5624,
      // 2026-12-06: its lockless dev_uevent kept the label device_lock and read as waiting on a probe).
      // One that keeps the original's await is left to be judged as the library's step.
      if (mine && !keptAwait.has(l)) {
        const label = full.get(l)!, guard = st.await;
        (this.tb.k.userAwaits ??= new Map()).set(label, guard === undefined ? () => true : (s: KS, t: KL) => {
          try { return guard(s, t); } catch (e) {
            if (e instanceof ProbecheckError) throw e;
            throw new ModelError('E203', `in the guard (await or branches) of step '${label}' (patch ${mine.id}): ${thrownMessage(e)}`);
          }
        });
      }
      if (ks.branches !== undefined) st.branches = ks.branches;
      // A user's guard on a mutex wait: strongly fair where, over the whole search, it let the thread
      // go exactly where the original's did (a `branches` function that never returns 0, the
      // original's await in a closure of its own: a liveness hunt, 2026-12-05, found both read as
      // weakly fair and diff saying such a hunk regressed); weakly fair where it did not.
      if (condGuard.has(l)) {
        const oa = condGuard.get(l), aw = st.await, br = st.branches;
        let differs = false;
        const frees = (s: KS, t: KL) => oa === undefined || oa(s, t);
        if (aw) st.await = (s, t) => { const r = aw(s, t); if (!differs && r !== frees(s, t)) differs = true; return r; };
        if (typeof br === 'function') st.branches = (s, t) => { const n = br(s, t); if (n === 0) differs = true; return n; };
        st.strongUnless = () => differs;
      }
      if (ks.branchNames) st.branchNames = ks.branchNames;
      if (ks.idle) st.idle = ks.idle;
      // Under a user's patch a library step keeps its reason, said as the build's: a hunk may route
      // there, and then it fires (no word); one that did not is no news of the patch's (s46 h4: a
      // diff's patched side warned that really_probe's failure path never fired, where the base
      // counted it unreachable, for a patch of __driver_attach's match). A user's step has none.
      if (ks.cannot !== undefined) st.cannot = this.userPatched ? `${ks.cannot} (as built; no run took it under your patch either)` : ks.cannot;
      if (ks.waits) st.waits = ks.waits;
      // device_links_lock, kept under a user's patch: a region of the library's (one step) waits for it.
      if (this.tb.k.linksLock && !linksHeld.has(l) && (ks.c ?? []).some((x) => LINKS_LOCKED.test(x))) {
        const aw = st.await, wt = ks.waits, lw = linksLockWaits(this.tb.k);
        st.await = (s, t) => s.deviceLinksLock === 0 && (aw === undefined || aw(s, t));
        st.waits = (s, t) => (s.deviceLinksLock !== 0 ? lw(s) : wt ? wt(s, t) : 'its condition');
      }
      // A wait for a struct mutex and nothing else is strongly fair where the mutex hands over
      // (a user's step that changed the guard has its own waits: the patch wrapper above), or
      // where a user's hunk says so.
      // A wait for a lock the patch declares (`await: lock.free`): a spinlock's is strongly fair on every profile (FIFO on
      // x86: ticket spinlocks, read at v3.6.0, the text of the oldest profile, v3.5; queued spinlocks from v4.2, that date
      // not read: docs/known-gaps.md "A patch's own lock"), a mutex's as the kernel's mutex is (MUTEX_HANDOFF).
      const own = by && isUserPatch(by) ? lockWaitOf(ks.await) : undefined;
      const ownFair = own && (own.kind === 'spinlock' || this.tb.k.has('MUTEX_HANDOFF'));
      if (ks.strong ?? (own ? ownFair : (isMutexWait(ks.waits) || keptMutex.has(l) || condGuard.has(l)) && this.tb.k.has('MUTEX_HANDOFF'))) st.strong = true;
      if (st.strong && own && ks.strong === undefined) STRONG_BY.set(st, own.kind);
      // A user's `strong: true` is the reason `steps` gives, not the lock's kind or the device mutex's handoff (s47 h13: a
      // spinlock's wait so marked was said strong by MUTEX_HANDOFF).
      // Said further where it asserts nothing (the step never waits: no guard, no branch count that may be 0) or more than the kernel gives (a mutex wait on a kernel
      // without MUTEX_HANDOFF: s47 h14, it read as the kernel's).
      if (st.strong && by && isUserPatch(by) && ks.strong === true) {
        STRONG_BY.set(st, st.await === undefined && typeof st.branches !== 'function' ? 'said-no-wait'
          : (own ? own.kind === 'mutex' : isMutexWait(ks.waits) || keptMutex.has(l) || condGuard.has(l)) && !this.tb.k.has('MUTEX_HANDOFF') ? 'said-no-handoff' : 'said');
      }
      // A wait worded as a patch lock's (`waits: lock.waits`) behind a guard of the step's own (`(s) => lock.free(s)`): weak,
      // and said how to make it the lock's (s47 h11: a spinlock's was told "if it waits only for a struct mutex").
      const named = by && isUserPatch(by) && !own ? lockWaitsOf(ks.waits) : undefined;
      const passesOver = (name: string) => `${name} is a mutex patch ${by!.id} declares, and this kernel's mutex can pass such a waiter over: it hands the lock to a waiter only from v5.15 (MUTEX_HANDOFF)`;
      const weak = weakNotes.get(l) ?? (own?.kind === 'mutex' && !ownFair && ks.strong === undefined ? passesOver(own.name) : undefined)
        ?? (own && ks.strong === false ? `patch ${by!.id} says its wait is weakly fair (strong: false)` : undefined)
        ?? (named && ks.strong === undefined ? (named.kind === 'mutex' && !this.tb.k.has('MUTEX_HANDOFF') ? passesOver(named.name)
          : `patch ${by!.id}'s step waits for ${named.name}, a ${named.kind} it declares, through an await of its own (not lock.free itself), so it is weakly fair; if it waits for that lock alone, write await: lock.free (as fair as the ${named.kind}${named.kind === 'spinlock' ? ": the kernel's spinlocks are FIFO" : ': MUTEX_HANDOFF'})`) : undefined)
        ?? (by && isUserPatch(by) && !own && !named && this.tb.k.has('MUTEX_HANDOFF') && ks.waits
        // A user's own waiting step on a kernel whose mutex hands over: the loop that passes it over
        // is its fairness, not the kernel's mutex (the regression differential, 2026-12-05).
        ? `patch ${by.id}'s step is weakly fair; if it waits only for a struct mutex, write strong: true in it (this kernel's mutex hands over)` : undefined);
      if (weak && (!st.strong || st.strongUnless)) st.weakNote = weak;
      if (ks.c) {
        // A patch's step is found in the profile's own snapshot when that has the fix, else in the patch's.
        const tries = [this.tb.k.sources, ...(patchedBy.get(l)?.sources ? [withPatchSources(this.tb.k.sources, patchedBy.get(l)!.sources!)] : [])];
        // The library's reason, kept with C of the user's that cites other lines, is not the step's (keptMerges).
        const libC = mine ? keptMerges.get(l) : undefined;
        const cited = (c: readonly string[]) => { for (const sources of tries) { const r = resolveStep(sources, ks.where, c, this.tb.k.renamed, this.tb.k.unread); if (!('error' in r)) return r.text; } return undefined; };
        const libText = libC ? cited(libC) : undefined, mineText = libC ? cited(ks.c) : undefined;
        const dropped = libC !== undefined && (libText === undefined || mineText !== libText) ? ks.merges : undefined;
        const merges = dropped === undefined ? ks.merges : undefined;
        // The reason is printed by `steps` (s45 h15: patches.md says `{ ...orig }` keeps the library's, which no output showed).
        if (merges) st.merges = merges;
        const rec: StepAnchors = { thread: this.tb.name, label: key, block: this.name, local: l, where: ks.where, dev: this.dev, anchored: [], ...(merges ? { merges } : {}) };
        // A user's tag that is wrong, not a line the patch adds (which is left uncited, as documented): one clear line (s45 h7:
        // a `#runs` line that calls nothing, or a tag misspelled, dropped the step's whole C and its runs without a word).
        if (mine) userTags(mine, `${this.name}:${l}`, ks.c);
        let runsNothing: string | undefined, ambiguous: string | undefined, placed: string | undefined;
        for (const sources of tries) {
          const r = resolveStep(sources, ks.where, ks.c, this.tb.k.renamed, this.tb.k.unread);
          if ('error' in r && RUNS_NOTHING.test(r.error)) runsNothing ??= r.error;
          if ('error' in r && AMBIGUOUS.test(r.error)) ambiguous ??= r.error;
          const idle = ks.cIdle && !('error' in r) ? resolveStep(sources, ks.where, ks.cIdle.lines, this.tb.k.renamed, this.tb.k.unread) : undefined;
          if ('error' in r || (idle && 'error' in idle)) { rec.error = 'error' in r ? r.error : (idle as { error: string }).error; continue; }
          rec.anchored = r.anchored;
          st.source = r.text;
          const runs = r.anchored.flatMap((a) => a.runs ?? []);
          if (runs.length) st.runs = [...new Set(runs)];
          if (idle && ks.cIdle) { st.sourceIdle = (idle as { text: string }).text; st.idleWhen = ks.cIdle.when; }
          delete rec.error;
          break;
        }
        // A user's line the text lacks (one the patch adds) leaves the lines it has resolved, one by one (s45 h22: the
        // step's whole C went, the library's lines too, with their runs and the span note, without a word): user-lines.ts.
        let addedLines: Added[] = [];
        if (mine && rec.error) {
          const u = readUserLines(tries, ks.where, ks.c, this.tb.k.renamed, this.tb.k.unread, mine, `${this.name}:${l}`);
          runsNothing ??= u.runsNothing; ambiguous ??= u.ambiguous; placed ??= u.placed;
          if (u.read) {
            rec.anchored = u.read.anchored;
            st.source = u.read.source;
            if (u.read.runs.length) st.runs = u.read.runs;
            addedLines = u.read.added;
            for (const n of u.read.notes) note(n);
            delete rec.error;
          }
        }
        if (mine && rec.error && runsNothing) throw new ProbecheckError('E604', `patch ${mine.id} (${mine.subject}) does not apply: its step ${this.name}:${l} cites ${runsNothing}: tag the line that calls it, or drop the tag`);
        // A line the text has more than once, with no @n (or an @n past its count), is a mistake in the hunk too (s45 h15:
        // a newcomer citing the worker's mutex_unlock lost the step's whole C, its runs and the span note, without a word).
        if (mine && rec.error && placed) throw new ProbecheckError('E604', `patch ${mine.id} (${mine.subject}) does not apply: its step ${this.name}:${l}: ${placed}: an @n or a range (a ... b) names the kernel's lines, and a line your patch adds is written plain`);
        if (mine && rec.error && ambiguous) throw new ProbecheckError('E604', `patch ${mine.id} (${mine.subject}) does not apply: its step ${this.name}:${l}: ${ambiguous}`);
        // An `f::` naming a function no text tried keeps (a typo, a function of another file) is a mistake in the hunk too
        // (s45 h23: the step was left with no C, without a word).
        if (mine && rec.error) {
          for (const a of ks.c.filter((x) => !x.includes(' || '))) {
            const miss = tries.map((sources) => missingFunction(sources, ks.where, a, this.tb.k.renamed));
            if (miss.some((x) => x === undefined)) continue;
            const { path, fn, release, near, kept, elsewhere } = miss[0]!;
            throw new ProbecheckError('E604', `patch ${mine.id} (${mine.subject}) does not apply: its step ${this.name}:${l} cites '${a}', whose prefix '${fn}::' names no function in the kept text of ${path} at ${release}` +
              // The kept text has only the functions the model reads: a real callee it lacks (driver_sysfs_add) is no typo, and
              // its line is still citable, plain, as is a line of a function the patch adds (s46 h13, h15: refused with a guess at a
              // typo, or a list, and no way on).
              (elsewhere.length ? `; ${fn} is in ${elsewhere.join(', ')}: write '${elsewhere[0]}:${fn}:: ...'`
                : `${near !== undefined ? `; did you mean '${near}'?` : `; its kept functions: ${kept.join(', ')}`}; a line of a function the kept text lacks (one your patch adds, or a callee the text does not keep) is written plain, without the prefix: it is read in the step's function`));
          }
        }
        // A user's step in a file (or function) the profile keeps no text of: its C lines, the kernel's it cites and the ones
        // it adds, are read nowhere, and the step has no C row; no E604 (the gap is the library's, not a mistake in the hunk),
        // but said, once (s46 h18: v5.4's async_run_entry_fn:done, v6.1's kernfs_fop_write_iter were silent).
        if (mine && rec.error && NO_TEXT.test(rec.error)) note(`patch ${mine.id}'s step ${this.name}:${l} cites C lines that are not read: ${rec.error.replace(/^this profile/, `profile ${this.tb.k.profile.split(' + ')[0]}`)}, so they are not checked against the kernel's and the step prints no C row`);
        // A user's step whose C runs past a lock release is one move where the kernel lets other
        // threads in (spans.ts): said, as conformance.test.ts requires it of the library's steps.
        const span = mine && !merges && !rec.error ? releaseSpan(rec.anchored, addedLines) : null;
        if (span) note(`patch ${mine!.id}'s step ${this.name}:${l} runs ${span} in one move, where the kernel lets other threads in between: split it at the release, or say in its merges why no property can tell${dropped === undefined ? '' : ` (the merges it keeps from the library's step, '${dropped}', was written for that step's C, not for the lines yours cites: write one of your own)`}`);
        this.tb.k.anchors.push(rec);
      }
      if (this.tb.steps.has(key)) throw new Error(`internal: thread ${this.tb.name} builds step ${key} twice`);
      // A move of a block that returns to user space or ends the work item: no-lock-at-return's judge
      // reads where it went (the step's own label, a user's hunk's, RETURN's continuation alike).
      if (this.returns) {
        const run = st.run, k = this.tb.k, name = this.tb.name, me = this.tb.owner;
        st.run = (s, t, b, c) => {
          const to = run(s, t, b, c);
          if (k.leaksJudged) k.judgeReturn?.(s, name, me, to);
          return to;
        };
      }
      this.tb.steps.set(key, st);
      this.tb.added.push(key);
      // compile's limit, said as soon as the thread passes it: a thread past it never runs, and
      // building the rest cost minutes and gigabytes (s49 h7: probes nested 35 deep, 80,884 steps).
      if (this.tb.steps.size > MAX_STEPS) throw new ModelError('E103', `thread '${this.tb.name}' has more than ${MAX_STEPS} steps (its build stopped there); at most ${MAX_STEPS}`);
    }
    this.tb.lastStep.set(`${this.prefix}:${order[0]}`, `${this.prefix}:${order[order.length - 1]}`);
    return `${this.prefix}:${order[0]}`;
  }
}

/**
 * `fn:label`, one string per pair in a process: every block adds its labels to Kernel.built, and
 * a string made afresh there for each was flattened and hashed each time (the costliest line of
 * done() in a build of every bundled case, s44 h1).
 */
const fnLabels = new Map<string, Map<string, string>>();
function fnLabel(fn: string, l: string): string {
  let m = fnLabels.get(fn);
  if (!m) fnLabels.set(fn, m = new Map());
  let s = m.get(l);
  if (s === undefined) m.set(l, s = `${fn}:${l}`);
  return s;
}

/** The step with every function of it given the state through `view` and the locals through `viewT`. */
function viewedStep(st: KStep, view: <T>(x: T) => T, viewT: <T>(x: T) => T = view, awaitView: <T>(x: T) => T = view): KStep {
  const out: KStep = { ...st, run: (s, t, b, c) => st.run(view(s), viewT(t), b, c) };
  if (st.await) { const a = st.await; out.await = (s, t) => a(awaitView(s), viewT(t)); }
  if (st.waits) { const w = st.waits; out.waits = sameWait(w, (s: KS, t: KL) => w(view(s), viewT(t))); keepLockWaits(w, out.waits); }
  if (typeof st.branches === 'function') { const f = st.branches; out.branches = (s, t) => f(view(s), viewT(t)); }
  return out;
}

/** The key of C local `name` of function `fn` in a thread's locals: an array, a slot per call (localsSchema). */
export const frameKey = (fn: string, name: string): string => `${name}@${fn}`;

/**
 * A thread's locals as the call in `slot` of `fn` sees them: its C locals (`decls`) are that
 * call's own slot of their arrays, the rest the thread's. A bool is kept as 0 / 1.
 */
function frameLocals(t: object, fn: string, slot: number, decls: readonly LocalDecl[], elsewhere: ReadonlyMap<string, string> = new Map()): object {
  const by = new Map(decls.map((d) => [d.name, d]));
  // (A new user's hunt, 2026-12-05: "the state has no field 'me'" for a local the patch declared, of another function.)
  const notHere = (key: string | symbol): void => {
    const other = typeof key === 'string' ? elsewhere.get(key) : undefined;
    if (other !== undefined) throw new Error(`'${String(key)}' is a C local of ${other} (state.local), not of ${fn}: a C local is read and written by the hunks of its function; to pass a value from one function to another, use a state.thread variable`);
  };
  const arr = (d: LocalDecl) => Reflect.get(t, frameKey(fn, d.name)) as { [i: number]: number };
  const p = new Proxy(t, {
    get(target, key) {
      const d = typeof key === 'string' ? by.get(key) : undefined;
      if (!d) { notHere(key); return Reflect.get(target, key, target); }
      const v = arr(d)[slot]!;
      return d.bool ? v === 1 : v;
    },
    set(target, key, value) {
      const d = typeof key === 'string' ? by.get(key) : undefined;
      if (!d) { notHere(key); return Reflect.set(target, key, value, target); }
      if (d.bool ? typeof value !== 'boolean' : !(Number.isInteger(value) && value >= 0 && value <= d.max)) {
        // As the engine's range check (E201) and the strict view's bool check word it, naming the local as traces do.
        if (d.bool) throw new Error(`local '${d.name}' of ${fn} (patch ${d.patch}) is a bool: a step writes true or false, not ${shownValue(value)}`);
        throw new ModelError('E201', `local ${d.name}@${fn} of this call (patch ${d.patch}) was set to ${shownValue(value)}; it must be an integer in 0..${d.max}`);
      }
      arr(d)[slot] = d.bool ? (value ? 1 : 0) : value;
      return true;
    },
    has: (target, key) => (typeof key === 'string' && by.has(key)) || Reflect.has(target, key),
  });
  frameReal(p, t);
  return p;
}

/** The keys a hunk's step may have (KStep); an unknown one is named as the engine names it (compile.ts stepKeyMeant). */
const KSTEP_KEYS = ['where', 'since', 'c', 'cIdle', 'await', 'branches', 'branchNames', 'run', 'idle', 'waits', 'strong', 'holding', 'merges'];
/**
 * What a user's replacement of `fn:h.replace` did where it went on to a library insert's `before`
 * and went through that insert: said once the search took that edge (Block.done's redirect).
 */
function redirectNote(p: UserPatch, path: string | undefined, h: Patch['hunks'][number], fn: string, e: { before: string; label: string; lib?: string }): string {
  // As the run's header shows it (text.ts showParams, belowCwd): relative to the working directory
  // where the file is below it (`p.ts`, `..cfg/p.ts`: a review, s41 h11, where a test of the name's
  // '..' made it absolute), else absolute (a review, s41 h6: `../tmp/u/p.ts` from another folder).
  const file = path === undefined ? undefined : belowCwd(path), to = e.before === RETURN ? `${fn}'s return` : `'${e.before}'`;
  return `${file ?? `patch ${p.id}`} (patch ${p.id}, hunk ${p.hunks.indexOf(h) + 1}): your replacement of ${fn}:${h.replace} went on through the library's inserted step ${fn}:${e.label} (patch ${e.lib}) where it goes to ${to}: its lines stay in the C whatever your step does; to model a kernel without them, replace ${fn}:${e.label} too`;
}

/**
 * A user's hunk's step function, called as the block is built: what it throws is the patch's
 * error (E604 naming the patch and the step), not probecheck's "internal error" (a bad-input hunt,
 * 2026-12-05).
 */
function userHunkStep(p: Patch, target: string, make: () => KStep): KStep {
  let made: KStep;
  try { made = make(); } catch (e) {
    if (e instanceof ProbecheckError) throw e;
    throw new ProbecheckError('E604', `patch ${p.id} (${p.subject}): its step for ${target}: the hunk's step function threw: ${thrownMessage(e)}`);
  }
  checkStepKeys(p, target, made);
  return made;
}

/**
 * A key a user's step has that no step has is a typo, never dropped: `enabled:` for `await:` lost
 * the guard, and the patched search said holds (a review, 2026-12-05: only the library's own
 * keys were copied into the engine's step, whose own check then never saw it).
 */
function checkStepKeys(p: Patch, target: string, made: object): void {
  const at = `patch ${p.id} (${p.subject}): its step for ${target}`;
  if (!made || typeof made !== 'object') throw new ProbecheckError('E604', `${at}: the hunk's step function returned ${made === null ? 'null' : typeof made}, not a step { run, await?, ... }`);
  for (const key of Object.keys(made)) {
    if (KSTEP_KEYS.includes(key)) continue;
    const near = stepKeyMeant(key, KSTEP_KEYS);
    throw new ProbecheckError('E604', `${at} has an unknown key '${key}'${near !== undefined ? `; did you mean '${near}'?` : ''} (a step has ${KSTEP_KEYS.join(', ')})`);
  }
  // A value of the wrong kind fails here, at load, not deep in a search (a CI hunt, 2026-12-05: `await: true`).
  const m = made as Record<string, unknown>;
  for (const k of ['run', 'await', 'waits']) if (m[k] !== undefined && typeof m[k] !== 'function') throw new ProbecheckError('E604', `${at}: '${k}' must be a function (s, t${k === 'run' ? ', branch, ctx' : ''}) => ..., not ${JSON.stringify(m[k]) ?? typeof m[k]}`);
  if (typeof m.run !== 'function') throw new ProbecheckError('E604', `${at} has no run function`);
  if (m.strong !== undefined && typeof m.strong !== 'boolean') throw new ProbecheckError('E604', `${at}: 'strong' must be true or false, not ${JSON.stringify(m.strong)}`);
  if (m.branches !== undefined && typeof m.branches !== 'function' && !(Number.isInteger(m.branches) && (m.branches as number) >= 1 && (m.branches as number) <= 255)) throw new ProbecheckError('E604', `${at}: 'branches' must be 1..255 or a function`);
}

/** A library step a user's hunk may call: given the strict views, it runs on the real state and locals. */
const realStep = (st: KStep): KStep => viewedStep(st, realState);

/**
 * The owners of the locks a thread may hold (0: free): each device's mutex, then deferred_probe_mutex and module_mutex,
 * then the locks a user's patch declares (patchLocksOf's order, which mutexName follows), then device_links_lock where kept.
 */
function owners(k: Kernel, s: KS): number[] {
  const ds = s.dev, n = ds.length, out = new Array<number>(n + 2);
  for (let i = 0; i < n; i++) out[i] = ds[i]!.mutex;
  out[n] = s.deferredProbeMutex;
  out[n + 1] = s.moduleMutex;
  pushPatchLockOwners(k, s, out);
  // device_links_lock, kept under a user's patch (KS.deviceLinksLock): last, after the patch's locks (mutexName).
  if (s.deviceLinksLock !== undefined) out.push(s.deviceLinksLock);
  return out;
}
/** Which of patchLocksOf(k, s)'s locks are spinlocks, in its order: found once per kernel (asked at every move where a patch declares one). */
const spinSets = new WeakMap<Kernel, readonly boolean[]>();
function spinFlags(k: Kernel, s: KS): readonly boolean[] {
  let f = spinSets.get(k);
  if (!f) spinSets.set(k, f = patchLocksOf(k, s).map((l) => l.spin));
  return f;
}
/** foreignParents(k) as a set, found once per kernel: every library step of a user-patched build asks. */
const foreignSets = new WeakMap<Kernel, ReadonlySet<number>>();
function foreignSet(k: Kernel): ReadonlySet<number> {
  let may = foreignSets.get(k);
  if (!may) foreignSets.set(k, may = new Set(foreignParents(k)));
  return may;
}
const mutexName = (k: Kernel, s: KS, i: number): string => (i < s.dev.length ? `&dev->mutex(${k.vn(i)})` : i === s.dev.length ? 'deferred_probe_mutex'
  : i === s.dev.length + 1 ? 'module_mutex' : patchLocksOf(k, s)[i - s.dev.length - 2]?.name ?? 'device_links_lock');
/**
 * The hunks of `patches` by function, in the order done() applies them: the library's patches,
 * then the user's (combine's order); the library's replacements first, then its insertions, so an
 * inserted edge survives a later library patch's replacement of its `after` step, and a user's
 * hunk finds (and may replace) every step a library fix made. The user's patches one by one, each
 * its replacements then its insertions, so a fix given on top of a patch that models what the
 * library lacks (`--param patches=./model.ts --patch fix.ts`) may replace a step that patch
 * inserted (a hunt, s40 h4: it was E604, all user replacements applying before any insertion). Found once per patch list: every
 * block of a build asks (filtering all hunks per block was most of a small scenario's build).
 */
const hunkIndex = new WeakMap<readonly Patch[], Map<string, { p: Patch; h: Patch['hunks'][number] }[]>>();
function hunksOf(patches: readonly Patch[]): Map<string, { p: Patch; h: Patch['hunks'][number] }[]> {
  let byFn = hunkIndex.get(patches);
  if (byFn) return byFn;
  const phase = (ps: readonly Patch[]) => {
    const hs = ps.flatMap((p) => p.hunks.map((h) => ({ p, h })));
    return [...hs.filter((x) => x.h.replace !== undefined), ...hs.filter((x) => x.h.replace === undefined)];
  };
  byFn = new Map();
  for (const x of [...phase(patches.filter((p) => !isUserPatch(p))), ...patches.filter(isUserPatch).flatMap((p) => phase([p]))]) {
    const l = byFn.get(x.h.fn);
    if (l) l.push(x); else byFn.set(x.h.fn, [x]);
  }
  hunkIndex.set(patches, byFn);
  return byFn;
}

/** While a user's step runs: the mutexes (owners() indices) that library steps it called changed. */
let libraryChanged: Set<number> | undefined;


/**
 * A library step as a user's hunk gets it (`orig`): on the real state; where a library step may
 * release another thread's mutex as its C does (foreignParents), it notes which of those it changed.
 */
function libraryStep(lib: KStep, k: Kernel): KStep {
  // `cannot` is the library's word on its own steps, no key of a user's (checkStepKeys): not handed on.
  const { cannot: _, ...st } = realStep(lib), may = foreignParents(k);
  if (!may.length) return st;
  return { ...st, run: (s, t, b, c) => {
    const seen = libraryChanged;
    if (!seen) return st.run(s, t, b, c);
    const real = realState(s) as KS, before = unrecorded(() => may.map((i) => real.dev[i]!.mutex));
    const r = st.run(s, t, b, c);
    unrecorded(() => may.forEach((i, x) => { if (real.dev[i]!.mutex !== before[x]) seen.add(i); }));
    return r;
  } };
}

/**
 * A step may not release, or take without waiting, a mutex another thread holds: no kernel path
 * means to (mutex_unlock by a task that does not hold it), the model would just clear it, and no
 * property might say so. E203 naming both. Checked where a user's patch is applied:
 * - a user's own step (`library` undefined; a new user, 2026-12-05: a patch's local, overwritten by
 *   a nested call, made a parent's frame unlock a device another actor had locked, and every
 *   property held), which may still release what a library step it runs releases as its C does
 *   (foreignParents: v4.18, v4.19; noted in libraryChanged);
 * - a library step (`library`: its label), which unpatched releases no other thread's mutex but
 *   those foreignParents names: a hunk earlier in the thread may have let a lock go or skipped one,
 *   and the library's unlock further on would clear another thread's mutex.
 */
function checkedReleases(tb: ThreadBuilder, st: KStep, library?: string): KStep {
  const k = tb.k, me = tb.owner, may = library === undefined ? undefined : foreignSet(k);
  // (Run at every move of a user-patched search: no garbage but the two lists of owners.)
  return { ...st, run: (s, t, b, c) => {
    const real = realState(s) as KS, before = unrecorded(() => owners(k, real));
    const outer = libraryChanged, lib = library === undefined ? new Set<number>() : undefined;
    if (lib) libraryChanged = lib;
    let r: string | null;
    const outerK = setStepKernel(k);
    try { r = st.run(s, t, b, c); } finally { libraryChanged = outer; setStepKernel(outerK); }
    const after = unrecorded(() => owners(k, real));
    // A mutex taken while the thread holds a spinlock its patch declares: mutex_lock sleeps, which is a bug in atomic
    // context (s47 h5: a spinlock held across __driver_attach's device_lock and the probe left every property holding).
    // Held across the step, before and after it: a step that drops the spinlock and then locks (spin_unlock(); device_lock())
    // changes both in one move, in that order (s47 h8: it was E203).
    if (k.locks?.spin) {
      const spin = spinFlags(k, real), at = real.dev.length + 2, j = spin.findIndex((x, jj) => x && before[at + jj] === me && after[at + jj] === me);
      const took = j < 0 ? -1 : after.findIndex((o, i) => o === me && before[i] === 0 && !(i >= at && spin[i - at]));
      if (took >= 0) {
        throw new Error(`it takes ${mutexName(k, real, took)} holding ${mutexName(k, real, at + j)}, a spinlock${library === undefined ? '' : ` your patch (${k.patches.filter(isUserPatch).map((p) => p.id).join(', ')}) took`}: mutex_lock may sleep, which the kernel may not do in atomic context ("BUG: sleeping function called from invalid context"): release the spinlock first, or make the lock a mutex`);
      }
    }
    for (let i = 0; i < after.length; i++) {
      const o = after[i]!, m = before[i]!;
      // A lock made another thread's (taken in its name, or handed over): mutex_lock records current
      // as the owner, and a waiter's await reads 0, so no model step does this. It would also hold
      // the lock for a thread none of whose moves took it: no-lock-at-return's judge under --por
      // reads a returning thread's locks only where it holds one, as only its own moves make it an
      // owner (properties.ts), and would miss such a leak where the unreduced search reports it.
      if (o !== 0 && o !== me && o !== m && (m === 0 || m === me)) {
        const to = k.threadNames[o - 1], name = mutexName(k, real, i);
        // An id no thread has (s50 h9: 99 read 'thread #98 takes it in a step of its own').
        if (to === undefined) throw new Error(`it writes ${o} as the owner of ${name}, an id no thread of this search has (1..${k.threadNames.length}): a thread takes a mutex only as itself (site.tb.owner), and releases it by writing 0`);
        throw new Error(`it makes ${to} the owner of ${name}${m === me ? ', which it held itself' : ''}: a thread takes a mutex only as itself (site.tb.owner), and releases it by writing 0; ${to} takes it in a step of its own that waits for it`);
      }
      if (m === 0 || m === me || o === m || lib?.has(i) || may?.has(i)) continue;
      // device_add of a device deleted under a thread's lock: that lock is the old struct's now (DevS.oldMutex), still its holder's.
      if (o === 0 && i < real.dev.length && real.dev[i]!.oldMutex === m) continue;
      const holder = k.threadNames[m - 1] ?? `thread #${m - 1}`, name = mutexName(k, real, i);
      if (library === undefined) {
        throw new Error(o !== 0
          ? `it takes ${name}, which ${holder} holds, without waiting for it: a step that takes a mutex waits for it (its await)`
          : `it releases ${name}, which ${holder} holds: a step releases only a mutex its own thread holds (is the unlock reached only by the thread, and the call, that locked?)`);
      }
      const users = k.patches.filter(isUserPatch).map((p) => `${p.id} (${p.subject})`).join(', ');
      throw new Error(`${o !== 0 ? 'it takes' : 'it releases'} ${name}, which ${holder} holds; unpatched, '${library}' ${o !== 0 ? 'waits for it' : 'releases only a mutex its own thread holds'}: an earlier step of patch ${users} in this thread changed what it ${o !== 0 ? 'takes' : 'unlocks'} (a lock let go, or skipped, before it?)`);
    }
    return r;
  } };
}

/** A step's fields that say which C it models and nothing it runs. */
const CITES = ['c', 'where', 'since', 'merges', 'cIdle'] as const;
/**
 * A user's replacement step with every field of the one it replaces (`orig`, `{ ...orig }`), but
 * those in `skip`: a hunk that changes nothing (with CITES: nothing the model runs).
 */
function sameStep(made: object, orig: object, skip: readonly string[] = []): boolean {
  const a = made as Record<string, unknown>, b = orig as Record<string, unknown>;
  // Every own field, not only the enumerable ones: the model reads one set with Object.defineProperty (`strong`, `await`) too (s47 h14).
  const own = (x: object) => Object.getOwnPropertyNames(x).filter((k) => !skip.includes(k));
  const ka = own(a), kb = own(b);
  return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
}
