/**
 * two-phase-commit: Lamport's TwoPhase (TLA+ Examples, `TwoPhase.tla`), the toy with published
 * state counts (TLC, Stateright: 7 RMs 296,448; 8 RMs 1,745,408; 9 RMs 10,340,352).
 *
 * Variables as in the spec: rmState per RM, tmState, tmPrepared ⊆ RM, msgs ⊆ {Prepared(rm)} ∪
 * {Commit, Abort}. One always-running thread per RM and one for the TM, each with a single step
 * that loops to its own label (so program counters never split states) and offers the thread's
 * enabled actions as branches, in the spec's order:
 *   RM_r: RMPrepare(r), RMChooseToAbort(r) (while working), then RMRcvCommitMsg(r) or
 *         RMRcvAbortMsg(r) (once that message is out);
 *   TM:   TMRcvPrepared(r) for each r whose Prepared message is out and not yet in tmPrepared,
 *         then TMCommit (all prepared), then TMAbort (while tmState = init).
 *
 * Surprise: stuttering self-loops (TMRcvPrepared for an RM already in tmPrepared, a second
 * RMRcvCommitMsg) are left out. They change nothing, so the reachable states and every invariant
 * verdict are the spec's; only the transition count is lower than TLC's "states generated".
 * Every step is `idle`, so a final state (everyone committed or aborted) is not a deadlock.
 */
import { defineModel, t, type IntArray, type Invariant, type Step, type ThreadDef } from 'probecheck';

/** rmState values. */
const WORKING = 0, PREPARED = 1, COMMITTED = 2, ABORTED = 3;
/** tmState values. */
const INIT = 0, TM_COMMITTED = 1, TM_ABORTED = 2;

export default defineModel({
  name: 'two-phase-commit',
  describe: "Lamport's TwoPhase commit with a transaction manager (TLA+ Examples), the toy with published counts",
  params: { RM: { default: 3, min: 1, max: 60, describe: 'number of resource managers' } },
  build(p) {
    const RM = p.RM as number;
    const state = t.record({
      /** rmState[r]: 0 working, 1 prepared, 2 committed, 3 aborted. */
      rmState: t.array(RM, t.int(3)),
      /** tmState: 0 init, 1 committed, 2 aborted. */
      tmState: t.int(2),
      tmPrepared: t.array(RM, t.int(1)),
      /** msgs: Prepared(r) for each r, and the two broadcasts. */
      msgPrepared: t.array(RM, t.int(1)),
      msgCommit: t.bool,
      msgAbort: t.bool,
    });
    type S = { rmState: IntArray; tmState: number; tmPrepared: IntArray; msgPrepared: IntArray; msgCommit: boolean; msgAbort: boolean };
    const spec = 'TwoPhase.tla';

    const rm = (r: number): ThreadDef => ({
      name: `RM_${r}`, program: 'RM', steps: {
        rm: {
          where: `${spec}:RMPrepare/RMChooseToAbort/RMRcvCommitMsg/RMRcvAbortMsg`, idle: true,
          branches: (s: S) => {
            const st = s.rmState[r]!;
            return (st === WORKING ? 2 : 0)
              + ((s.msgCommit && st !== COMMITTED) || (s.msgAbort && st !== ABORTED) ? 1 : 0);
          },
          run: (s: S, _l, b: number) => {
            if (s.rmState[r] === WORKING && b < 2) {
              if (b === 0) { s.rmState[r] = PREPARED; s.msgPrepared[r] = 1; } // RMPrepare
              else s.rmState[r] = ABORTED; // RMChooseToAbort
            } else s.rmState[r] = s.msgCommit ? COMMITTED : ABORTED; // RMRcvCommitMsg / RMRcvAbortMsg
            return 'rm';
          },
        },
      },
    });

    const tm: Step = {
      where: `${spec}:TMRcvPrepared/TMCommit/TMAbort`, idle: true,
      branches: (s: S) => {
        if (s.tmState !== INIT) return 0;
        let n = 1, all = 1; // TMAbort is always enabled in init
        for (let r = 0; r < RM; r++) {
          if (s.tmPrepared[r] === 0) { all = 0; if (s.msgPrepared[r] === 1) n++; }
        }
        return n + all;
      },
      run: (s: S, _l, b: number) => {
        for (let r = 0; r < RM; r++) {
          if (s.tmPrepared[r] === 0 && s.msgPrepared[r] === 1 && b-- === 0) { s.tmPrepared[r] = 1; return 'tm'; } // TMRcvPrepared(r)
        }
        let all = true;
        for (let r = 0; r < RM; r++) if (s.tmPrepared[r] === 0) all = false;
        if (all && b-- === 0) { s.tmState = TM_COMMITTED; s.msgCommit = true; return 'tm'; } // TMCommit
        s.tmState = TM_ABORTED; s.msgAbort = true; // TMAbort
        return 'tm';
      },
    };

    const tcConsistent: Invariant = {
      kind: 'invariant', name: 'TCConsistent', description: 'no RM has committed while another has aborted',
      holds: (s: S) => {
        let c = false, a = false;
        for (let r = 0; r < RM; r++) { const x = s.rmState[r]; if (x === COMMITTED) c = true; else if (x === ABORTED) a = true; }
        return !(c && a);
      },
      explain: (s: S) => `rmState = [${Array.from({ length: RM }, (_, r) => ['working', 'prepared', 'committed', 'aborted'][s.rmState[r]!]).join(', ')}]`,
    };

    return {
      name: 'two-phase-commit', params: { RM }, state,
      threads: [...Array.from({ length: RM }, (_, r) => rm(r)), { name: 'TM', steps: { tm } }],
      properties: [tcConsistent],
    };
  },
});
