// probecheck kernel excerpt: drivers/scsi/scsi_scan.c at torvalds@741e9d668aa5. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux drivers/scsi/scsi_scan.c @ 741e9d668aa50c91e4f681511ce0e408d55dd7ce; Makefile: not read (the index holds torvalds/linux's Makefile at an unrelated commit)
// note: torvalds/linux drivers/scsi/scsi_scan.c at 741e9d668aa5 (58189 chars), "Merge tag 'scsi-misc' of git://git.kernel.org/pub/scm/linux/kernel/git/jejb/scsi" on torvalds master, 2024-03-16 (v6.9 merge window; subject and date from commit lists and the pr-tracker mail in the index). Read at offset 54000 (the page holding both functions, with scsi_prep_async_scan, scsi_finish_async_scan and do_scsi_scan_host); the kernel-doc comment above scsi_scan_host omitted. The version read_file serves without a commit (012e060c95e5) is a v2.6-era file without async scanning (down(&shost->scan_mutex)), not used. In the async scan the devices are added to sysfs (scsi_sysfs_add_devices) by scsi_finish_async_scan under shost->scan_mutex, after waiting for the previous host's scan (wait_for_completion(&data->prev_finished)).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@741e9d668aa5: -

//@ do_scan_async ?
static void do_scan_async(void *_data, async_cookie_t c)
{
	struct async_scan_data *data = _data;
	struct Scsi_Host *shost = data->shost;

	do_scsi_scan_host(shost);
	scsi_finish_async_scan(data);
}

//@ scsi_scan_host ?
void scsi_scan_host(struct Scsi_Host *shost)
{
	struct async_scan_data *data;

	if (strncmp(scsi_scan_type, "none", 4) == 0 ||
	    strncmp(scsi_scan_type, "manual", 6) == 0)
		return;
	if (scsi_autopm_get_host(shost) < 0)
		return;

	data = scsi_prep_async_scan(shost);
	if (!data) {
		do_scsi_scan_host(shost);
		scsi_autopm_put_host(shost);
		return;
	}

	/* register with the async subsystem so wait_for_device_probe()
	 * will flush this work
	 */
	async_schedule(do_scan_async, data);

	/* scsi_autopm_put_host(shost) is called in scsi_finish_async_scan() */
}
