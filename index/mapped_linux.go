package index

import (
	"bytes"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// dropPages tells the kernel this process no longer needs the pages of a
// read-only shared file mapping: their contents stay in the file.
func dropPages(b []byte) error {
	return unix.Madvise(b, unix.MADV_DONTNEED)
}

// mappedResident is the process's resident file-backed and shared memory
// (RssFile + RssShmem), from /proc/self/statm.
func mappedResident() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}
