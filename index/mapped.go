package index

import (
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// DefaultMappedLimit is how much of the index's memory-mapped segment files
// a writing process keeps resident before dropping them (Options.MappedLimit).
const DefaultMappedLimit = 128 << 20

// mappedSegment is a segment read from a memory-mapped file (zap's).
type mappedSegment interface {
	Data() []byte // the whole mapping
	Path() string
}

// ReleaseMapped drops the pages of the index's segment files from this
// process's page tables. The kernel keeps them in its page cache, and a
// later read maps them again with a minor fault; what goes is only their
// count in the process's resident set, which otherwise grows with the
// index (bleve's merges read whole segments) and is what a batch job's
// memory is judged by. Segments are held by a snapshot meanwhile, so none
// is unmapped underneath. It does nothing where the system has no
// madvise(MADV_DONTNEED).
func (x *Index) ReleaseMapped() (released int64, err error) {
	r, err := x.reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, nil
	}
	for _, ss := range snap.Segments() {
		// Only file-backed segments: an in-memory segment's bytes are the
		// Go heap, which this must never touch.
		m, ok := ss.Segment().(mappedSegment)
		if !ok || m.Path() == "" {
			continue
		}
		data := m.Data()
		if len(data) == 0 {
			continue
		}
		if err := dropPages(data); err != nil {
			return released, err
		}
		released += int64(len(data))
	}
	return released, nil
}
