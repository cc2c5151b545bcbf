package config

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/fetch"
)

// Config is trawl's configuration.
type Config struct {
	Fetch   Fetch    `toml:"fetch"`
	Sources []Source `toml:"sources"`
}

// Fetch is how trawl fetches: the [fetch] table.
type Fetch struct {
	UserAgent    string        `toml:"user_agent"`    // identifies trawl to servers
	Rate         float64       `toml:"rate"`          // requests per second per host
	Timeout      time.Duration `toml:"timeout"`       // per request, body included ("30s")
	MaxBytes     ByteSize      `toml:"max_bytes"`     // larger bodies are failures ("100MB")
	MaxRedirects int           `toml:"max_redirects"` // redirects followed per request
	Retries      int           `toml:"retries"`       // retries after a 5xx, 429 or timeout
}

// Source is one [[sources]] entry.
type Source struct {
	Name      string `toml:"name"`                // unique; names the cache folder and the documents' source
	Type      string `toml:"type"`                // folder, feed or page
	Kind      string `toml:"kind,omitempty"`      // news, board-paper or report ("" for a folder: detect)
	Path      string `toml:"path,omitempty"`      // folder sources
	URL       string `toml:"url,omitempty"`       // feed and page sources
	Pattern   string `toml:"pattern,omitempty"`   // page sources: links to follow (a Go regexp on the absolute URL)
	SameHost  *bool  `toml:"same_host,omitempty"` // page sources: follow links to the page's host only
	Publisher string `toml:"publisher,omitempty"` // the outlet or publisher recorded with each document
	Trust     string `toml:"trust,omitempty"`     // the ODS code of the trust whose papers these are
	Enabled   *bool  `toml:"enabled,omitempty"`   // default true
}

// Source types.
const (
	TypeFolder = "folder"
	TypeFeed   = "feed"
	TypePage   = "page"
)

// DefaultPattern is the links a page source follows unless it says
// otherwise: PDF, DOCX and HTML documents.
const DefaultPattern = `(?i)\.(pdf|docx|html?)([?#]|$)`

// DefaultUserAgent is "trawl/VERSION (+https://github.com/nhs-trawl/trawl)".
func DefaultUserAgent() string {
	v := "dev"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "trawl/" + v + " (+https://github.com/nhs-trawl/trawl)"
}

// DefaultConfig returns the configuration used when no file says otherwise:
// polite fetching and no sources.
func DefaultConfig() Config {
	return Config{Fetch: Fetch{
		UserAgent:    DefaultUserAgent(),
		Rate:         1,
		Timeout:      30 * time.Second,
		MaxBytes:     100 << 20,
		MaxRedirects: 5,
		Retries:      3,
	}}
}

// ParseConfig reads a TOML configuration over the defaults. Unknown keys and
// malformed values are errors naming the key; the result still needs
// Validate.
func ParseConfig(r io.Reader) (Config, error) {
	c := DefaultConfig()
	md, err := toml.NewDecoder(r).Decode(&c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			if pe.LastKey != "" {
				return c, &FieldError{Field: pe.LastKey, Err: fmt.Errorf("line %d: %s", pe.Position.Line, pe.Message)}
			}
			return c, fmt.Errorf("config: line %d: %s", pe.Position.Line, pe.Message)
		}
		return c, fmt.Errorf("config: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		var errs []error
		for _, k := range und {
			errs = append(errs, &FieldError{Field: unknownField(k), Err: fmt.Errorf("unknown key (%s)", knownKeys(k))})
		}
		return c, errors.Join(errs...)
	}
	c.applyDefaults()
	return c, nil
}

// Load reads and parses the file at path. Relative folder paths in it are
// taken relative to the file's folder, and made absolute.
func Load(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	c, err := ParseConfig(f)
	if err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	for i := range c.Sources {
		if p := c.Sources[i].Path; p != "" && !filepath.IsAbs(p) && !strings.HasPrefix(p, "~") {
			c.Sources[i].Path = filepath.Join(dir, p)
		}
	}
	return c, nil
}

// unknownField names an undecoded key: sources.urll, fetch.ratee.
func unknownField(k toml.Key) string { return strings.Join(k, ".") }

