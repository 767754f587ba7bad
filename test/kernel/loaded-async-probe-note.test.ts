/**
 * The note for an `asyncProbe` module before v4.2 (scenario.ts profileNotes): a module `loaded:
 * true` ran its init only in the load that made the start state (loaded.ts), so the note says that
 * and what the check itself models (its drivers probe synchronously), not an init the check runs
 * (a hunt, s39 h3). v3.6.0's sys_init_module syncs after every init; v3.14 reads do_init_module of
 * 6cd5513c813e, whose sync needs PF_USED_ASYNC (MODULE_SYNC_PF_USED_ASYNC).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, type ScenarioSpec } from 'probecheck';

const usb: ScenarioSpec = {
  name: 'loaded-async-probe', buses: { usb: { needParentLock: true } },
  devices: { udev: { present: true, boundTo: 'usb' }, intf: { parent: 'udev' } },
  drivers: { usb: { matches: ['udev'], present: true }, uas: { matches: ['intf'], module: 'uasm' } },
  modules: { uasm: { asyncProbe: true, loaded: true } },
  actors: { hub: 'add intf' },
};
const notes = (s: ScenarioSpec, profile: string) => (buildScenario(s, profile, '').model.notes ?? []).filter((n) => n.includes('async_probe'));

describe('a loaded async_probe module before v4.2', () => {
  it('says its init ran in the load that made the start, not in the check', () => {
    expect(notes(usb, 'v3.5')).toEqual([
      "module 'uasm' is loaded at the start with async_probe, a parameter v3.5 does not have (v4.2): its drivers probe synchronously, and its init ran only in the load that made the start state, ending with async_synchronize_full; this check runs no init of it",
    ]);
    const [v314] = notes(usb, 'v3.14');
    expect(v314).toContain('ending with async_synchronize_full where it queued async work (PF_USED_ASYNC), as without the parameter; this check runs no init of it');
    expect(notes(usb, 'v4.2')).toEqual([]);
  });

  it('keeps the init sentence where the check loads the module again', () => {
    const again = { ...usb, actors: { hub: 'add intf', admin: ['rmmod uasm', 'modprobe uasm'] } };
    expect(notes(again, 'v3.5')).toEqual(["module 'uasm' is loaded with async_probe, a parameter v3.5 does not have (v4.2): its init ends with async_synchronize_full"]);
  });
});
