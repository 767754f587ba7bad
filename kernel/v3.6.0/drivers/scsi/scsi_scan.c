// probecheck kernel excerpt: drivers/scsi/scsi_scan.c at v3.6.0. SPDX-License-Identifier: GPL-2.0
// origin: New-B/Linux3.6 drivers/scsi/scsi_scan.c @ b5154d3e5bc2e54a1c611abd3bb787931fe471ab; Makefile: 3.6.0 (the tree's Makefile, as its dd.c)
// note: Read 2026-12-06 (s39 h2) with read_file, the page at offset 50000 of 57782 chars (one stored version), which holds scsi_prep_async_scan, scsi_finish_async_scan, do_scsi_scan_host, do_scan_async and scsi_scan_host; the two functions cut by hand, the kernel-doc comment above scsi_scan_host omitted. As mainline's (741e9d668aa5) but scsi_scan_host tests only the "none" scan type (no "manual"); scsi_finish_async_scan adds the devices to sysfs under shost->scan_mutex after waiting for the previous host's scan, as at mainline. Read by v3.5 (the nearest above, as its dd.c).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v3.6.0: -

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

	if (strncmp(scsi_scan_type, "none", 4) == 0)
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
