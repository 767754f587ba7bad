/**
 * The driver-core lines probecheck reads in a kernel log, each with the format string it comes
 * from and where that string is in the kernel's text: `file@snapshot:line` in the excerpts under
 * kernel/ (test/logs/formats.test.ts checks every one), or `unverified` with where it was read
 * when no excerpt of its function is in the repository.
 *
 * A rule matches the message only, after the log reader has taken off timestamps, caller ids and
 * console prefixes. dev_dbg/dev_info/dev_err lines print "<driver or bus> <device>: " first
 * (__dev_printk's "%s %s: %pV", dev_driver_string(dev), dev_name(dev)); rules of that family
 * match what follows the prefix.
 *
 * A driver's name may hold spaces (pnp's "i8042 kbd", v3.18): where the format prints it last or
 * before fixed words the rules take words up to them; "%s: probe of" takes at most two plain words.
 *
 * `model` names the model event a line is checked against (model-events.ts); null: kept and
 * counted, not checked (the model has no step that prints it).
 */

/** What a model step prints, by kind; a log line is checked against the one its rule names. */
export type ModelKind =
  | 'device_add' | 'bus_add_device' | 'bus_remove_device' | 'bus_add_driver' | 'bus_remove_driver'
  | 'matched' | 'probing' | 'bound_to' | 'bound' | 'defer' | 'error' | 'returned'
  | 'deferred_add' | 'deferred_del' | 'retry' | 'async_scheduled' | 'async_done' | 'drv_async' | 'drv_async_done'
  | 'module_init' | 'module_init_done' | 'pending' | 'late_initcall' | 'late_initcall_done';

export interface Cite {
  path: string;
  /** The kernel/ snapshot holding the excerpt, or 'unverified'. */
  snapshot: string;
  fn: string;
  /** The C string literal as the source writes it (without quotes; `\n` as written). */
  format: string;
  /** Line in the tree (or `+n` within the function when the excerpt has no tree line numbers). */
  line: number | string;
  /** For unverified rules: where the string was read. */
  note?: string;
}

export interface Rule {
  id: string;
  /** dev_printk family: matched after the "<driver or bus> <device>: " prefix. */
  dev: boolean;
  re: RegExp;
  /** Named fields from the regexp's groups, in order. */
  fields: readonly ('bus' | 'fn' | 'dev' | 'drv' | 'ret' | 'usecs' | 'module' | 'initfn' | 'reason' | 'pid')[];
  model: ModelKind | null;
  cite: Cite[];
}

const DD = 'drivers/base/dd.c', BUS = 'drivers/base/bus.c', CORE = 'drivers/base/core.c';
const MAIN = 'torvalds@5a7a9efdb193', BUSM = 'torvalds@00c4a3c47da7', V36 = 'v3.6.0';
/** v6.12's dd.c (driver-core-6.12-rc1): these lines became dev_dbg/dev_err between v6.3 and it, and print the device in the prefix. */
const V612 = 'torvalds@efb0b309fa0d';
/** v5.9's dd.c: the one excerpt that holds driver_deferred_probe_check_state (imported 2026-12-06). */
const V59 = 'torvalds@654888327e9f';
/**
 * initcall_debug's lines (init/main.c), read 2026-12-07 (s46 h22): the initcall tracepoints' callbacks at v6.18.y (AOSC's
 * 6.18.y tree, whose Makefile says 6.18.16; init/main.c is stored at a commit of its own, its sublevel not read), and
 * do_one_initcall_debug at torvalds@f0bb4c0ab064 (a v3.x tree, release not identified), which printed with %pF. Cited by
 * the late initcall's rules and the general ones. Not read: which release moved from the one to the other, and what %pF and
 * %pS print (lib/vsprintf.c: the rules take "fn+0x0/0x90", with " [module]" for a module's function).
 */
/** Mainline (driver-core-7.1-rc1): core.c's __dev_printk and three dd.c functions read for these rules (2026-12-07, s46 h22). */
const M71 = 'torvalds@4793dae01f47';
const INIT = 'init/main.c', V618 = 'v6.18.y', V3 = 'torvalds@f0bb4c0ab064';
const INITCALL_START: Cite[] = [{ path: INIT, snapshot: V618, fn: 'trace_initcall_start_cb', format: 'calling  %pS @ %i\\n', line: '+5' },
  { path: INIT, snapshot: V3, fn: 'do_one_initcall_debug', format: 'calling  %pF @ %i\\n', line: '+6' }];
