package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/ingest/fetch"
)

const valid = `
[fetch]
user_agent = "trawl/1.0 (+mailto:newsdesk@example.org)"
rate = 0.5
timeout = "45s"
max_bytes = "20MB"
max_redirects = 3
retries = 2

[[sources]]
name = "digitalhealth"
type = "feed"
url = "https://www.digitalhealth.net/feed/"
publisher = "Digital Health"

[[sources]]
name = "royal-free-board"
type = "page"
url = "https://www.royalfree.nhs.uk/about-us/our-board/board-meetings"
pattern = '(?i)/board-papers/.*\.(pdf|docx)$'
same_host = false
publisher = "Royal Free London NHS Foundation Trust"
trust = "RAL"

[[sources]]
name = "local-papers"
type = "folder"
path = "/srv/papers"
kind = "report"
enabled = false
`

func TestParseValid(t *testing.T) {
	c, err := ParseConfig(strings.NewReader(valid))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	f := c.Fetch
	if f.UserAgent != "trawl/1.0 (+mailto:newsdesk@example.org)" || f.Rate != 0.5 || f.Timeout != 45*time.Second || f.MaxBytes != 20<<20 || f.MaxRedirects != 3 || f.Retries != 2 {
		t.Errorf("fetch = %+v", f)
	}
	if len(c.Sources) != 3 {
		t.Fatalf("%d sources; want 3", len(c.Sources))
	}
	feed, page, folder := c.Sources[0], c.Sources[1], c.Sources[2]
	if feed.Kind != "news" || !feed.IsEnabled() || feed.Pattern != "" || feed.SameHost != nil {
		t.Errorf("feed defaults: %+v", feed)
	}
	if page.Kind != "board-paper" || *page.SameHost || page.Trust != "RAL" {
		t.Errorf("page: %+v", page)
	}
	if folder.Kind != "report" || folder.IsEnabled() {
		t.Errorf("folder: %+v", folder)
	}
	fc, err := c.FetchConfig()
	if err != nil {
		t.Fatal(err)
	}
	if fc.Rate != 0.5 || fc.MaxBytes != 20<<20 || len(fc.Sources) != 3 || fc.Sources[1].Type != fetch.TypePage || fc.Sources[1].SameHost ||
		!fc.Sources[1].Pattern.MatchString("https://x/board-papers/2024/a.PDF") || fc.Sources[0].SameHost != true || fc.Sources[2].Enabled {
		t.Errorf("FetchConfig() = %+v", fc)
	}

	// The effective config printed is read back the same.
	var buf bytes.Buffer
	if err := c.WriteTOML(&buf); err != nil {
		t.Fatal(err)
	}
	printed := buf.String()
	back, err := ParseConfig(strings.NewReader(printed))
	if err != nil {
		t.Fatalf("re-reading the printed config: %v\n%s", err, buf.String())
	}
	var again bytes.Buffer
	back.WriteTOML(&again)
	if again.String() != printed {
		t.Errorf("printed config does not round-trip:\n%s\nthen\n%s", printed, again.String())
	}
	if !strings.Contains(printed, `max_bytes = "20MB"`) || !strings.Contains(printed, `timeout = "45s"`) {
		t.Errorf("printed config:\n%s", printed)
	}
}

