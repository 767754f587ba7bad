/**
 * Loading users' model and suite files. TypeScript files go through tsx's loader (a maintained
 * one: Node 20 cannot run .ts itself); JavaScript files through plain import(). A file that
 * is missing is E503 (as for every input file); one that does not load, or whose default export
 * is not what was asked for, is an E105 error naming it.
 *
 * A user's file may live in any folder, with no node_modules: its `import ... from 'probecheck'`
 * (and 'probecheck/vitest') resolves to the running package's dist entry, never to another copy,
 * so the objects it builds are the ones this probecheck reads.
 */
import { existsSync } from 'node:fs';
import Module, { register } from 'node:module';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { didYouMean, ProbecheckError } from './engine/errors.js';
import type { ModelFactory } from './engine/model.js';
import { isPatchFile, isUserPatch, registerPatchFile } from './kernel/define-patch.js';
import { PATCHES, patchEntries } from './kernel/patches.js';

/** The package's entry points, by bare specifier: dist/ beside src/ (this file is src/load.ts or dist/load.js). */
const ENTRIES: Record<string, string> = {
  probecheck: fileURLToPath(new URL('../dist/index.js', import.meta.url)),
  'probecheck/vitest': fileURLToPath(new URL('../dist/vitest.js', import.meta.url)),
};

let resolverInstalled = false;

/**
 * Resolve 'probecheck' to this package in this thread, for both module systems: tsx compiles a
 * .ts file outside any `"type": "module"` package to CommonJS (its imports become require(),
 * resolved by Module._resolveFilename), and ESM imports go through Node's resolve hooks.
 */
function installResolver(): void {
  if (resolverInstalled) return;
  resolverInstalled = true;
  const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const orig = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return ENTRIES[request] ?? orig.call(this, request, ...rest);
  };
  const urls = Object.fromEntries(Object.entries(ENTRIES).map(([k, v]) => [k, pathToFileURL(v).href]));
  const hook = `const U = ${JSON.stringify(urls)};\nexport async function resolve(s, c, next) { return U[s] ? { url: U[s], shortCircuit: true } : next(s, c); }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

type TsxImport = (specifier: string, parentURL: string) => Promise<unknown>;
let tsxImport: TsxImport | undefined;
let generation = 0;

/**
 * tsx's loader, registered once per thread under one namespace (its `tsImport` registers a new
 * pair of hooks on every call, and each hook adds a hop to every later resolution). Our resolver
 * is registered after it, so Node runs it first: 'probecheck' then resolves to the same dist
 * modules this process runs, loaded once, not one copy of the library per model file.
 */
async function typescriptImport(): Promise<TsxImport> {
  if (tsxImport) return tsxImport;
  const [{ register: esm }, { register: cjs }] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
  const namespace = `probecheck-${process.pid}`;
  cjs({ namespace });
  const api = esm({ namespace });
  installResolver();
  tsxImport = (specifier, parentURL) => api.import(specifier, parentURL);
  return tsxImport;
}

/**
 * Later imports of a file load it afresh (a host that runs many commands in one process, such
 * as the CLI tests' in-process host, sees each command's own files): its URL gets a new query.
 */
export function forgetLoadedFiles(): void { generation++; }

/** A file as errors name it: relative to the working directory when below it, else as given. */
export function shownPath(path: string): string {
  const shown = relative(process.cwd(), resolve(path));
  return shown && !shown.startsWith('..') ? shown : path;
}

export async function importFile(path: string): Promise<Record<string, unknown>> {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new ProbecheckError('E503', `${path}: no such file or directory`);
  try {
    const url = pathToFileURL(abs).href + (generation ? `?load=${generation}` : '');
    // Registered for a .js file too: our resolver must come after tsx's in the hook chain.
    const tsImport = await typescriptImport();
    return (await (/\.[cm]?tsx?$/.test(abs) ? tsImport(url, import.meta.url) : import(url))) as Record<string, unknown>;
  } catch (e) {
    // An error the file raises as it is imported (defineProperty's E303, definePatch's E604) names
    // the file too (a bad-input hunt, 2026-12-05: `property '': name: ...` said nowhere where).
    if (e instanceof ProbecheckError) {
      const file = shownPath(path);
      if (!e.message.includes(file)) e.message = `${file}: ${e.message}`;
      throw e;
    }
    const msg = e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e);
    throw new ProbecheckError('E105', `${path}: could not be loaded: ${msg}${await missingExport(msg)}`);
  }
}

/**
 * A name imported from probecheck that it does not export reads, once compiled to CommonJS,
 * "(0 , import_probecheck.scenaro) is not a function": say which name, and the nearest export.
 */
async function missingExport(msg: string): Promise<string> {
  const m = /import_probecheck\.(\w+)|does not provide an export named '(\w+)'/.exec(msg);
  const name = m?.[1] ?? m?.[2];
  if (!name) return '';
  const api = Object.keys(await import('./index.js'));
  if (api.includes(name)) return '';
  const near = didYouMean(name, api);
  return `; probecheck exports no '${name}'${near !== undefined ? `: did you mean '${near}'?` : ''}`;
}

/** The default export of a module, unwrapping the extra `default` layer CJS interop can add. */
export function defaultExport(mod: Record<string, unknown>): unknown {
  let d = mod.default;
  if (d && typeof d === 'object' && 'default' in d && !('kind' in d)) d = (d as Record<string, unknown>).default;
  return d;
}

export async function loadModel(path: string): Promise<ModelFactory> {
  const d = defaultExport(await importFile(path)) as ModelFactory | undefined;
  if (!d || typeof d !== 'object' || d.kind !== 'probecheck-model' || typeof d.build !== 'function') {
    throw new ProbecheckError('E105', `${path}: its default export is not a model; write \`export default defineModel({...})\` (or a kernel scenario)`);
  }
  return d;
}

/**
 * Load the patch files a `patches` parameter names (entries with a path), so the scenario built
 * from it finds them: every place that builds a scenario from parameters calls this first.
 */
export async function loadPatchFiles(list: string | number | undefined): Promise<void> {
  for (const entry of patchEntries(list === undefined ? '' : String(list))) {
    if (!isPatchFile(entry)) continue;
    const d = defaultExport(await importFile(entry));
    const all = Array.isArray(d) ? d : [d];
    if (!all.length || !all.every(isUserPatch)) {
      throw new ProbecheckError('E105', `${entry}: its default export is not a patch; write \`export default definePatch({...})\` (or a list of them)`);
    }
    // Output names patches by id: one of yours that takes a library patch's would read as that fix.
    for (const p of all) {
      const lib = PATCHES[p.id];
      if (lib) throw new ProbecheckError('E604', `${entry}: patch id '${p.id}' is the library's ("${lib.subject}"); give yours another id, so that output tells them apart`);
    }
    registerPatchFile(entry, all);
  }
}
