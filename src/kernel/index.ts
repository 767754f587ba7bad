/** The driver-core library: state, kernel paths, profiles, patches, scenario builder, properties. */
export {
  scenario, buildScenario, resolveWorld, validateSpec, SCENARIO_KEYS, BUS_KEYS, DEVICE_KEYS, DRIVER_KEYS, MODULE_KEYS, STATELESS_LINK_KEYS,
  type ScenarioSpec, type BusSpec, type DeviceSpec, type DriverSpec, type ModuleSpec, type StatelessLinkSpec, type KeyChecks, type BuiltScenario,
} from './scenario.js';
export { FLAGS, PROFILES, PROFILE_NAMES, profile, profileDiff, type Flag, type FlagInfo, type Profile } from './profiles.js';
export { PATCHES, PATCH_IDS, patch, parsePatches, combine } from './patches.js';
export { LIBRARY as KERNEL_PROPERTIES, PROPERTY_NAMES as KERNEL_PROPERTY_NAMES, type KernelProperty } from './properties.js';
export type { Patch, Hunk, KStep, Site, Kernel } from './emit.js';
export type { World, Outcome, ProbeType } from './world.js';
export { defineProperty, isDefinedProperty, type DefinedProperty, type PropertySpec, type InvariantSpec, type ActionSpec, type LeadsToSpec, type PremiseSpec, type MoveView } from './define-property.js';
export type { KernelView, DeviceView, DriverView, LinkView, ModuleView, ThreadView } from './view.js';
export type { KS, KL } from './state.js';
// For patch hunks: driver_deferred_probe_add/_del's effect on the lists, kept in the model's list
// order, and the trigger; each refuses a call while a thread holds deferred_probe_mutex (common.ts).
export { userDeferredAdd as deferredAdd, userDeferredDel as deferredDel, userDeferredTrigger as deferredTrigger } from './paths/common.js';
