/*
 * Kept beside models/bench/probe-tree.ts so `npm run bench` can run SPIN from a clone.
 * probe-tree.pml -- SPIN side of the probe-tree benchmark
 * (the TypeScript side, and its spec in its header: models/bench/probe-tree.ts).
 *
 *   spin -DN=5 -DPARENT_LOCK=1 -DDEAD_FLAG=1 -a probe-tree.pml
 *   gcc -O2 -DSAFETY -o pan pan.c && ./pan -m100000 -w18
 *
 * Variants: v4.2 = PARENT_LOCK 0, DEAD_FLAG 0; parentlock = 1, 0; fixed = 1, 1.
 *
 * Modelling rules (so that pan's stored states are the spec's states):
 *  - every labelled step of the spec is ONE atomic{} block; a guarded step
 *    ("await G -> X") has G as the first statement of its atomic, so the
 *    block cannot start unless G holds and then runs to its end without
 *    interleaving; states inside an atomic are not stored by pan;
 *  - control flow between steps (A3's branch, "skip A1/A7 when i = 0 or no
 *    PARENT_LOCK", "first A4 or A5") is resolved by a goto INSIDE the atomic
 *    of the step that precedes it, so no extra (non-spec) transition exists;
 *  - a thread that ends parks forever at a blocking `false` under an end
 *    label instead of running off its closing brace: that avoids SPIN's
 *    process-deletion transitions (which would add states that depend on the
 *    pid order, not a constant);
 *  - the only difference from the spec's state graph is init: one extra state
 *    (before init's single atomic creates all threads) and one extra
 *    transition.  init then stays at its own end (a valid end state) forever.
 *
 * Properties:
 *  - parent-before-child and no-bind-after-unregister are state invariants
 *    that read only probing[], drv[] and "U has ended".  They are checked by
 *    assert() inside exactly the atomic steps that can falsify them
 *    (see the comments at each assert), which adds no states and no
 *    transitions; the initial state satisfies both.  A step that writes
 *    none of those variables preserves them.
 *  - no-deadlock = pan's invalid end states: the A0 wait and every thread end
 *    carry end labels (end_...), so a state with no enabled step is an error
 *    unless every thread has ended or waits at A0 (necessarily with
 *    queued = 0, as A0 would be enabled otherwise).
 */

#ifndef N
#define N 3
#endif
#ifndef PARENT_LOCK
#define PARENT_LOCK 1
#endif
#ifndef DEAD_FLAG
#define DEAD_FLAG 1
#endif

/* Property switches (both on by default): -DCHECK_PBC=0 / -DCHECK_NBAU=0
 * turn the asserts of one property into assert(true), e.g. to get v4.2's
 * no-bind-after-unregister counterexample, or a deadlock-only run. */
#ifndef CHECK_PBC
#define CHECK_PBC 1
#endif
#ifndef CHECK_NBAU
#define CHECK_NBAU 1
#endif

#define par(x)  (((x) - 1) / 2)   /* parent in the binary tree (x > 0)          */
#define L       (N - 1)           /* the leaf that U unplugs and S rebinds      */
#define P       par(L)            /* its parent (used only when N >= 2)         */
#define UID     (N + 1)           /* lock owner values: thread id + 1, with     */
#define SID     (N + 2)           /* A_i -> i, U -> N, S -> N + 1               */

bit  reg[N];       /* registered                                       */
bit  dead[N];      /* marked dead by device_del (DEAD_FLAG only)       */
bit  drv[N];       /* driver bound                                     */
bit  probing[N];   /* probe in progress                                */
bit  queued[N];    /* async attach work scheduled, not yet started     */
byte lock[N];      /* device lock: 0 free, else owner id + 1           */
bit  u_ended;      /* ghost: 1 iff U has ended.  A function of U's pc, */
                   /* so it adds no state; used only by the asserts.   */

/* the probe-path test of A3 / S6 */
#define ELIGIBLE(d)  (reg[d] == 1 && drv[d] == 0 && (!DEAD_FLAG || dead[d] == 0))

/* parent-before-child, for the one conjunct a step can falsify */
#define PBC_OK(e)    (!CHECK_PBC || (e))

/* no-bind-after-unregister */
#define NBAU         (!CHECK_NBAU || !u_ended || (drv[L] == 0 && probing[L] == 0))

