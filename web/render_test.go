package web

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nhs-trawl/trawl/corpus"
)

func TestTextHTML(t *testing.T) {
	cases := []struct {
		name   string
		text   string
		spans  []markSpan
		points []point
		want   string
	}{
		{"plain text is escaped", `a <b> & "c"`, nil, nil, `a &lt;b&gt; &amp; &#34;c&#34;`},
		{"one mention", "the Royal Free trust", []markSpan{{start: 4, end: 14, typ: "trust", title: "trust: RF"}}, nil,
			`the <mark class="ent-trust" title="trust: RF">Royal Free</mark> trust`},
		{"linked mention", "BT said", []markSpan{{start: 0, end: 2, typ: "vendor", title: "supplier: BT", url: "/entity/vendor/bt"}}, nil,
			`<a class="ent" href="/entity/vendor/bt"><mark class="ent-vendor" title="supplier: BT">BT</mark></a> said`},
		{"markup inside a mention is escaped", "x <i>y</i>", []markSpan{{start: 2, end: 10, typ: "person", title: `"<t>"`}}, nil,
			`x <mark class="ent-person" title="&#34;&lt;t&gt;&#34;">&lt;i&gt;y&lt;/i&gt;</mark>`},
		{"overlap keeps the earlier, longer span", "Cerner Millennium",
			[]markSpan{{start: 0, end: 6, typ: "vendor", title: "v"}, {start: 0, end: 17, typ: "system", title: "s"}, {start: 7, end: 17, typ: "system", title: "s2"}}, nil,
			`<mark class="ent-system" title="s">Cerner Millennium</mark>`},
		{"out of range and empty spans are skipped", "abc",
			[]markSpan{{start: 2, end: 9, typ: "x"}, {start: 1, end: 1, typ: "x"}, {start: -1, end: 1, typ: "x"}}, nil, `abc`},
		{"spans inside a character are skipped", "£7.2m", []markSpan{{start: 1, end: 6, typ: "money"}}, nil, `£7.2m`},
		{"points go at their offset", "one two", nil, []point{{pos: 4, html: "<P>"}, {pos: 0, html: "<S>"}}, `<S>one <P>two`},
		{"a point inside a mention goes after it", "at Royal Free now",
			[]markSpan{{start: 3, end: 13, typ: "trust", title: "t"}}, []point{{pos: 5, html: "<P>"}},
			`at <mark class="ent-trust" title="t">Royal Free</mark><P> now`},
		{"a point past the end goes last", "ab", nil, []point{{pos: 10, html: "<E>"}}, `ab<E>`},
	}
	for _, c := range cases {
		got := string(textHTML(c.text, c.spans, c.points))
		if got != c.want {
			t.Errorf("%s: textHTML(%q) = %q; want %q", c.name, c.text, got, c.want)
		}
	}
}

func TestMarkHTML(t *testing.T) {
	cases := []struct {
		text  string
		marks []corpus.Span
		want  string
	}{
		{"Cerner go-live", []corpus.Span{{Start: 0, End: 6}}, `<mark class="hl">Cerner</mark> go-live`},
		{"a <b>\n\n c", []corpus.Span{{Start: 2, End: 5}}, `a <mark class="hl">&lt;b&gt;</mark> c`},
		{"abc", []corpus.Span{{Start: 2, End: 1}, {Start: 0, End: 9}}, `abc`},
		{"ab cd", []corpus.Span{{Start: 3, End: 5}, {Start: 0, End: 2}}, `ab <mark class="hl">cd</mark>`},
	}
	for _, c := range cases {
		if got := string(markHTML(c.text, c.marks, "hl")); got != c.want {
			t.Errorf("markHTML(%q, %v) = %q; want %q", c.text, c.marks, got, c.want)
		}
	}
}

var tags = regexp.MustCompile(`<[^>]*>`)

// FuzzTextHTML checks that whatever the text and spans, the page shows the
// text and only the text: removing our tags and unescaping gives it back,
// and no markup of the text survives.
func FuzzTextHTML(f *testing.F) {
	f.Add("the <script>alert(1)</script> Royal Free", 4, 12, 3, 20)
	f.Add("£7.2m & “quotes”", 0, 3, 1, 6)
	f.Add("", 0, 0, 0, 0)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int) {
		spans := []markSpan{{start: s1, end: e1, typ: "trust", title: text, url: "/x"}, {start: s2, end: e2, typ: "date"}}
		if !utf8.ValidString(text) {
			return // stored text is valid UTF-8
		}
		out := string(textHTML(text, spans, []point{{pos: s2, html: `<span class="anchor"></span>`}}))
		// The escaper shows NUL as U+FFFD.
		if got := html.UnescapeString(tags.ReplaceAllString(out, "")); got != strings.ReplaceAll(text, "\x00", "\uFFFD") {
			t.Fatalf("textHTML(%q) shows %q", text, got)
		}
	})
}

func TestLink(t *testing.T) {
	base := url.Values{"q": {"cerner"}, "trust": {"RAL", "RNJ"}, "page": {"3"}, "token": {"secret"}, "to": {""}}
	cases := []struct {
		set  map[string][]string
		want string
	}{
		{nil, "/?q=cerner&trust=RAL&trust=RNJ"},
		{map[string][]string{"trust": {"RAL"}}, "/?q=cerner&trust=RAL"},
		{map[string][]string{"trust": nil, "q": nil}, "/"},
		{map[string][]string{"page": {"4"}}, "/?page=4&q=cerner&trust=RAL&trust=RNJ"},
	}
	for _, c := range cases {
		if got := link("/", base, c.set); got != c.want {
			t.Errorf("link(/, %v, %v) = %q; want %q", base, c.set, got, c.want)
		}
	}
}

func TestPagination(t *testing.T) {
	cases := []struct {
		page, size int
		total      uint64
		want       string // page numbers, . for a gap, * for the current one
		prev, next bool
	}{
		{1, 10, 5, "", false, false},
		{1, 10, 25, "*1 2 3", false, true},
		{3, 10, 25, "1 2 *3", true, false},
		{10, 10, 500, "1 . 6 7 8 9 *10 11 12 13 14 . 50", true, true},
		{1, 10, 1000000, "*1 2 3 4 5 . 1000", false, true},
	}
	for _, c := range cases {
		p := &params{Page: c.page, Size: c.size, Raw: url.Values{"q": {"x"}}}
		links, prev, next := pagination(p, c.total)
		var parts []string
		for _, l := range links {
			switch {
			case l.Gap:
				parts = append(parts, ".")
			case l.Current:
				parts = append(parts, "*"+itoa(l.N))
			default:
				parts = append(parts, itoa(l.N))
			}
		}
		if got := strings.Join(parts, " "); got != c.want || (prev != "") != c.prev || (next != "") != c.next {
			t.Errorf("pagination(page %d of %d hits) = %q prev %q next %q; want %q prev %v next %v", c.page, c.total, got, prev, next, c.want, c.prev, c.next)
		}
	}
}

func TestMoneyLabel(t *testing.T) {
	cases := map[string]string{
		"GBP 7200000":         "£7.2m",
		"GBP 12700000000":     "£12.7bn",
		"GBP 500":             "£500",
		"GBP 45000":           "£45k",
		"USD 1000000":         "$1m",
		"GBP 1000000-2000000": "£1m–£2m",
		"XYZ 5":               "XYZ 5",
		"nonsense":            "nonsense",
	}
	for in, want := range cases {
		if got := moneyLabel(in); got != want {
			t.Errorf("moneyLabel(%q) = %q; want %q", in, got, want)
		}
	}
}
