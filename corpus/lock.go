package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// ErrLocked says another process holds the writer lock of a data directory.
var ErrLocked = errors.New("another trawl run holds the lock")

// Holder describes the process holding a writer lock.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Command string    `json:"command"`
	Started time.Time `json:"started"`
}

// LockedError is returned by Lock when the lock is taken.
type LockedError struct {
	Path   string
	Holder Holder // zero when the holder could not be read
}

func (e *LockedError) Error() string {
	h := e.Holder
	if h.PID == 0 {
		return fmt.Sprintf("%s: %v", e.Path, ErrLocked)
	}
	return fmt.Sprintf("%s: %v: pid %d on %s (%s) since %s", e.Path, ErrLocked, h.PID, h.Host, h.Command, h.Started.Format(time.RFC3339))
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// WriterLock is the one-writer-at-a-time lock of a data directory. It is an
// flock(2) on DIR/lock, so the kernel drops it when its process dies: a lock
// left by a killed run is never stale.
type WriterLock struct {
	f *os.File
}

// Lock takes the writer lock of dir without waiting. It fails with a
// *LockedError (errors.Is(err, ErrLocked)) naming the holder when another
// process has it.
func Lock(dir, command string) (*WriterLock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	path := filepath.Join(dir, "lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &LockedError{Path: path, Holder: readHolder(path)}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	host, _ := os.Hostname()
	h := Holder{PID: os.Getpid(), Host: host, Command: command, Started: time.Now().UTC().Truncate(time.Second)}
	b, _ := json.Marshal(h)
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt(append(b, '\n'), 0)
	}
	return &WriterLock{f: f}, nil
}

func readHolder(path string) Holder {
	var h Holder
	b, err := os.ReadFile(path)
	if err == nil {
		_ = json.Unmarshal([]byte(strings.TrimSpace(string(b))), &h)
	}
	return h
}

// Unlock releases the lock. The holder record is cleared first so that a
// reader never sees a released lock's holder as current.
func (l *WriterLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = l.f.Truncate(0)
	err := l.f.Close() // closing drops the flock
	l.f = nil
	return err
}
