// probecheck kernel excerpt: drivers/pci/pci-driver.c at torvalds@a49287d32d57. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/pci/pci-driver.c @ a49287d32d57b1bae7d53c2e6fba1b729e782568; Makefile: not read (mainline commit, not a tag; no Makefile read)
// note: Stands for v6.6 (drivers/pci/pci-driver.c; local_pci_probe and pci_call_probe only). "PCI: Remove unnecessary initializations" (Bjorn Helgaas), pci-v6.6-changes (<20230830190642.GA10547@bhelgaas>, id 22078732091, pci-driver.c 18 +-); full hash from linux-next revlists (ids 66506692780, 66453310928) that list the mainline hashes of that pci/misc series (the pci.git revlist id 66687336157 lists pre-rebase hashes that the index does not hold). Newest pci-driver.c stored before v6.6 (also stored: ecfea5dfca14 "PCI: Unexport pcie_port_bus_type", one commit earlier). Later pci-driver.c commits of the same series NOT stored at their commits: 1ec09529bd19 ("PCI: Simplify pci_dev_driver()"), 86b4ad7d67b2 (typos), eb6723b40d17 (code formatting); they are cleanups outside these two functions: both functions are byte-identical here and at torvalds@8a48281cfa7f (v6.12 merge window). PCI v6.5 pull (id 38281019581) touched no pci-driver.c; other trees and 6.6-rc fixes not checked. Content: local_pci_probe sets pci_dev->driver = pci_drv before ->probe and clears it on failure; pci_call_probe with is_probed, cpu_hotplug_disable and work_on_cpu on a housekeeping CPU of the node. Transcribed from the 8a48281cfa7f page (offset 7400) and checked against this commit's page at offset 7400 (44101 chars), same text; equal to the Kylin v6.6.y excerpt byte for byte. Vanilla mainline, no vendor markers (the Kylin file's CONFIG_KYLIN_DIFFERENCES additions are outside these functions).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@a49287d32d57: -

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
