// probecheck kernel excerpt: drivers/pci/pci-driver.c at v6.6.y. SPDX-License-Identifier: GPL-2.0
// origin: alvinsun039/linux-torvalds drivers/pci/pci-driver.c @ 0586cc5225dd914ebf0ac0329ce330a171e90c86; Makefile: VERSION = 6, PATCHLEVEL = 6, SUBLEVEL = 13, EXTRAVERSION = (Makefile read at commit 02f16b285d78cb757d2405cf52fa75e1a5385ec1, by an earlier session)
// note: A KYLIN VENDOR FILE: this pci-driver.c (47533 chars) has Kylin additions (pci_hw_deprecated/unmaintained/disabled under CONFIG_KYLIN_DIFFERENCES, "Reserved for Internal KYLIN use only") and CONFIG_LOONGARCH in pci_device_shutdown; the repository is a 6.6-based Kylin kernel (its include/linux/device.h has KY_KABI_RESERVE fields). The two functions show no vendor marker. Read at offset 8000 (the page holding both); the comment above them omitted (none). The torvalds/linux copies the index serves are of v2.6.2x/v2.6.30 (0b62e13b5c9b, 0128a89cf751), not used.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v6.6.y: -

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
	pci_warn(pci_dev, "Driver probe function unexpectedly returned %d\n",
		 rc);
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
	    pci_physfn_is_probed(dev)) {
		cpu = nr_cpu_ids;
	} else {
		cpumask_var_t wq_domain_mask;

		if (!zalloc_cpumask_var(&wq_domain_mask, GFP_KERNEL)) {
			error = -ENOMEM;
			goto out;
		}
		cpumask_and(wq_domain_mask,
			    housekeeping_cpumask(HK_TYPE_WQ),
			    housekeeping_cpumask(HK_TYPE_DOMAIN));

		cpu = cpumask_any_and(cpumask_of_node(node),
				      wq_domain_mask);
		free_cpumask_var(wq_domain_mask);
	}

	if (cpu < nr_cpu_ids)
		error = work_on_cpu(cpu, local_pci_probe, &ddi);
	else
		error = local_pci_probe(&ddi);
out:
	dev->is_probed = 0;
	cpu_hotplug_enable();
	return error;
}
