import { check } from 'probecheck';
import { buildModel } from './dist/cli/build.js';
import { loadModel } from './dist/load.js';
const f = await loadModel(new URL('./models/host-children.ts', import.meta.url).pathname);
const n = +process.argv[2];
const m = buildModel(f, { n, profile: 'v4.2', patches: '' });
const t0 = performance.now();
const r = check(m, { exhaustive: true, por: true, symmetry: process.argv[3] !== 'nosym' });
console.log(n, r.states, ((performance.now() - t0) / 1000).toFixed(2), 's', JSON.stringify(r.por));
