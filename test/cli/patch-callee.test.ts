/**
 * A kernel developer reviewing 2e84dc379200 ("driver core: Release all resources during unbind
 * before updating device links") names the functions the patch moves: device_links_driver_cleanup,
 * devres_release_all. The model runs both inside one step of __device_release_driver whose `where`
 * names neither, so E604 and `steps --function` said "no modelled function" with no pointer to it
 * (2026-12-06). That step's where now names both, and a callee no where names is found by a
 * step's label or the C lines it cites (device_unbind_cleanup, which runs devres_release_all at v6.6).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { oneErrorLine, userFolder } from './user-folder.js';

const scenario = `import { scenario } from 'probecheck';
export default scenario({
  name: 'unbind-consumer-and-supplier', profile: 'v6.6',
  devices: { reg: { present: true, boundTo: 'reg-drv' }, cons: { present: true, boundTo: 'cons-drv' } },
  drivers: { 'reg-drv': { matches: ['reg'], present: true }, 'cons-drv': { matches: ['cons'], links: ['reg'], present: true } },
  actors: { 'echo cons > unbind': 'unbind cons-drv cons', 'echo reg > unbind': 'unbind reg-drv reg' },
  properties: ['single-binding'],
});
`;
const patch = (fn: string) => `import { definePatch } from 'probecheck';
export default definePatch({ id: 'mv', subject: 'move ${fn}', base: 'v6.6',
  hunks: [{ fn: '${fn}', replace: 'x', step: (_s, o) => o! }] });
`;

test('a function run inside another step is named by that step: its where, its label, or the C it cites', () => {
  const dir = userFolder();
  writeFileSync(join(dir, 's.ts'), scenario);
  writeFileSync(join(dir, 'cleanup.ts'), patch('device_links_driver_cleanup'));
  oneErrorLine(dir, ['check', 's.ts', '--patch', 'cleanup.ts'],
    /^probecheck: E604 .*no modelled function 'device_links_driver_cleanup'; 'device_links_driver_cleanup' is modelled inside its callers' steps \(their where names it\): __device_release_driver:devres_release_all: name one of those/);
  // v6.6's devres_release_all is inside device_unbind_cleanup, which the step's C cites (dd.c@f8fb576658a3:1273).
  oneErrorLine(dir, ['steps', '--profile', 'v6.6', '--function', 'device_unbind_cleanup'],
    /^probecheck: E501 .*builds no step of 'device_unbind_cleanup'; .*modelled inside its callers' steps \(their label or the C lines they cite name it\): __device_release_driver:devres_release_all,/);
  // A name no step cites still gets no pointer.
  oneErrorLine(dir, ['steps', '--profile', 'v6.6', '--function', 'no_such_function'], /builds no step of 'no_such_function'; functions: /);
});