func knownKeys(k toml.Key) string {
	switch {
	case len(k) > 1 && k[0] == "fetch":
		return "[fetch] takes user_agent, rate, timeout, max_bytes, max_redirects, retries"
	case len(k) > 1 && k[0] == "sources":
		return "[[sources]] take name, type, kind, path, url, pattern, same_host, publisher, trust, enabled"
	}
	return "the file takes [fetch] and [[sources]]"
}

// applyDefaults fills what a source leaves out.
func (c *Config) applyDefaults() {
	for i := range c.Sources {
		s := &c.Sources[i]
		if s.Enabled == nil {
			s.Enabled = boolPtr(true)
		}
		if s.Kind == "" {
			switch s.Type {
			case TypeFeed:
				s.Kind = string(corpus.KindNews)
			case TypePage:
				s.Kind = string(corpus.KindBoardPaper)
			}
		}
		if s.Type == TypePage {
			if s.Pattern == "" {
				s.Pattern = DefaultPattern
			}
			if s.SameHost == nil {
				s.SameHost = boolPtr(true)
			}
		}
	}
}

func boolPtr(b bool) *bool { return &b }

// FieldError is a bad value, named by its field: "sources[2].url".
type FieldError struct {
	Field string
	Err   error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

var (
	nameRE  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	trustRE = regexp.MustCompile(`^[A-Z0-9]{3,5}$`)
)

// Validate checks the configuration. It returns every problem found, each a
// *FieldError naming its field, joined.
func (c Config) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Err: fmt.Errorf(format, args...)})
	}
	f := c.Fetch
	switch {
	case strings.TrimSpace(f.UserAgent) == "":
		bad("fetch.user_agent", "empty: want a name and a contact, such as %q", DefaultUserAgent())
	case strings.ContainsAny(f.UserAgent, "\r\n\t\x00"):
		bad("fetch.user_agent", "%q holds a control character", f.UserAgent)
	}
	if !(f.Rate > 0 && f.Rate <= 100) {
		bad("fetch.rate", "%g: want requests per second per host, more than 0 and at most 100 (default 1)", f.Rate)
	}
	if f.Timeout <= 0 {
		bad("fetch.timeout", "%s: want a positive duration such as \"30s\"", f.Timeout)
	}
	if f.MaxBytes <= 0 {
		bad("fetch.max_bytes", "%d: want a positive size such as \"100MB\"", int64(f.MaxBytes))
	}
	if f.MaxRedirects < 0 || f.MaxRedirects > 30 {
		bad("fetch.max_redirects", "%d: want 0 to 30 (default 5)", f.MaxRedirects)
	}
	if f.Retries < 0 || f.Retries > 10 {
		bad("fetch.retries", "%d: want 0 to 10 (default 3)", f.Retries)
	}

	names := map[string]int{}
	for i, s := range c.Sources {
		field := func(name string) string { return fmt.Sprintf("sources[%d].%s", i, name) }
		switch {
		case s.Name == "":
			bad(field("name"), "missing: every source needs a name (letters, digits, '.', '_' or '-')")
		case !nameRE.MatchString(s.Name):
			bad(field("name"), "%q: want letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64", s.Name)
		default:
			if j, dup := names[s.Name]; dup {
				bad(field("name"), "%q is the name of sources[%d] too: names must be unique", s.Name, j)
			} else {
				names[s.Name] = i
			}
		}
		if s.Kind != "" {
			if _, err := corpus.ParseKind(s.Kind); err != nil {
				bad(field("kind"), "%q: want news, board-paper or report", s.Kind)
			}
		}
		switch s.Type {
		case TypeFolder:
			if s.Path == "" {
				bad(field("path"), "missing: a folder source needs the path of its folder")
			}
			if s.URL != "" {
				bad(field("url"), "a folder source takes a path, not a url")
			}
		case TypeFeed, TypePage:
			if s.URL == "" {
				bad(field("url"), "missing: a %s source needs the http(s) URL of its %s", s.Type, map[string]string{TypeFeed: "RSS or Atom feed", TypePage: "page"}[s.Type])
			} else if err := checkURL(s.URL); err != nil {
				bad(field("url"), "%q: %v", s.URL, err)
			}
			if s.Path != "" {
				bad(field("path"), "a %s source takes a url, not a path", s.Type)
			}
		case "":
			bad(field("type"), "missing: want folder, feed or page")
		default:
			bad(field("type"), "%q: want folder, feed or page", s.Type)
		}
		if s.Pattern != "" {
			if s.Type != TypePage && s.Type != "" {
				bad(field("pattern"), "only page sources follow links")
			} else if _, err := regexp.Compile(s.Pattern); err != nil {
				bad(field("pattern"), "%q: %v", s.Pattern, err)
			}
		}
		if s.Trust != "" && !trustRE.MatchString(s.Trust) {
			bad(field("trust"), "%q: want an ODS code, 3 to 5 capital letters or digits such as \"RAL\"", s.Trust)
		}
	}
	return errors.Join(errs...)
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return errors.New("not a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return errors.New("want an http or https URL")
	}
	if u.Host == "" {
		return errors.New("no host")
	}
	return nil
}

