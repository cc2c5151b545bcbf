package pdfdoc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/ingest/format"
)

// errCrashed marks a Poppler program dying from a signal: a bug of the
// program that the input may or may not have caused.
var errCrashed = errors.New("crashed")

// poppler reads the PDF with one run of pdftotext -layout -htmlmeta: the
// text of each page and, in the HTML head, the title, author and creation
// date. One process, not pdfinfo and then pdftotext: starting Poppler costs
// about as much as reading a board paper's few pages.
//
// Layout mode, not the default reading-order mode: on a two-column page
// the default mode interleaved a short column top with the other column's
// headings, and it reads tables cell by cell; layout mode keeps each line
// of the page whole, and parseLayout splits columns at their gutter.
//
// With a page limit pdftotext reads one page more than the limit, to see
// whether the PDF has more pages than that without reading them all.
func (r *Reader) poppler(ctx context.Context, path string, in format.Input) ([]string, meta, error) {
	args := []string{"-layout", "-htmlmeta", "-enc", "UTF-8", "-eol", "unix"}
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
		return nil, meta{}, err
	}
	m, text, ok := parseHTMLMeta(string(out))
	if !ok {
		if limit > 0 && int64(len(out)) >= limit {
			return nil, meta{}, format.Reject(format.ErrTooLarge, "its metadata runs over %d bytes", limit)
		}
		return nil, meta{}, fmt.Errorf("%s -htmlmeta printed no <pre> element: is it Poppler's pdftotext?", r.pdftotext)
	}
	raw := htmlPages(text)
	m.Pages = len(raw)
	if in.Limits.MaxPages > 0 && m.Pages > in.Limits.MaxPages {
		return nil, m, format.Reject(format.ErrTooLarge, "more than %d pages, limit %d", in.Limits.MaxPages, in.Limits.MaxPages)
	}
	if m.Pages == 0 {
		return nil, m, format.Reject(format.ErrCorrupt, "no pages")
	}
	return raw, m, nil
}

// The fixed parts of the output of pdftotext -htmlmeta around the text.
const (
	htmlPre = "<pre>\n"
	htmlEnd = "</pre>\n</body>\n</html>\n"
)

// parseHTMLMeta splits the output of pdftotext -htmlmeta into what its head
// says about the PDF and the text of its <pre> element. ok is false when
// there is no <pre>.
//
// The head's values are HTML-escaped (&amp; &lt; &gt; &quot; &apos;), so
// the first "<pre>" line is the text's and the first closing quote ends a
// value; dates are ISO 8601, as pdfinfo -isodates prints them, and left
// out when Poppler cannot read them. The text is NOT escaped: pdftotext
// writes it as it writes plain text, and "&amp;" in it is the PDF's own.
func parseHTMLMeta(out string) (m meta, text string, ok bool) {
	i := strings.Index(out, htmlPre)
	if i < 0 {
		return meta{}, "", false
	}
	head := out[:i]
	for _, f := range []struct {
		open, close string
		dst         *string
	}{
		{"\n<title>", "</title>\n", &m.Title},
		{"\n<meta name=\"Author\" content=\"", "\"/>\n", &m.Author},
		{"\n<meta name=\"CreationDate\" content=\"", "\"/>\n", &m.Created},
	} {
		if _, v, ok := strings.Cut(head, f.open); ok {
			if v, _, ok := strings.Cut(v, f.close); ok {
				*f.dst = strings.TrimSpace(strings.ToValidUTF8(html.UnescapeString(v), "\uFFFD"))
			}
		}
	}
	return m, out[i+len(htmlPre):], true
}

// htmlPages splits the <pre> text of pdftotext -htmlmeta into the text of
// each page. A form feed ends every page, an empty one too. Text after the
// last form feed is a page the output cap cut short, unless it is the start
// of the closing tags.
func htmlPages(text string) []string {
	text, closed := strings.CutSuffix(text, htmlEnd)
	raw := strings.Split(strings.ToValidUTF8(text, "\uFFFD"), "\f")
	rest := raw[len(raw)-1]
	raw = raw[:len(raw)-1]
	if rest != "" && (closed || !strings.HasPrefix(htmlEnd, rest)) {
		raw = append(raw, rest)
	}
	return raw
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
	case strings.Contains(msg, "Wrong page range") && strings.Contains(msg, "last page (0)"):
		// pdftotext, asked for pages 1 to the last, found none (status 99).
		return nil, format.Reject(format.ErrCorrupt, "no pages")
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

// firstErrors keeps the distinct error lines of Poppler's stderr, a few,
// those saying why the program gave up ("Command Line Error: Incorrect
// password") first: a broken PDF can print many syntax errors before them.
func firstErrors(s string) string {
	var fatal, other []string
	seen := map[string]bool{}
	for l := range strings.Lines(s) {
		l = strings.TrimSpace(l)
		if l == "" || seen[l] || strings.Contains(l, "Illegal character") {
			continue
		}
		seen[l] = true
		if strings.HasPrefix(l, "Command Line Error") {
			fatal = append(fatal, l)
		} else {
			other = append(other, l)
		}
	}
	keep := append(fatal, other...)
	return strings.Join(keep[:min(len(keep), 3)], "; ")
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
