package pdfdoc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/ingest/format"
)

// errCrashed marks pdftotext or pdfinfo dying from a signal: a bug of the
// program that the input may or may not have caused.
var errCrashed = errors.New("crashed")

// poppler reads the PDF with pdfinfo and pdftotext -layout.
//
// Layout mode, not the default reading-order mode: on a two-column page
// the default mode interleaved a short column top with the other column's
// headings, and it reads tables cell by cell; layout mode keeps each line
// of the page whole, and parseLayout splits columns at their gutter.
func (r *Reader) poppler(ctx context.Context, path string, in format.Input) ([]string, meta, error) {
	var m meta
	if r.pdfinfo != "" {
		out, err := runTool(ctx, in.Limits.Timeout, 1<<20, r.pdfinfo, "-isodates", "-enc", "UTF-8", path)
		if err != nil {
			return nil, meta{}, err
		}
		m = parseInfo(string(out))
		if in.Limits.MaxPages > 0 && m.Pages > in.Limits.MaxPages {
			return nil, m, format.Reject(format.ErrTooLarge, "%d pages, limit %d", m.Pages, in.Limits.MaxPages)
		}
		if m.Pages == 0 {
			return nil, m, format.Reject(format.ErrCorrupt, "no pages")
		}
	}
	args := []string{"-layout", "-enc", "UTF-8", "-eol", "unix"}
	if in.Limits.MaxPages > 0 {
		args = append(args, "-l", strconv.Itoa(in.Limits.MaxPages+1))
	}
	args = append(args, path, "-")
	limit := int64(0)
	if in.Limits.MaxTextBytes > 0 {
		limit = in.Limits.MaxTextBytes*4 + 1<<20 // layout pads lines with spaces
	}
	out, err := runTool(ctx, in.Limits.Timeout, limit, r.pdftotext, args...)
	if err != nil {
		return nil, m, err
	}
	return splitPages(string(out), m.Pages), m, nil
}

// workDir is a temporary directory for one Read, made on first use: the
// PDF written out for the programs, and the page images OCR renders.
type workDir struct {
	dir string
	pdf string
}

// pdfPath writes data to the work directory, once, and returns its path.
func (w *workDir) pdfPath(data []byte) (string, error) {
	if w.pdf != "" {
		return w.pdf, nil
	}
	if w.dir == "" {
		d, err := os.MkdirTemp("", "trawl-pdf-*")
		if err != nil {
			return "", fmt.Errorf("temp dir: %w", err)
		}
		w.dir = d
	}
	p := filepath.Join(w.dir, "in.pdf")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		return "", fmt.Errorf("temp file: %w", err)
	}
	w.pdf = p
	return p, nil
}

func (w *workDir) remove() {
	if w.dir != "" {
		os.RemoveAll(w.dir)
	}
}

// runTool runs a Poppler program and sorts its failures: a bad input
// gives a *format.RejectError, a fault of the machine a plain error.
func runTool(ctx context.Context, timeout time.Duration, limit int64, path string, args ...string) ([]byte, error) {
	out, msg, err := execTool(ctx, timeout, limit, nil, path, args...)
	var ee *exec.ExitError
	if err == nil || !errors.As(err, &ee) || !ee.Exited() {
		return out, err
	}
	name := path[strings.LastIndexByte(path, '/')+1:]
	switch code := ee.ExitCode(); {
	case strings.Contains(msg, "Incorrect password"):
		return nil, format.Reject(format.ErrEncrypted, "a password is needed to open it")
	case code == 3:
		return nil, format.Reject(format.ErrEncrypted, "its permissions forbid copying the text")
	case code == 1:
		if msg == "" {
			msg = "Poppler could not open it"
		}
		return nil, format.Reject(format.ErrCorrupt, "%s", msg)
	default:
		return nil, fmt.Errorf("%s: exit status %d%s", name, code, prefixed(msg))
	}
}

// execTool runs a program in a process group of its own, killed with its
// children when ctx ends, keeping at most limit bytes of its output (all
// when 0) and the first error lines of its stderr. Running over the
// deadline of ctx is a format.ErrTimeout rejection naming timeout; a crash
// wraps errCrashed; an exit status other than 0 is an *exec.ExitError,
// returned with the error lines, for the caller to sort.
func execTool(ctx context.Context, timeout time.Duration, limit int64, env []string, path string, args ...string) ([]byte, string, error) {
	cmd := exec.CommandContext(ctx, path, args...)
	ownGroup(cmd)
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	cmd.WaitDelay = 2 * time.Second
	stdout := &capped{limit: limit}
	var stderr capped
	stderr.limit = 64 << 10
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	err := cmd.Run()
	name := path[strings.LastIndexByte(path, '/')+1:]
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && timeout > 0 {
			return nil, "", format.Reject(format.ErrTimeout, "%s ran over %s", name, timeout)
		}
		return nil, "", ctx.Err()
	}
	if err == nil {
		return stdout.Bytes(), "", nil
	}
	msg := firstErrors(stderr.String())
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return nil, msg, fmt.Errorf("run %s: %w", name, err) // not found, not executable
	}
	if !ee.Exited() {
		return nil, msg, fmt.Errorf("%s %w (%v)%s", name, errCrashed, ee.ProcessState, prefixed(msg))
	}
	return nil, msg, err
}

func prefixed(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}

// firstErrors keeps the distinct error lines of Poppler's stderr, a few.
func firstErrors(s string) string {
	var keep []string
	seen := map[string]bool{}
	for l := range strings.Lines(s) {
		l = strings.TrimSpace(l)
		if l == "" || seen[l] || strings.Contains(l, "Illegal character") {
			continue
		}
		seen[l] = true
		keep = append(keep, l)
		if len(keep) == 3 {
			break
		}
	}
	return strings.Join(keep, "; ")
}

// capped keeps the first limit bytes written to it (all when limit is 0)
// and drops the rest, so a runaway program cannot fill memory.
type capped struct {
	bytes.Buffer
	limit int64
	over  bool
}

func (c *capped) Write(p []byte) (int, error) {
	if c.limit > 0 {
		room := c.limit - int64(c.Len())
		if room <= 0 {
			c.over = true
			return len(p), nil
		}
		if int64(len(p)) > room {
			c.over = true
			c.Buffer.Write(p[:room])
			return len(p), nil
		}
	}
	return c.Buffer.Write(p)
}

// parseInfo reads pdfinfo's "Key: value" lines.
func parseInfo(out string) meta {
	var m meta
	for l := range strings.Lines(out) {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "Title":
			m.Title = v
		case "Author":
			m.Author = v
		case "CreationDate":
			m.Created = v
		case "Pages":
			m.Pages, _ = strconv.Atoi(v)
		case "Encrypted":
			m.Encrypted = strings.HasPrefix(v, "yes")
		}
	}
	return m
}
