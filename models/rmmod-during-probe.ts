/**
 * rmmod while the module's async probe is still pending (async_probe=1, so do_init_module does
 * not wait). v4.2 schedules the whole driver_attach and driver_unregister does not wait for it:
 * the work binds the device after driver_unregister returned (S3). Since v5.1 driver_detach
 * calls async_synchronize_full first.
 */
import { scenario } from 'probecheck';

export default scenario({
  name: 'rmmod-during-probe',
  describe: 'delete_module racing the async probe of its own driver',
  profile: 'v4.2',
  devices: { sdhci: { present: true } },
  drivers: { 'sdhci-tegra': { matches: ['sdhci'], module: 'sdhci_tegra' } },
  modules: { sdhci_tegra: { asyncProbe: true } },
  actors: { modprobe: 'modprobe sdhci_tegra', rmmod: 'rmmod sdhci_tegra' },
});
