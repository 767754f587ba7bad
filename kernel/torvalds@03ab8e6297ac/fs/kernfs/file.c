// probecheck kernel excerpt: fs/kernfs/file.c at torvalds@03ab8e6297ac. SPDX-License-Identifier: GPL-2.0
// origin: torvalds/linux fs/kernfs/file.c @ 03ab8e6297acd1bc0eedaa050e2a1635c576fd11; Makefile: not read (the index holds torvalds/linux's Makefile at an unrelated commit)
// note: Stored torvalds/linux fs/kernfs/file.c (26104 chars), read at offset 6000 (the page holding the function); the comment above it omitted (it is about partial writes, not locking). 03ab8e6297ac is "Merge tag 'v5.18'" (a subject from commit lists in the index): the file as v5.18 left it, unless the merging branch changed it (not known). Content: global kernfs_open_file_mutex and kernfs_open_node_lock, seq_read_iter in kernfs_fop_read_iter. find_files listed commit f83f3c515654 for this path; read_file served 03ab8e6297ac.
// single functions as read (their line numbers in the tree were not read: ?)
// not in this file at torvalds@03ab8e6297ac: -

//@ kernfs_fop_write_iter ?
static ssize_t kernfs_fop_write_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	struct kernfs_open_file *of = kernfs_of(iocb->ki_filp);
	ssize_t len = iov_iter_count(iter);
	const struct kernfs_ops *ops;
	char *buf;

	if (of->atomic_write_len) {
		if (len > of->atomic_write_len)
			return -E2BIG;
	} else {
		len = min_t(size_t, len, PAGE_SIZE);
	}

	buf = of->prealloc_buf;
	if (buf)
		mutex_lock(&of->prealloc_mutex);
	else
		buf = kmalloc(len + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	if (copy_from_iter(buf, len, iter) != len) {
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
		len = ops->write(of, buf, len, iocb->ki_pos);
	else
		len = -EINVAL;

	kernfs_put_active(of->kn);
	mutex_unlock(&of->mutex);

	if (len > 0)
		iocb->ki_pos += len;

out_free:
	if (buf == of->prealloc_buf)
		mutex_unlock(&of->prealloc_mutex);
	else
		kfree(buf);
	return len;
}
