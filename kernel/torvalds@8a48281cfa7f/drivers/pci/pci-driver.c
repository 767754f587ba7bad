// probecheck kernel excerpt: drivers/pci/pci-driver.c at torvalds@8a48281cfa7f. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/pci/pci-driver.c @ 8a48281cfa7f380707d42b649acda3ea36348697; Makefile: not read (mainline commit, not a tag; no Makefile read)
// note: Stands for v6.12 (drivers/pci/pci-driver.c; local_pci_probe and pci_call_probe only). "PCI: Make pci_bus_type constant" (Kunwu Chan), the only pci-driver.c commit of the PCI v6.12 pull (<20240919194514.GA1025547@bhelgaas>, id 41707304654, pci-driver.c 2 +-); full hash from post-receive revlists (e.g. id 67134541232). Newest known pci-driver.c commit before v6.12 via the PCI tree; d69d80484598 (driver-core-6.11-rc1, pci_bus_match const) is earlier and not stored for this file; other trees and 6.12-rc fixes not checked. Both functions are byte-identical to torvalds@a49287d32d57 (v6.6 merge window) and to the Kylin v6.6.y excerpt: no change to them between v6.6 and v6.12. Read from the page at offset 7400 of this one commit (44528 chars). Vanilla mainline, no vendor markers.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@8a48281cfa7f: -

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
