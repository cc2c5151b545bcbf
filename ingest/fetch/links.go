package fetch

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"
)

// maxLinks bounds the documents taken from one feed or page.
const maxLinks = 2000

// target is a document URL found on a feed or page, with what the feed
// says of it.
type target struct {
	URL       string
	Title     string
	Published string // YYYY-MM-DD
	Authors   []string
}

// feedItems reads an RSS or Atom feed and returns its items' links,
// resolved against the feed's URL, deduplicated, in feed order.
func feedItems(body []byte, feedURL string) (items []target, title string, err error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, "", fmt.Errorf("not an RSS or Atom feed: %w", err)
	}
	base, _ := url.Parse(feedURL)
	seen := map[string]bool{}
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		u, ok := resolve(base, link)
		if !ok || seen[u.String()] {
			continue
		}
		seen[u.String()] = true
		t := target{URL: u.String(), Title: strings.Join(strings.Fields(it.Title), " ")}
		switch {
		case it.PublishedParsed != nil:
			t.Published = it.PublishedParsed.UTC().Format(time.DateOnly)
		case it.UpdatedParsed != nil:
			t.Published = it.UpdatedParsed.UTC().Format(time.DateOnly)
		}
		for _, a := range it.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				t.Authors = append(t.Authors, strings.TrimSpace(a.Name))
			}
		}
		items = append(items, t)
		if len(items) == maxLinks {
			break
		}
	}
	return items, strings.TrimSpace(feed.Title), nil
}

// pageLinks returns the links of an HTML page that match pattern, resolved
// against the page's URL (or its <base href>), without fragments,
// deduplicated, in page order; with sameHost, only those on the page's host
// or on the host of one of the URLs in hosts (host and port).
func pageLinks(body []byte, pageURL string, pattern *regexp.Regexp, sameHost bool, hosts ...string) ([]target, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("page: %w", err)
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("page URL %q: %w", pageURL, err)
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, ok := resolve(base, href); ok {
			base = b
		}
	}
	allowed := map[string]bool{hostKey(base): true}
	for _, h := range hosts {
		if u, err := url.Parse(h); err == nil {
			allowed[hostKey(u)] = true
		}
	}
	self := pageURL
	seen := map[string]bool{}
	var out []target
	doc.Find("a[href], area[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		href, _ := s.Attr("href")
		u, ok := resolve(base, href)
		if !ok {
			return true
		}
		link := u.String()
		if seen[link] || link == self || (pattern != nil && !pattern.MatchString(link)) {
			return true
		}
		if sameHost && !allowed[hostKey(u)] {
			return true
		}
		seen[link] = true
		out = append(out, target{URL: link})
		return len(out) < maxLinks
	})
	return out, nil
}

// resolve makes an absolute http(s) URL of href, without its fragment.
func resolve(base *url.URL, href string) (*url.URL, bool) {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return nil, false
	}
	u, err := url.Parse(href)
	if err != nil {
		return nil, false
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, false
	}
	u.Fragment, u.RawFragment = "", ""
	return u, true
}

// hostKey is a URL's host and port, the port made explicit.
func hostKey(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return strings.ToLower(u.Hostname()) + ":" + port
}
