/**
 * Loading users' model and suite files. TypeScript files go through tsx's loader (a maintained
 * one: Node 20 cannot run .ts itself); JavaScript files through plain import(). A file that
 * is missing is E503 (as for every input file); one that does not load, or whose default export
 * is not what was asked for, is an E105 error naming it.
 *
 * A user's file may live in any folder, with no node_modules: its `import ... from 'probecheck'`
 * is the very library this code runs in (the module instance of ./index.js beside this file), never
 * another copy, so the objects it builds are the ones this probecheck reads, and module state
 * (--por's `unrecorded` reads, the patch registry) is one. A copy of the same files is not enough:
 * under a host that loads modules itself (vitest's module runner, for the repository's tests and
 * for a user's vitest suite that inlines a linked probecheck), the running library is the host's
 * instance, and Node's loader would make a second one (2026-12-06, h10: the kernel's unrecorded
 * reads counted in --por's footprints, 874 states against the CLI's 860 on twin-defer).
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import Module, { register } from 'node:module';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundledHint } from './bundled.js';
import { knowExports, notExported, notImported, ProbecheckError, thrownValue } from './engine/errors.js';
import type { ModelFactory } from './engine/model.js';
import { isPatchFile, isUserPatch, registerPatchFile } from './kernel/define-patch.js';
import { PATCHES, patchEntries } from './kernel/patches.js';
import { endSpareCrews } from './engine/search/parallel.js';

/** The package's entry points, by bare specifier: dist/ beside src/ (this file is src/load.ts or dist/load.js). */
const ENTRIES: Record<string, string> = {
  probecheck: fileURLToPath(new URL('../dist/index.js', import.meta.url)),
  'probecheck/vitest': fileURLToPath(new URL('../dist/vitest.js', import.meta.url)),
};

/** Where the library itself lives: its files are never loaded afresh (one instance, as above). */
const LIBRARY = ['../dist/', '../src/'].map((d) => new URL(d, import.meta.url).href);

/** The query that makes a user's file load afresh: `?probecheck-load=N`, N from forgetLoadedFiles. */
const LOAD = 'probecheck-load';

let resolverInstalled = false;

/**
 * Where the hooks find the running library (the namespace of ./index.js) while a file loads. Set
 * by each load, not once: a host may hold two instances of this module (a test process that runs
 * both the source and the build through vitest's runner), each with its hooks installed, and the
 * library a file gets must be that of the code loading it.
 */
const SELF = Symbol.for('probecheck.self');
let self: Record<string, unknown> | undefined;
async function running(): Promise<Record<string, unknown>> {
  self ??= (await import('./index.js')) as Record<string, unknown>;
  (globalThis as Record<symbol, unknown>)[SELF] = self;
  return self;
}

/**
 * Resolve 'probecheck' to this package in this thread, for both module systems: tsx compiles a
 * .ts file outside any `"type": "module"` package to CommonJS (its imports become require():
 * Module._load answers 'probecheck' with the running namespace itself), and ESM imports go
 * through Node's resolve hooks (to a module that re-exports that namespace's names, read from
 * globalThis, as hooks run on a thread of their own and cannot hand over the object).
 */