func TestDefaults(t *testing.T) {
	c, err := ParseConfig(strings.NewReader("[[sources]]\nname = \"p\"\ntype = \"page\"\nurl = \"https://t.nhs.uk/board\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	d := DefaultConfig()
	if c.Fetch != d.Fetch || d.Fetch.Rate != 1 || d.Fetch.MaxRedirects != 5 || d.Fetch.Retries != 3 || !strings.HasPrefix(d.Fetch.UserAgent, "trawl/") || !strings.Contains(d.Fetch.UserAgent, "+https://") {
		t.Errorf("defaults %+v", c.Fetch)
	}
	s := c.Sources[0]
	if s.Pattern != DefaultPattern || s.SameHost == nil || !*s.SameHost || s.Kind != "board-paper" || !s.IsEnabled() {
		t.Errorf("page defaults %+v", s)
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Errorf("DefaultConfig().Validate() = %v", err)
	}
}

func TestInvalid(t *testing.T) {
	src := func(body string) string { return "[[sources]]\n" + body }
	feed := "name = \"f\"\ntype = \"feed\"\nurl = \"https://n.example/feed\"\n"
	for _, tt := range []struct {
		name, toml, field, msg string
	}{
		{"empty user agent", "[fetch]\nuser_agent = \" \"", "fetch.user_agent", "empty"},
		{"user agent with newline", "[fetch]\nuser_agent = \"a\\nb\"", "fetch.user_agent", "control character"},
		{"zero rate", "[fetch]\nrate = 0", "fetch.rate", "more than 0"},
		{"negative rate", "[fetch]\nrate = -2.5", "fetch.rate", "more than 0"},
		{"greedy rate", "[fetch]\nrate = 1000", "fetch.rate", "at most 100"},
		{"zero timeout", "[fetch]\ntimeout = \"0s\"", "fetch.timeout", "positive duration"},
		{"bad timeout", "[fetch]\ntimeout = \"soon\"", "", "timeout"},
		{"zero max bytes", "[fetch]\nmax_bytes = 0", "fetch.max_bytes", "positive size"},
		{"bad max bytes", "[fetch]\nmax_bytes = \"lots\"", "", "want a size such as"},
		{"negative redirects", "[fetch]\nmax_redirects = -1", "fetch.max_redirects", "0 to 30"},
		{"too many retries", "[fetch]\nretries = 50", "fetch.retries", "0 to 10"},
		{"unknown fetch key", "[fetch]\nratee = 2", "fetch.ratee", "unknown key"},
		{"unknown top key", "data = \"x\"", "data", "unknown key"},
		{"unknown source key", src(feed + "urll = \"x\"\n"), "sources.urll", "unknown key"},
		{"no name", src("type = \"feed\"\nurl = \"https://n.example/feed\"\n"), "sources[0].name", "missing"},
		{"bad name", src("name = \"../etc\"\ntype = \"feed\"\nurl = \"https://n.example/feed\"\n"), "sources[0].name", "letters, digits"},
		{"duplicate name", src(feed) + src(feed), "sources[1].name", "sources[0] too"},
		{"bad kind", src(feed + "kind = \"blog\"\n"), "sources[0].kind", "news, board-paper or report"},
		{"no type", src("name = \"x\"\nurl = \"https://n.example/feed\"\n"), "sources[0].type", "missing"},
		{"bad type", src("name = \"x\"\ntype = \"sitemap\"\nurl = \"https://n.example/feed\"\n"), "sources[0].type", "folder, feed or page"},
		{"feed without url", src("name = \"x\"\ntype = \"feed\"\n"), "sources[0].url", "missing"},
		{"feed with ftp url", src("name = \"x\"\ntype = \"feed\"\nurl = \"ftp://n.example/feed\"\n"), "sources[0].url", "http or https"},
		{"page with relative url", src("name = \"x\"\ntype = \"page\"\nurl = \"/board\"\n"), "sources[0].url", "http or https"},
		{"feed with path", src(feed + "path = \"/srv\"\n"), "sources[0].path", "not a path"},
		{"folder without path", src("name = \"x\"\ntype = \"folder\"\n"), "sources[0].path", "missing"},
		{"folder with url", src("name = \"x\"\ntype = \"folder\"\npath = \"/srv\"\nurl = \"https://n.example\"\n"), "sources[0].url", "not a url"},
		{"bad pattern", src("name = \"x\"\ntype = \"page\"\nurl = \"https://t.nhs.uk/b\"\npattern = \"(\"\n"), "sources[0].pattern", "missing closing"},
		{"pattern on a feed", src(feed + "pattern = \"pdf\"\n"), "sources[0].pattern", "only page sources"},
		{"bad trust", src(feed + "trust = \"royal free\"\n"), "sources[0].trust", "ODS code"},
		{"wrong value type", src(feed + "enabled = \"yes\"\n"), "", "enabled"},
		{"not toml", "[[sources]\nname=", "", "line"},
		{"third source", src(feed) + src("name = \"g\"\ntype = \"feed\"\nurl = \"https://n.example/g\"\n") + src("name = \"h\"\ntype = \"feed\"\nurl = \"mailto:x@y\"\n"), "sources[2].url", "http or https"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConfig(strings.NewReader(tt.toml))
			if err == nil {
				err = c.Validate()
			}
			if err == nil {
				t.Fatalf("config %q is accepted; want an error naming %s", tt.toml, tt.field)
			}
			if !strings.HasPrefix(err.Error(), tt.field) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("config %q: error %q; want it to start with %q and say %q", tt.toml, err, tt.field, tt.msg)
			}
			var fe *FieldError
			if tt.field != "" && (!errors.As(err, &fe) || fe.Field != tt.field) {
				t.Errorf("config %q: error %v is not a FieldError for %s", tt.toml, err, tt.field)
			}
		})
	}
}

