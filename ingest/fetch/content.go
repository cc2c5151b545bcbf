package fetch

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
)

// extByMedia maps the media types of supported documents to the extension
// their cached copy takes.
var extByMedia = map[string]string{
	"application/pdf":   ".pdf",
	"application/x-pdf": ".pdf",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
	"text/html":             ".html",
	"application/xhtml+xml": ".html",
	"text/plain":            ".txt",
	"text/markdown":         ".md",
}

// extByURL maps the extensions of URL paths to the cached copy's.
var extByURL = map[string]string{
	".pdf": ".pdf", ".docx": ".docx", ".html": ".html", ".htm": ".html", ".xhtml": ".html", ".shtml": ".html",
	".aspx": ".html", ".php": ".html", ".jsp": ".html", ".txt": ".txt", ".md": ".md",
}

// genericMedia are the types that say nothing about the content.
var genericMedia = map[string]bool{"": true, "application/octet-stream": true, "binary/octet-stream": true, "application/download": true, "application/force-download": true, "application/x-download": true}

// contentExt decides the extension of a fetched body from what the server
// says (Content-Type), what the URL says and what the bytes are. The bytes
// win when they are unmistakable (a PDF is a PDF whatever its label); a body
// that is not what the label or URL promise (an HTML error or login page
// served for a .pdf) is an error wrapping ErrContentType, as is a type trawl
// cannot read.
func contentExt(rawURL, contentType string, body []byte) (string, error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	mt = strings.ToLower(mt)
	urlExt := ""
	if u, err := url.Parse(rawURL); err == nil {
		urlExt = extByURL[strings.ToLower(path.Ext(u.Path))]
	}
	claimed, known := extByMedia[mt]
	if !known && !genericMedia[mt] {
		return "", fmt.Errorf("%w: %s is not a document type trawl reads (PDF, DOCX, HTML, text)", ErrContentType, mt)
	}
	if claimed == "" {
		claimed = urlExt
	}
	sniff := sniffBody(body)
	switch sniff {
	case "pdf":
		return ".pdf", nil
	case "zip":
		if claimed == ".docx" || urlExt == ".docx" {
			return ".docx", nil
		}
		return "", fmt.Errorf("%w: a zip archive served as %q", ErrContentType, label(mt))
	}
	// The body is text or unknown binary.
	switch {
	case claimed == ".pdf" || claimed == ".docx" || urlExt == ".pdf" || urlExt == ".docx":
		want := claimed
		if want != ".pdf" && want != ".docx" {
			want = urlExt
		}
		return "", fmt.Errorf("%w: %s body for a %s (%s): an error or login page?", ErrContentType, describe(sniff), strings.TrimPrefix(want, "."), label(mt))
	case sniff == "binary":
		return "", fmt.Errorf("%w: binary body of unknown type (%s)", ErrContentType, label(mt))
	case claimed == ".html" || claimed == ".txt" || claimed == ".md":
		if claimed != ".html" && sniff == "html" && genericMedia[mt] {
			return ".html", nil
		}
		return claimed, nil
	case sniff == "html":
		return ".html", nil
	}
	return ".txt", nil
}

// sniffBody says what the bytes are: pdf, zip, html, text or binary.
func sniffBody(body []byte) string {
	head := bytes.TrimLeft(body[:min(len(body), 1024)], " \t\r\n\ufeff")
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "zip"
	}
	ct := http.DetectContentType(body)
	switch {
	case strings.HasPrefix(ct, "text/html"), strings.HasPrefix(ct, "text/xml") && bytes.Contains(bytes.ToLower(head), []byte("<html")):
		return "html"
	case strings.HasPrefix(ct, "text/"):
		return "text"
	}
	return "binary"
}

func describe(sniff string) string {
	switch sniff {
	case "html":
		return "an HTML"
	case "text":
		return "a text"
	}
	return "a binary"
}

func label(mt string) string {
	if mt == "" {
		mt = "no Content-Type"
	}
	return mt
}
