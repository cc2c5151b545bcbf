// Package format holds what every format reader shares: the Reader interface,
// its input and limits, rejection errors, a builder for clean text with
// structure, and the date parsing used for document metadata.
//
// Each format lives in its own package under ingest/ (htmldoc, pdfdoc,
// docxdoc, textdoc) and implements Reader; package ingest picks a reader per
// file and runs the pipeline.
package format

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

// Reader turns the raw bytes of one file into a document. It fills what the
// file itself says (format, title, outlet, authors, URL, published date and
// its source, language, text, pages, sections, and a kind when the file makes
// it plain) and leaves ID, Size and Sources to the caller.
//
// Read must not panic on any input, must honour ctx and in.Limits, and must
// return a *RejectError (see Reject) for input it cannot read.
type Reader interface {
	// Name is the reader's name and version, "pdf/1": a new version
	// re-reads what the old one read.
	Name() string
	Read(ctx context.Context, in Input) (*corpus.Document, error)
}

// Input is one file to read.
type Input struct {
	Path        string    // file path or URL, for messages and the extension
	Data        []byte    // the raw bytes
	ModTime     time.Time // file modification time, zero when unknown
	URL         string    // where it was fetched from, when it was
	ContentType string    // HTTP Content-Type, when fetched
	Limits      Limits
}

// Limits bound the work one file may cause.
type Limits struct {
	MaxFileBytes     int64         // raw input size
	MaxTextBytes     int64         // extracted text size
	MaxExpandedBytes int64         // bytes decompressed from an archive (DOCX)
	MaxPages         int           // PDF pages
	Timeout          time.Duration // per file, including subprocesses
}

// DefaultLimits are generous enough for a 1,000-page board pack.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:     256 << 20,
		MaxTextBytes:     64 << 20,
		MaxExpandedBytes: 512 << 20,
		MaxPages:         5000,
		Timeout:          2 * time.Minute,
	}
}

// Reasons a file is rejected. Wrap them with Reject so that errors.Is works
// and the message names the cause.
var (
	ErrEmpty     = errors.New("empty file")
	ErrTooLarge  = errors.New("over the size limit")
	ErrCorrupt   = errors.New("corrupt or truncated")
	ErrEncrypted = errors.New("encrypted")
	ErrNeedsOCR  = errors.New("no text layer; needs OCR")
	ErrNotFormat = errors.New("not the format its name says")
	ErrNoText    = errors.New("no text")
	ErrTimeout   = errors.New("timed out")
)

// RejectError says why an input was rejected.
type RejectError struct {
	Reason error  // one of the Err values above
	Detail string // what exactly, for a person
}

func (e *RejectError) Error() string {
	if e.Detail == "" {
		return e.Reason.Error()
	}
	return e.Reason.Error() + ": " + e.Detail
}

func (e *RejectError) Unwrap() error { return e.Reason }

// Reject returns a *RejectError for reason with a formatted detail.
func Reject(reason error, detailFormat string, args ...any) error {
	return &RejectError{Reason: reason, Detail: fmt.Sprintf(detailFormat, args...)}
}

// IsReject reports whether err says the input is bad (as opposed to a fault
// of the machine, such as a missing program or a full disk).
func IsReject(err error) bool {
	var r *RejectError
	return errors.As(err, &r)
}

// CheckSize rejects in when it is empty or over its limit.
func CheckSize(in Input) error {
	if len(in.Data) == 0 {
		return Reject(ErrEmpty, "0 bytes")
	}
	if in.Limits.MaxFileBytes > 0 && int64(len(in.Data)) > in.Limits.MaxFileBytes {
		return Reject(ErrTooLarge, "%d bytes, limit %d", len(in.Data), in.Limits.MaxFileBytes)
	}
	return nil
}
