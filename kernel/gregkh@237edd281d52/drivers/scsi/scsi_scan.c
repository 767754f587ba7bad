// probecheck kernel excerpt: drivers/scsi/scsi_scan.c at gregkh@237edd281d52. SPDX-License-Identifier: GPL-2.0
// origin: gregkh/linux drivers/scsi/scsi_scan.c @ 237edd281d52840ba55e080cfcc9d99df53be8cb; Makefile: not read
// note: Greg Kroah-Hartman's tree (vanilla), release not identified: read 2026-12-06 (s39 h2) with read_file, which serves the file at 237edd281d52 (find_files lists it at 279a9acc9b72), the page at offset 48000 of 57671 chars, holding scsi_scan_target, scsi_scan_host_selected, scsi_sysfs_add_devices, scsi_prep_async_scan, scsi_finish_async_scan, do_scsi_scan_host, do_scan_async and scsi_scan_host; the two functions cut by hand, the kernel-doc comment above scsi_scan_host omitted. By content between the 4.0 study tree's and mainline's (741e9d668aa5): it has SCSI_SCAN_MANUAL and scsi_scan_host's "manual" test, which the 4.0 study tree lacks, and still has scsi_get_host_dev and scsi_free_host_dev; scsi_prep_async_scan takes shost->scan_mutex before testing async_scan. do_scan_async and scsi_scan_host are character for character mainline's. Read by v5.1 and v5.19 (the release of neither is read; the lines the steps cite, do_scsi_scan_host(shost); scsi_finish_async_scan(data); and async_schedule(do_scan_async, data);, are the same in every scsi_scan.c read, v3.6.0 .. 741e9d668aa5).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at gregkh@237edd281d52: -

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
