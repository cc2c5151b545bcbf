package docxdoc

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// styleInfo is what a paragraph style says about headings.
type styleInfo struct {
	name    string // "heading 1": Word writes built-in names in English
	basedOn string
	outline int // w:outlineLvl 0..8, -1 when unset
}

// styleSheet resolves paragraph style ids, which Word localises
// ("berschrift1", "Titre1"), to heading levels through their names, outline
// levels and basedOn chains.
type styleSheet struct {
	byID  map[string]styleInfo
	level map[string]int
	lang  string // the default w:lang of docDefaults
}

// readStyles parses styles.xml; a nil reader gives an empty sheet, which
// resolves ids by their English spelling alone.
func readStyles(r io.Reader) (*styleSheet, error) {
	s := &styleSheet{byID: map[string]styleInfo{}, level: map[string]int{}}
	if r == nil {
		return s, nil
	}
	dec := xml.NewDecoder(r)
	var id string
	var cur styleInfo
	in := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			return s, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				if attr(t, "type") == "paragraph" || attr(t, "type") == "" {
					in, id, cur = true, attr(t, "styleId"), styleInfo{outline: -1}
				}
			case "name":
				if in {
					cur.name = attr(t, "val")
				}
			case "basedOn":
				if in {
					cur.basedOn = attr(t, "val")
				}
			case "lang":
				if !in && s.lang == "" {
					s.lang = attr(t, "val")
				}
			case "outlineLvl":
				if in {
					if n, err := strconv.Atoi(attr(t, "val")); err == nil {
						cur.outline = n
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" && in {
				if _, dup := s.byID[id]; id != "" && !dup {
					s.byID[id] = cur
				}
				in = false
			}
		}
	}
}

// headingLevel returns 1..6 for a heading or title style, 0 for any other.
func (s *styleSheet) headingLevel(id string) int {
	if id == "" {
		return 0
	}
	if l, ok := s.level[id]; ok {
		return l
	}
	l := s.resolve(id, 0)
	s.level[id] = l
	return l
}

func (s *styleSheet) resolve(id string, depth int) int {
	st, ok := s.byID[id]
	if !ok {
		return levelFromName(id) // "Heading1", "heading 1", "Title"
	}
	if l := levelFromName(st.name); l > 0 {
		return l
	}
	if st.outline >= 0 {
		return outlineLevel(st.outline)
	}
	if st.basedOn != "" && st.basedOn != id && depth < 16 {
		return s.resolve(st.basedOn, depth+1)
	}
	return 0
}

// levelFromName reads "heading 2", "Heading2", "Title" (any case).
func levelFromName(name string) int {
	n := strings.ToLower(strings.ReplaceAll(name, " ", ""))
	if n == "title" {
		return 1
	}
	if rest, ok := strings.CutPrefix(n, "heading"); ok && len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
		return min(int(rest[0]-'0'), 6)
	}
	return 0
}

// outlineLevel maps w:outlineLvl (0 is the top, 9 is body text) to a level.
func outlineLevel(n int) int {
	if n < 0 || n > 8 {
		return 0
	}
	return min(n+1, 6)
}

// attr returns the value of the attribute with this local name.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
