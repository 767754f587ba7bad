// probecheck kernel excerpt: drivers/pci/pci-driver.c at v4.19.y. SPDX-License-Identifier: GPL-2.0
// origin: 0x88888888/linux-4.19-comments drivers/pci/pci-driver.c @ 0c8fdfc73a8ee94ae6aa1253734a39c6bbd1c04d; Makefile: not stored in that repository (a tree named 4.19, the study tree of this snapshot's platform.c)
// note: A study tree; no annotation seen in these two functions or on the page read. Read 2026-12-06 (s36 h3) with read_file (42717 chars; the page at offset 7500; find_files lists two stored versions, read_file served this commit), local_pci_probe and pci_call_probe cut by hand, so no line numbers. Against 5.10.13: dev_warn for pci_warn, and the CPU picked from cpu_online_mask (no housekeeping mask yet); work_on_cpu(cpu, local_pci_probe, &ddi) and pci_dev->driver = pci_drv before ->probe as there. Read by v5.0, v5.1, v5.4 and v5.9 as the nearest below (pci-driver.c changes of v4.20 .. v5.9 not looked for).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v4.19.y: -

//@ local_pci_probe ?
static long local_pci_probe(void *_ddi)
{
	struct drv_dev_and_id *ddi = _ddi;
	struct pci_dev *pci_dev = ddi->dev;
	struct pci_driver *pci_drv = ddi->drv;
	struct device *dev = &pci_dev->dev;
	int rc;

	/*
	 * Unbound PCI devices are always put in D0, regardless of
	 * runtime PM status.  During probe, the device is set to
	 * active and the usage count is incremented.  If the driver
	 * supports runtime PM, it should call pm_runtime_put_noidle(),
	 * or any other runtime PM helper function decrementing the usage
	 * count, in its probe routine and pm_runtime_get_noresume() in
	 * its remove routine.
	 */
	pm_runtime_get_sync(dev);
	pci_dev->driver = pci_drv;
	rc = pci_drv->probe(pci_dev, ddi->id);
	if (!rc)
		return rc;
	if (rc < 0) {
		pci_dev->driver = NULL;
		pm_runtime_put_sync(dev);
		return rc;
	}
	/*
	 * Probe function should return < 0 for failure, 0 for success
	 * Treat values > 0 as success, but warn.
	 */
	dev_warn(dev, "Driver probe function unexpectedly returned %d\n", rc);
	return 0;
}

//@ pci_call_probe ?
static int pci_call_probe(struct pci_driver *drv, struct pci_dev *dev,
			  const struct pci_device_id *id)
{
	int error, node, cpu;
	struct drv_dev_and_id ddi = { drv, dev, id };

	/*
	 * Execute driver initialization on node where the device is
	 * attached.  This way the driver likely allocates its local memory
	 * on the right node.
	 */
	node = dev_to_node(&dev->dev);
	dev->is_probed = 1;

	cpu_hotplug_disable();

	/*
	 * Prevent nesting work_on_cpu() for the case where a Virtual Function
	 * device is probed from work_on_cpu() of the Physical device.
	 */
	if (node < 0 || node >= MAX_NUMNODES || !node_online(node) ||
	    pci_physfn_is_probed(dev))
		cpu = nr_cpu_ids;
	else
		cpu = cpumask_any_and(cpumask_of_node(node), cpu_online_mask);

	if (cpu < nr_cpu_ids)
		error = work_on_cpu(cpu, local_pci_probe, &ddi);
	else
		error = local_pci_probe(&ddi);

	dev->is_probed = 0;
	cpu_hotplug_enable();
	return error;
}
