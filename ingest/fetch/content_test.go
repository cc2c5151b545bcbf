package fetch

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestContentExt(t *testing.T) {
	pdf := []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
	zip := []byte("PK\x03\x04\x14\x00\x06\x00rest of a docx")
	html := []byte("<!DOCTYPE html><html><head><title>Not found</title></head><body>Sorry</body></html>")
	text := []byte("Minutes of the board meeting held on 3 May 2012.\n")
	bin := []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 1, 2, 3}
	for _, tt := range []struct {
		url, ctype string
		body       []byte
		want       string // "" for ErrContentType
	}{
		{"https://t.nhs.uk/p/paper.pdf", "application/pdf", pdf, ".pdf"},
		{"https://t.nhs.uk/p/paper.pdf", "application/octet-stream", pdf, ".pdf"},
		{"https://t.nhs.uk/download?id=7", "application/pdf", pdf, ".pdf"},
		{"https://t.nhs.uk/download?id=7", "", pdf, ".pdf"},
		{"https://t.nhs.uk/p/paper.html", "text/html", pdf, ".pdf"}, // the bytes win
		{"https://t.nhs.uk/p/paper.pdf", "text/html; charset=utf-8", html, ""},
		{"https://t.nhs.uk/p/paper.pdf", "application/pdf", html, ""},
		{"https://t.nhs.uk/download?id=7", "application/pdf", text, ""},
		{"https://t.nhs.uk/p/minutes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zip, ".docx"},
		{"https://t.nhs.uk/p/minutes.docx", "application/octet-stream", zip, ".docx"},
		{"https://t.nhs.uk/p/minutes.docx", "text/html", html, ""},
		{"https://t.nhs.uk/p/archive.zip", "application/zip", zip, ""},
		{"https://t.nhs.uk/p/archive", "application/octet-stream", zip, ""},
		{"https://t.nhs.uk/p/minutes.doc", "application/msword", bin, ""},
		{"https://news.example.org/2011/06/story", "text/html; charset=utf-8", html, ".html"},
		{"https://news.example.org/2011/06/story", "", html, ".html"},
		{"https://news.example.org/story.aspx", "application/octet-stream", html, ".html"},
		{"https://t.nhs.uk/p/notes.txt", "text/plain", text, ".txt"},
		{"https://t.nhs.uk/p/notes", "text/plain", html, ".txt"},
		{"https://t.nhs.uk/p/notes", "application/octet-stream", text, ".txt"},
		{"https://t.nhs.uk/p/logo.png", "image/png", bin, ""},
		{"https://t.nhs.uk/p/thing", "application/octet-stream", bin, ""},
		{"https://t.nhs.uk/feed.json", "application/json", []byte(`{"a":1}`), ""},
	} {
		got, err := contentExt(tt.url, tt.ctype, tt.body)
		switch {
		case tt.want == "" && !errors.Is(err, ErrContentType):
			t.Errorf("contentExt(%s, %q, %.10q) = %q, %v; want ErrContentType", tt.url, tt.ctype, tt.body, got, err)
		case tt.want != "" && (err != nil || got != tt.want):
			t.Errorf("contentExt(%s, %q, %.10q) = %q, %v; want %q", tt.url, tt.ctype, tt.body, got, err, tt.want)
		}
	}
}

func TestCachePath(t *testing.T) {
	for _, tt := range []struct{ url, ext, want string }{
		{"https://www.royalfree.nhs.uk/board/papers/2024-03%20Board%20Pack.pdf", ".pdf", "dir/www.royalfree.nhs.uk/2024-03-Board-Pack-"},
		{"http://127.0.0.1:8080/news/2011/06/royal-free-go-live", ".html", "dir/127.0.0.1_8080/royal-free-go-live-"},
		{"https://example.org/", ".html", "dir/example.org/index-"},
		{"https://example.org/download.aspx?id=42", ".pdf", "dir/example.org/download-"},
		{"https://example.org/.hidden", ".html", "dir/example.org/index-"},
	} {
		got := cachePath("dir", tt.url, tt.ext)
		if !strings.HasPrefix(got, tt.want) || !strings.HasSuffix(got, tt.ext) || len(got) != len(tt.want)+8+len(tt.ext) {
			t.Errorf("cachePath(%s) = %s; want %s<8 hex>%s", tt.url, got, tt.want, tt.ext)
		}
		if again := cachePath("dir", tt.url, tt.ext); again != got {
			t.Errorf("cachePath(%s) not stable: %s, then %s", tt.url, got, again)
		}
	}
	a, b := cachePath("d", "https://e.org/a.pdf?v=1", ".pdf"), cachePath("d", "https://e.org/a.pdf?v=2", ".pdf")
	if a == b {
		t.Errorf("two URLs share the cache path %s", a)
	}
}

