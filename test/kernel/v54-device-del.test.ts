/**
 * v5.4 reads core.c at fb583c8eeeb1 (driver-core-5.4-rc1), which predates the merge of 5.3-rc4
 * that brought kill_device (00289cd87676, v5.3), so until 2026-12-07 (s42 h6) it left device_del
 * and kill_device unread. It now reads those two at e2ae9bcc4aaa (driver-core-5.5-rc1, the nearest
 * core.c above, a `path:fn` source): device_del there is fb583c8eeeb1's with kill_device's hunk and
 * 372a67c0c5ef's two fwnode lines (v5.5, not modelled). The del and kill-del steps resolve there.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES, buildScenario, type ScenarioSpec } from 'probecheck';
import { excerpt, snapshotOf } from '../../src/kernel/source.js';

const CORE = 'drivers/base/core.c';
const KILL: ScenarioSpec = { name: 'kill', devices: { ns: { present: true, boundTo: 'nd' } }, drivers: { nd: { matches: ['ns'], present: true } }, actors: { a: ['kill-del ns'], b: ['del ns'] } };

describe('v5.4 device_del and kill_device', () => {
  it('are read at e2ae9bcc4aaa, the rest of core.c at fb583c8eeeb1', () => {
    const src = PROFILES['v5.4']!.sources;
    expect(snapshotOf(src, CORE, 'device_del')).toBe('torvalds@e2ae9bcc4aaa');
    expect(snapshotOf(src, CORE, 'kill_device')).toBe('torvalds@e2ae9bcc4aaa');
    expect(snapshotOf(src, CORE, 'device_add')).toBe('torvalds@fb583c8eeeb1');
    expect(PROFILES['v5.4']!.unread?.[`${CORE}:device_del`]).toBeUndefined();
    // The two texts' device_del differ by kill_device's call (and the fwnode lines): the older sets dead itself.
    expect(excerpt('torvalds@fb583c8eeeb1', CORE, 'device_del')!.lines.join('\n')).toContain('dev->p->dead = true;');
    expect(excerpt('torvalds@e2ae9bcc4aaa', CORE, 'device_del')!.lines.join('\n')).toContain('kill_device(dev);');
  });
  it('the del and kill-del steps of device_del and kill_device resolve there, with no error', () => {
    const anchors = buildScenario(KILL, 'v5.4', '').kernel.anchors;
    const core = anchors.filter((a) => a.anchored.some((x) => x.path === CORE && (x.fn === 'device_del' || x.fn === 'kill_device')));
    const fns = new Set(core.flatMap((a) => a.anchored.filter((x) => x.path === CORE && x.fn !== 'device_links_purge').map((x) => `${x.fn}@${x.release}`)));
    // (device_del's purge step also cites device_links_purge, read at fb583c8eeeb1 with the other link code.)
    expect(fns).toEqual(new Set(['device_del@torvalds@e2ae9bcc4aaa', 'kill_device@torvalds@e2ae9bcc4aaa']));
    const bad = anchors.filter((a) => a.error && /core\.c:(device_del|kill_device)/.test(a.where));
    expect(bad.map((a) => `${a.label}: ${a.error}`)).toEqual([]);
  });
});
