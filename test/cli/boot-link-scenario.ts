/** The scenario of a stateless link one boot probe added, shared by patch-link-boot and its review. */
export const BOOT_LINK = `import { scenario } from 'probecheck';
// pmic's driver links mmc to pmic (stateless) in its probe, which ran at boot, before mmc was added;
// an admin adds mmc and deletes it (device_del purges its links), and unbinds pmic (->remove deletes the link).
export default scenario({
  name: 'boot-link', profile: 'v5.4',
  devices: { pmic: { present: true, boundTo: 'pmic-drv' }, mmc: {} },
  drivers: { 'pmic-drv': { matches: ['pmic'], present: true, statelessLinks: [{ consumer: 'mmc', supplier: 'pmic' }] } },
  actors: { 'add, del mmc': ['add mmc', 'del mmc'], 'echo pmic > unbind': 'unbind pmic-drv pmic' },
  properties: ['links-single-delete'],
});
`;
