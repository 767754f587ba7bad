// probecheck kernel excerpt: fs/sysfs/dir.c at v5.10.13. SPDX-License-Identifier: GPL-2.0
// origin: Rtoax/linux-5.10.13 fs/sysfs/dir.c @ 4145aee3aa376a01914e707b3af48e6af58aa97d; Makefile: not of this file's version (the repository's only stored Makefile reads 6.1.0-rc3, per the v5.10.13 bus.c header); the repository is named for 5.10.13
// note: Rtoax/linux-5.10.13 (a study tree, as its dd.c, bus.c and driver.c) fs/sysfs/dir.c, read whole (4233 chars) with read_file; the two functions copied as read, their kernel-doc comments omitted. No annotation seen. Read by v5.10: device_add's kobject_add under a parent whose kobj->sd is NULL (never added, or past its kobject_del) returns -ENOENT.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v5.10.13: sysfs_create_dir

//@ sysfs_create_dir_ns ?
int sysfs_create_dir_ns(struct kobject *kobj, const void *ns)
{
	struct kernfs_node *parent, *kn;
	kuid_t uid;
	kgid_t gid;

	if (WARN_ON(!kobj))
		return -EINVAL;

	if (kobj->parent)
		parent = kobj->parent->sd;
	else
		parent = sysfs_root_kn;

	if (!parent)
		return -ENOENT;

	kobject_get_ownership(kobj, &uid, &gid);

	kn = kernfs_create_dir_ns(parent, kobject_name(kobj),
				  S_IRWXU | S_IRUGO | S_IXUGO, uid, gid,
				  kobj, ns);
	if (IS_ERR(kn)) {
		if (PTR_ERR(kn) == -EEXIST)
			sysfs_warn_dup(parent, kobject_name(kobj));
		return PTR_ERR(kn);
	}

	kobj->sd = kn;
	return 0;
}

//@ sysfs_remove_dir ?
void sysfs_remove_dir(struct kobject *kobj)
{
	struct kernfs_node *kn = kobj->sd;

	/*
	 * In general, kboject owner is responsible for ensuring removal
	 * doesn't race with other operations and sysfs doesn't provide any
	 * protection; however, when @kobj is used as a symlink target, the
	 * symlinking entity usually doesn't own @kobj and thus has no
	 * control over removal.  @kobj->sd may be removed anytime
	 * and symlink code may end up dereferencing an already freed node.
	 *
	 * sysfs_symlink_target_lock synchronizes @kobj->sd
	 * disassociation against symlink operations so that symlink code
	 * can safely dereference @kobj->sd.
	 */
	spin_lock(&sysfs_symlink_target_lock);
	kobj->sd = NULL;
	spin_unlock(&sysfs_symlink_target_lock);

	if (kn) {
		WARN_ON_ONCE(kernfs_type(kn) != KERNFS_DIR);
		kernfs_remove(kn);
	}
}