func TestPageLinks(t *testing.T) {
	page := []byte(`<html><head><base href="/board/"></head><body>
<a href="papers/a.pdf">A</a> <a href="papers/a.pdf#p2">A again</a> <a href=" /papers/b.DOCX ">B</a>
<a href="https://other.example.org/c.pdf">C elsewhere</a> <a href="//trust.example.nhs.uk:443/d.html">D</a>
<a href="mailto:x@example.org">mail</a> <a href="javascript:alert(1)">js</a> <a href="#top">top</a>
<a href="/about">About</a> <area href="/map/e.pdf"> <a>no href</a> <a href="http://[::1">bad</a>
</body></html>`)
	pattern := regexp.MustCompile(`(?i)\.(pdf|docx|html?)([?#]|$)`)
	for _, tt := range []struct {
		sameHost bool
		want     string
	}{
		{true, "https://trust.example.nhs.uk/board/papers/a.pdf https://trust.example.nhs.uk/papers/b.DOCX https://trust.example.nhs.uk:443/d.html https://trust.example.nhs.uk/map/e.pdf"},
		{false, "https://trust.example.nhs.uk/board/papers/a.pdf https://trust.example.nhs.uk/papers/b.DOCX https://other.example.org/c.pdf https://trust.example.nhs.uk:443/d.html https://trust.example.nhs.uk/map/e.pdf"},
	} {
		links, err := pageLinks(page, "https://trust.example.nhs.uk/board/meetings", pattern, tt.sameHost)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range links {
			got = append(got, l.URL)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("pageLinks(sameHost %v) =\n%s\nwant\n%s", tt.sameHost, strings.Join(got, " "), tt.want)
		}
	}
}

func TestFeedItems(t *testing.T) {
	for _, tt := range []struct {
		file, want, title string
	}{
		{"news/rss.xml", "https://n.example/news/2011/06/royal-free-cerner-go-live|Royal Free goes live with Cerner Millennium electronic patient record|2011-06-14|Lyn Whitfield;" +
			"https://n.example/news/2012/02/system-c-medway-deal?utm_source=rss|Trust signs £12m deal with System C for Medway PAS|2012-02-08|Jon Hoeksma;", "Health IT Weekly"},
		{"news/atom.xml", "https://n.example/news/2010/11/bt-rio-south|NPfIT: BT to deliver RiO to south of England trusts|2010-11-02|Rebecca Todd,Fiona Barr;" +
			"https://n.example/news/old-address|Moved story|2010-10-20|;", "EHI Intelligence"},
	} {
		b, err := os.ReadFile(filepath.Join("testdata", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		b = []byte(strings.ReplaceAll(string(b), "{{BASE}}", "https://n.example"))
		items, title, err := feedItems(b, "https://n.example/feed/x.xml")
		if err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		for _, it := range items {
			got.WriteString(it.URL + "|" + it.Title + "|" + it.Published + "|" + strings.Join(it.Authors, ",") + ";")
		}
		if got.String() != tt.want || title != tt.title {
			t.Errorf("feedItems(%s) = %q, %q\nwant %q, %q", tt.file, got.String(), title, tt.want, tt.title)
		}
	}
	if _, _, err := feedItems([]byte("<html><body>not a feed</body></html>"), "https://n.example/feed"); err == nil {
		t.Error("feedItems(an HTML page) succeeded; want an error")
	}
}

func FuzzFeedItems(f *testing.F) {
	for _, name := range []string{"news/rss.xml", "news/atom.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<rss><channel><item><link>::</link></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		items, _, err := feedItems(b, "https://n.example/feed.xml")
		if err != nil {
			return
		}
		for _, it := range items {
			if !strings.HasPrefix(it.URL, "http://") && !strings.HasPrefix(it.URL, "https://") {
				t.Errorf("item URL %q is not absolute http(s)", it.URL)
			}
		}
	})
}

func FuzzPageLinks(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "trust", "board-meetings.html"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, true)
	f.Add([]byte(`<base href="http://[::1"><a href="x.pdf">`), false)
	pattern := regexp.MustCompile(`(?i)\.(pdf|docx|html?)([?#]|$)`)
	f.Fuzz(func(t *testing.T, b []byte, sameHost bool) {
		links, err := pageLinks(b, "https://t.example.nhs.uk/board/", pattern, sameHost)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, l := range links {
			if seen[l.URL] || strings.Contains(l.URL, "#") || !pattern.MatchString(l.URL) {
				t.Errorf("link %q: duplicate, with a fragment, or not matching", l.URL)
			}
			seen[l.URL] = true
		}
	})
}

func FuzzContentExt(f *testing.F) {
	f.Add("https://t.nhs.uk/a.pdf", "application/pdf", []byte("%PDF-1.4"))
	f.Add("https://t.nhs.uk/a", "text/html; charset=\"", []byte("<html>"))
	f.Fuzz(func(t *testing.T, u, ct string, body []byte) {
		ext, err := contentExt(u, ct, body)
		if err == nil && !map[string]bool{".pdf": true, ".docx": true, ".html": true, ".txt": true, ".md": true}[ext] {
			t.Errorf("contentExt(%q, %q) = %q", u, ct, ext)
		}
	})
}
