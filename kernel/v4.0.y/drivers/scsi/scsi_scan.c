// probecheck kernel excerpt: drivers/scsi/scsi_scan.c at v4.0.y. SPDX-License-Identifier: GPL-2.0
// origin: YueweiJin/runninglinuxkernel_4.0 drivers/scsi/scsi_scan.c @ 45f5df4538f51d2b83893af0912af33532c3b11f; Makefile: not stored for the repository (a book's study tree named 4.0, as this snapshot's dd.c and async.c)
// note: Read 2026-12-06 (s39 h2) with read_file, the page at offset 50000 of 56775 chars (one stored version; 64-bit LUNs, %llu, so v3.17 or later), which holds scsi_prep_async_scan, scsi_finish_async_scan, do_scsi_scan_host, do_scan_async and scsi_scan_host; the two functions cut by hand, the kernel-doc comment above scsi_scan_host omitted. No owner comment on that page. The two functions are character for character v3.6.0's (scsi_scan_host tests only the "none" scan type). Read by v3.14 (the nearest above, as its dd.c, bus.c and core.c).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v4.0.y: -

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
