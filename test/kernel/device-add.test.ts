/**
 * device_add under a parent that is not registered: kobject_add finds no parent directory in
 * sysfs (fs/sysfs/dir.c sysfs_create_dir_ns: `if (!parent) return -ENOENT;`, kobj->sd cleared by
 * device_del's kobject_del) and device_add goes to its error path, adding nothing. Before, the
 * model registered and probed a child whose parent's device_del had finished.
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, check, ProbecheckError, type Model } from 'probecheck';

/** The model with two properties of its own: c is registered in some run; c never becomes registered while host is not. */
function orphanModel(profile: string): Model {
  const { model } = buildScenario({ name: 'orphan', devices: { host: { present: true }, c: { parent: 'host' } }, drivers: {}, actors: { unplug: 'del host', plug: 'add c' } }, profile, '');
  type S = { dev: { registered: boolean }[] };
  const dev = (s: S, n: number) => s.dev[n]!;
  return {
    ...model,
    properties: [
      { kind: 'invariant', name: 'c-never-registered', holds: (s: S) => !dev(s, 1).registered },
      { kind: 'action', name: 'c-added-under-registered-parent', holds: (b: S, a: S) => dev(b, 1).registered || !dev(a, 1).registered || dev(a, 0).registered },
    ],
  };
}

describe('device_add of a child whose parent is gone', () => {
  for (const profile of ['v3.5', 'v5.10', 'mainline']) {
    it(`${profile}: the child is added only while its parent is registered, and is added in some run`, () => {
      const m = orphanModel(profile);
      expect(m.state.fields.dev).toBeDefined();
      const r = check(m, { exhaustive: true, symmetry: false });
      expect(r.complete).toBe(true);
      const v = Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
      expect(v).toEqual({ 'c-never-registered': 'violated', 'c-added-under-registered-parent': 'holds' });
    });
  }

  it('a child whose parent nobody adds: E601, naming the parent', () => {
    const build = () => buildScenario({ name: 'o', devices: { host: {}, c: { parent: 'host' } }, drivers: {}, actors: { plug: 'add c' } }, 'mainline', '');
    expect(build).toThrow(ProbecheckError);
    expect(build).toThrow("scenario 'o': device 'c' is added but its parent 'host' is never present or added: device_add's kobject_add would find no directory for 'host' in sysfs and fail (-ENOENT), adding nothing; make 'host' present or 'add host' first");
    expect(() => buildScenario({ name: 'o', devices: { host: {}, c: { parent: 'host' } }, drivers: {}, actors: { a: 'add host', b: 'add c' } }, 'mainline', '')).not.toThrow();
    // A parent an async scan registers is added (it was refused as never added).
    const scanned = buildScenario({ name: 'o', devices: { hba: { present: true }, host: { parent: 'hba' }, c: { parent: 'host' } },
      drivers: { hd: { matches: ['hba'], asyncScan: ['host'], module: 'm' } }, actors: { a: 'modprobe m', b: 'add c' } }, 'mainline', '');
    const r = check({ ...scanned.model, properties: [{ kind: 'invariant', name: 'c-never-registered', holds: (s: { dev: { registered: boolean }[] }) => !s.dev[2]!.registered }] }, { exhaustive: true, symmetry: false });
    expect(r.properties[0]!.verdict).toBe('violated');
  });
});

// What README "actors" says of `del` and a parent (a new user, 2026-12-05, expected device_del to
// delete the children): device_del deletes no children, and a child's add after its parent's del
// adds nothing, an action that never completes.
describe("del of a parent, and its children", () => {
  type S = { dev: { registered: boolean; delDone: boolean; probing: number }[] };
  const spec = (actors: Record<string, string | string[]>) => buildScenario({ name: 'parent-del', devices: { adap: { present: true }, c1: { parent: 'adap' } },
    drivers: { cdrv: { matches: ['c1'], probeType: 'async', present: true } }, actors, syncFallback: false }, 'mainline', '').model;
  it("the children stay registered after their parent's device_del, and an async probe of one may start after it", () => {
    const m = spec({ register: 'add c1', 'del adapter': 'del adap' });
    const r = check({ ...m, properties: [
      { kind: 'invariant', name: 'no-child-left', holds: (s: S) => !(s.dev[0]!.delDone && s.dev[1]!.registered) },
      { kind: 'invariant', name: 'no-probe-after-parent-del', holds: (s: S) => !(s.dev[0]!.delDone && s.dev[1]!.probing !== 0) },
    ] }, { exhaustive: true, symmetry: false });
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual({ 'no-child-left': 'violated', 'no-probe-after-parent-del': 'violated' });
  });
  it("an add of the child after its parent's del never completes", () => {
    const r = check({ ...spec({ a: ['del adap', 'add c1'] }), properties: [{ kind: 'invariant', name: 'c1-never-registered', holds: (s: S) => !s.dev[1]!.registered }] }, { exhaustive: true, symmetry: false });
    expect(r.properties[0]!.verdict).toBe('holds');
    expect(r.vacuity?.actions.map((a) => `${a.thread}: ${a.action}`)).toEqual(['a: add c1']);
  });
});
