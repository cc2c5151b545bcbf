// Command mkdocx writes the DOCX and text fixtures of the docxdoc and textdoc
// readers, and the bad DOCX inputs, so that they can be rebuilt and read as
// source. Run it from the module root:
//
//	go run ./internal/tools/mkdocx
//
// It writes:
//
//	testdata/corpus/minutes/        the demo's DOCX minutes and a text board paper with a sidecar
//	ingest/docxdoc/testdata/        minutes.docx, localised.docx, features.docx, encrypted.docx, legacy.doc
//	ingest/textdoc/testdata/        UTF-8, windows-1252, UTF-16 and CRLF Markdown fixtures
//	testdata/bad/                   zipbomb.docx, truncated.docx, notadocx.docx, empty.txt, binary.html
//
// Output is byte-for-byte reproducible: zip times are fixed and the random
// bytes come from a seeded generator.
package main

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"unicode/utf16"

	"archive/zip"
)

func main() {
	root := flag.String("root", ".", "module root to write under")
	bombMB := flag.Int("bomb-mb", 600, "decompressed size of zipbomb.docx in MiB (over the default 512 MiB limit)")
	flag.Parse()
	if err := run(*root, *bombMB); err != nil {
		fmt.Fprintln(os.Stderr, "mkdocx:", err)
		os.Exit(1)
	}
}

func run(root string, bombMB int) error {
	files := map[string]func() ([]byte, error){}
	docx := func(parts func() []part) func() ([]byte, error) {
		return func() ([]byte, error) { return zipParts(parts()) }
	}
	raw := func(b []byte) func() ([]byte, error) { return func() ([]byte, error) { return b, nil } }

	files["testdata/corpus/minutes/ashdown-board-minutes-2019-03-28.docx"] = docx(minutes)
	files["testdata/corpus/minutes/ashdown-epr-update-2019-05.txt"] = raw([]byte(boardPaperText))
	files["testdata/corpus/minutes/ashdown-epr-update-2019-05.meta.json"] = raw([]byte(boardPaperSidecar))

	files["ingest/docxdoc/testdata/minutes.docx"] = docx(minutes)
	files["ingest/docxdoc/testdata/localised.docx"] = docx(localised)
	files["ingest/docxdoc/testdata/features.docx"] = docx(features)
	files["ingest/docxdoc/testdata/encrypted.docx"] = raw(cfb("EncryptionInfo", "EncryptedPackage"))
	files["ingest/docxdoc/testdata/legacy.doc"] = raw(cfb("WordDocument", "1Table"))

	files["ingest/textdoc/testdata/board-paper.txt"] = raw([]byte(boardPaperText))
	files["ingest/textdoc/testdata/news-cp1252.txt"] = raw(cp1252(newsText))
	files["ingest/textdoc/testdata/notes-utf16.txt"] = raw(utf16LE(utf16Text))
	files["ingest/textdoc/testdata/update-crlf.md"] = raw(crlf(markdownText))

	files["testdata/bad/zipbomb.docx"] = func() ([]byte, error) { return zipBomb(int64(bombMB) << 20) }
	files["testdata/bad/truncated.docx"] = func() ([]byte, error) {
		b, err := zipParts(minutes())
		if err != nil {
			return nil, err
		}
		return b[:len(b)*2/3], nil
	}
	files["testdata/bad/notadocx.docx"] = func() ([]byte, error) {
		return zipParts([]part{
			{"[Content_Types].xml", contentTypes},
			{"_rels/.rels", rootRels},
			{"README.txt", "An archive that is not a Word document: it has no word/document.xml.\n"},
		})
	}
	files["testdata/bad/empty.txt"] = raw(nil)
	files["testdata/bad/binary.html"] = raw(randomBytes(4096))

	for name, make := range files {
		data, err := make()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		fmt.Printf("%9d %s\n", len(data), name)
	}
	return nil
}

// zipBomb is a .docx whose word/document.xml inflates to size bytes of
// white space inside an otherwise valid document: about 1,000:1.
func zipBomb(size int64) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, p := range []part{{"[Content_Types].xml", contentTypes}, {"_rels/.rels", rootRels}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			return nil, err
		}
		io.WriteString(w, p.data)
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, Modified: fixedTime})
	if err != nil {
		return nil, err
	}
	head := `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="` + nsW + `"><w:body><w:p><w:r><w:t>`
	tail := `</w:t></w:r></w:p></w:body></w:document>`
	io.WriteString(w, head)
	chunk := bytes.Repeat([]byte{' '}, 1<<20)
	for n := int64(len(head) + len(tail)); n < size; n += int64(len(chunk)) {
		c := chunk
		if rest := size - n; rest < int64(len(c)) {
			c = c[:rest]
		}
		if _, err := w.Write(c); err != nil {
			return nil, err
		}
	}
	io.WriteString(w, tail)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// cfb writes a minimal OLE compound file (version 3, 512-byte sectors) whose
// directory names the given streams, each empty: enough for a reader to tell
// an encrypted OOXML package (EncryptionInfo, EncryptedPackage) from a binary
// Word document (WordDocument).
func cfb(streams ...string) []byte {
	const sector = 512
	out := make([]byte, sector*3) // header, FAT (sector 0), directory (sector 1)
	h := out[:sector]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(h[0x18:], 0x003E) // minor version
	le.PutUint16(h[0x1A:], 0x0003) // major version 3
	le.PutUint16(h[0x1C:], 0xFFFE) // byte order
	le.PutUint16(h[0x1E:], 9)      // sector shift: 512
	le.PutUint16(h[0x20:], 6)      // mini sector shift: 64
	le.PutUint32(h[0x2C:], 1)      // FAT sectors
	le.PutUint32(h[0x30:], 1)      // first directory sector
	le.PutUint32(h[0x38:], 4096)   // mini stream cutoff
	le.PutUint32(h[0x3C:], 0xFFFFFFFE)
	le.PutUint32(h[0x44:], 0xFFFFFFFE)
	for i := 0; i < 109; i++ {
		le.PutUint32(h[0x4C+4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(h[0x4C:], 0) // DIFAT[0]: the FAT is sector 0
	fat := out[sector : 2*sector]
	for i := 0; i < sector/4; i++ {
		le.PutUint32(fat[4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(fat[0:], 0xFFFFFFFD) // sector 0 holds the FAT
	le.PutUint32(fat[4:], 0xFFFFFFFE) // sector 1, the directory, ends its chain
	dir := out[2*sector:]
	entry := func(i int, name string, typ byte, child uint32, right uint32) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[0x40:], uint16(2*(len(u)+1)))
		e[0x42] = typ
		e[0x43] = 1 // black
		le.PutUint32(e[0x44:], 0xFFFFFFFF)
		le.PutUint32(e[0x48:], right)
		le.PutUint32(e[0x4C:], child)
		le.PutUint32(e[0x74:], 0xFFFFFFFE)
	}
	entry(0, "Root Entry", 5, 1, 0xFFFFFFFF)
	for i, s := range streams {
		right := uint32(0xFFFFFFFF)
		if i+1 < len(streams) && i+2 < 4 {
			right = uint32(i + 2)
		}
		entry(i+1, s, 2, 0xFFFFFFFF, right)
	}
	return out
}

// randomBytes is n bytes of seeded noise: a binary file with a text name.
func randomBytes(n int) []byte {
	rng := rand.New(rand.NewPCG(2, 3))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	return b
}
