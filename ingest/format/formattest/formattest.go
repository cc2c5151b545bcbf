// Package formattest is the contract every format.Reader must pass.
package formattest

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// Good is an input the reader must accept.
type Good struct {
	Name string
	Data []byte
}

// Contract checks r against the rules of format.Reader using good inputs it
// must read and derived bad ones it must reject or survive:
//   - an empty input is rejected with format.ErrEmpty;
//   - an input over Limits.MaxFileBytes is rejected with format.ErrTooLarge;
//   - good inputs give a document that validates, with UTF-8 text, a format
//     and a reader name, and the same document twice (determinism);
//   - truncated and corrupted copies of good inputs never panic and give
//     either a valid document or a *format.RejectError;
//   - a cancelled context stops the read with an error.
func Contract(t *testing.T, r format.Reader, ext string, goods []Good) {
	t.Helper()
	if r.Name() == "" || !strings.Contains(r.Name(), "/") {
		t.Errorf("Name() = %q; want name/version", r.Name())
	}
	read := func(data []byte, lim format.Limits) (*corpus.Document, error) {
		in := format.Input{Path: "contract" + ext, Data: data, ModTime: time.Unix(1e9, 0), Limits: lim}
		return r.Read(context.Background(), in)
	}
	t.Run("empty", func(t *testing.T) {
		_, err := read(nil, format.DefaultLimits())
		if !errors.Is(err, format.ErrEmpty) {
			t.Errorf("Read(empty) error = %v; want ErrEmpty", err)
		}
	})
	for _, g := range goods {
		t.Run(g.Name, func(t *testing.T) {
			lim := format.DefaultLimits()
			d1, err := read(g.Data, lim)
			if err != nil {
				t.Fatalf("Read(%s) error = %v", g.Name, err)
			}
			checkDoc(t, d1)
			d2, err := read(g.Data, lim)
			if err != nil {
				t.Fatalf("second Read(%s) error = %v", g.Name, err)
			}
			if !reflect.DeepEqual(d1, d2) {
				t.Errorf("Read(%s) is not deterministic", g.Name)
			}

			small := lim
			small.MaxFileBytes = int64(len(g.Data) - 1)
			if _, err := read(g.Data, small); !errors.Is(err, format.ErrTooLarge) {
				t.Errorf("Read(%s) over MaxFileBytes error = %v; want ErrTooLarge", g.Name, err)
			}

			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			in := format.Input{Path: "contract" + ext, Data: g.Data, Limits: lim}
			if _, err := r.Read(ctx, in); err == nil {
				t.Errorf("Read(%s) with a cancelled context succeeded; want an error", g.Name)
			}

			for _, cut := range []int{1, len(g.Data) / 3, len(g.Data) / 2, len(g.Data) - 1} {
				if cut <= 0 || cut >= len(g.Data) {
					continue
				}
				survive(t, "truncated", func() (*corpus.Document, error) { return read(g.Data[:cut], lim) })
			}
			bad := append([]byte(nil), g.Data...)
			for i := len(bad) / 7; i < len(bad); i += len(bad)/13 + 1 {
				bad[i] ^= 0x5a
			}
			survive(t, "corrupted", func() (*corpus.Document, error) { return read(bad, lim) })
		})
	}
}

func survive(t *testing.T, what string, f func() (*corpus.Document, error)) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("Read(%s) panicked: %v", what, p)
		}
	}()
	d, err := f()
	if err != nil {
		return // rejected, or a machine fault: both are fine here
	}
	checkDoc(t, d)
}

func checkDoc(t *testing.T, d *corpus.Document) {
	t.Helper()
	if d == nil {
		t.Fatal("Read returned nil document and nil error")
	}
	c := *d
	c.ID = strings.Repeat("0", 64)
	if c.Kind == "" {
		c.Kind = corpus.KindReport
	}
	if err := c.Validate(); err != nil {
		t.Errorf("document does not validate: %v", err)
	}
	if c.Format == "" || c.Reader == "" {
		t.Errorf("document format %q, reader %q; want both set", c.Format, c.Reader)
	}
	if !utf8.ValidString(c.Text) {
		t.Errorf("document text is not valid UTF-8")
	}
}
