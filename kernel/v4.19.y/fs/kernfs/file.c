// probecheck kernel excerpt: fs/kernfs/file.c at v4.19.y. SPDX-License-Identifier: GPL-2.0
// origin: 0x88888888/linux-4.19-comments fs/kernfs/file.c @ 0c8fdfc73a8ee94ae6aa1253734a39c6bbd1c04d; Makefile: not stored in that repository (a tree named 4.19, the study tree of this snapshot's platform.c)
// note: A STUDY TREE, NOT VANILLA: the tree's owner added Chinese comments to this file; inside kernfs_fop_write one, `//走起` ("off it goes") after `if (ops->write)`, kept verbatim (its kernel-doc comment, left out here, has another line added, "通过vfs走到kernfs_fop_write()"). Read 2026-12-06 (s36 h3) with read_file at this commit (26263 chars; the page at offset 7000), the function cut by hand, so no line number. Before cc099e0b3998 (KERNFS_WRITE_ITER, v5.11): copy_from_user and *ppos where kernfs_fop_write_iter has copy_from_iter and iocb->ki_pos; the locks and the active reference in the same order (of->prealloc_mutex, of->mutex, kernfs_get_active, ops->write, kernfs_put_active). Read by v5.0, v5.1, v5.4, v5.9 and v5.10 as the nearest below (kernfs changes of v4.20 .. v5.10 not looked for) and by v4.18 as the nearest above; no vanilla fs/kernfs/file.c before v5.11 found (torvalds/linux serves one copy without a commit, of v5.18).
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at v4.19.y: kernfs_fop_write_iter

//@ kernfs_fop_write ?
static ssize_t kernfs_fop_write(struct file *file, const char __user *user_buf,
				size_t count, loff_t *ppos)
{
	struct kernfs_open_file *of = kernfs_of(file);
	const struct kernfs_ops *ops;
	ssize_t len;
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
	if (ops->write)//走起
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
