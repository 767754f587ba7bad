// "could print instead": each model event as the line the log would show, without the numbers the
// model does not know (was `returned 2b300050.target-module 517`, the event's kind and fields).
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/cli/build.js';
import { loadModel } from '../../src/load.js';
import { parseLog, readMessage } from '../../src/logs/parse.js';
import { hintLine, kernelOf, validate } from '../../src/logs/validate.js';

describe('validate: what the model could print instead', () => {
  it('each kind of event reads as a log line, and the reader reads it as that kind', async () => {
    const w = kernelOf(buildModel(await loadModel('models/deferred-probe.ts'), { profile: 'mainline' })).w;
    const ev = [
      { kind: 'returned', dev: 'dc', ret: 517 }, { kind: 'probing', dev: 'dc', drv: 'dc-drv' }, { kind: 'retry', dev: 'dc' },
      { kind: 'defer', dev: 'dc', drv: 'dc-drv' }, { kind: 'bound_to', dev: 'dc', drv: 'dc-drv' }, { kind: 'pending', dev: 'dc' },
    ] as const;
    expect(ev.map((e) => hintLine(e, w))).toEqual([
      'probe of dc returned 517',
      "bus: 'platform': really_probe: probing driver dc-drv with device dc",
      'platform dc: Retrying from deferred list',
      'platform dc: Driver dc-drv requests probe deferral',
      "driver: 'dc-drv': driver_bound: bound to device 'dc'",
      'platform dc: deferred probe pending',
    ]);
    for (const e of ev.slice(1)) expect(readMessage(hintLine(e, w))?.rule.model).toBe(e.kind);
    expect(hintLine({ kind: 'module_init', module: 'pwm_mod' }, w)).toBe('calling  ...[pwm_mod]');
  });
  it('the swapped log: the two probes, as lines', async () => {
    const model = buildModel(await loadModel('models/deferred-probe.ts'), { profile: 'v4.2' });
    const r = validate(model, parseLog(['platform dc: Retrying from deferred list', "bus: 'platform': really_probe: probing driver dc-drv with device dc"].join('\n')));
    expect(r.couldPrintLines).toEqual(["bus: 'platform': really_probe: probing driver dc-drv with device dc", "bus: 'platform': really_probe: probing driver pwm-drv with device pwm"]);
  });
  it('a log in the dev_printk forms of v6.12 and later gets its hints in those forms, read back as the same events', async () => {
    const model = buildModel(await loadModel('models/deferred-probe.ts'), { profile: 'v6.12' });
    const w = kernelOf(model).w;
    for (const e of [{ kind: 'matched', dev: 'dc', drv: 'dc-drv' }, { kind: 'probing', dev: 'dc', drv: 'dc-drv' }, { kind: 'bound_to', dev: 'dc', drv: 'dc-drv' }, { kind: 'bound', dev: 'dc', drv: 'dc-drv' }] as const) {
      const line = hintLine(e, w, true);
      expect(readMessage(line), line).toMatchObject({ rule: { model: e.kind, dev: true }, dev: 'dc', drv: 'dc-drv' });
    }
    expect(hintLine({ kind: 'error', dev: 'dc', drv: 'dc-drv' }, w, true)).toBe('dc-drv dc: probe with driver dc-drv failed with error ...');
    const r = validate(model, parseLog(['platform dc: Retrying from deferred list', "platform dc: bus: 'platform': really_probe: probing driver dc-drv with device"].join('\n')));
    expect(r.couldPrintLines).toEqual(["platform dc: bus: 'platform': really_probe: probing driver dc-drv with device", "platform pwm: bus: 'platform': really_probe: probing driver pwm-drv with device"]);
  });
});
