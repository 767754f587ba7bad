// probecheck kernel excerpt: fs/kernfs/file.c at torvalds@f83f3c515654. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux fs/kernfs/file.c @ f83f3c515654474e19c7fc86e3b06564bb5cb4d4; Makefile: not read (the index holds torvalds/linux's Makefile at an unrelated commit)
// note: The commit find_files lists for the path (one version stored); read 2026-12-06 (s37 h4) with read_file at that full hash (25875 chars; the page at offset 0 holds the function), cut by hand, so no line number. Release not identified: v4.1 .. v4.10 by content (of->prealloc_buf, NeilBrown's pre-allocated write buffers, v4.1; kernfs_vma_fault still takes (vma, vmf), before the v4.11 fault-signature change; no SPDX line; kn->attr.open). Vanilla torvalds/linux. Against v4.19.y's kernfs_fop_write only `size_t len;` (v4.19.y: `ssize_t len;`) and the study tree's `//走起`: the locks and the active reference in the same order (of->prealloc_mutex, of->mutex, kernfs_get_active, ops->write, kernfs_put_active). Read by v4.2 (within its range) and v4.14 (the nearest below read).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@f83f3c515654: kernfs_fop_write_iter

//@ kernfs_fop_write ?
static ssize_t kernfs_fop_write(struct file *file, const char __user *user_buf,
				size_t count, loff_t *ppos)
{
	struct kernfs_open_file *of = kernfs_of(file);
	const struct kernfs_ops *ops;
	size_t len;
	char *buf;

	if (of->atomic_write_len) {
		len = count;
		if (len > of->atomic_write_len)
			return -E2BIG;
	} else {
		len = min_t(size_t, count, PAGE_SIZE);
	}

	buf = of->prealloc_buf;
	if (buf)
		mutex_lock(&of->prealloc_mutex);
	else
		buf = kmalloc(len + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	if (copy_from_user(buf, user_buf, len)) {
		len = -EFAULT;
		goto out_free;
	}
	buf[len] = '\0';	/* guarantee string termination */

	/*
	 * @of->mutex nests outside active ref and is used both to ensure that
	 * the ops aren't called concurrently for the same open file.
	 */
	mutex_lock(&of->mutex);
	if (!kernfs_get_active(of->kn)) {
		mutex_unlock(&of->mutex);
		len = -ENODEV;
		goto out_free;
	}

	ops = kernfs_ops(of->kn);
	if (ops->write)
		len = ops->write(of, buf, len, *ppos);
	else
		len = -EINVAL;

	kernfs_put_active(of->kn);
	mutex_unlock(&of->mutex);

	if (len > 0)
		*ppos += len;

out_free:
	if (buf == of->prealloc_buf)
		mutex_unlock(&of->prealloc_mutex);
	else
		kfree(buf);
	return len;
}