/*
 * A_i: async attach work of device i.
 * parent-before-child can only be falsified by a step that sets probing[x]
 * (A3, S6) or clears drv[y] of a device y with children; the only steps
 * that clear drv (U2, S3) do it on the leaf L, so asserting in A3 and S6
 * covers every case.  NBAU can be falsified only by steps that set
 * probing[L] or drv[L] (A3/A5 of A_L, S6, S7) or that end U (U3).
 */
proctype A(byte i)
{
end_a0:                                                   /* A0 (valid wait) */
  atomic { queued[i] == 1 -> queued[i] = 0;
           if
           :: PARENT_LOCK && i > 0 -> goto a1
           :: else -> goto a2
           fi }
a1:                                                       /* A1 */
  atomic { lock[par(i)] == 0 -> lock[par(i)] = i + 1 }
a2:                                                       /* A2 */
  atomic { lock[i] == 0 -> lock[i] = i + 1 }
  atomic {                                                /* A3 */
    if
    :: ELIGIBLE(i) ->
         probing[i] = 1;
         assert(PBC_OK(i == 0 || drv[par(i)] == 1));      /* parent-before-child */
         assert(NBAU);                                    /* no-bind-after-unregister */
         if
         :: 2*i + 1 < N -> goto a4_first
         :: else -> goto a5
         fi
    :: else -> goto a6
    fi }
a4_first:                                                 /* A4, first child */
  atomic { reg[2*i + 1] = 1; queued[2*i + 1] = 1;
           if
           :: 2*i + 2 < N -> goto a4_second
           :: else -> goto a5
           fi }
a4_second:                                                /* A4, second child */
  atomic { reg[2*i + 2] = 1; queued[2*i + 2] = 1 }
a5:                                                       /* A5 */
  atomic { drv[i] = 1; probing[i] = 0;
           assert(NBAU) }                                 /* no-bind-after-unregister */
a6:                                                       /* A6 */
  atomic { lock[i] = 0;
           if
           :: PARENT_LOCK && i > 0 -> goto a7
           :: else -> goto end_a
           fi }
a7:                                                       /* A7 */
  atomic { lock[par(i)] = 0 }
end_a:                                                    /* thread ended */
  false
}

/* U: hot-unplug of the leaf L */
proctype U()
{
  atomic { reg[L] == 1 && lock[L] == 0 -> lock[L] = UID;  /* U1 */
#if DEAD_FLAG
           dead[L] = 1
#endif
  }
  atomic { drv[L] = 0; lock[L] = 0 }                      /* U2 */
  atomic { reg[L] = 0; u_ended = 1;                       /* U3 */
           assert(NBAU) }                                 /* no-bind-after-unregister */
end_u:                                                    /* thread ended */
  false
}

/* S: sysfs unbind then bind of the leaf L (parent lock first, as in v4.2) */
proctype S()
{
  atomic {                                                /* S1 */
    if
    :: reg[L] == 0 -> goto end_s                          /* ENOENT: thread ends */
    :: reg[L] == 1 && lock[P] == 0 -> lock[P] = SID
    fi }
  atomic { lock[L] == 0 -> lock[L] = SID }                /* S2 */
  atomic { drv[L] = 0; lock[L] = 0; lock[P] = 0 }         /* S3 (unbind) */
  atomic { lock[P] == 0 -> lock[P] = SID }                /* S4 */
  atomic { lock[L] == 0 -> lock[L] = SID }                /* S5 */
  atomic {                                                /* S6 */
    if
    :: ELIGIBLE(L) -> probing[L] = 1;
         assert(PBC_OK(drv[P] == 1));                     /* parent-before-child */
         assert(NBAU)                                     /* no-bind-after-unregister */
    :: else -> goto s8
    fi }
  atomic { drv[L] = 1; probing[L] = 0;                    /* S7 */
           assert(NBAU) }                                 /* no-bind-after-unregister */
s8:
  atomic { lock[L] = 0; lock[P] = 0 }                     /* S8 */
end_s:                                                    /* thread ended */
  false
}

/* Initial state: reg[0] = queued[0] = 1, one A_i per device, U and S if N >= 2. */
init
{
  byte k;
  atomic {
    reg[0] = 1; queued[0] = 1;
    do
    :: k < N -> run A(k); k++
    :: else -> break
    od;
#if N >= 2
    run U(); run S()
#endif
  }
}
