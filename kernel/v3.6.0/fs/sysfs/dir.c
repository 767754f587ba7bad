// probecheck kernel excerpt: fs/sysfs/dir.c at v3.6.0. SPDX-License-Identifier: GPL-2.0
// origin: New-B/Linux3.6 fs/sysfs/dir.c @ b5154d3e5bc2e54a1c611abd3bb787931fe471ab; Makefile: VERSION = 3, PATCHLEVEL = 6, SUBLEVEL = 0 (the Makefile read at this commit for the tree's dd.c, bus.c and driver.c)
// note: NEAREST RELEASE ABOVE (v3.6.0), NOT v3.5, as this tree's dd.c, bus.c, core.c and driver.c (same repository and commit); read with read_file from offset 15500 (26470 chars in all); the two functions copied as read, their kernel-doc comments omitted. sysfs_create_dir is sysfs_create_dir_ns's name before kernfs (v3.14; the v3.5 profile renames it). Older trees in the index (2.6.2x) lack the `if (!parent_sd) return -ENOENT;` test; v3.6.0 has it.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v3.6.0: sysfs_create_dir_ns

//@ sysfs_create_dir ?
int sysfs_create_dir(struct kobject * kobj)
{
	enum kobj_ns_type type;
	struct sysfs_dirent *parent_sd, *sd;
	const void *ns = NULL;
	int error = 0;

	BUG_ON(!kobj);

	if (kobj->parent)
		parent_sd = kobj->parent->sd;
	else
		parent_sd = &sysfs_root;

	if (!parent_sd)
		return -ENOENT;

	if (sysfs_ns_type(parent_sd))
		ns = kobj->ktype->namespace(kobj);
	type = sysfs_read_ns_type(kobj);

	error = create_dir(kobj, parent_sd, type, ns, kobject_name(kobj), &sd);
	if (!error)
		kobj->sd = sd;
	return error;
}

//@ sysfs_remove_dir ?
void sysfs_remove_dir(struct kobject * kobj)
{
	struct sysfs_dirent *sd = kobj->sd;

	spin_lock(&sysfs_assoc_lock);
	kobj->sd = NULL;
	spin_unlock(&sysfs_assoc_lock);

	__sysfs_remove_dir(sd);
}
