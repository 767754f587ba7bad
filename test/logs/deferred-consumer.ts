/**
 * dd.c's debug lines (v5.10's form by default, no device_add lines: every device present) of a
 * consumer whose probe defers (with the supplier lines `said` before its deferral), its supplier
 * binding, and the retry: the shape the fw_devlink from-log tests build their logs around.
 * `o.match` is v5.11+'s `__driver_probe_device`; `o.bus` the consumer's bus, `o.supplierBus` the
 * supplier's (platform both by default); `o.pre` lines before it all.
 */
export interface Around { match?: string; bus?: string; supplierBus?: string; pre?: string[] }
export const deferredConsumer = (con: string, cdrv: string, sup: string, sdrv: string, said: string[], o: Around = {}): string[] => {
  const match = o.match ?? 'driver_probe_device', bus = o.bus ?? 'platform', sbus = o.supplierBus ?? 'platform';
  return [
    ...(o.pre ?? []),
    `bus: '${bus}': ${match}: matched device ${con} with driver ${cdrv}`,
    ...said,
    `${bus} ${con}: Added to deferred list`,
    `bus: '${sbus}': ${match}: matched device ${sup} with driver ${sdrv}`,
    `bus: '${sbus}': really_probe: probing driver ${sdrv} with device ${sup}`,
    `driver: '${sdrv}': driver_bound: bound to device '${sup}'`,
    `bus: '${sbus}': really_probe: bound device ${sup} to driver ${sdrv}`,
    `${bus} ${con}: Retrying from deferred list`,
    `bus: '${bus}': ${match}: matched device ${con} with driver ${cdrv}`,
    `bus: '${bus}': really_probe: probing driver ${cdrv} with device ${con}`,
    `driver: '${cdrv}': driver_bound: bound to device '${con}'`,
    `bus: '${bus}': really_probe: bound device ${con} to driver ${cdrv}`,
  ];
};
