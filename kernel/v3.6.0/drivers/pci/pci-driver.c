// probecheck kernel excerpt: drivers/pci/pci-driver.c at v3.6.0. SPDX-License-Identifier: GPL-2.0
// origin: New-B/Linux3.6 drivers/pci/pci-driver.c @ b5154d3e5bc2e54a1c611abd3bb787931fe471ab; Makefile: VERSION = 3, PATCHLEVEL = 6, SUBLEVEL = 0, EXTRAVERSION = -replication (the same commit)
// note: The research fork of 3.6.0 this snapshot's dd.c comes from (NEAREST RELEASE ABOVE v3.5; see kernel/README.md), at its dd.c's commit. Read 2026-12-06 (s38 h6) with read_file (33969 chars; the page at offset 6500), local_pci_probe and pci_call_probe cut by hand (no line numbers); no marker of the fork seen in them. The 3.6 shape: local_pci_probe calls `rc = ddi->drv->probe(ddi->dev, ddi->id);` (pci_dev->driver is set after it, in __pci_device_probe, not read here as a step), and pci_call_probe runs it through work_on_cpu under get_online_cpus() on a CPU of the device's node, or directly when the node is unknown. Read by v3.5 and, as the nearest below, v3.14.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v3.6.0: -

//@ local_pci_probe ?
static long local_pci_probe(void *_ddi)
{
	struct drv_dev_and_id *ddi = _ddi;
	struct device *dev = &ddi->dev->dev;
	struct device *parent = dev->parent;
	int rc;

	/* The parent bridge must be in active state when probing */
	if (parent)
		pm_runtime_get_sync(parent);
	/* Unbound PCI devices are always set to disabled and suspended.
	 * During probe, the device is set to enabled and active and the
	 * usage count is incremented.  If the driver supports runtime PM,
	 * it should call pm_runtime_put_noidle() in its probe routine and
	 * pm_runtime_get_noresume() in its remove routine.
	 */
	pm_runtime_get_noresume(dev);
	pm_runtime_set_active(dev);
	pm_runtime_enable(dev);

	rc = ddi->drv->probe(ddi->dev, ddi->id);
	if (rc) {
		pm_runtime_disable(dev);
		pm_runtime_set_suspended(dev);
		pm_runtime_put_noidle(dev);
	}
	if (parent)
		pm_runtime_put(parent);
	return rc;
}

//@ pci_call_probe ?
static int pci_call_probe(struct pci_driver *drv, struct pci_dev *dev,
			  const struct pci_device_id *id)
{
	int error, node;
	struct drv_dev_and_id ddi = { drv, dev, id };

	/* Execute driver initialization on node where the device's
	   bus is attached to.  This way the driver likely allocates
	   its local memory on the right node without any need to
	   change it. */
	node = dev_to_node(&dev->dev);
	if (node >= 0) {
		int cpu;

		get_online_cpus();
		cpu = cpumask_any_and(cpumask_of_node(node), cpu_online_mask);
		if (cpu < nr_cpu_ids)
			error = work_on_cpu(cpu, local_pci_probe, &ddi);
		else
			error = local_pci_probe(&ddi);
		put_online_cpus();
	} else
		error = local_pci_probe(&ddi);
	return error;
}
