/**
 * Toy models with hand-counted state spaces (each count is derived in the comment above it),
 * checked on both backends with BFS and DFS: an atomic counter and its lost-update twin, a lock
 * and its broken twin (check and set split), an ABBA pair of locks that deadlocks, and an idle
 * worker that is not a deadlock (with its non-idle twin that is).
 */
import { describe, expect, it } from 'vitest';
import { check, t, type Model, type ThreadDef } from 'probecheck';
import { traceLengths, verdicts } from './helpers.js';

const BACKENDS = ['fast', 'reference'] as const;
const STRATEGIES = ['bfs', 'dfs'] as const;
const W = 'test/toys';

/** Two threads each add 1 to x three times, atomically. Each thread: n = 0, 1, 2 running, or ended: 4 x 4 = 16 states. */
function counter(): Model {
  const add = (name: string) => ({
    name, locals: t.record({ n: t.int(3) }),
    steps: { add: { where: W, run: (s: any, l: any) => { s.x++; l.n++; return l.n < 3 ? 'add' : null; } } },
  });
  return {
    name: 'counter', state: t.record({ x: t.int(6) }), threads: [add('A'), add('B')],
    properties: [
      { kind: 'invariant', name: 'sum', holds: (s: any, q) => q.at('A') !== null || q.at('B') !== null || s.x === 6 },
      { kind: 'deadlock', name: 'no-deadlock' },
    ],
  };
}

/** As above but once each, and the add is a read then a write: the lost update. */
function lostUpdate(): Model {
  const inc = (name: string) => ({
    name, locals: t.record({ tmp: t.int(2) }),
    steps: {
      read: { where: W, run: (s: any, l: any) => { l.tmp = s.x; return 'write'; } },
      write: { where: W, run: (s: any, l: any) => { s.x = l.tmp + 1; return null; } },
    },
  });
  return {
    name: 'lost-update', state: t.record({ x: t.int(2) }), threads: [inc('A'), inc('B')],
    properties: [
      { kind: 'invariant', name: 'both-counted', holds: (s: any, q) => q.at('A') !== null || q.at('B') !== null || s.x === 2 },
      // Holds, so the search runs to the end after the violation and counts every state.
      { kind: 'invariant', name: 'at-least-one', holds: (s: any, q) => q.at('A') !== null || q.at('B') !== null || s.x >= 1 },
    ],
  };
}

/** Two threads take a lock, enter the critical section, unlock and end. */
function lock(broken: boolean): Model {
  const user = (name: string, me: number): ThreadDef => ({
    name, steps: broken ? {
      check: { where: W, await: (s: any) => s.lock === 0, run: () => 'set' },
      set: { where: W, run: (s: any) => { s.lock = me; return 'cs'; } },
      cs: { where: W, run: () => 'unlock' },
      unlock: { where: W, run: (s: any) => { s.lock = 0; return null; } },
    } : {
      lock: { where: W, await: (s: any) => s.lock === 0, waits: () => 'lock', run: (s: any) => { s.lock = me; return 'cs'; } },
      cs: { where: W, run: () => 'unlock' },
      unlock: { where: W, run: (s: any) => { s.lock = 0; return null; } },
    },
  });
  return {
    name: broken ? 'broken-lock' : 'lock', state: t.record({ lock: t.int(2) }), threads: [user('A', 1), user('B', 2)],
    properties: [
      { kind: 'invariant', name: 'mutex', holds: (_s, q) => !(q.at('A') === 'cs' && q.at('B') === 'cs') },
      { kind: 'deadlock', name: 'no-deadlock' },
    ],
  };
}

/** T1 takes lock A then lock B, T2 takes B then A. */
function abba(): Model {
  const taker = (name: string, first: 'lockA' | 'lockB', second: 'lockA' | 'lockB') => ({
    name, steps: {
      first: { where: W, await: (s: any) => s[first] === 0, waits: () => `lock ${first}`, run: (s: any) => { s[first] = 1; return 'second'; } },
      second: { where: W, await: (s: any) => s[second] === 0, waits: () => `lock ${second}`, run: (s: any) => { s[second] = 1; return 'release'; } },
      release: { where: W, run: (s: any) => { s.lockA = 0; s.lockB = 0; return null; } },
    },
  });
  return {
    name: 'abba', state: t.record({ lockA: t.int(1), lockB: t.int(1) }), threads: [taker('T1', 'lockA', 'lockB'), taker('T2', 'lockB', 'lockA')],
    properties: [
      { kind: 'deadlock', name: 'no-deadlock' },
      // Holds, so the search runs to the end after the deadlock and counts every state.
      { kind: 'invariant', name: 'a-held-once', holds: (_s, q) => !(q.at('T1') !== 'first' && q.at('T1') !== null && q.at('T2') === 'release') },
    ],
  };
}

/** A producer queues two work items and ends; a worker takes them one at a time and then waits for more. */
function worker(idle: boolean): Model {
  return {
    name: idle ? 'idle-worker' : 'stuck-worker', state: t.record({ work: t.int(2), produced: t.int(2) }),
    threads: [
      { name: 'producer', steps: { add: { where: W, run: (s: any) => { s.work++; s.produced++; return s.produced < 2 ? 'add' : null; } } } },
      { name: 'worker', steps: {
        wait: { where: W, idle, await: (s: any) => s.work > 0, waits: () => 'work', run: (s: any) => { s.work--; return 'do'; } },
        do: { where: W, run: () => 'wait' },
      } },
    ],
    properties: [{ kind: 'deadlock', name: 'no-deadlock' }],
  };
}

