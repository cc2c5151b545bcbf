package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"
)

// progressLine draws one self-overwriting status line on a terminal, at most
// ten times a second.
type progressLine struct {
	w    io.Writer
	last time.Time
	on   bool
}

func newProgressLine(w io.Writer, on bool) *progressLine { return &progressLine{w: w, on: on} }

func (p *progressLine) show(format string, args ...any) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	line := fmt.Sprintf(format, args...)
	if len(line) > 100 {
		line = line[:100]
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
}

// done clears the line.
func (p *progressLine) done() {
	if p.on && !p.last.IsZero() {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

func shortPath(p string) string {
	dir, file := filepath.Split(p)
	return filepath.Join(filepath.Base(dir), file)
}
