// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package audit

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Progress draws a one-line progress display on a terminal ("\r" + clear to end of line),
// at most ten times a second. A nil *Progress draws nothing: that is the mode for CI logs and
// pipes, where a progress line would only add noise.
type Progress struct {
	w     io.Writer
	last  time.Time
	drawn bool
}

// NewProgress returns a Progress drawing on w, or nil when w should stay quiet.
func NewProgress(w io.Writer) *Progress {
	if w == nil {
		return nil
	}
	return &Progress{w: w}
}

// ShowProgress decides whether a progress line belongs on stderr: mode "always" or "never"
// decide alone; "auto" (the default) shows it when stderr is a terminal and the CI
// environment variable is not set (CI=true is what GitHub Actions, GitLab CI, CircleCI,
// Travis and most others set).
func ShowProgress(mode string, stderr *os.File) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if ci := strings.ToLower(os.Getenv("CI")); ci != "" && ci != "false" && ci != "0" {
		return false
	}
	return isTerminal(stderr)
}

// isTerminal reports whether f is a character device (a terminal), without a dependency.
func isTerminal(f *os.File) bool {
	if f == nil {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *Progress) draw(force bool, format string, args ...any) {
	if p == nil {
		return
	}
	now := time.Now()
	if !force && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	p.drawn = true
	fmt.Fprintf(p.w, "\r\x1b[K"+format, args...)
}

// finish ends the progress line so that what follows starts on a new line.
func (p *Progress) finish() {
	if p != nil && p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// count formats n with thousands separators.
func count(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
