// kernel/kmod.c __request_module's WARN_ON_ONCE(wait && current_is_async()) (0fdff3ec6d87, v3.8:
// the flag REQUEST_MODULE_ASYNC_WARN), which the property no-sync-request-in-async stands for. The
// texts with it that the index stores, all read by no profile: kernel/kmod.c at torvalds@e9331ee9b164
// (v4.13 .. v5.6 by content), kernel/module/kmod.c at torvalds@25a1b5b518f4 (modules-next, v6.4
// merge window) and at torvalds@ac4890f97211 (v6.4 or v6.5 by content); v3.6.0 (v3.5) has none
// (kernel/README.md). Each is held here to what the model does.
import { describe, expect, it } from 'vitest';
import { buildScenario, check, type ScenarioSpec } from 'probecheck';
import { excerpt, resolveAnchor } from '../../src/kernel/source.js';
import { FLAGS, PROFILES } from '../../src/kernel/profiles.js';

const TEXTS = [
  ['torvalds@e9331ee9b164', 'kernel/kmod.c'],
  ['torvalds@25a1b5b518f4', 'kernel/module/kmod.c'],
  ['torvalds@ac4890f97211', 'kernel/module/kmod.c'],
] as const;
const WARN = 'WARN_ON_ONCE(wait && current_is_async());';
const PROP = 'no-sync-request-in-async';

/** An async probe (probe_type async, v4.2 on) that requests m0, which modprobe loads first: the load is done, request_module only waits for its modprobe. */
const asyncRequest: ScenarioSpec = {
  name: 'async-request', devices: { b: {} }, drivers: { db: { matches: ['b'], present: true, probeType: 'async', requestModule: 'm0' } },
  modules: { m0: {} }, actors: { admin: ['modprobe m0', 'add b'] }, syncFallback: false,
};
/** B7 history (module-async variant=request): the async scan's sd probe requests cfq. */
const scanRequest: ScenarioSpec = {
  name: 'b7-history', syncFallback: false, devices: { host: { present: true }, sda: { parent: 'host' } },
  drivers: { ahci: { matches: ['host'], module: 'ahci', asyncScan: ['sda'] }, sd: { matches: ['sda'], present: true, requestModule: 'cfq' } },
  modules: { cfq: {} }, actors: { modprobe: 'modprobe ahci' },
};
const run = (s: ScenarioSpec, p: string, props: string[]) => check(buildScenario({ ...s, properties: props }, p, '').model, { exhaustive: true });
const names = (s: ScenarioSpec, p: string) => check(buildScenario(s, p, '').model, { maxStates: 1 }).properties.map((x) => x.name);

