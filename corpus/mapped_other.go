//go:build !linux

package corpus

func dropMapped(uintptr, int64) error { return nil }

// MappedResident is this process's resident memory of mapped files; false
// where the system does not say.
func MappedResident() (int64, bool) { return 0, false }
