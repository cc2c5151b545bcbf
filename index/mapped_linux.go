package index

import "golang.org/x/sys/unix"

// dropPages tells the kernel this process no longer needs the pages of a
// read-only shared file mapping: their contents stay in the file.
func dropPages(b []byte) error {
	return unix.Madvise(b, unix.MADV_DONTNEED)
}