const INITCALL_FINISH: Cite[] = [{ path: INIT, snapshot: V618, fn: 'trace_initcall_finish_cb', format: 'initcall %pS returned %d after %lld usecs\\n', line: '+6' },
  { path: INIT, snapshot: V3, fn: 'do_one_initcall_debug', format: 'initcall %pF returned %d after %lld usecs\\n', line: '+12' }];

export const RULES: readonly Rule[] = [
  { id: 'device_add', dev: false, re: /^device: '([^']+)': device_add$/, fields: ['dev'], model: 'device_add',
    cite: [{ path: CORE, snapshot: 'v6.6.y', fn: 'device_add', format: "device: '%s': %s\\n", line: '+39' }] },
  { id: 'bus_add_device', dev: false, re: /^bus: '([^']+)': add device (\S+)$/, fields: ['bus', 'dev'], model: 'bus_add_device',
    cite: [{ path: BUS, snapshot: BUSM, fn: 'bus_add_device', format: "bus: '%s': add device %s\\n", line: 491 }, { path: BUS, snapshot: V36, fn: 'bus_add_device', format: "bus: '%s': add device %s\\n", line: 501 }] },
  { id: 'bus_remove_device', dev: false, re: /^bus: '([^']+)': remove device (\S+)$/, fields: ['bus', 'dev'], model: 'bus_remove_device',
    cite: [{ path: BUS, snapshot: BUSM, fn: 'bus_remove_device', format: "bus: '%s': remove device %s\\n", line: 572 }] },
  { id: 'bus_add_driver', dev: false, re: /^bus: '([^']+)': add driver (\S+(?:[ \t]+\S+)*)$/, fields: ['bus', 'drv'], model: 'bus_add_driver',
    cite: [{ path: BUS, snapshot: BUSM, fn: 'bus_add_driver', format: "bus: '%s': add driver %s\\n", line: 655 }] },
  { id: 'bus_remove_driver', dev: false, re: /^bus: '([^']+)': remove driver (\S+(?:[ \t]+\S+)*)$/, fields: ['bus', 'drv'], model: 'bus_remove_driver',
    cite: [{ path: BUS, snapshot: BUSM, fn: 'bus_remove_driver', format: "bus: '%s': remove driver %s\\n", line: 728 }] },
  { id: 'matched', dev: false, re: /^bus: '([^']+)': (\w+): matched device (\S+) with driver (\S+(?:[ \t]+\S+)*)$/, fields: ['bus', 'fn', 'dev', 'drv'], model: 'matched',
    cite: [{ path: DD, snapshot: MAIN, fn: '__driver_probe_device', format: "bus: '%s': %s: matched device %s with driver %s\\n", line: 767 },
      { path: DD, snapshot: V36, fn: 'driver_probe_device', format: "bus: '%s': %s: matched device %s with driver %s\\n", line: 369 }] },
  { id: 'probing', dev: false, re: /^bus: '([^']+)': (\w+): probing driver (\S+(?:[ \t]+\S+)*) with device (\S+)$/, fields: ['bus', 'fn', 'drv', 'dev'], model: 'probing',
    cite: [{ path: DD, snapshot: MAIN, fn: 'really_probe', format: "bus: '%s': %s: probing driver %s with device %s\\n", line: 604 }] },
  // v3.6.0 prints the device first and the driver last: the reader keeps both names and the check accepts either order.
  { id: 'bound_to', dev: false, re: /^driver: '([^']+)': (\w+): bound to device '([^']+)'$/, fields: ['drv', 'fn', 'dev'], model: 'bound_to',
    cite: [{ path: DD, snapshot: MAIN, fn: 'driver_bound', format: "driver: '%s': %s: bound to device '%s'\\n", line: 401 },
      { path: DD, snapshot: V36, fn: 'driver_bound', format: "driver: '%s': %s: bound to device '%s'\\n", line: 187 }] },
  { id: 'bound', dev: false, re: /^bus: '([^']+)': (\w+): bound device (\S+) to driver (\S+(?:[ \t]+\S+)*)$/, fields: ['bus', 'fn', 'dev', 'drv'], model: 'bound',
    cite: [{ path: DD, snapshot: MAIN, fn: 'really_probe', format: "bus: '%s': %s: bound device %s to driver %s\\n", line: 688 }] },
  { id: 'probe_failed', dev: false, re: /^(\S+|[^\s:[\]]+(?:[ \t]+[^\s:[\]]+)+): probe of (\S+) failed with error (-?\d+)$/, fields: ['drv', 'dev', 'ret'], model: 'error',
    cite: [{ path: DD, snapshot: MAIN, fn: 'call_driver_probe', format: '%s: probe of %s failed with error %d\\n', line: 576 },
      { path: DD, snapshot: V36, fn: 'really_probe', format: '%s: probe of %s failed with error %d\\n', line: 307 }] },
  { id: 'rejects_match', dev: false, re: /^(\S+|[^\s:[\]]+(?:[ \t]+[^\s:[\]]+)+): probe of (\S+) rejects match (-?\d+)$/, fields: ['drv', 'dev', 'ret'], model: 'error',
    cite: [{ path: DD, snapshot: MAIN, fn: 'call_driver_probe', format: '%s: probe of %s rejects match %d\\n', line: 571 }] },
  // dd.c prints it with pr_debug at 5a7a9efdb193 (dyndbg on dd.c turns it on); a later change makes it printk(KERN_DEBUG), on with initcall_debug alone.
  { id: 'probe_returned', dev: false, re: /^probe of (\S+) returned (-?\d+) after (\d+) usecs$/, fields: ['dev', 'ret', 'usecs'], model: 'returned',
    cite: [{ path: DD, snapshot: MAIN, fn: 'really_probe_debug', format: 'probe of %s returned %d after %lld usecs\\n', line: 721 }] },
  // The same line naming the driver (drv->name), read in kernel-patches/bpf's dd.c at 27f0f918d3e9 (a BPF CI tree on a
  // mainline newer than v7.2-rc1); by its subject 8b29d0b45266, "driver core: add driver name to probe debug print"
  // (driver-core-next, 2026-07-12, so the v7.3 merge window; its diff not read: unverified). Read as the line above, its driver
  // taken from the line, where the old form's is inferred from the attempt's other lines (from-log.ts).
  { id: 'probe_returned', dev: false, re: /^probe of (\S+) with driver (\S+(?:[ \t]+\S+)*) returned (-?\d+) after (\d+) usecs$/, fields: ['dev', 'drv', 'ret', 'usecs'], model: 'returned',
    cite: [{ path: DD, snapshot: 'kernel-patches@27f0f918d3e9', fn: 'really_probe_debug', format: 'probe of %s with driver %s returned %d after %lld usecs\\n', line: '+13' }] },
  { id: 'probe_count', dev: false, re: /^(\w+): probe_count = (\d+)$/, fields: ['fn', 'ret'], model: null,
    cite: [{ path: DD, snapshot: MAIN, fn: 'driver_probe_done', format: '%s: probe_count = %d\\n', line: 736 }] },
  { id: 'deferral', dev: true, re: /^Driver (\S+(?:[ \t]+\S+)*) requests probe deferral$/, fields: ['drv'], model: 'defer',
    cite: [{ path: DD, snapshot: MAIN, fn: 'call_driver_probe', format: 'Driver %s requests probe deferral\\n', line: 567 },
      { path: DD, snapshot: V36, fn: 'really_probe', format: 'Driver %s requests probe deferral\\n', line: 302 }] },
  { id: 'force_deferral', dev: true, re: /^Driver (\S+(?:[ \t]+\S+)*) force probe deferral$/, fields: ['drv'], model: null,
    cite: [{ path: DD, snapshot: MAIN, fn: 'really_probe', format: 'Driver %s force probe deferral\\n', line: 596 }] },
  { id: 'match_deferral', dev: true, re: /^Device match requests probe deferral$/, fields: [], model: null,
    cite: [{ path: DD, snapshot: MAIN, fn: '__device_attach_driver', format: 'Device match requests probe deferral\\n', line: 911 }] },
  { id: 'deferred_add', dev: true, re: /^Added to deferred list$/, fields: [], model: 'deferred_add',
    cite: [{ path: DD, snapshot: MAIN, fn: 'driver_deferred_probe_add', format: 'Added to deferred list\\n', line: 139 }] },
  { id: 'deferred_del', dev: true, re: /^Removed from deferred list$/, fields: [], model: 'deferred_del',
    cite: [{ path: DD, snapshot: MAIN, fn: 'driver_deferred_probe_del', format: 'Removed from deferred list\\n', line: 149 }] },
  { id: 'retry', dev: true, re: /^Retrying from deferred list$/, fields: [], model: 'retry',
    cite: [{ path: DD, snapshot: MAIN, fn: 'deferred_probe_work_func', format: 'Retrying from deferred list\\n', line: 122 }] },
  { id: 'async_scheduled', dev: true, re: /^scheduling asynchronous probe$/, fields: [], model: 'async_scheduled',
    cite: [{ path: DD, snapshot: MAIN, fn: '__device_attach', format: 'scheduling asynchronous probe\\n', line: 1018 }] },
  { id: 'async_done', dev: true, re: /^async probe completed$/, fields: [], model: 'async_done',
    cite: [{ path: DD, snapshot: MAIN, fn: '__device_attach_async_helper', format: 'async probe completed\\n', line: 966 }] },
  { id: 'drv_async', dev: true, re: /^probing driver (\S+(?:[ \t]+\S+)*) asynchronously$/, fields: ['drv'], model: 'drv_async',
    cite: [{ path: DD, snapshot: MAIN, fn: '__driver_attach', format: 'probing driver %s asynchronously\\n', line: 1180 }] },
  { id: 'drv_async_done', dev: true, re: /^driver (\S+(?:[ \t]+\S+)*) async attach completed: (-?\d+)$/, fields: ['drv', 'ret'], model: 'drv_async_done',
    cite: [{ path: DD, snapshot: MAIN, fn: '__driver_attach_async_helper', format: 'driver %s async attach completed: %d\\n', line: 1129 }] },
  // The dev_printk forms of the lines above (dd.c of v6.12 and later): the device comes from the prefix.
  { id: 'matched', dev: true, re: /^bus: '([^']+)': (\w+): matched device with driver (\S+(?:[ \t]+\S+)*)$/, fields: ['bus', 'fn', 'drv'], model: 'matched',
    cite: [{ path: DD, snapshot: V612, fn: '__driver_probe_device', format: "bus: '%s': %s: matched device with driver %s\\n", line: 788 }] },
  { id: 'probing', dev: true, re: /^bus: '([^']+)': (\w+): probing driver (\S+(?:[ \t]+\S+)*) with device$/, fields: ['bus', 'fn', 'drv'], model: 'probing',
    cite: [{ path: DD, snapshot: V612, fn: 'really_probe', format: "bus: '%s': %s: probing driver %s with device\\n", line: 622 }] },
  { id: 'bound_to', dev: true, re: /^driver: '([^']+)': (\w+): bound to device$/, fields: ['drv', 'fn'], model: 'bound_to',
    cite: [{ path: DD, snapshot: V612, fn: 'driver_bound', format: "driver: '%s': %s: bound to device\\n", line: 404 }] },
  { id: 'bound', dev: true, re: /^bus: '([^']+)': (\w+): bound device to driver (\S+(?:[ \t]+\S+)*)$/, fields: ['bus', 'fn', 'drv'], model: 'bound',
    cite: [{ path: DD, snapshot: V612, fn: 'really_probe', format: "bus: '%s': %s: bound device to driver %s\\n", line: 708 }] },
  { id: 'rejects_match', dev: true, re: /^probe with driver (\S+(?:[ \t]+\S+)*) rejects match (-?\d+)$/, fields: ['drv', 'ret'], model: 'error',
    cite: [{ path: DD, snapshot: V612, fn: 'call_driver_probe', format: 'probe with driver %s rejects match %d\\n', line: 589 }] },
  { id: 'probe_failed', dev: true, re: /^probe with driver (\S+(?:[ \t]+\S+)*) failed with error (-?\d+)$/, fields: ['drv', 'ret'], model: 'error',
    cite: [{ path: DD, snapshot: V612, fn: 'call_driver_probe', format: 'probe with driver %s failed with error %d\\n', line: 594 }] },
  // really_probe's devres test (from v5.9's dd.c on): the probe fails with -EBUSY before probe() runs,
  // and no "failed with error" line says so (a log hunt, 2026-12-05: the probe was read as binding).
  { id: 'devres_present', dev: true, re: /^Resources present before probing$/, fields: [], model: null,
    cite: [{ path: DD, snapshot: MAIN, fn: 'really_probe', format: 'Resources present before probing\\n', line: 607 },
      { path: DD, snapshot: V612, fn: 'really_probe', format: 'Resources present before probing\\n', line: 625 }] },
  // driver_deferred_probe_check_state (dev_warn), which a supplier lookup (genpd, an IOMMU, pinctrl) may call
  // instead of returning -EPROBE_DEFER: once initcalls_done is set (the late initcall) with
  // driver_deferred_probe_timeout 0 (the timeout work set it so, or it was 0 from the start: the default at
  // 654888327e9f, 5.10.13 and f04948dea236) it returns -ETIMEDOUT, without modules -ENODEV once initcalls_done
  // is set; -EPROBE_DEFER before. The same strings, read with read_file: at 376991db4b64 (v5.1) and
  // 97e2551de3f9 (v5.4) the timeout one is a dev_WARN (a WARNING and call trace) and "assuming no driver" is
  // printed with modules too, whenever the timeout (default -1) is not 0; at 654888327e9f (v5.9), f04948dea236
  // (v5.15) and 5a7a9efdb193 as said above; 9cbffc7a5956 (6.0-rc1) deleted the function and 13a8e0f6b01b
  // (6.0-rc4) restored it (07b7b883be5b, the v6.1 profile's dd.c, predates the restore on its branch).
  // Not modelled (time is not): from-log reads what it says of the boot (a log hunt, 2026-12-06: an rk3399
  // boot's "failed with error -110" after it was a plain error).
  { id: 'check_state_timeout', dev: true, re: /^deferred probe timeout, ignoring dependency$/, fields: [], model: null,
    cite: [{ path: DD, snapshot: V59, fn: 'driver_deferred_probe_check_state', format: 'deferred probe timeout, ignoring dependency\\n', line: 262 },
      { path: DD, snapshot: M71, fn: 'driver_deferred_probe_check_state', format: 'deferred probe timeout, ignoring dependency\\n', line: '+8' }] },
  { id: 'check_state_nodriver', dev: true, re: /^ignoring dependency for device, assuming no driver$/, fields: [], model: null,
    cite: [{ path: DD, snapshot: V59, fn: 'driver_deferred_probe_check_state', format: 'ignoring dependency for device, assuming no driver\\n', line: 257 },
      { path: DD, snapshot: M71, fn: 'driver_deferred_probe_check_state', format: 'ignoring dependency for device, assuming no driver\\n', line: '+3' }] },
  // From v6.8 (7c41da586e9f) dd.c prints the reason after it (": %s"); the rule reads both. Printed by the timeout work the late initcall schedules (late-initcall.ts).
  { id: 'deferred_pending', dev: true, re: /^deferred probe pending(?:: (.*))?$/, fields: ['reason'], model: 'pending',
    cite: [{ path: DD, snapshot: MAIN, fn: 'deferred_probe_timeout_work_func', format: 'deferred probe pending\\n', line: 318 },
      { path: DD, snapshot: 'torvalds@b232b02bf3c2', fn: 'deferred_probe_timeout_work_func', format: 'deferred probe pending\\n', line: 319 },
      { path: DD, snapshot: V612, fn: 'deferred_probe_timeout_work_func', format: 'deferred probe pending: %s', line: 316 },
      { path: DD, snapshot: M71, fn: 'deferred_probe_timeout_work_func', format: 'deferred probe pending: %s', line: '+12' }] },
  // initcall_debug around the late initcall itself (before the general rules, which read it as a built-in initcall).
  { id: 'late_initcall_start', dev: false, re: /^calling {1,2}(deferred_probe_initcall)\+0x[0-9a-f]+\/0x[0-9a-f]+ @ (\d+)$/, fields: ['initfn', 'pid'], model: 'late_initcall',
    cite: INITCALL_START },
  { id: 'late_initcall_done', dev: false, re: /^initcall (deferred_probe_initcall)\+0x[0-9a-f]+\/0x[0-9a-f]+ returned (-?\d+) after (\d+) usecs$/, fields: ['initfn', 'ret', 'usecs'], model: 'late_initcall_done',
    cite: INITCALL_FINISH },
  { id: 'initcall_start', dev: false, re: /^calling {1,2}(\w+)\+0x[0-9a-f]+\/0x[0-9a-f]+(?: \[(\S+)\])? @ (\d+)$/, fields: ['initfn', 'module', 'pid'], model: 'module_init',
    cite: INITCALL_START },
  { id: 'initcall_done', dev: false, re: /^initcall (\w+)\+0x[0-9a-f]+\/0x[0-9a-f]+(?: \[(\S+)\])? returned (-?\d+) after (\d+) usecs$/, fields: ['initfn', 'module', 'ret', 'usecs'], model: 'module_init_done',
    cite: INITCALL_FINISH },
];

