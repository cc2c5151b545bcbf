package docxdoc

import (
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// coreProps is what docProps/core.xml says.
type coreProps struct {
	title    string
	creators []string
	created  corpus.Date
	modified corpus.Date
	language string
}

// readCore parses docProps/core.xml. Its fields are whatever the author's
// copy of Office filled in, so placeholders are dropped here.
func readCore(r io.Reader) (coreProps, error) {
	var c coreProps
	dec := xml.NewDecoder(r)
	var field string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return c, nil
		}
		if err != nil {
			return c, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			field = t.Name.Local
			text.Reset()
		case xml.CharData:
			if field != "" && text.Len() < 4096 {
				text.Write(t)
			}
		case xml.EndElement:
			v := format.FoldSpace(text.String())
			switch t.Name.Local {
			case "title":
				c.title = cleanTitle(v)
			case "creator":
				c.creators = authors(v)
			case "created":
				c.created = w3cDate(v)
			case "modified":
				c.modified = w3cDate(v)
			case "language":
				c.language = v
			}
			field = ""
			text.Reset()
		}
	}
}

// w3cDate reads a W3CDTF date as core.xml writes it
// ("2019-04-02T09:12:00Z"), keeping the day as written rather than in UTC.
// Dates before 1980 are the defaults of broken writers (1601-01-01,
// 1899-12-30), not dates of the document.
func w3cDate(s string) corpus.Date {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1980 {
				return corpus.Date{}
			}
			return corpus.DateOf(t)
		}
	}
	d, ok := format.ParseDate(s)
	if !ok || d.Year < 1980 {
		return corpus.Date{}
	}
	return d
}

// reJunkTitle matches titles Office or a converter left behind.
var reJunkTitle = regexp.MustCompile(`(?i)^(?:untitled|document\d*|title|slide \d+|microsoft word document|template|normal|\W*)$|\.(?:docx?|dotx?|rtf|pdf|odt)$`)

func cleanTitle(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "Microsoft Word - "))
	if reJunkTitle.MatchString(s) {
		return ""
	}
	return s
}

// placeholderAuthors are creator names written by installs, not people.
var placeholderAuthors = map[string]bool{
	"microsoft office user": true, "windows user": true, "administrator": true,
	"admin": true, "user": true, "owner": true, "author": true, "unknown": true,
	"python-docx": true, "apache poi": true, "docx4j": true, "nhs": true,
	"authorised user": true, "authorized user": true,
}

// authors splits a creator field ("A Smith; B Jones") and drops
// placeholders.
func authors(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		a = strings.TrimSpace(a)
		if a == "" || placeholderAuthors[strings.ToLower(a)] {
			continue
		}
		out = append(out, a)
	}
	return out
}
