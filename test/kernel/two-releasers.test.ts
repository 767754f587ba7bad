/**
 * Two releasers of one supplier (models/supplier-two-releasers.ts; docs/kernel-findings.md).
 * The first releaser's device_links_unbind_consumers writes SUPPLIER_UNBIND and drops
 * device_links_lock before it locks the consumer (core.c device_links_unbind_consumers+21..+29);
 * device_links_busy counts only CONSUMER_PROBE and ACTIVE as busy (+11..+12), so a second releaser
 * that takes the supplier's lock in that window removes it with the consumer bound.
 */
import { describe, expect, it } from 'vitest';
import { check } from 'probecheck';
import model from '../../models/supplier-two-releasers.ts';

const run = (params: Record<string, string>, properties?: string[]) => check(model.build({ patches: '', profile: 'mainline', ...params }), properties ? { properties } : {});
const prop = (r: ReturnType<typeof run>, name: string) => r.properties.find((p) => p.name === name)!;

describe('two releasers of one supplier', () => {
  it('mainline, two sysfs unbinds: the second removes ldo1 after the first wrote SUPPLIER_UNBIND and before it locked mmc', () => {
    const p = prop(run({ second: 'unbind' }, ['links-supplier-bound']), 'links-supplier-bound');
    expect(p.verdict).toBe('violated');
    expect(p.explanation).toBe('consumer mmc is bound but supplier ldo1 is not (link DORMANT)');
    const steps = p.trace!.steps;
    const at = (thread: string, label: string) => steps.findIndex((s) => s.thread === thread && s.label.includes(label));
    const unbindConsumers = at('echo ldo1 > unbind', '__device_release_driver(ldo1):device_links_unbind_consumers');
    const busy = at('second', '__device_release_driver(ldo1):device_links_busy');
    const remove = at('second', '__device_release_driver(ldo1):remove');
    expect(unbindConsumers).toBeGreaterThanOrEqual(0);
    expect(busy).toBeGreaterThan(unbindConsumers);
    expect(remove).toBeGreaterThan(busy);
    // mmc's release has not begun: the first releaser never took mmc's lock.
    expect(steps.some((s) => s.label.includes('(mmc)'))).toBe(false);
    // The second's device_links_busy cites the busy test and the SUPPLIER_UNBIND write.
    expect(steps[busy]!.source).toMatch(/device_links_busy\+11-\+12,device_links_busy\+16/);
  });

  it('device_del as the second releaser: the same window, and the first one\'s rescan leaves the link SUPPLIER_UNBIND for device_links_purge', () => {
    const r = run({ second: 'del' }, ['links-supplier-bound', 'links-no-warn']);
    expect(prop(r, 'links-supplier-bound').verdict).toBe('violated');
    const w = prop(r, 'links-no-warn');
    expect(w.verdict).toBe('violated');
    expect(w.explanation).toBe('WARN_ON in device_links_purge(ldo1): its link to consumer mmc is SUPPLIER_UNBIND, not DORMANT or NONE');
  });

  it('DL_FLAG_AUTOREMOVE_CONSUMER: the second releaser\'s device_links_driver_cleanup WARNs', () => {
    const w = prop(run({ second: 'unbind', link: 'autoremove' }, ['links-no-warn']), 'links-no-warn');
    expect(w.verdict).toBe('violated');
    expect(w.explanation).toMatch(/^WARN_ON in device_links_driver_cleanup\(ldo1\): its link to consumer mmc .*DL_FLAG_AUTOREMOVE_CONSUMER/);
  });

  it("v4.14: only unbind_store's lock of ldo1's parent closes the window (a supplier with no parent shows the same trace)", () => {
    // Before 8c97a46af04b unbind_store locks dev->parent around device_release_driver(dev), whose
    // NULL parent the loop does not drop; with no parent there is nothing to lock.
    expect(prop(run({ profile: 'v4.14', second: 'unbind' }, ['links-supplier-bound']), 'links-supplier-bound').verdict).toBe('holds');
    const p = prop(run({ profile: 'v4.14', second: 'unbind', parent: 'none' }, ['links-supplier-bound']), 'links-supplier-bound');
    expect(p.verdict).toBe('violated');
    const steps = p.trace!.steps;
    const unbindConsumers = steps.findIndex((s) => s.thread === 'echo ldo1 > unbind' && s.label.includes('__device_release_driver(ldo1):device_links_unbind_consumers'));
    const remove = steps.findIndex((s) => s.thread === 'second' && s.label.includes('__device_release_driver(ldo1):remove'));
    expect(unbindConsumers).toBeGreaterThanOrEqual(0);
    expect(remove).toBeGreaterThan(unbindConsumers);
  });

  it("rmmod of the supplier's driver beside the unbind, or one unbind alone: the consumer is always released first", () => {
    for (const second of ['rmmod', 'none']) expect(prop(run({ second }, ['links-supplier-bound']), 'links-supplier-bound').verdict, second).toBe('holds');
  });
});
