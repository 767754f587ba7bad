/**
 * v3.5 reads kernel/module.c of v3.6.0 (s39 h13), which has no do_init_module: the init runs inside
 * the init_module syscall (SYSCALL_DEFINE3(init_module, ...), read for do_init_module, renamed),
 * load_module looks the name up and lists the module in one module_mutex region, and free_module
 * takes module_mutex once. The module steps must resolve there, in the order the syscall runs them:
 * its init-failure path (with a module_put of its own) comes before the LIVE state.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, type ScenarioSpec } from 'probecheck';
import { excerpt } from '../../src/kernel/source.js';
import type { StepAnchors } from '../../src/kernel/emit.js';

// A module whose driver probes asynchronously, loaded and unloaded (conformance.test.ts's `mod`).
const MOD: ScenarioSpec = {
  name: 'mod', devices: { h: { present: true }, c: { parent: 'h', present: true } }, drivers: { cd: { matches: ['c'], module: 'm', probeType: 'async' } },
  actors: { a: ['modprobe m', 'rmmod m'] },
};

const moduleSteps = (profile: string, patches = '') => buildScenario(MOD, profile, patches).kernel.anchors.filter((a) => a.where.startsWith('kernel/module.c'));
const step = (as: StepAnchors[], local: string) => as.find((a) => a.local === local)!;
/** The C lines a step cites, in its function. */
const lines = (a: StepAnchors) => a.anchored.flatMap((an) => an.lines.map((i) => ({ fn: an.fn, i, text: excerpt(an.release, an.path, an.fn)!.lines[i]!.trim() })));

describe('v3.5: kernel/module.c of v3.6.0, the init inside the init_module syscall', () => {
  for (const patches of ['', '774a1221e862']) {
    it(`v3.5${patches ? ` + ${patches}` : ''}: every module step resolves in v3.6.0's text`, () => {
      const as = moduleSteps('v3.5', patches);
      expect(as.map((a) => a.local).sort()).toEqual(['async_synchronize_full', 'async_synchronize_full', 'free_module', 'load_module', 'module_live', 'module_put', 'try_stop_module']);
      expect(as.filter((a) => a.error).map((a) => `${a.label}: ${a.error}`)).toEqual([]);
      expect(new Set(as.flatMap((a) => a.anchored.map((an) => an.release)))).toEqual(new Set(['v3.6.0']));
    });
  }

  it('do_init_module\'s steps cite the syscall in its order: LIVE, the sync, then the success path\'s module_put', () => {
    const as = moduleSteps('v3.5');
    const live = lines(step(as, 'module_live')), put = lines(step(as, 'module_put'));
    const sync = lines(as.find((a) => a.local === 'async_synchronize_full' && a.block === 'do_init_module')!);
    expect([...live, ...sync, ...put].every((l) => l.fn === 'init_module')).toBe(true);
    const liveAt = live.find((l) => l.text === 'mod->state = MODULE_STATE_LIVE;')!.i;
    expect(sync.map((l) => l.text)).toEqual(['async_synchronize_full();']);
    expect(sync[0]!.i).toBeGreaterThan(liveAt);
    // The init-failure path's module_put (before LIVE) is not this step's.
    expect(Math.min(...put.map((l) => l.i))).toBeGreaterThan(sync[0]!.i);
    expect(put.map((l) => l.text)).toEqual(['mutex_lock(&module_mutex);', 'module_put(mod);', 'module_free(mod, mod->module_init);', 'mutex_unlock(&module_mutex);']);
  });

  it('load_module\'s step is the namesake lookup and the list add, one module_mutex region; the init starts in the syscall', () => {
    const got = lines(step(moduleSteps('v3.5'), 'load_module'));
    const texts = got.map((l) => l.text);
    for (const t of ['mod->state = MODULE_STATE_COMING;', 'mutex_lock(&module_mutex);', 'if (find_module(mod->name)) {', 'list_add_rcu(&mod->list, &modules);', 'mutex_unlock(&module_mutex);']) expect(texts).toContain(t);
    expect(got.filter((l) => l.fn === 'init_module').map((l) => l.text)).toEqual(['ret = do_one_initcall(mod->init);']);
  });

  it('free_module unlinks the module in its one module_mutex region', () => {
    const got = lines(step(moduleSteps('v3.5'), 'free_module')).filter((l) => l.fn === 'free_module').map((l) => l.text);
    expect(got).toEqual(['mutex_lock(&module_mutex);', 'stop_machine(__unlink_module, mod, NULL);', 'mutex_unlock(&module_mutex);']);
  });
});

// models/module-async.ts variant=request: sd's probe, run from the async scan, calls request_module(cfq).
const REQUEST: ScenarioSpec = {
  name: 'request', buses: { pci: {}, scsi: {} }, devices: { host: { bus: 'pci', present: true }, sda: { bus: 'scsi', parent: 'host' } },
  drivers: { ahci: { bus: 'pci', matches: ['host'], module: 'ahci', asyncScan: ['sda'] }, sd: { bus: 'scsi', matches: ['sda'], present: true, requestModule: 'cfq' } },
  modules: { cfq: {} }, actors: { modprobe: 'modprobe ahci' },
};

describe('request_module\'s wait for its modprobe: kernel/kmod.c before UMH_FILE (v4.14), kernel/umh.c after', () => {
  for (const [p, file] of [['v3.5', 'kernel/kmod.c'], ['v4.2', 'kernel/kmod.c'], ['v4.14', 'kernel/umh.c'], ['mainline', 'kernel/umh.c']] as const) {
    it(`${p}: call_usermodehelper_exec is in ${file}`, () => {
      const m = buildScenario(REQUEST, p, '').model;
      const wheres = m.threads.flatMap((th) => Object.entries(th.steps)).filter(([l]) => /request_module\(sd\):(call_usermodehelper_exec|wait_for_completion)$/.test(l)).map(([, st]) => st.where);
      expect(wheres.length).toBeGreaterThanOrEqual(2);
      for (const w of wheres) expect(w).toContain(`${file}:call_usermodehelper_exec`);
    });
  }
});
