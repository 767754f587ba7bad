// s41 h15: a review of s41 h9's failed-probe reader, which took a driver's name of any number of words
// before `: probe of X failed with error N` (`%s: probe of %s failed with error %d`, drv->name first).
// Prose before that colon (`<3>[ 1.2] Oops in the foo driver: probe of foo.0 failed ...`) made up a driver
// `Oops_in_the_foo_driver` matching foo.0, where the base said the line was behind a prefix it does not
// read. Such a name is now taken where another line spells it or none of its words is a plain lowercase
// word, as from-log's prefix reader takes words before a device (s41 h9).
import { describe, expect, it } from 'vitest';
import { parseLog } from '../../src/logs/parse.js';

const log = (drv: string, failed: string) => parseLog([
  "<6>[    1.000000] device: 'foo.0': device_add",
  "<6>[    1.000100] bus: 'platform': add device foo.0",
  `<6>[    1.000200] bus: 'platform': add driver ${drv}`,
  `<3>[    1.000300] ${failed}: probe of foo.0 failed with error -2`,
].join('\n') + '\n');
const failedDrivers = (l: ReturnType<typeof parseLog>) => l.events.filter((e) => e.rule.id === 'probe_failed').map((e) => e.drv);

describe("words before a failed probe's line", () => {
  it('are not a driver where they are prose no other line spells', () => {
    for (const prose of ['Oops in the foo driver', 'the platform core said that foo', 'foo\tdriver  gave up']) {
      const l = log('foo', prose);
      expect(failedDrivers(l)).toEqual([]);
      expect(l.others.map((o) => o.line)).toEqual([4]);
    }
  });
  it('are a driver where another line spells the name, or none is a plain lowercase word, or two words parted by one space (as before)', () => {
    expect(failedDrivers(log('Micrel KSZ8081 or KSZ8091', 'Micrel KSZ8081 or KSZ8091'))).toEqual(['Micrel_KSZ8081_or_KSZ8091']);
    expect(failedDrivers(log('foo', 'RTL8211F Gigabit Ethernet'))).toEqual(['RTL8211F_Gigabit_Ethernet']);
    expect(failedDrivers(log('foo', 'Generic  PHY'))).toEqual(['Generic_PHY']);
    expect(failedDrivers(log('i8042 kbd', 'i8042 kbd'))).toEqual(['i8042_kbd']);
    expect(failedDrivers(log('foo', 'i8042 kbd'))).toEqual(['i8042_kbd']);
  });
});
