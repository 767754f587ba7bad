/**
 * dd.c's debug lines (v5.10's form, no device_add lines: every device present) of a consumer whose
 * probe defers (with the supplier lines `said` before its deferral), its supplier binding, and the
 * retry: the shape the fw_devlink from-log tests build their logs around.
 */
export const deferredConsumer = (con: string, cdrv: string, sup: string, sdrv: string, said: string[]): string[] => [
  `bus: 'platform': driver_probe_device: matched device ${con} with driver ${cdrv}`,
  ...said,
  `platform ${con}: Added to deferred list`,
  `bus: 'platform': driver_probe_device: matched device ${sup} with driver ${sdrv}`,
  `bus: 'platform': really_probe: probing driver ${sdrv} with device ${sup}`,
  `driver: '${sdrv}': driver_bound: bound to device '${sup}'`,
  `bus: 'platform': really_probe: bound device ${sup} to driver ${sdrv}`,
  `platform ${con}: Retrying from deferred list`,
  `bus: 'platform': driver_probe_device: matched device ${con} with driver ${cdrv}`,
  `bus: 'platform': really_probe: probing driver ${cdrv} with device ${con}`,
  `driver: '${cdrv}': driver_bound: bound to device '${con}'`,
  `bus: 'platform': really_probe: bound device ${con} to driver ${cdrv}`,
];
