// probecheck kernel excerpt: fs/sysfs/file.c at v3.6.0. SPDX-License-Identifier: GPL-2.0
// origin: New-B/Linux3.6 fs/sysfs/file.c @ b5154d3e5bc2e54a1c611abd3bb787931fe471ab; Makefile: VERSION = 3, PATCHLEVEL = 6, SUBLEVEL = 0 (the Makefile read at this commit for the tree's dd.c, bus.c and driver.c)
// note: NEAREST RELEASE ABOVE (v3.6.0), NOT v3.5, as this tree's dd.c, bus.c, core.c, driver.c and fs/sysfs/dir.c (same repository and commit); read with read_file from offset 3000 (21062 chars in all) on 2026-12-06 (s39 h3); the two functions copied as read, their kernel-doc comments omitted. Before kernfs (v3.14, 414985ae23c0: the flag KERNFS) a sysfs store runs here: sysfs_write_file takes the open file's buffer->mutex and calls flush_write_buffer, which holds an active reference on the attribute (sysfs_get_active .. sysfs_put_active) across ops->store, as kernfs_fop_write does later.
// single functions as read (their line numbers in the tree were not read: ?)

//@ flush_write_buffer ?
static int
flush_write_buffer(struct dentry * dentry, struct sysfs_buffer * buffer, size_t count)
{
	struct sysfs_dirent *attr_sd = dentry->d_fsdata;
	struct kobject *kobj = attr_sd->s_parent->s_dir.kobj;
	const struct sysfs_ops * ops = buffer->ops;
	int rc;

	/* need attr_sd for attr and ops, its parent for kobj */
	if (!sysfs_get_active(attr_sd))
		return -ENODEV;

	rc = ops->store(kobj, attr_sd->s_attr.attr, buffer->page, count);

	sysfs_put_active(attr_sd);

	return rc;
}

//@ sysfs_write_file ?
static ssize_t
sysfs_write_file(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	struct sysfs_buffer * buffer = file->private_data;
	ssize_t len;

	mutex_lock(&buffer->mutex);
	len = fill_write_buffer(buffer, buf, count);
	if (len > 0)
		len = flush_write_buffer(file->f_path.dentry, buffer, len);
	if (len > 0)
		*ppos += len;
	mutex_unlock(&buffer->mutex);
	return len;
}
