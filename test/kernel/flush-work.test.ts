/**
 * flush_work(&deferred_probe_work) (paths/common.ts flushWork) waits for the instance of the work
 * pending or running at its call, as kernel/workqueue.c's start_flush_work + __flush_work do
 * (kernel/ at 009bb421b6ce), not until the work is idle: an instance queued during the flush is
 * not waited for ("@work is guaranteed to be idle on return if it hasn't been requeued since
 * flush started").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type Property, type ScenarioSpec } from 'probecheck';
import type { KS } from '../../src/kernel/state.js';
import { DEFERRED_WORKER } from '../../src/kernel/paths/deferred-probe.js';

/** y is deferred at boot (it needs w); boot adds z, whose bind queues the work, then flushes it. */
const spec = (actors: Record<string, string[]>): ScenarioSpec => ({
  name: 'requeue', devices: { y: { present: true }, z: {}, w: {} },
  drivers: { yd: { matches: ['y'], needs: ['w'], present: true }, zd: { matches: ['z'], present: true }, wd: { matches: ['w'], present: true } },
  actors,
});
const Y = 0;

const props: Property<KS>[] = [
  // The move that ends boot's flush leaves the work queued: an instance queued after the flush began.
  { kind: 'action', name: 'flush-returns-idle', holds: (_b, a, m, q) => !(m.thread === 'boot' && q.at('boot') === 'wait_for_device_probe:wait_event' && a.deferredWorkQueued) },
  // With nobody else to queue it, the instance boot's flush waited for has retried y.
  { kind: 'invariant', name: 'y-retried-when-done', holds: (s, q) => q.at('boot') !== null || s.dev[Y]!.deferred !== 'active' },
];

function run(actors: Record<string, string[]>, profile: string) {
  const { model } = buildScenario(spec(actors), profile, '');
  model.properties = props as Property[];
  return check(model);
}

describe('flush_work(&deferred_probe_work)', () => {
  it('returns once the instance of its call has run, though a bind during that run queued the work again', () => {
    for (const p of ['v4.18', 'v5.15', 'mainline']) {
      const r = run({ boot: ['add z', 'wait_for_device_probe'], t1: ['add w'] }, p);
      const v = r.properties.find((x) => x.name === 'flush-returns-idle')!;
      // Until 2026-12-05 the flush waited until the work was neither queued nor running: this held.
      expect(v.verdict, p).toBe('violated');
      const steps = v.trace!.steps.map((s) => `${s.thread}: ${s.label}`);
      // boot inserts its barrier while the work is queued; the worker's run retries y, whose bind
      // queues the work again; the run ends and boot's wait completes with the work queued.
      const flush = steps.indexOf('boot: wait_for_device_probe:flush_work');
      const run1 = steps.indexOf(`${DEFERRED_WORKER}: deferred_probe_work_func:process_one_work`);
      const trigger = steps.indexOf(`${DEFERRED_WORKER}: really_probe(y,yd):driver_deferred_probe_trigger`);
      const end = steps.lastIndexOf(`${DEFERRED_WORKER}: deferred_probe_work_func:mutex_lock`);
      expect(flush, p).toBeGreaterThanOrEqual(0);
      expect([flush < run1, run1 < trigger, trigger < end], p).toEqual([true, true, true]);
      expect(steps.at(-1), p).toBe('boot: wait_for_device_probe:flush_work_wait');
    }
  });

  it('still waits for the instance pending at its call: alone, boot returns only after the work retried y', () => {
    for (const p of ['v4.18', 'mainline']) {
      const r = run({ boot: ['add z', 'wait_for_device_probe'] }, p);
      expect(Object.fromEntries(r.properties.map((x) => [x.name, x.verdict])), p).toEqual({ 'flush-returns-idle': 'holds', 'y-retried-when-done': 'holds' });
    }
  });

  it('a thread waiting in it is blocked at flush_work_wait, and says for which instance', () => {
    const { model } = buildScenario(spec({ boot: ['add z', 'wait_for_device_probe'] }), 'mainline', '');
    const wait = model.threads.find((t) => t.name === 'boot')!.steps['wait_for_device_probe:flush_work_wait']!;
    expect(wait.where).toBe('drivers/base/dd.c:wait_for_device_probe -> kernel/workqueue.c:flush_work');
    const s = { flushBarrier: Uint8Array.of(1), deferredWorkQueued: true, deferredWorkRunning: true } as unknown as KS;
    expect(wait.waits!(s as never, {} as never)).toMatch(/instance queued when the flush began \(not running yet\)/);
    // Once the worker takes that instance the slot is 2, as for a run already under way at the call:
    // the words must not say the run began before the flush (an audit, 2026-12-05).
    const t = { ...s, flushBarrier: Uint8Array.of(2) } as unknown as KS;
    expect(wait.waits!(t as never, {} as never)).toBe("flush_work(&deferred_probe_work): the end of the deferred-probe work's current run, the instance the flush waits for");
  });

  it('the kernel text it follows is kept: the barrier goes after the pending instance, else the executing one', () => {
    const wq = readFileSync(new URL('../../kernel/torvalds@009bb421b6ce/kernel/workqueue.c', import.meta.url), 'utf8');
    const fn = (name: string) => wq.slice(wq.indexOf(`//@ ${name} `), wq.indexOf('\n}\n', wq.indexOf(`//@ ${name} `)));
    expect(fn('start_flush_work')).toMatch(/pwq = get_work_pwq\(work\);\n\tif \(pwq\) \{[\s\S]*worker = find_worker_executing_work\(pool, work\);\n\t\tif \(!worker\)\n\t\t\tgoto already_gone;[\s\S]*insert_wq_barrier\(pwq, barr, work, worker\);/);
    expect(fn('__flush_work')).toMatch(/if \(start_flush_work\(work, &barr, from_cancel\)\) \{\n\t\twait_for_completion\(&barr\.done\);/);
    expect(fn('flush_work')).toContain('return __flush_work(work, false);');
    expect(wq).toContain('@work is guaranteed to be idle on return if it hasn\'t been requeued since flush started');
  });
});
