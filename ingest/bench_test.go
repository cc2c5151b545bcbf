package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

// variant returns a copy of a fixture's bytes made distinct by n, still a
// valid file of its format, so that every copy is read and parsed.
func variant(tb testing.TB, ext string, data []byte, n int) []byte {
	tag := fmt.Sprintf("variant %d", n)
	switch ext {
	case ".pdf":
		return append(append([]byte{}, data...), []byte("\n% "+tag+"\n")...) // after %%EOF: ignored
	case ".html":
		return append(append([]byte{}, data...), []byte("<!-- "+tag+" -->")...)
	case ".txt":
		return append(append([]byte{}, data...), []byte("\n\n"+tag+"\n")...)
	case ".docx":
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			tb.Fatal(err)
		}
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for _, f := range zr.File {
			r, err := f.Open()
			if err != nil {
				tb.Fatal(err)
			}
			b, _ := io.ReadAll(r)
			r.Close()
			if f.Name == "word/document.xml" {
				b = bytes.Replace(b, []byte("</w:body>"), []byte("<w:p><w:r><w:t>"+tag+"</w:t></w:r></w:p></w:body>"), 1)
			}
			w, _ := zw.Create(f.Name)
			w.Write(b)
		}
		zw.Close()
		return out.Bytes()
	}
	tb.Fatalf("no variant rule for %s", ext)
	return nil
}

// BenchmarkIngest measures the whole ingest of 100 distinct files per format
// (walk, hash, read, commit with fsync) into a fresh store, with the default
// readers; documents/s and MB/s are reported per format.
func BenchmarkIngest(b *testing.B) {
	fixtures := map[string][]string{
		".html": {"htmldoc/testdata/pages/*.html"},
		".pdf":  {"../testdata/corpus/board-papers/*.pdf", "pdfdoc/testdata/*.pdf"},
		".docx": {"../testdata/corpus/minutes/*.docx", "docxdoc/testdata/minutes.docx"},
		".txt":  {"../testdata/corpus/minutes/*.txt", "../testdata/eval/dev/docs/*.txt"},
	}
	for _, ext := range []string{".html", ".pdf", ".docx", ".txt"} {
		var srcs []string
		for _, g := range fixtures[ext] {
			m, _ := filepath.Glob(g)
			srcs = append(srcs, m...)
		}
		if len(srcs) == 0 {
			b.Logf("%s: no fixtures", ext)
			continue
		}
		b.Run(strings.TrimPrefix(ext, "."), func(b *testing.B) {
			dir := b.TempDir()
			var total int64
			const files = 100
			for i := range files {
				data, err := os.ReadFile(srcs[i%len(srcs)])
				if err != nil {
					b.Fatal(err)
				}
				v := variant(b, ext, data, i)
				total += int64(len(v))
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%03d%s", i, ext)), v, 0o644); err != nil {
					b.Fatal(err)
				}
			}
			reg := DefaultRegistry(RegistryOptions{})
			b.SetBytes(total)
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				st, err := corpus.Open(b.TempDir(), corpus.Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				s, err := New(st, reg, Options{}).Run(context.Background(), []string{dir})
				if err != nil || s.New != files {
					b.Fatalf("ingest: %+v, %v", s, err)
				}
			}
			b.ReportMetric(float64(files*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkNoChangeRun measures a second run over 2,000 unchanged files:
// stat and store look-ups only.
func BenchmarkNoChangeRun(b *testing.B) {
	dir := b.TempDir()
	for i := range 2000 {
		os.MkdirAll(filepath.Join(dir, fmt.Sprintf("d%d", i%20)), 0o755)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("d%d", i%20), fmt.Sprintf("f%d.txt", i)), []byte(fmt.Sprintf("Paper %d\n\nThe board noted the report.", i)), 0o644)
	}
	st, err := corpus.Open(b.TempDir(), corpus.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	reg := DefaultRegistry(RegistryOptions{})
	if _, err := New(st, reg, Options{}).Run(context.Background(), []string{dir}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s, err := New(st, reg, Options{}).Run(context.Background(), []string{dir})
		if err != nil || s.Read != 0 {
			b.Fatalf("%+v %v", s, err)
		}
	}
	b.ReportMetric(2000*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}
