/**
 * The scenario builder: a scenario is a ModelFactory with profile/patches params, malformed
 * scenarios are E601 errors naming what and where, both backends agree on kernel models.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, resolveParams, scenario, type ScenarioSpec } from 'probecheck';

const tiny: ScenarioSpec = {
  name: 'tiny', devices: { host1x: { present: true, boundTo: 'h' }, dc: { parent: 'host1x' } },
  drivers: { h: { matches: ['host1x'], present: true }, d: { matches: ['dc'], probeType: 'async', present: true } },
  actors: { hotplug: ['add dc', 'del dc'], 'sysfs unbind': 'unbind h host1x' },
};

const e601 = (spec: Partial<ScenarioSpec>) => {
  try { buildScenario({ ...tiny, ...spec } as ScenarioSpec, 'mainline', ''); } catch (e) { return `${(e as { code: string }).code}: ${(e as Error).message}`; }
  return 'no error';
};

describe('scenario builder', () => {
  it('is a model factory with profile and patches parameters', () => {
    const f = scenario({ ...tiny, profile: 'v4.2' });
    expect(f.kind).toBe('probecheck-model');
    expect(f.params.profile!.default).toBe('v4.2');
    expect(f.params.patches!.default).toBe('');
    const m = f.build(resolveParams(f.name, f.params, { profile: 'v5.1', patches: '654888327e9f' }));
    expect(m.params).toEqual({ profile: 'v5.1', patches: '654888327e9f' });
    expect(() => resolveParams(f.name, f.params, { profile: 'v1.0' })).toThrow(/E104|not one of/);
  });

  it('names threads as a kernel developer sees them', () => {
    const names = buildScenario(tiny, 'mainline', '').model.threads.map((t) => t.name);
    expect(names).toEqual(['hotplug', 'sysfs unbind',
      'kworker/u:async __device_attach_async_helper(dc)', 'kworker/u:async __device_attach_async_helper(dc)#2',
      'kworker/u:async __driver_attach_async_helper(dc)', 'kworker/u:async __driver_attach_async_helper(dc)#2']);
    expect(buildScenario(tiny, 'v4.2', '').model.threads.map((t) => t.name)).toContain('kworker/u:async driver_attach_async(d)');
  });

  it('keeps every thread under 254 steps', () => {
    for (const p of ['v4.2', 'mainline']) for (const th of buildScenario(tiny, p, '').model.threads) expect(Object.keys(th.steps).length).toBeLessThan(254);
  });

  it('rejects malformed scenarios with E601 naming what and where', () => {
    expect(e601({ devices: { dc: { parent: 'host1x' } } })).toBe("E601: scenario 'tiny': device 'dc': parent: device 'host1x' is not declared; devices: dc");
    expect(e601({ actors: { x: 'frobnicate dc' } })).toMatch(/^E601: actor 'x': action 'frobnicate dc': unknown action 'frobnicate'/);
    expect(e601({ actors: { x: 'bind nosuch dc' } })).toMatch(/^E601: actor 'x': action 'bind nosuch dc': driver 'nosuch' is not declared/);
    expect(e601({ actors: {} })).toMatch(/E601: .*no actors/);
    expect(e601({ properties: ['no-such-property'] })).toMatch(/^E601: .*unknown property 'no-such-property'; known: single-binding/);
    expect(e601({ drivers: { h: { matches: ['host1x'], present: true, probe: 'maybe' as never }, d: { matches: ['dc'] } } })).toMatch(/probe outcome 'maybe'/);
  });

  it('both backends explore the same states with the same verdicts', () => {
    for (const p of ['v4.2', 'mainline']) {
      const m = buildScenario(tiny, p, '').model;
      const a = check(m), b = check(m, { backend: 'reference' });
      expect(b.states).toBe(a.states);
      expect(b.properties.map((x) => x.verdict)).toEqual(a.properties.map((x) => x.verdict));
    }
  });

  it('declares two async workers per helper: the deferred worker may schedule while the first is finishing', () => {
    const spec: ScenarioSpec = { name: 'x', devices: { dc: {}, pwm: { present: true } },
      drivers: { 'dc-drv': { matches: ['dc'], probeType: 'async', needs: ['pwm'], present: true }, 'pwm-drv': { matches: ['pwm'] } },
      actors: { hotplug: 'add dc', insmod: 'register pwm-drv' } };
    expect(() => check(buildScenario({ ...spec, asyncInstances: 1 }, 'mainline', '').model)).toThrow(/E204|declare more instances/);
    const r = check(buildScenario(spec, 'mainline', '').model);
    expect(r.states).toBe(3386);
    expect(r.properties.every((p) => p.verdict === 'holds')).toBe(true);
  });

  it('picks the properties that apply, or the ones it names', () => {
    const all = buildScenario(tiny, 'mainline', '').model.properties.map((p) => p.name);
    expect(all).toContain('parent-before-child');
    expect(all).not.toContain('usb-parent-lock');
    expect(buildScenario({ ...tiny, properties: ['lock-order'] }, 'mainline', '').model.properties.map((p) => p.name)).toEqual(['lock-order']);
  });
});
