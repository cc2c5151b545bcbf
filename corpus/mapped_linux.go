package corpus

import (
	"bytes"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// dropMapped tells the kernel this process no longer needs the pages of
// size bytes of a read-only shared file mapping at addr: their contents
// stay in the file.
func dropMapped(addr uintptr, size int64) error {
	if _, _, errno := unix.Syscall(unix.SYS_MADVISE, addr, uintptr(size), unix.MADV_DONTNEED); errno != 0 {
		return errno
	}
	return nil
}

// MappedResident is this process's resident memory of mapped files and
// shared memory (RssFile + RssShmem, from /proc/self/statm); false where
// the system does not say.
func MappedResident() (int64, bool) {
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