async function installResolver(): Promise<void> {
  if (resolverInstalled) return;
  resolverInstalled = true;
  const self = await running();
  const M = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
    _load: (request: string, ...rest: unknown[]) => unknown;
  };
  const origLoad = M._load;
  M._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'probecheck' ? (globalThis as Record<symbol, unknown>)[SELF] : origLoad.call(this, request, ...rest);
  };
  const orig = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return ENTRIES[request] ?? orig.call(this, request, ...rest);
  };
  const names = Object.keys(self).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
  const bridge = `const m = globalThis[Symbol.for('probecheck.self')];\nexport const { ${names.join(', ')} } = m;\n`;
  const urls: Record<string, string> = Object.fromEntries(Object.entries(ENTRIES).map(([k, v]) => [k, pathToFileURL(v).href]));
  urls.probecheck = `data:text/javascript,${encodeURIComponent(bridge)}`;
  // (The bridge's URL names its importer: one bridge per file, which reads the library then current.)
  // A user's file loaded afresh (forgetLoadedFiles) has a `probecheck-load=N` query, which its
  // imports of other files of the user's inherit, so they are loaded afresh too (before, only the
  // file named was: an edited file it imported stayed as first loaded). The hooks after ours
  // (tsx's) see the URL without it: tsx's transform cache keys by the URL, so it compiled every
  // command's files anew, in the host and again in the search worker; now it finds a file whose
  // text did not change. Node still evaluates the file anew: its module map keys by our URL.
  const hook = `const U = ${JSON.stringify(urls)}, LIB = ${JSON.stringify(LIBRARY)};
const Q = /[?&]${LOAD}=(\\d+)/;
const own = (u) => u.startsWith('file:') && !u.includes('/node_modules/') && !LIB.some((d) => u.startsWith(d));
const bare = (u) => { const x = new URL(u); x.searchParams.delete('${LOAD}'); return x.href; };
export async function resolve(s, c, next) {
  if (U[s]) return { url: s === 'probecheck' ? U[s] + encodeURIComponent('// ' + c.parentURL) : U[s], shortCircuit: true };
  const r = await next(s, c), g = c.parentURL && Q.exec(c.parentURL);
  if (!g || !own(r.url) || Q.test(r.url)) return r;
  const x = new URL(r.url); x.searchParams.set('${LOAD}', g[1]);
  return { ...r, url: x.href };
}
export async function load(u, c, next) { return Q.test(u) && own(u) ? next(bare(u), c) : next(u, c); }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

type TsxImport = (specifier: string, parentURL: string) => Promise<unknown>;
let tsxImport: Promise<TsxImport> | undefined;
let generation = 0;

/**
 * What every instance of this module in the thread shares: the last query number given out, and
 * which instance loaded a file last. Node's module map keys by URL alone, so where a host holds
 * two instances (the repository's tests run both src/ and dist/), a file one of them loaded first
 * was handed, evaluated and bound to that one's library, to the other: --por's counts then
 * depended on which test file had run before in the process (por.test.ts after parallel.test.ts:
 * 611 states for 450, s51). A load by another instance than the last loads afresh, with a number
 * no instance has used.
 */
const LOADER = Symbol.for('probecheck.loader');
const me = {};
/** The shared number this instance last loaded with: another's forgetLoadedFiles moves it on. */
let seen = 0;
function loader(): { generation: number; last?: object } {
  return ((globalThis as Record<symbol, unknown>)[LOADER] ??= { generation: 0 }) as { generation: number; last?: object };
}
/**
 * One tsx namespace for every process: tsx's cache (memory, then files in $TMPDIR/tsx-UID) keys a
 * compiled text by the text, the path and the CommonJS banner, which names the namespace; a name
 * per process (the pid, before 2026-12-06) made every CLI process compile every model file again.
 */
const NAMESPACE = 'probecheck';

/**
 * tsx's loader, registered once per thread under one namespace (its `tsImport` registers a new
 * pair of hooks on every call, and each hook adds a hop to every later resolution). Our resolver
 * is registered after it, so Node runs it first: 'probecheck' then resolves to the same dist
 * modules this process runs, loaded once, not one copy of the library per model file.
 */
function typescriptImport(): Promise<TsxImport> {
  // The promise, kept at the first call: loads started together (Promise.all of loadModel) each
  // registered tsx's hooks again while the first awaited, and could import before our resolver
  // was registered; a file outside a `"type": "module"` package, compiled to CommonJS, then ran as
  // an ES module, then and in later loads: "__filename is not defined in ES module scope" (s51:
  // logs/roundtrip.test.ts's four loads broke every later test file's in the worker).
  return tsxImport ??= (async () => {
    const [{ register: esm }, { register: cjs }] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
    cjs({ namespace: NAMESPACE });
    const api = esm({ namespace: NAMESPACE });
    await installResolver();
    return (specifier: string, parentURL: string) => api.import(specifier, parentURL);
  })();
}

/**
 * Later imports of a file load it afresh (a host that runs many commands in one process, such
 * as the CLI tests' in-process host, sees each command's own files): its URL gets a new query,
 * which the user's files it imports inherit (the resolve hook above). A file tsx compiles to
 * CommonJS (one outside a `"type": "module"` package) is a CommonJS module of this thread, cached
 * by its path and tsx's namespace, not by that URL, as are the files it requires: they are dropped
 * from the cache, so they are evaluated anew too. The parallel search's idle crews end: their
 * workers keep the models they built.
 */
export function forgetLoadedFiles(): void {
  seen = generation = ++loader().generation;
  endSpareCrews();
  const cache = (Module as unknown as { _cache: Record<string, { parent?: { id?: string } }> })._cache;
  const ns = [`namespace=${NAMESPACE}`, encodeURIComponent(`namespace=${NAMESPACE}`)];
  const ours = (id: string | undefined) => id !== undefined && ns.some((n) => id.includes(n));
  for (const key of Object.keys(cache)) {
    // A .json file one of them requires is cached by its bare path (its parent names the file
    // that first required it): dropped too, or an edit of it went unseen (2026-12-06, s38 h17).
    // (A package's own, in node_modules, is kept, as an ES module's import of it is.)
    const json = key.endsWith('.json') && !key.includes('/node_modules/') && ours(cache[key]?.parent?.id);
    if (json || ours(key)) delete cache[key];
  }
}

/** A file as errors name it: relative to the working directory when below it, else as given. */
export function shownPath(path: string): string {
  const shown = relative(process.cwd(), resolve(path));
  return shown && !shown.startsWith('..') ? shown : path;
}

/**
 * The users' files imported in this process, absolute, each with its real path (where its code runs
 * and its stack names it: importFile): an error their timers or promises throw later names them.
 */
const imported = new Map<string, string>();

/**
 * The user's file an error thrown outside any call of probecheck's comes from (a timer or a
 * promise no one awaits, started as the file loaded): the imported file its stack names (tsx
 * runs a file as a data: URL that holds its path, encoded), every one imported when the thrown
 * value has no stack; undefined when none is (a bug of probecheck's own).
 */
export function strayErrorFile(e: unknown): string | undefined {
  const stack = e instanceof Error ? e.stack : undefined;
  // (probecheck throws Errors: a value with no stack is a user file's, which one is not known.)
  if (stack === undefined) return imported.size ? [...imported.keys()].map(shownPath).join(' or ') : undefined;
  // Its frames only: a message of probecheck's own that names the file (an E105 about it, say)
  // is no sign that the file's code threw it.
  const at = stack.indexOf('\n    at ');
  let text = at < 0 ? stack : stack.slice(at);
  try { text = decodeURIComponent(text); } catch { /* a stray %: keep it encoded */ }
  for (const [f, real] of imported) if (text.includes(f) || text.includes(real)) return shownPath(f);
  return undefined;
}

/** The users' files imported in this process, as errors name them. */
export function importedFiles(): string[] { return [...imported.keys()].map(shownPath); }

export async function importFile(path: string): Promise<Record<string, unknown>> {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new ProbecheckError('E503', `${shownPath(path)}: no such file or directory${bundledHint(path)}`);
  // (A folder given to --patch or --property-file was E105 with Node's words about an import from dist/load.js.)
  if (statSync(abs).isDirectory()) throw new ProbecheckError('E503', `${shownPath(path)}: is a directory, not a file`);
  imported.set(abs, abs);
  try {
    // Imported by its real path: Node's resolver keeps each symlink's target for the process, so a
    // link pointed at another file between two commands of one process (the tests' CLI host) loaded
    // the old target, while a patch's kept catalogue (cli/steps.ts textKey) read the new (s43 h12).
    const real = realpathSync(abs);
    imported.set(abs, real);
    // Forgotten here too where another instance forgot since this one last loaded: its own number
    // stayed, so an edited file was handed as this instance first loaded it (and its idle crews kept).
    const shared = loader();
    if ((shared.last !== undefined && shared.last !== me) || seen !== shared.generation) forgetLoadedFiles();
    shared.last = me;
    const url = pathToFileURL(real).href + (generation ? `?${LOAD}=${generation}` : '');
    // Registered for a .js file too: our resolver must come after tsx's in the hook chain.
    const tsImport = await typescriptImport();
    await running();
    const mod = (await (/\.[cm]?tsx?$/.test(abs) ? tsImport(url, import.meta.url) : import(url))) as Record<string, unknown>;
    await knowApi();
    return mod;
  } catch (e) {
    // An error the file raises as it is imported (defineProperty's E303, definePatch's E604) names
    // the file too (a bad-input hunt, 2026-12-05: `property '': name: ...` said nowhere where).
    if (e instanceof ProbecheckError) {
      const file = shownPath(path);
      if (!e.message.includes(file)) e.message = `${file}: ${e.message}`;
      throw e;
    }
    // (Node's "Require stack:" lists tsx's internal URL of the importing file: the file is named already.)
    const msg = e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ').replace(/ Require stack: .*$/, '') : thrownValue(e);
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
  await knowApi();
  if (!name) { const no = notImported(msg); return no ? `; ${no}` : ''; }
  const no = notExported(name);
  return no ? `; ${no}` : '';
}

/** Hand errors.ts probecheck's export names (once), for a missing import a step or property calls later. */
let apiKnown = false;
async function knowApi(): Promise<void> {
  if (!apiKnown) knowExports(Object.keys(await import('./index.js')));
  apiKnown = true;
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
const textOf = (path: string) => { try { return readFileSync(path, 'utf8'); } catch { return undefined; } };

export async function loadPatchFiles(list: string | number | undefined): Promise<void> {
  for (const entry of patchEntries(list === undefined ? '' : String(list))) {
    if (!isPatchFile(entry)) continue;
    const text = textOf(entry), d = defaultExport(await importFile(entry));
    // (Array.from: an empty slot, `[a,, b]`, is undefined, which every() would skip.)
    const all = Array.isArray(d) ? Array.from(d as unknown[]) : [d];
    if (!all.length || !all.every(isUserPatch)) {
      throw new ProbecheckError('E105', `${entry}: its default export is not a patch; write \`export default definePatch({...})\` (or a list of them)`);
    }
    // Output names patches by id: one of yours that takes a library patch's would read as that fix.
    for (const p of all) {
      const lib = PATCHES[p.id];
      if (lib) throw new ProbecheckError('E604', `${entry}: patch id '${p.id}' is the library's ("${lib.subject}"); give yours another id, so that output tells them apart`);
    }
    registerPatchFile(entry, all, text === textOf(entry) ? text : undefined);
  }
}
