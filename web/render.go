package web

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"
)

// pages are the parsed templates: each page is the layout plus its own
// file.
type pages struct {
	byName map[string]*template.Template
}

var pageNames = []string{"search", "doc", "entity", "timeline", "error"}

var funcs = template.FuncMap{
	"plural": func(n any, one, many string) string {
		switch n := n.(type) {
		case int:
			if n == 1 {
				return one
			}
		case uint64:
			if n == 1 {
				return one
			}
		}
		return many
	},
	"kindClass": func(s string) string { return strings.ReplaceAll(s, " ", "-") },
}

func parsePages() (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/partials.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		p.byName[name] = t
	}
	return p, nil
}

// layout is what every page passes to the layout template.
type layout struct {
	Title string
	Nav   string // "search" or "timeline": the current section
	Page  any
}

// render executes a page into a buffer and writes it with status; a
// template error becomes a plain 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	nav := name
	if name == "entity" || name == "doc" || name == "error" {
		nav = ""
	}
	var buf bytes.Buffer
	if err := s.pages.byName[name].Execute(&buf, layout{Title: title, Nav: nav, Page: data}); err != nil {
		s.opts.Logger.Error("render", "page", name, "err", err)
		http.Error(w, "internal error rendering the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes()) //nolint:errcheck // the client went away
	}
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, he *httpError) {
	s.render(w, r, he.status, "error", "Error", errorViewOf(he))
}
