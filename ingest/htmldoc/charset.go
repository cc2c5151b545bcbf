package htmldoc

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// metaCharset finds a charset declared in a <meta> tag: <meta charset="x">
// or <meta http-equiv="Content-Type" content="text/html; charset=x">.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// prescanBytes is how far into the page a charset declaration is looked
// for. Browsers look at 1024 bytes; old pages put long comments and scripts
// before the <meta>, so look further.
const prescanBytes = 8192

// decode converts raw page bytes to UTF-8 and names the encoding used. A
// declaration that is plainly wrong (UTF-8 declared, bytes not UTF-8) gives
// way to windows-1252, the encoding such pages nearly always are.
func decode(raw []byte, contentType string) (text string, enc string, warn string) {
	// A BOM outranks any declaration.
	switch {
	case bytes.HasPrefix(raw, []byte{0xef, 0xbb, 0xbf}):
		return toValidUTF8(raw[3:]), "utf-8", ""
	case bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.UseBOM), raw), "utf-16be", ""
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), raw), "utf-16le", ""
	}
	label := ""
	if contentType != "" {
		if i := strings.Index(strings.ToLower(contentType), "charset="); i >= 0 {
			label = strings.Trim(strings.TrimSpace(contentType[i+len("charset="):]), `"';`)
		}
	}
	if label == "" {
		head := raw
		if len(head) > prescanBytes {
			head = head[:prescanBytes]
		}
		if m := metaCharset.FindSubmatch(head); m != nil {
			label = string(m[1])
		}
	}
	if label != "" {
		e, name := charset.Lookup(label)
		switch {
		case e == nil:
			warn = "unknown charset " + label
		case name == "utf-8" || name == "utf-16be" || name == "utf-16le":
			// A page served as UTF-16 without a BOM is not something a
			// <meta> can say (the meta itself would be UTF-16); treat as
			// UTF-8 per the HTML standard.
			if utf8.Valid(raw) {
				return string(raw), "utf-8", ""
			}
			return decodeWith(charmap.Windows1252, raw), "windows-1252", "declared " + label + " but bytes are not UTF-8; read as windows-1252"
		default:
			return decodeWith(e, raw), name, ""
		}
	}
	if utf8.Valid(raw) {
		return string(raw), "utf-8", warn
	}
	if w := warn; w != "" {
		warn = w + "; "
	}
	return decodeWith(charmap.Windows1252, raw), "windows-1252", warn + "no charset declared and bytes are not UTF-8; read as windows-1252"
}

func decodeWith(e encoding.Encoding, raw []byte) string {
	out, _, err := transform.Bytes(e.NewDecoder(), raw)
	if err != nil {
		return toValidUTF8(raw)
	}
	return toValidUTF8(out)
}

func toValidUTF8(b []byte) string { return strings.ToValidUTF8(string(b), "\uFFFD") }

// looksBinary reports whether raw is not text at all: it holds NUL bytes
// (outside a UTF-16 page) or many control bytes.
func looksBinary(raw []byte) bool {
	if bytes.HasPrefix(raw, []byte{0xfe, 0xff}) || bytes.HasPrefix(raw, []byte{0xff, 0xfe}) {
		return false
	}
	head := raw
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	ctrl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f':
			ctrl++
		}
	}
	return ctrl*20 > len(head) // more than 5% control bytes
}