func TestApplyEnv(t *testing.T) {
	env := map[string]string{"TRAWL_USER_AGENT": "trawl-night/2", "TRAWL_FETCH_RATE": "0.25", "TRAWL_FETCH_TIMEOUT": "1m", "TRAWL_FETCH_MAX_BYTES": "5MB", "TRAWL_FETCH_RETRIES": "0"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	c := DefaultConfig()
	if err := c.ApplyEnv(lookup); err != nil {
		t.Fatal(err)
	}
	if c.Fetch.UserAgent != "trawl-night/2" || c.Fetch.Rate != 0.25 || c.Fetch.Timeout != time.Minute || c.Fetch.MaxBytes != 5<<20 || c.Fetch.Retries != 0 || c.Fetch.MaxRedirects != 5 {
		t.Errorf("after ApplyEnv: %+v", c.Fetch)
	}
	env = map[string]string{"TRAWL_FETCH_RATE": "fast"}
	if err := c.ApplyEnv(lookup); err == nil || !strings.HasPrefix(err.Error(), "$TRAWL_FETCH_RATE: \"fast\"") {
		t.Errorf("ApplyEnv(TRAWL_FETCH_RATE=fast) = %v; want an error naming the variable", err)
	}
}

func TestLoadRelativePaths(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "trawl.toml")
	os.WriteFile(path, []byte("[[sources]]\nname = \"p\"\ntype = \"folder\"\npath = \"papers\"\n\n[[sources]]\nname = \"q\"\ntype = \"folder\"\npath = \"/abs\"\n"), 0o644)
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Sources[0].Path != filepath.Join(dir, "papers") || c.Sources[1].Path != "/abs" {
		t.Errorf("paths %q %q; want relative to the file's folder", c.Sources[0].Path, c.Sources[1].Path)
	}
	if _, err := Load(filepath.Join(dir, "none.toml")); err == nil {
		t.Error("Load(missing file) succeeded")
	}
}

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
	}{{"100MB", 100 << 20}, {"512 kb", 512 << 10}, {"1GB", 1 << 30}, {"1.5M", 3 << 19}, {"12345", 12345}, {"7B", 7}, {"0", -1}, {"-5MB", -1}, {"lots", -1}, {"", -1}} {
		got, err := ParseSize(tt.in)
		if tt.want < 0 && err == nil || tt.want >= 0 && (err != nil || got != tt.want) {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestExampleFileIsValid(t *testing.T) {
	c, err := Load(filepath.Join("..", "..", "trawl.example.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("trawl.example.toml: %v", err)
	}
	types := map[string]bool{}
	for _, s := range c.Sources {
		types[s.Type] = true
	}
	if !types[TypeFeed] || !types[TypePage] || !types[TypeFolder] {
		t.Errorf("trawl.example.toml has source types %v; want a feed, a page and a folder", types)
	}
}