describe.each(BACKENDS)('toys on the %s backend', (backend) => {
  describe.each(STRATEGIES)('%s', (strategy) => {
    const run = (m: Model) => check(m, { backend, strategy });

    it('counter: 16 states, 24 transitions, the sum holds, no deadlock', () => {
      const r = run(counter());
      expect([r.states, r.transitions, r.complete]).toEqual([16, 24, true]);
      expect(verdicts(r)).toEqual({ sum: 'holds', 'no-deadlock': 'holds' });
    });

    // (x, A, B): 0rr 0w0r 0rw0 1er 0w0w0 1re 1ew1 2ee 1ew0 1w0e 1ee 1w1e = 12 states, 14 transitions.
    it('lost update: 12 states, 14 transitions, violated (shortest: read, read, write, write)', () => {
      const r = run(lostUpdate());
      expect([r.states, r.transitions]).toEqual([12, 14]);
      expect(verdicts(r)).toEqual({ 'both-counted': 'violated', 'at-least-one': 'holds' });
      if (strategy === 'bfs') {
        expect(r.properties[0]!.trace!.moves.map((m) => m.label)).toEqual(['read', 'read', 'write', 'write']);
      }
    });

    // A and B each at lock, cs, unlock or ended, never both inside: 16 - 4 = 12 states; 2 moves from
    // (lock, lock), none from (ended, ended), 1 from each of the other 10: 12 transitions.
    it('lock: 12 states, 12 transitions, mutex holds, no deadlock', () => {
      const r = run(lock(false));
      expect([r.states, r.transitions, r.complete]).toEqual([12, 12, true]);
      expect(verdicts(r)).toEqual({ mutex: 'holds', 'no-deadlock': 'holds' });
    });

    it('broken lock (check and set split): mutex violated, shortest 4 (check, check, set, set)', () => {
      const r = run(lock(true));
      expect(verdicts(r)).toEqual({ mutex: 'violated', 'no-deadlock': 'holds' });
      if (strategy === 'bfs') expect(traceLengths(r)).toEqual({ mutex: 4 });
    });

    // 4 x 4 places minus the three where a lock would be held twice = 13 states.
    it('ABBA: deadlock found with both waiters and a 2-step trace', () => {
      const r = run(abba());
      expect([r.states, r.complete]).toEqual([13, true]);
      expect(verdicts(r)).toEqual({ 'no-deadlock': 'violated', 'a-held-once': 'holds' });
      const p = r.properties[0]!;
      expect(p.waiters).toEqual([
        { thread: 'T1', label: 'second', where: W, waits: 'lock lockB' },
        { thread: 'T2', label: 'second', where: W, waits: 'lock lockA' },
      ]);
      expect(p.explanation).toBe('T1 waits at second for lock lockB; T2 waits at second for lock lockA');
      expect(p.trace!.moves).toHaveLength(2);
      expect(new Set(p.trace!.moves.map((m) => `${m.thread}:${m.label}`))).toEqual(new Set(['T1:first', 'T2:first']));
      if (strategy === 'bfs') {
        // Action order: T1 before T2. Each trace step says what it changed.
        expect(p.trace!.steps).toEqual([
          { n: 1, thread: 'T1', program: 'T1', label: 'first', where: W, changes: [{ field: 'lockA', from: '0', to: '1' }] },
          { n: 2, thread: 'T2', program: 'T2', label: 'first', where: W, changes: [{ field: 'lockB', from: '0', to: '1' }] },
        ]);
      }
    });

    // (produced, work, worker): 00w 11w 10d 10w 22w 21d 21w 20d 20w = 9 states, 10 transitions.
    it('idle worker waiting for work is not a deadlock', () => {
      const r = run(worker(true));
      expect([r.states, r.transitions, r.complete]).toEqual([9, 10, true]);
      expect(verdicts(r)).toEqual({ 'no-deadlock': 'holds' });
    });

    it('an invariant broken while a thread waits names the waiter (and not a thread that can still move)', () => {
      const m: Model = {
        name: 'held', state: t.record({ lock: t.int(1), x: t.int(1) }),
        threads: [
          { name: 'A', steps: { take: { where: W, run: (s: any) => { s.lock = 1; return 'set'; } }, set: { where: W, run: (s: any) => { s.x = 1; return null; } } } },
          { name: 'B', steps: { get: { where: W, await: (s: any) => s.lock === 0, waits: () => 'lock', run: (s: any) => { s.lock = 1; return null; } } } },
          { name: 'C', steps: { spin: { where: W, await: (s: any) => s.x === 0, run: () => null } } },
        ],
        properties: [{ kind: 'invariant', name: 'x-clear', holds: (s: any) => s.x === 0 }],
      };
      const p = run(m).properties[0]!;
      expect(p.verdict).toBe('violated');
      if (strategy === 'bfs') expect(p.trace!.moves.map((x) => `${x.thread}:${x.label}`)).toEqual(['A:take', 'A:set']);
      // C's guard is false too, but it says nothing it waits for: only B is listed.
      if (strategy === 'bfs') expect(p.waiting).toEqual([{ thread: 'B', label: 'get', where: W, waits: 'lock' }]);
      expect(p.waiters).toBeUndefined();
    });

    it('as above but the wait is not idle: a deadlock, 6 steps, the worker waiting for work', () => {
      const r = run(worker(false));
      const p = r.properties[0]!;
      expect(p.verdict).toBe('violated');
      expect(p.waiters).toEqual([{ thread: 'worker', label: 'wait', where: W, waits: 'work' }]);
      if (strategy === 'bfs') expect(p.trace!.moves).toHaveLength(6);
    });
  });
});