/** The dev_printk prefix: "<driver or bus or class> <device>: " (the first may be empty). */
export const DEV_PREFIX = /^(\S*) (\S+): (.*)$/;
/**
 * The same with a driver name of several words (pnp's "i8042 kbd", a PHY's "RTL8211F Gigabit Ethernet",
 * words parted by runs of spaces or tabs): taken only where the line names that driver (s41 h9: three
 * words, or two spaces between two, left v6.12's failed and bound lines unread, the probe taken as binding).
 */
export const DEV_PREFIX_2 = /^(\S+(?:[ \t]+\S+)+?) (\S+): (.*)$/;
/** Read at mainline (driver-core-7.1-rc1) and v6.18.y (2026-12-07, s46 h22); held by test/logs/formats.test.ts as the rules' cites are. */
export const DEV_PREFIX_CITES: Cite[] = [{ path: CORE, snapshot: M71, fn: '__dev_printk', format: '%s %s: %pV', line: '+4' },
  { path: CORE, snapshot: V618, fn: '__dev_printk', format: '%s %s: %pV', line: '+4' }];

/**
 * The reason "deferred probe pending: %s" prints (from v6.8): what dev_err_probe's -EPROBE_DEFER case keeps,
 * the device's driver string (its driver's name while bound, else its bus's) before the message. from-log reads its
 * first word so (from-log.ts). Read at mainline only; that v6.8 .. v7.0 keep it so is not read.
 */
