package docxdoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/nhs-trawl/trawl/ingest/format"
)

// Bounds on the archive itself, on top of format.Limits.
const (
	maxEntries    = 10000    // zip entries; a Word document has tens
	bombRatio     = 200      // an entry expanding more than this many times...
	bombMinSize   = 10 << 20 // ...to more than this many bytes is a bomb
	maxSmallPart  = 16 << 20 // rels, core.xml, styles.xml
	defaultExpand = 512 << 20
)

// errBudget is returned by a budgeted reader once the archive has expanded
// past its limit.
var errBudget = errors.New("expanded size limit reached")

// pkg is an opened .docx package with a shared budget of bytes to expand.
type pkg struct {
	files map[string]*zip.File // by lower-case part name
	left  int64                // bytes that may still be decompressed
	limit int64
}

// openPackage checks the archive's shape before any entry is inflated.
func openPackage(data []byte, maxExpanded int64) (*pkg, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		if !bytes.HasPrefix(data, []byte("PK")) {
			return nil, format.Reject(format.ErrCorrupt, "not a zip archive (a .docx is a zip of XML parts)")
		}
		return nil, format.Reject(format.ErrCorrupt, "zip archive: %v (truncated download?)", err)
	}
	if n := len(zr.File); n > maxEntries {
		return nil, format.Reject(format.ErrTooLarge, "%d zip entries, limit %d", n, maxEntries)
	}
	if maxExpanded <= 0 {
		maxExpanded = defaultExpand
	}
	p := &pkg{files: make(map[string]*zip.File, len(zr.File)), left: maxExpanded, limit: maxExpanded}
	for _, f := range zr.File {
		usize, csize := f.UncompressedSize64, f.CompressedSize64
		if usize > bombMinSize && (csize == 0 || usize/bombRatio > csize) {
			return nil, format.Reject(format.ErrTooLarge, "zip entry %s expands %d bytes to %d (over %d:1, a zip bomb)", f.Name, csize, usize, bombRatio)
		}
		name := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if _, dup := p.files[name]; !dup { // OPC part names are unique; keep the first
			p.files[name] = f
		}
	}
	return p, nil
}

// has reports whether the package holds a part.
func (p *pkg) has(name string) bool {
	_, ok := p.files[strings.ToLower(name)]
	return ok
}

// open returns a reader of a part that counts what it inflates against the
// package's budget, whatever the zip headers claim.
func (p *pkg) open(name string) (io.ReadCloser, error) {
	f, ok := p.files[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, errMissing)
	}
	if f.Flags&0x1 != 0 {
		return nil, format.Reject(format.ErrEncrypted, "zip entry %s is encrypted", f.Name)
	}
	if int64(f.UncompressedSize64) > p.left && f.UncompressedSize64 > 0 {
		return nil, format.Reject(format.ErrTooLarge, "zip entry %s expands to %d bytes, over the %d-byte limit", f.Name, f.UncompressedSize64, p.limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, format.Reject(format.ErrCorrupt, "zip entry %s: %v", f.Name, err)
	}
	return &budgeted{rc: rc, p: p}, nil
}

var errMissing = errors.New("part missing")

type budgeted struct {
	rc io.ReadCloser
	p  *pkg
}

func (b *budgeted) Read(buf []byte) (int, error) {
	if b.p.left <= 0 {
		return 0, errBudget
	}
	if int64(len(buf)) > b.p.left {
		buf = buf[:b.p.left]
	}
	n, err := b.rc.Read(buf)
	b.p.left -= int64(n)
	return n, err
}

func (b *budgeted) Close() error { return b.rc.Close() }

// readErr turns an error met while reading a part into a rejection.
func (p *pkg) readErr(part string, err error) error {
	var rej *format.RejectError
	switch {
	case errors.As(err, &rej):
		return err
	case errors.Is(err, errBudget):
		return format.Reject(format.ErrTooLarge, "archive expands past %d bytes (reading %s)", p.limit, part)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat):
		return format.Reject(format.ErrCorrupt, "%s: %v", part, err)
	}
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return format.Reject(format.ErrCorrupt, "%s: %v", part, err)
	}
	// flate.CorruptInputError and friends
	return format.Reject(format.ErrCorrupt, "%s: %v", part, err)
}

// relationship is one <Relationship> of a .rels part.
type relationship struct {
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

// rels reads the relationships of a part ("" for the package) and returns
// the internal targets by the last segment of their type ("officeDocument",
// "styles", "core-properties"), resolved to part names. A missing or broken
// .rels part gives an empty map: the caller falls back to the usual names.
func (p *pkg) rels(source string) map[string]string {
	dir, file := path.Split(source)
	relsName := path.Join(dir, "_rels", file+".rels")
	out := map[string]string{}
	rc, err := p.open(relsName)
	if err != nil {
		return out
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, maxSmallPart))
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		var rel relationship
		if dec.DecodeElement(&rel, &se) != nil {
			return out
		}
		if strings.EqualFold(rel.Mode, "External") || rel.Target == "" {
			continue
		}
		typ := rel.Type[strings.LastIndexByte(rel.Type, '/')+1:]
		target := rel.Target
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		if _, seen := out[typ]; !seen {
			out[typ] = target
		}
	}
}
