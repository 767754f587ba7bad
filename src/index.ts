/** probecheck's public API: the engine contract, the checker and its results. */
export { t, type Infer, type IntArray, type RecordT, type FieldT } from './engine/schema.js';
export { add, type Counter } from './engine/add.js';
export {
  defineModel, thread, type Model, type ModelFactory, type ParamSpec, type Step, type StepCtx, type ThreadDef,
  type Property, type Invariant, type ActionProperty, type DeadlockProperty, type Query, type Move,
} from './engine/model.js';
export { ERRORS, ERROR_TABLE, errorTableMarkdown, ProbecheckError, ModelError, type ErrorCode } from './engine/errors.js';
export { check, makeBackend, selectProperties, type CheckOptions } from './engine/check.js';
export type { Result, PropertyResult, Verdict, Strategy, BackendName, Waiter, CoverageEntry } from './engine/result.js';
export { replay, rebuild, type Trace, type TraceStep, type Change } from './engine/trace.js';
export { FingerprintStore } from './engine/store.js';
export { resolveParams } from './engine/params.js';
export { loadModel, importFile, loadPatchFiles } from './load.js';
export { definePatch, type PatchSpec, type UserPatch } from './kernel/define-patch.js';
export type { PatchStateSpec, PatchField, LockField, DeclaredDevice, DeclaredDriver, DeclaredWorld } from './kernel/patch-state.js';
export { RETURN } from './kernel/emit.js';
export { lockOf, type PatchLock } from './kernel/patch-lock.js';
export { busLink, busUnlink } from './kernel/patch-klist.js';
export { FIRST } from './kernel/define-patch.js';
export { RET } from './kernel/world.js';
export * from './kernel/index.js';
export * from './suite/index.js';