export const PENDING_REASON_CITES: Cite[] = [{ path: DD, snapshot: M71, fn: 'device_set_deferred_probe_reason', format: '%s: %pV', line: '+7' }];

/**
 * Bus names, which a dev_printk prints before the device while no driver is bound (dev_driver_string); the log's own `bus: '%s'` names are added where read.
 * soc (drivers/base/soc.c at torvalds@00c1d298d486), iio (industrialio-core.c) and gameport (gameport.c) read in their bus_type; the others not re-read here.
 */
export const KNOWN_BUSES: readonly string[] = ['platform', 'i2c', 'spi', 'usb', 'pci', 'amba', 'mmc', 'sdio', 'scsi', 'ulpi', 'serio', 'hid', 'virtio', 'acpi', 'pnp', 'cpu', 'nvmem', 'mdio_bus', 'auxiliary', 'soundwire', 'gpio', 'of_platform', 'spmi', 'i3c', 'media', 'serial', 'serial-base', 'typec', 'pci_express', 'workqueue', 'container', 'node', 'memory', 'clockevents', 'clocksource', 'event_source', 'nd', 'dax', 'xen', 'coresight', 'rpmsg', 'mhi', 'greybus', 'host1x', 'drm_dp_aux_dev', 'tee', 'ishtp', 'wmi', 'ccw', 'css', 'ap', 'vio', 'ps3_system_bus', 'sa1111-rab', 'ac97', 'hdaudio', 'snd_seq', 'mei', 'thunderbolt', 'fsl-mc', 'cxl', 'mipi-dsi', 'dsa', 'dfl', 'fpga', 'siox', 'slimbus', 'w1', 'sdw', 'ipack', 'rapidio', 'isa', 'eisa', 'parport', 'pcmcia', 'zorro', 'nubus', 'tc', 'mcb', 'gbphy', 'vme', 'usb-serial', 'usb_serial', 'ieee1394', 'firewire', 'bcma', 'ssb', 'sdio_uart', 'edac', 'cec', 'soc', 'iio', 'gameport'];

/** The buses a log may name first on a dev_printk line: the known ones and those its events name (a bus's name there is no driver's). */
export const logBuses = (events: readonly { bus?: string }[]): Set<string> => new Set([...KNOWN_BUSES, ...events.flatMap((e) => (e.bus !== undefined ? [e.bus] : []))]);
