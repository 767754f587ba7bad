/**
 * Drivers of one name on two buses. A driver's name is unique per bus only (/sys/bus/<bus>/drivers/<name>):
 * a codec's or sensor's i2c and spi drivers register one `.name` (torvalds/linux
 * sound/soc/codecs/wm8731-i2c.c@254a14200711 and wm8731-spi.c@0163717ed5de: "wm8731";
 * drivers/iio/pressure/bmp280-i2c.c@03c601927b67 and bmp280-spi.c@0b0b772637cd: "bmp280"). A log
 * of a board with both built in names the two alike, so each is written as its own driver,
 * `name@bus` (`wm8731@i2c`, `wm8731@spi`), and the lines that name it are read as the one of the
 * bus the line names (bus.c's `bus: '%s': add driver %s`, dd.c's matched, probing and bound lines
 * print drv->bus->name) or, where the line names none (driver_bound's `driver: '%s': %s: bound to
 * device`, the deferral and failure lines, `probing driver %s asynchronously`: dd.c at
 * torvalds@4793dae01f47; initcall_debug's `probe of %s with driver %s returned`, formats.ts), the bus the log shows its device on. A line of neither is not read, said.
 * A line whose first word is a driver's name as printed (a supplier line, a pending reason, `Linked as
 * a consumer`) is compared with `plainName` of the scenario's names (from-log.ts `printedFor`).
 */
import type { LogEvent, ParsedLog } from './parse.js';

/** The scenario's name for driver `name` of bus `bus`, where the log shows that name on two buses. */
export const keyedName = (name: string, bus: string): string => `${name}@${bus}`;

/** `wm8731@i2c` -> { name: 'wm8731', bus: 'i2c' } (the part after the last `@`); undefined for a name without one. */
export const unkeyed = (name: string): { name: string; bus: string } | undefined => {
  const i = name.lastIndexOf('@');
  return i > 0 ? { name: name.slice(0, i), bus: name.slice(i + 1) } : undefined;
};

/** `wm8731@i2c` -> `wm8731`, as the kernel prints it, where `split` has `wm8731`; other names unchanged. */
export const plainName = (name: string, split: ReadonlySet<string>): string => {
  const u = unkeyed(name);
  return u && split.has(u.name) ? u.name : name;
};

/** The driver a line names, and where (v3.x's driver_bound names the device first: either place). */
const driverOf = (e: LogEvent, names: (n: string) => boolean): 'drv' | 'dev' | undefined =>
  e.drv !== undefined && names(e.drv) ? 'drv' : e.rule.id === 'bound_to' && e.dev !== undefined && names(e.dev) && e.drv !== undefined && !names(e.drv) ? 'dev' : undefined;

/** Devices the log puts on one bus (lines that name the bus and the device); a name on two is on none. */
function devicesOnBuses(events: readonly LogEvent[]): Map<string, string | null> {
  const on = new Map<string, string | null>();
  for (const e of events) {
    if (e.bus === undefined || e.dev === undefined || e.rule.id === 'bus_add_driver' || e.rule.id === 'bus_remove_driver') continue;
    const was = on.get(e.dev);
    on.set(e.dev, was === undefined || was === e.bus ? e.bus : null);
  }
  return on;
}

export interface BusKeyed {
  log: ParsedLog;
  /** Names the log shows on two or more buses, each with the buses and the first line of each. */
  split: Map<string, { bus: string; line: number }[]>;
  /** Lines naming such a driver with no bus and no device of one bus: not read. */
  unresolved: { event: LogEvent; drv: string; dev?: string }[];
  /** `name` as a dev_printk prefix before `dev` names it (a driver's own message): keyed where it is split and `dev` is on one bus. */
  keyed: (name: string, dev: string) => string;
}

/**
 * Drivers named on two or more buses (`only`: these names, as a scenario declares them, else every
 * name the log shows so), rewritten in each event as `name@bus`; lines that cannot be placed are
 * taken out of the events and listed.
 */
export function keyByBus(log: ParsedLog, only?: ReadonlySet<string>, known?: ReadonlyMap<string, string>): BusKeyed {
  const devBus = devicesOnBuses(log.events);
  // A device the log puts on no bus is on the one a scenario declares for it (validate's: s50 h9,
  // a driver_bound line of wm of device a, which the scenario has on i2c, went unchecked).
  for (const [d, b] of known ?? []) if (!devBus.has(d)) devBus.set(d, b);
  const busOfLine = (e: LogEvent, place: 'drv' | 'dev'): string | undefined => {
    if (e.bus !== undefined) return e.bus;
    const d = place === 'drv' ? e.dev : e.drv;
    return d === undefined ? undefined : devBus.get(d) ?? undefined;
  };
  const seen = new Map<string, { bus: string; line: number }[]>();
  for (const e of log.events) {
    const place = driverOf(e, () => true);
    if (!place) continue;
    const name = e[place]!, bus = busOfLine(e, place);
    if (bus === undefined) continue;
    const l = seen.get(name) ?? [];
    if (!l.some((x) => x.bus === bus)) l.push({ bus, line: e.line });
    seen.set(name, l);
  }
  const split = new Map([...seen].filter(([n, l]) => (only ? only.has(n) : l.length > 1)));
  if (only) for (const n of only) if (!split.has(n)) split.set(n, []);
  const keyed = (name: string, dev: string) => { const b = split.has(name) ? devBus.get(dev) : undefined; return b ? keyedName(name, b) : name; };
  if (split.size === 0) return { log, split, unresolved: [], keyed };
  const unresolved: BusKeyed['unresolved'] = [], events: LogEvent[] = [];
  for (const e of log.events) {
    const place = driverOf(e, (n) => split.has(n));
    // A dev_printk prefix names the driver while it is bound or probing (dev_driver_string): keyed as the line's driver.
    const owner = e.owner !== undefined && split.has(e.owner) ? e.owner : undefined;
    if (!place && !owner) { events.push(e); continue; }
    const bus = place ? busOfLine(e, place) : e.dev !== undefined ? devBus.get(e.dev) ?? undefined : undefined;
    if (bus === undefined) {
      if (place) { unresolved.push({ event: e, drv: e[place]!, ...(e.dev !== undefined ? { dev: place === 'drv' ? e.dev : e.drv } : {}) }); continue; }
      events.push(e); continue;
    }
    events.push({ ...e, ...(place ? { [place]: keyedName(e[place]!, bus) } : {}), ...(owner ? { owner: keyedName(owner, bus) } : {}) });
  }
  return { log: { ...log, events }, split, unresolved, keyed };
}

/** The header's words for a split name and for a line not read. */
export const describeSplit = (name: string, on: { bus: string; line: number }[]): string =>
  `driver ${name}: the log shows it on ${on.map((x) => `bus ${x.bus} (line ${x.line})`).join(' and ')}, two drivers of one name (a driver's name is unique per bus, /sys/bus/<bus>/drivers/<name>): written as ${on.map((x) => keyedName(name, x.bus)).join(' and ')}, each line read as the driver of the bus it names or, where it names none, of its device's bus`;
export const describeUnresolved = (u: BusKeyed['unresolved'][number], split: BusKeyed['split']): string =>
  `not read: line ${u.event.line} (\`${u.event.text}\`) names driver ${u.drv}, which the log shows on ${(split.get(u.drv) ?? []).map((x) => x.bus).join(' and ')}, but no bus: ${u.dev !== undefined ? `no line puts its device ${u.dev} on one bus` : 'it names no device'}, so which of the two it is the log does not say`;
