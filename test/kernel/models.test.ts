/** The example models: verdicts per profile as observed (see their headers). */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { check } from 'probecheck';
import tegra from '../../models/tegra-host1x.ts';
import hot from '../../models/hot-unplug.ts';
import usb from '../../models/usb-interface.ts';
import rmmod from '../../models/rmmod-during-probe.ts';

const violated = (f: typeof tegra, params: Record<string, string>) => {
  const r = check(f.build({ patches: '', ...params }));
  expect(r.complete || r.stopped === 'all-violated').toBe(true);
  return r.properties.filter((p) => p.verdict === 'violated').map((p) => p.name);
};

describe('models/tegra-host1x.ts', () => {
  it('parent-before-child (checked when named) is violated wherever async probing exists, mainline included', () => {
    const pbc = (profile: string) => check(tegra.build({ patches: '', profile }), { properties: ['parent-before-child'] }).properties[0]!.verdict;
    expect(['v3.14', 'v4.2', 'v5.9', 'mainline'].map(pbc)).toEqual(['holds', 'violated', 'violated', 'violated']);
    // The default selection leaves it out: the kernel never promised it.
    expect(violated(tegra, { profile: 'v3.14' })).toEqual([]);
    // v4.2-v5.9: the sync fallback of async_schedule deadlocks (b232b02bf3c2), so dc is never
    // probed (L4) and modprobe never returns (L5).
    expect(violated(tegra, { profile: 'v4.2' })).toEqual(['no-missed-probe', 'actors-terminate', 'no-deadlock']);
    expect(violated(tegra, { profile: 'v4.18' })).toEqual(['device-ready', 'no-missed-probe', 'actors-terminate', 'no-deadlock']);
    expect(violated(tegra, { profile: 'v5.9' })).toEqual(['no-missed-probe', 'actors-terminate', 'no-deadlock']);
    expect(violated(tegra, { profile: 'mainline' })).toEqual([]);
  });
  it("leaves async-driver out by default: tegra-dc's walk ends before host1x's probe adds dc (mainline exited 5 on it, vacuous)", () => {
    for (const profile of ['v5.1', 'mainline']) expect(check(tegra.build({ patches: '', profile }), { maxStates: 1 }).properties.map((p) => p.name), profile).not.toContain('async-driver');
    const r = check(tegra.build({ patches: '', profile: 'mainline' }));
    expect(r.properties.filter((p) => p.verdict !== 'holds').map((p) => `${p.name}: ${p.verdict}`)).toEqual([]);
  });
});

describe('models/hot-unplug.ts', () => {
  it('variant=async: violated before the dead flag, holds with it', () => {
    expect(violated(hot, { profile: 'v4.2', variant: 'async' })).toEqual(['no-probe-after-del', 'no-deadlock']);
    expect(violated(hot, { profile: 'v5.1', variant: 'async' })).toEqual(['no-deadlock']);
    expect(violated(hot, { profile: 'mainline', variant: 'async' })).toEqual([]);
  });
  it('variant=deferred: violated until 654888327e9f', () => {
    expect(violated(hot, { profile: 'v5.1', variant: 'deferred' })).toEqual(['no-probe-after-del', 'deferred-lists']);
    expect(violated(hot, { profile: 'v5.1', patches: '654888327e9f', variant: 'deferred' })).toEqual([]);
    expect(violated(hot, { profile: 'v5.9', variant: 'deferred' })).toEqual([]);
  });
});


describe('more example models', () => {
  it('usb-interface: only the async driver breaks the parent-lock rule', () => {
    expect(violated(usb, { profile: 'mainline', probeType: 'async' })).toEqual(['usb-parent-lock']);
    expect(violated(usb, { profile: 'mainline', probeType: 'default' })).toEqual([]);
    // The sync fallback's self-deadlock (b232b02bf3c2) also leaves intf unprobed for good: no-missed-probe,
    // which exempted intf in every run while an actor may unbind it, and now only once it does.
    expect(violated(usb, { profile: 'v4.2', probeType: 'async' })).toEqual(['no-probe-after-del', 'no-wait-under-lock', 'usb-parent-lock', 'no-missed-probe', 'actors-terminate', 'no-deadlock']);
  });
  it('rmmod-during-probe: async work outlives driver_unregister until v5.1; v5.1 .. v5.19 deadlock in __driver_attach (70fe758352ca)', () => {
    expect(violated(rmmod, { profile: 'v4.2' })).toEqual(['no-driver-after-unregister', 'no-wait-under-lock']);
    expect(violated(rmmod, { profile: 'v5.1' })).toEqual(['no-missed-probe', 'actors-terminate', 'no-deadlock']);
    expect(violated(rmmod, { profile: 'v5.1', patches: '70fe758352ca' })).toEqual([]);
    expect(violated(rmmod, { profile: 'v6.1' })).toEqual([]);
  });
});

// models/README.md is the corpus's index: every bundled model has its entry there (s48 h14: these two
// had none). No build, a directory read.
describe('models/README.md', () => {
  it('has an entry for every model file', () => {
    const root = new URL('../../models/', import.meta.url);
    const index = readFileSync(new URL('README.md', root), 'utf8');
    const models = readdirSync(root).filter((f) => f.endsWith('.ts'));
    expect(models).toEqual(expect.arrayContaining(['rmmod-during-probe.ts', 'usb-interface.ts']));
    expect(models.filter((f) => !index.includes(`**${f}**`))).toEqual([]);
  });
});
