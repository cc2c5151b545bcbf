package gen

import (
	"bytes"
	"encoding/json"
	"html"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// writeHTML renders a news article as a page of its outlet, chrome and all,
// or a board paper as a plain HTML page.
func writeHTML(d *document, buf *bytes.Buffer) {
	if d.org != "" {
		boardHTML(d, buf)
		return
	}
	switch d.layout {
	case layoutTable, layoutTableM:
		var page bytes.Buffer
		tableHTML(d, &page)
		// Old sites served windows-1252; every rune the generator writes has
		// a code there.
		enc, err := charmap.Windows1252.NewEncoder().Bytes(page.Bytes())
		if err != nil {
			buf.Write(page.Bytes())
			return
		}
		buf.Write(enc)
	case layoutDiv:
		divHTML(d, buf)
	default:
		modernHTML(d, buf)
	}
}

var esc = html.EscapeString

func longDate(d *document) string {
	t := d.pub.Start()
	return strconv.Itoa(t.Day()) + " " + monthNames[t.Month()] + " " + strconv.Itoa(t.Year())
}

// isoTime is the publication as an RFC 3339 time, with a morning hour drawn
// from the title so that it is fixed for the document.
func isoTime(d *document) string {
	h := 7 + len(d.title)%10
	m := (len(d.title) * 7) % 60
	off := "+00:00"
	if mo := d.pub.Month; mo >= 4 && mo <= 10 {
		off = "+01:00"
	}
	return d.pub.Start().Format("2006-01-02") + "T" + twoDigits(h) + ":" + twoDigits(m) + ":00" + off
}

func tableHTML(d *document, b *bytes.Buffer) {
	b.WriteString(`<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<title>` + esc(d.title) + ` | ` + esc(d.outlet) + `</title>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<meta name="generator" content="trawl gen">
<link rel="canonical" href="` + esc(d.url) + `">
<style type="text/css">body { font-family: Verdana, Arial; font-size: 12px; } .headline { font-size: 18px; font-weight: bold; }</style>
<script type="text/javascript">var _gaq = _gaq || []; _gaq.push(['_trackPageview']);</script>
</head>
<body>
<table width="960" cellpadding="0" cellspacing="0" border="0">
<tr><td colspan="2"><a href="/"><img src="/img/logo.gif" alt="` + esc(d.outlet) + `" border="0"></a></td>
<td align="right"><form action="/search.asp"><input type="text" name="q" size="15"> <input type="submit" value="Search"></form></td></tr>
<tr><td colspan="3" bgcolor="#336699">`)
	for i, s := range sections[:8] {
		if i > 0 {
			b.WriteString(" &middot; ")
		}
		b.WriteString(`<a href="/` + slug(s, 20) + `/"><font color="#ffffff">` + esc(s) + `</font></a>`)
	}
	b.WriteString("</td></tr>\n<tr>\n<td width=\"160\" valign=\"top\">")
	for _, s := range sections[1:7] {
		b.WriteString(`<a href="/news/` + slug(s, 20) + `/">` + esc(s) + `</a><br>`)
	}
	b.WriteString("</td>\n<td width=\"600\" valign=\"top\">\n<div class=\"headline\">" + esc(d.title) + "</div><br>\n")
	if d.layout == layoutTable {
		b.WriteString(longDate(d) + "<br>\n<br>\n")
	}
	if d.standfirst != "" {
		b.WriteString("<b>" + esc(d.standfirst) + "</b><br>\n<br>\n")
	}
	for _, bl := range d.blocks {
		switch bl.kind {
		case headBlock:
			b.WriteString("<b>" + esc(bl.text) + "</b><br>\n")
		default:
			b.WriteString(esc(bl.text) + "<br>\n<br>\n")
		}
	}
	b.WriteString("<i>" + esc(d.author) + "</i><br>\n")
	if len(d.comments) > 0 {
		b.WriteString("<br><table class=\"comments\" width=\"100%\" bgcolor=\"#eeeeee\"><tr><td><b>Your comments</b></td></tr>\n")
		for _, c := range d.comments {
			b.WriteString("<tr><td><i>" + esc(c[0]) + "</i> wrote: " + esc(c[1]) + "</td></tr>\n")
		}
		b.WriteString("</table>\n")
	}
	b.WriteString("</td>\n<td width=\"200\" valign=\"top\" bgcolor=\"#f0f0f0\"><b>Most read</b><br>")
	for i, h := range d.sidebar {
		b.WriteString(`<a href="/news/` + strconv.Itoa(4000+i*37+len(h)) + `/">` + esc(h) + `</a><br>`)
	}
	b.WriteString("</td>\n</tr>\n<tr><td colspan=\"3\" align=\"center\"><font size=\"1\">&copy; " + esc(d.outlet) + " " + strconv.Itoa(d.pub.Year) + ". All rights reserved. <a href=\"/privacy/\">Privacy</a> | <a href=\"/contact/\">Contact us</a></font></td></tr>\n</table>\n</body>\n</html>\n")
}

func navList(b *bytes.Buffer, class string) {
	b.WriteString(`<ul class="` + class + `">`)
	for _, s := range sections[:10] {
		b.WriteString(`<li><a href="/` + slug(s, 20) + `/">` + esc(s) + `</a></li>`)
	}
	b.WriteString("</ul>\n")
}

func bodyBlocks(d *document, b *bytes.Buffer, head string) {
	for _, bl := range d.blocks {
		switch bl.kind {
		case headBlock:
			b.WriteString("<" + head + ">" + esc(bl.text) + "</" + head + ">\n")
		default:
			b.WriteString("<p>" + esc(bl.text) + "</p>\n")
		}
	}
}

func divHTML(d *document, b *bytes.Buffer) {
	b.WriteString(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="generator" content="trawl gen" />
<title>` + esc(d.title) + ` - ` + esc(d.outlet) + `</title>
<meta property="og:title" content="` + esc(d.title) + `" />
<meta property="og:site_name" content="` + esc(d.outlet) + `" />
<meta property="article:published_time" content="` + isoTime(d) + `" />
<meta name="author" content="` + esc(d.author) + `" />
<link rel="canonical" href="` + esc(d.url) + `" />
<link rel="stylesheet" href="/css/main.css" type="text/css" />
</head>
<body>
<div id="wrapper">
<div id="header"><a href="/" class="logo">` + esc(d.outlet) + `</a>
<div id="nav">`)
	navList(b, "menu")
	b.WriteString("</div></div>\n<div id=\"content\">\n<div class=\"breadcrumb\"><a href=\"/\">Home</a> &gt; <a href=\"/" + slug(d.section, 20) + "/\">" + esc(d.section) + "</a></div>\n<div class=\"article\">\n<h1>" + esc(d.title) + "</h1>\n")
	b.WriteString("<p class=\"byline\">By " + esc(d.author) + " | <span class=\"date\">" + longDate(d) + "</span></p>\n")
	if d.standfirst != "" {
		b.WriteString("<p class=\"intro\"><strong>" + esc(d.standfirst) + "</strong></p>\n")
	}
	bodyBlocks(d, b, "h3")
	b.WriteString("<div class=\"share\"><a href=\"#\">Email this</a> | <a href=\"#\">Print</a> | <a href=\"#\">Share</a></div>\n</div>\n")
	if len(d.comments) > 0 {
		b.WriteString("<div id=\"comments\"><h3>" + strconv.Itoa(len(d.comments)) + " comments</h3>\n")
		for _, c := range d.comments {
			b.WriteString("<div class=\"comment\"><p class=\"comment-author\">" + esc(c[0]) + "</p><p>" + esc(c[1]) + "</p></div>\n")
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</div>\n<div id=\"sidebar\"><h4>Most read</h4><ul>")
	for i, h := range d.sidebar {
		b.WriteString(`<li><a href="/news/` + strconv.Itoa(9000+i*53+len(h)) + `/">` + esc(h) + `</a></li>`)
	}
	b.WriteString("</ul></div>\n<div id=\"footer\">&copy; " + esc(d.outlet) + " | <a href=\"/about/\">About</a> | <a href=\"/advertise/\">Advertise</a> | <a href=\"/terms/\">Terms</a></div>\n</div>\n</body>\n</html>\n")
}

type ldPerson struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type ldArticle struct {
	Context       string   `json:"@context"`
	Type          string   `json:"@type"`
	Headline      string   `json:"headline"`
	DatePublished string   `json:"datePublished"`
	Author        ldPerson `json:"author"`
	Publisher     ldPerson `json:"publisher"`
	URL           string   `json:"mainEntityOfPage"`
	Keywords      string   `json:"keywords,omitempty"`
}

func modernHTML(d *document, b *bytes.Buffer) {
	ld, _ := json.Marshal(ldArticle{
		Context: "https://schema.org", Type: "NewsArticle", Headline: d.title, DatePublished: isoTime(d),
		Author: ldPerson{"Person", d.author}, Publisher: ldPerson{"Organization", d.outlet}, URL: d.url,
		Keywords: strings.Join(d.tags, ", "),
	})
	b.WriteString(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="trawl gen">
<title>` + esc(d.title) + ` | ` + esc(d.outlet) + `</title>
<meta property="og:type" content="article">
<meta property="og:title" content="` + esc(d.title) + `">
<meta property="og:url" content="` + esc(d.url) + `">
<link rel="canonical" href="` + esc(d.url) + `">
<script type="application/ld+json">`)
	b.Write(ld)
	b.WriteString(`</script>
</head>
<body class="single-post">
<div class="cookie-banner" role="dialog">We use cookies to improve your experience. <button>Accept</button></div>
<header class="site-header"><a class="logo" href="/">` + esc(d.outlet) + `</a>
<nav class="main-nav" aria-label="Main">`)
	navList(b, "nav-menu")
	b.WriteString("</nav></header>\n<main>\n<article class=\"post\">\n<h1 class=\"entry-title\">" + esc(d.title) + "</h1>\n")
	b.WriteString("<div class=\"entry-meta\"><span class=\"author\">By <a rel=\"author\" href=\"/author/" + slug(d.author, 30) + "/\">" + esc(d.author) + "</a></span> <time datetime=\"" + isoTime(d) + "\">" + longDate(d) + "</time></div>\n")
	if d.standfirst != "" {
		b.WriteString("<p class=\"standfirst\">" + esc(d.standfirst) + "</p>\n")
	}
	bodyBlocks(d, b, "h2")
	b.WriteString("<div class=\"tags\">")
	for _, t := range d.tags {
		b.WriteString(`<a href="/tag/` + slug(t, 30) + `/" rel="tag">` + esc(t) + `</a> `)
	}
	b.WriteString("</div>\n</article>\n")
	if len(d.comments) > 0 {
		b.WriteString("<section class=\"comments\" id=\"comments\"><h2>Comments</h2><ol class=\"comment-list\">\n")
		for _, c := range d.comments {
			b.WriteString("<li class=\"comment\"><cite>" + esc(c[0]) + "</cite><p>" + esc(c[1]) + "</p></li>\n")
		}
		b.WriteString("</ol></section>\n")
	}
	b.WriteString("</main>\n<aside class=\"sidebar\"><h3>Most read</h3><ol>")
	for i, h := range d.sidebar {
		b.WriteString(`<li><a href="/news/` + strconv.Itoa(20000+i*71+len(h)) + `/">` + esc(h) + `</a></li>`)
	}
	b.WriteString("</ol><div class=\"newsletter\"><h3>Newsletter</h3><p>Get the week's health IT news in your inbox.</p><form><input type=\"email\" placeholder=\"Email\"><button>Sign up</button></form></div></aside>\n<footer class=\"site-footer\"><p>&copy; " + strconv.Itoa(d.pub.Year) + " " + esc(d.outlet) + ". All rights reserved.</p><nav><a href=\"/privacy/\">Privacy</a> <a href=\"/terms/\">Terms</a> <a href=\"/contact/\">Contact</a></nav></footer>\n</body>\n</html>\n")
}

// boardHTML writes a board paper as a trust website's HTML version of it:
// the site's banner and menus, a paper header, the date of the meeting,
// the title, the cover fields and the sections.
func boardHTML(d *document, b *bytes.Buffer) {
	item, date := "", ""
	for _, f := range d.fields {
		if f[0] == "Agenda item" {
			item = f[1]
		}
	}
	date = longDate(d)
	b.WriteString(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="generator" content="trawl gen">
<title>Trust Board ` + date + ` - Item ` + esc(item) + ` - ` + esc(d.title) + ` - ` + esc(d.org) + `</title>
</head>
<body>
<div id="skip"><a href="#main">Skip to main content</a></div>
<div id="banner"><img src="/images/nhs-logo.gif" alt="NHS"> <span>` + esc(d.org) + `</span></div>
<div id="topmenu"><a href="/">Home</a> | <a href="/about-us/">About us</a> | <a href="/our-services/">Our services</a> | <a href="/about-us/trust-board/">Trust board</a> | <a href="/work-for-us/">Work for us</a></div>
<div id="leftmenu"><ul><li><a href="/about-us/trust-board/meetings/">Board meetings</a></li><li><a href="/about-us/trust-board/members/">Board members</a></li><li><a href="/about-us/publications/">Publications</a></li><li><a href="/about-us/foi/">Freedom of information</a></li></ul></div>
<div id="main">
<p class="paper-header">Trust Board (Public) &ndash; Agenda item ` + esc(item) + `</p>
<p>Date of meeting: ` + date + `</p>
<h1>` + esc(d.title) + "</h1>\n")
	b.WriteString("<table class=\"cover\">\n")
	for _, f := range d.fields {
		b.WriteString("<tr><th>" + esc(f[0]) + "</th><td>" + esc(f[1]) + "</td></tr>\n")
	}
	b.WriteString("</table>\n")
	for _, bl := range d.blocks {
		switch bl.kind {
		case headBlock:
			h := "h2"
			if bl.level > 1 {
				h = "h3"
			}
			b.WriteString("<" + h + ">" + esc(bl.text) + "</" + h + ">\n")
		case tableBlock:
			b.WriteString("<table>\n")
			for i, row := range bl.rows {
				cell := "td"
				if i == 0 {
					cell = "th"
				}
				b.WriteString("<tr>")
				for _, c := range row {
					b.WriteString("<" + cell + ">" + esc(c) + "</" + cell + ">")
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		case listBlock, linesBlock:
			b.WriteString("<ul>\n")
			for _, it := range bl.items {
				b.WriteString("<li>" + esc(it) + "</li>\n")
			}
			b.WriteString("</ul>\n")
		default:
			b.WriteString("<p>" + esc(bl.text) + "</p>\n")
		}
	}
	b.WriteString("</div>\n<div id=\"footer\">&copy; " + esc(d.org) + " | <a href=\"/accessibility/\">Accessibility</a> | <a href=\"/privacy/\">Privacy</a></div>\n</body>\n</html>\n")
}
