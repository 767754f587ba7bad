// Every bundled model x its parameter values x every profile, built with its `properties` list
// removed (the default selection a new user gets), checked: prints one line per run, VACUOUS with
// the default choices that read vacuous (a clean `check` exits 5 for them), then every verdict.
// Usage (after npm run build): node scripts/vacuity-sweep.mjs [model,model...] > out.txt
// TL=seconds per run (default 20). Each model is copied to a temporary folder with its
// `scenario` import wrapped to drop `properties` (vary's result too).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
const repo = resolve(process.env.REPO ?? '.');
const only = process.argv[2]?.split(',');
const { loadModel, check, PROFILE_NAMES } = await import(join(repo, 'dist/index.js'));
const dir = mkdtempSync(join(tmpdir(), 'vacuity-sweep-'));
for (const f of readdirSync(join(repo, 'models')).filter((x) => x.endsWith('.ts') && (!only || only.includes(x.slice(0, -3))))) {
  const src = readFileSync(join(repo, 'models', f), 'utf8').replace(/import \{ scenario(, type ScenarioSpec)? \} from 'probecheck';/, (_m, t) =>
    `import { scenario as __s${t ?? ''} } from 'probecheck';\nconst scenario = (spec: any) => __s({ ...spec, properties: undefined, vary: spec.vary && ((p: any, s: any) => ({ ...spec.vary(p, s), properties: undefined })) });`);
  writeFileSync(join(dir, f), src);
  const m = await loadModel(join(dir, f));
  let combos = [{}];
  for (const [k, v] of Object.entries(m.params ?? {})) if (k !== 'profile' && k !== 'patches') combos = combos.flatMap((c) => (v.values ?? [v.default]).map((x) => ({ ...c, [k]: x })));
  for (const c of combos) for (const profile of PROFILE_NAMES) {
    const tag = `${f.slice(0, -3)} ${Object.entries(c).map(([k, v]) => `${k}=${v}`).join(' ')} ${profile}`;
    let r;
    try { r = check(m.build({ ...c, profile }), { timeLimit: Number(process.env.TL ?? 20) }); } catch (e) { console.log(`${tag}: ERROR ${String(e.message).split('\n')[0]}`); continue; }
    const vac = r.properties.filter((p) => p.verdict === 'vacuous').map((p) => p.name);
    console.log(`${tag}: ${r.complete ? '' : `INCOMPLETE(${r.stopped}) `}${vac.length ? `VACUOUS ${vac.join(',')}` : 'ok'} | ${r.properties.map((p) => `${p.name}=${p.verdict}`).join(' ')}`);
  }
}
rmSync(dir, { recursive: true, force: true });
