package fetch

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/nhs-trawl/trawl/ingest"
)

// indexDir is the folder, inside a source's cache folder, holding its feeds
// and pages; ingest skips it, as it skips every hidden folder.
const indexDir = ".index"

// cachePath is where the document at rawURL, of extension ext, is cached
// under the source folder dir: dir/<host>/<name>-<hash>.<ext>. The name
// comes from the URL's last path segment and the hash from the whole URL,
// so that it is stable and distinct.
func cachePath(dir, rawURL, ext string) string {
	u, err := url.Parse(rawURL)
	host, p := "unknown-host", rawURL
	if err == nil {
		host, p = hostDir(u.Host), u.Path
	}
	base := path.Base(p)
	base = strings.TrimSuffix(base, path.Ext(base))
	sum := sha256.Sum256([]byte(rawURL))
	return filepath.Join(dir, host, slug(base, 60)+"-"+hex.EncodeToString(sum[:4])+ext)
}

// hostDir names a host's folder: lower case, the port after "_".
func hostDir(host string) string {
	h := slug(strings.ReplaceAll(strings.ToLower(host), ":", "_"), 100)
	if h == "index" {
		return "unknown-host"
	}
	return h
}

// slug keeps letters, digits, '.', '_' and '-' of s (others become '-'), at
// most max bytes, never empty and never hidden.
func slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
		if !ok {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
			continue
		}
		b.WriteRune(r)
		dash = r == '-'
		if b.Len() >= max {
			break
		}
	}
	out := strings.Trim(b.String(), "-.")
	if out == "" {
		out = "index"
	}
	return out
}

// writeAtomic writes data to path through a temporary file in the same
// folder, synced and renamed, so that path is never half-written.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// sameFile reports whether path holds exactly data.
func sameFile(path string, data []byte) bool {
	fi, err := os.Stat(path)
	if err != nil || fi.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(path)
	return err == nil && bytes.Equal(old, data)
}

func sidecarPath(doc string) string { return doc + ingest.SidecarSuffix }

// readSidecar reads the sidecar beside doc; nil when there is none or it
// cannot be read (it is then rewritten).
func readSidecar(doc string) *ingest.Sidecar {
	b, err := os.ReadFile(sidecarPath(doc))
	if err != nil {
		return nil
	}
	sc, err := ingest.ReadSidecar(b)
	if err != nil {
		return nil
	}
	return sc
}

// writeSidecar writes sc beside doc, deterministically (fields in a fixed
// order, indented).
func writeSidecar(doc string, sc *ingest.Sidecar) error {
	b, err := json.MarshalIndent(sc, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(sidecarPath(doc), append(b, '\n'))
}

// removeCached deletes a cached document and its sidecar.
func removeCached(doc string) error {
	var errs []error
	for _, p := range []string{sidecarPath(doc), doc} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// describeSame reports whether two sidecars say the same about a document,
// ignoring provenance that changes without the document changing (the fetch
// time and the HTTP validators).
func describeSame(a, b *ingest.Sidecar) bool {
	if a == nil || b == nil {
		return a == b
	}
	x, y := *a, *b
	for _, s := range []*ingest.Sidecar{&x, &y} {
		s.FetchedAt, s.HTTPETag, s.HTTPLastModified = "", "", ""
	}
	bx, _ := json.Marshal(x)
	by, _ := json.Marshal(y)
	return bytes.Equal(bx, by)
}