// IsEnabled reports whether a source runs when none is named.
func (s Source) IsEnabled() bool { return s.Enabled == nil || *s.Enabled }

// WriteTOML writes the configuration as TOML.
func (c Config) WriteTOML(w io.Writer) error {
	return toml.NewEncoder(w).Encode(c)
}

// Env lists the environment variables ApplyEnv reads.
var Env = []string{"TRAWL_USER_AGENT", "TRAWL_FETCH_RATE", "TRAWL_FETCH_TIMEOUT", "TRAWL_FETCH_MAX_BYTES", "TRAWL_FETCH_MAX_REDIRECTS", "TRAWL_FETCH_RETRIES"}

// ApplyEnv lays the TRAWL_* variables of the environment (see Env) over c.
// lookup is os.LookupEnv in production.
func (c *Config) ApplyEnv(lookup func(string) (string, bool)) error {
	var errs []error
	for _, name := range Env {
		v, ok := lookup(name)
		if !ok || v == "" {
			continue
		}
		var err error
		switch name {
		case "TRAWL_USER_AGENT":
			c.Fetch.UserAgent = v
		case "TRAWL_FETCH_RATE":
			c.Fetch.Rate, err = strconv.ParseFloat(v, 64)
		case "TRAWL_FETCH_TIMEOUT":
			c.Fetch.Timeout, err = time.ParseDuration(v)
		case "TRAWL_FETCH_MAX_BYTES":
			var n int64
			n, err = ParseSize(v)
			c.Fetch.MaxBytes = ByteSize(n)
		case "TRAWL_FETCH_MAX_REDIRECTS":
			c.Fetch.MaxRedirects, err = strconv.Atoi(v)
		case "TRAWL_FETCH_RETRIES":
			c.Fetch.Retries, err = strconv.Atoi(v)
		}
		if err != nil {
			errs = append(errs, &FieldError{Field: "$" + name, Err: fmt.Errorf("%q: %w", v, unwrapNum(err))})
		}
	}
	return errors.Join(errs...)
}

func unwrapNum(err error) error {
	var ne *strconv.NumError
	if errors.As(err, &ne) {
		return ne.Err
	}
	return err
}

// FetchConfig turns a valid configuration into what fetch.Run runs: the
// settings and every source (enabled or not; fetch.Run picks).
func (c Config) FetchConfig() (fetch.Config, error) {
	if err := c.Validate(); err != nil {
		return fetch.Config{}, err
	}
	fc := fetch.Config{Options: fetch.Options{Settings: fetch.Settings{
		UserAgent:    c.Fetch.UserAgent,
		Rate:         c.Fetch.Rate,
		Timeout:      c.Fetch.Timeout,
		MaxBytes:     int64(c.Fetch.MaxBytes),
		MaxRedirects: c.Fetch.MaxRedirects,
		Retries:      c.Fetch.Retries,
	}}}
	for _, s := range c.Sources {
		fs := fetch.Source{
			Name: s.Name, Type: fetch.SourceType(s.Type), Kind: corpus.Kind(s.Kind),
			Path: s.Path, URL: s.URL, Publisher: s.Publisher, Trust: s.Trust,
			SameHost: s.SameHost == nil || *s.SameHost, Enabled: s.IsEnabled(),
		}
		if s.Pattern != "" {
			fs.Pattern = regexp.MustCompile(s.Pattern) // checked by Validate
		}
		fc.Sources = append(fc.Sources, fs)
	}
	return fc, nil
}