describe("__request_module's WARN, held to the text", () => {
  it('the text: a waiting request from async context WARNs first thing, for the deadlock its comment names', () => {
    for (const [rel, path] of TEXTS) {
      const ex = excerpt(rel, path, '__request_module');
      expect(ex, `${path} at ${rel} has no __request_module`).not.toBeNull();
      const at = resolveAnchor(ex!, WARN);
      expect(at, rel).toHaveLength(1);
      const body = ex!.lines.map((l) => l.trim());
      // Before any return: every call with wait set from async context WARNs, whatever the module's state.
      expect(body.findIndex((l) => l.startsWith('return')), rel).toBeGreaterThan(at[0]!);
      expect(body.join(' '), rel).toContain("We don't allow synchronous module loading from async.  Module * init may invoke async_synchronize_full() which will end up * waiting for this task which already is waiting for the module * loading to complete, leading to a deadlock.");
      // request_module() waits (wait = true): UMH_WAIT_PROC, as the model's step says.
      expect(body, rel).toContain('ret = call_modprobe(module_name, wait ? UMH_WAIT_PROC : UMH_WAIT_EXEC);');
    }
    // v3.5's text has no WARN (kmod.c read whole at New-B/Linux3.6 @ 7a7c1e43f29c, not imported):
    // the flag starts at v3.8 (0fdff3ec6d87).
    expect(FLAGS.REQUEST_MODULE_ASYNC_WARN.commit).toMatch(/^0fdff3ec6d87 /);
    expect(PROFILES['v3.5']!.flags).not.toContain('REQUEST_MODULE_ASYNC_WARN');
    for (const p of ['v3.14', 'v4.2', 'v5.19', 'v6.6', 'mainline']) expect(PROFILES[p]!.flags, p).toContain('REQUEST_MODULE_ASYNC_WARN');
  });

  it("the property's condition is the WARN's: wait (request_module always waits) && current_is_async() (an async thread, not the caller of a sync fallback)", () => {
    // wait: the model's request_module is __request_module(true, ...): its step waits for the modprobe (UMH_WAIT_PROC).
    const v66 = run(asyncRequest, 'v6.6', [PROP]);
    const p = v66.properties[0]!;
    expect(p.verdict).toBe('violated');
    // (The trace ends before the request's step, where the thread is: the explanation says it is next.)
    expect(p.explanation).toMatch(/^kworker\/u:async __device_attach_async_helper\(b\) is about to call request_module\(m0\) from async context \(db's probe, its next step: request_module\(db\):\w+\): __request_module's WARN_ON_ONCE\(wait && current_is_async\(\)\) fires first thing$/);
    // current_is_async(): the same probe run by the sync fallback (async_schedule could not allocate)
    // runs in the caller, which is no async worker: no WARN. Only the async thread's call is judged.
    const inline = check(buildScenario({ ...asyncRequest, syncFallback: true, properties: [PROP] }, 'v6.6', '').model, { exhaustive: true }).properties[0]!;
    expect(inline.verdict).toBe('violated');
    expect(inline.explanation).toMatch(/^kworker\/u:async /);
  });

  // Was a KNOWN GAP (2026-12-06): no-wait-under-lock's async half judges async_synchronize_full (or a
  // probe wait) in an async thread, not a request_module there, and the WARN was not modelled.
  it('an async probe that requests a module: the kernel WARNs, and no-sync-request-in-async is violated with a trace (no-wait-under-lock and no-deadlock hold)', () => {
    for (const p of ['v6.6', 'mainline']) {
      const r = run(asyncRequest, p, ['no-wait-under-lock', 'no-deadlock', PROP]);
      expect(r.properties.map((x) => [x.name, x.verdict]), p).toEqual([['no-wait-under-lock', 'holds'], ['no-deadlock', 'holds'], [PROP, 'violated']]);
      const v = r.properties[2]!;
      // The trace ends with the async helper entering request_module (after modprobe m0 and add b).
      const steps = v.trace?.steps ?? [];
      expect(steps.length, p).toBeGreaterThan(0);
      expect(steps[steps.length - 1]!.thread, p).toBe('kworker/u:async __device_attach_async_helper(b)');
      expect(names(asyncRequest, p), p).toContain(PROP);
    }
  });

  it('vacuous (and not chosen) where no async thread requests a module', () => {
    // The same driver probed synchronously: its request_module runs in admin's thread.
    const sync: ScenarioSpec = { ...asyncRequest, drivers: { db: { matches: ['b'], present: true, requestModule: 'm0' } } };
    for (const p of ['v6.6', 'mainline']) {
      expect(names(sync, p), p).not.toContain(PROP);
      expect(run(sync, p, [PROP]).properties[0]!.verdict, p).toBe('vacuous');
    }
    // An async and a sync driver of one device, the sync one requesting: the async helper's walk
    // skips the sync driver (check_async, want_async), so its request runs in admin's thread only,
    // whether its probe binds (the helper never runs) or fails (the helper probes the async one).
    for (const probe of ['ok', 'error'] as const) {
      const mixed: ScenarioSpec = { ...asyncRequest, drivers: { ds: { matches: ['b'], present: true, requestModule: 'm0', probe }, da: { matches: ['b'], present: true, probeType: 'async' } } };
      for (const p of ['v4.2', 'v5.19', 'mainline']) {
        expect(names(mixed, p), `${probe} ${p}`).not.toContain(PROP);
        expect(run(mixed, p, [PROP]).properties[0]!.verdict, `${probe} ${p}`).toBe('vacuous');
      }
    }
    // But a sync driver of a child the async probe registers probes in the helper's thread: chosen, violated.
    const child: ScenarioSpec = { ...asyncRequest, devices: { b: {}, c: {} }, drivers: { da: { matches: ['b'], present: true, probeType: 'async', registers: ['c'] }, ds: { matches: ['c'], present: true, requestModule: 'm0' } } };
    for (const p of ['v4.2', 'mainline']) {
      expect(names(child, p), p).toContain(PROP);
      expect(run(child, p, [PROP]).properties[0]!.explanation, p).toMatch(/^kworker\/u:async __device_attach_async_helper\(b\) is about to call request_module\(m0\) from async context \(ds's probe, /);
    }
    // v3.14: no async probing; a probe_type async driver probes in the caller.
    expect(names(asyncRequest, 'v3.14')).not.toContain(PROP);
    expect(run(asyncRequest, 'v3.14', [PROP]).properties[0]!.verdict).toBe('vacuous');
  });

  it('before the flag (v3.5) an async request does not WARN: B7 history stays a deadlock there, and the WARN fires from v3.14 on where the deadlock is gone', () => {
    // v3.5: the scan's request is in async context, but __request_module has no WARN yet (v3.6.0 read).
    expect(names(scanRequest, 'v3.5')).not.toContain(PROP);
    const v35 = run(scanRequest, 'v3.5', ['no-deadlock', PROP]);
    expect(v35.properties.map((x) => [x.name, x.verdict])).toEqual([['no-deadlock', 'violated'], [PROP, 'vacuous']]);
    // v3.14 (774a1221e862: cfq's init queued no async work, no sync, no deadlock) and v5.19 (the
    // revert: the deadlock is back): the request WARNs on both.
    for (const [p, dl] of [['v3.14', 'holds'], ['v5.19', 'violated']] as const) {
      expect(names(scanRequest, p), p).toContain(PROP);
      const r = run(scanRequest, p, ['no-deadlock', PROP]);
      expect(r.properties.map((x) => [x.name, x.verdict]), p).toEqual([['no-deadlock', dl], [PROP, 'violated']]);
      expect(r.properties[1]!.explanation, p).toMatch(/^kworker\/u:async do_scan_async\(host,ahci\).* is about to call request_module\(cfq\) from async context \(sd's probe, /);
    }
  });
});
