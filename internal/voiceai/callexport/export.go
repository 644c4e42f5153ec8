// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Package callexport streams the call logs of a location's Voice AI agents (transcripts,
// summaries, executed actions and extracted data) to a JSON Lines or CSV file for audits,
// resumably. cmd/highlevel-export runs it as "highlevel-export voice-calls".
//
// Order and resuming: calls are read oldest first (sortBy=createdAt, sort=ascend) up to an end
// instant fixed by the first run, so the set does not grow while it is exported. Every page is
// appended to the output and fsynced, then recorded in the cursor file (OUTPUT.cursor, replaced
// atomically) with the byte length of the output and the creation time of the last call
// written. A rerun of the same command cuts the output back to the recorded length, reads the
// ids it holds, and asks again from that creation time (the API's bounds are inclusive),
// skipping ids already written: no duplicates and no gaps, whatever page sizes the API uses.
package callexport

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// Formats.
const (
	FormatJSONL = "jsonl"
	FormatCSV   = "csv"
)

// ErrInterrupted is returned (wrapped) when the context ends mid-export; the same command resumes.
var ErrInterrupted = errors.New("export interrupted")

// Config is one export.
type Config struct {
	Client      *client.Client
	LocationID  string
	Start, End  *time.Time // creation-time bounds, inclusive; End nil = the first run's start time
	AgentID     string
	ContactIDs  []string
	CallType    string   // LIVE or TRIAL; "" = both
	ActionTypes []string // calls with an executed action of one of these types
	Format      string   // FormatJSONL (default) or FormatCSV
	Output      string
	CursorFile  string // default Output + ".cursor"
	Overwrite   bool   // start again, replacing Output and CursorFile
	// Progress, when set, gets a line after every page.
	Progress io.Writer
	// AfterPage is a test hook called after each committed page; returning an error stops the export.
	AfterPage func(pages int) error
	now       func() time.Time
}

// Result describes what an export did.
type Result struct {
	Calls       int64 // calls in the output, earlier runs included
	Written     int64 // calls written by this run
	Pages       int   // pages fetched by this run
	Duplicates  int   // calls skipped because their id was already written
	Resumed     bool
	AlreadyDone bool
	Elapsed     time.Duration
}

// query identifies an export in its cursor file: a rerun must select the same calls.
type query struct {
	LocationID  string   `json:"locationId"`
	Start       string   `json:"start,omitempty"`
	End         string   `json:"end"`
	AgentID     string   `json:"agentId,omitempty"`
	ContactIDs  []string `json:"contactIds,omitempty"`
	CallType    string   `json:"callType,omitempty"`
	ActionTypes []string `json:"actionTypes,omitempty"`
	Format      string   `json:"format"`
	Output      string   `json:"output"`
}

func (q query) key() string { b, _ := json.Marshal(q); return string(b) }

// cursor is the cursor file.
type cursor struct {
	Query         query  `json:"query"`
	Offset        int64  `json:"offset"`        // bytes of the output that hold committed pages
	Calls         int64  `json:"calls"`         // calls in those bytes
	LastCreatedAt string `json:"lastCreatedAt"` // creation time of the last call written
	Done          bool   `json:"done"`
}

var csvHeader = []string{"id", "created_at", "agent_id", "is_agent_deleted", "contact_id", "from_number", "message_id",
	"duration_seconds", "trial_call", "summary", "transcript", "executed_actions", "extracted_data", "translation"}

func (cfg *Config) normalise() error {
	switch {
	case cfg.Client == nil:
		return errors.New("no API client")
	case cfg.LocationID == "":
		return errors.New("no location: set -location or HIGHLEVEL_LOCATION_ID")
	case cfg.Output == "" || cfg.Output == "-":
		return errors.New("give an output file (a voice-call export is always resumable, so not standard output)")
	}
	if cfg.Format == "" {
		cfg.Format = FormatJSONL
	}
	if cfg.Format != FormatJSONL && cfg.Format != FormatCSV {
		return fmt.Errorf("unknown format %q: use %s or %s", cfg.Format, FormatJSONL, FormatCSV)
	}
	if cfg.CallType != "" && cfg.CallType != "LIVE" && cfg.CallType != "TRIAL" {
		return fmt.Errorf("the call type must be LIVE or TRIAL, got %q", cfg.CallType)
	}
	if cfg.CursorFile == "" {
		cfg.CursorFile = cfg.Output + ".cursor"
	}
	if cfg.now == nil {
		cfg.now = time.Now
	}
	if cfg.Start != nil && cfg.End != nil && !cfg.Start.Before(*cfg.End) {
		return errors.New("the start must be before the end")
	}
	return nil
}

func iso(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// Export runs (or resumes) the export cfg describes.
func Export(ctx context.Context, cfg Config) (*Result, error) {
	started := time.Now()
	if err := cfg.normalise(); err != nil {
		return nil, err
	}
	res := &Result{}
	defer func() { res.Elapsed = time.Since(started) }()
	abs, err := filepath.Abs(cfg.Output)
	if err != nil {
		return nil, err
	}
	q := query{LocationID: cfg.LocationID, AgentID: cfg.AgentID, ContactIDs: cfg.ContactIDs, CallType: cfg.CallType,
		ActionTypes: cfg.ActionTypes, Format: cfg.Format, Output: abs}
	if cfg.Start != nil {
		q.Start = iso(*cfg.Start)
	}
	if cfg.End != nil {
		q.End = iso(*cfg.End)
	}

	var cur *cursor
	if !cfg.Overwrite {
		if cur, err = loadCursor(cfg.CursorFile); err != nil {
			return nil, err
		}
	}
	if cur != nil {
		stored := cur.Query
		if q.End == "" {
			q.End = stored.End // the first run fixed the end
		}
		if stored.key() != q.key() {
			return nil, fmt.Errorf("cursor file %s belongs to another export; use the same options to resume it, or -overwrite to start again", cfg.CursorFile)
		}
		if cur.Done {
			res.AlreadyDone, res.Calls = true, cur.Calls
			return res, nil
		}
		res.Resumed = true
	} else {
		if q.End == "" {
			q.End = iso(cfg.now())
		}
		cur = &cursor{Query: q}
	}

	f, seen, err := openOutput(cfg, cur)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	res.Calls = cur.Calls

	end, _ := time.Parse(time.RFC3339Nano, q.End)
	filter := client.VoiceCallLogFilter{AgentID: cfg.AgentID, ContactIDs: cfg.ContactIDs, CallType: cfg.CallType,
		ActionTypes: cfg.ActionTypes, SortBy: "createdAt", Sort: "ascend", End: end, Start: time.UnixMilli(0)}
	if cfg.Start != nil {
		filter.Start = *cfg.Start
	}
	if cur.LastCreatedAt != "" {
		if t, err := time.Parse(time.RFC3339Nano, cur.LastCreatedAt); err == nil && t.After(filter.Start) {
			filter.Start = t // inclusive: calls of that same instant come again and are skipped by id
		}
	}
	if !filter.Start.Before(filter.End) {
		filter.End = filter.Start.Add(time.Millisecond)
	}
	err = cfg.Client.EachVoiceCallLogPage(ctx, cfg.LocationID, filter, 1, func(_ int, logs []client.VoiceCallLog) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var buf bytes.Buffer
		n := int64(0)
		for _, l := range logs {
			if seen[l.ID] {
				res.Duplicates++
				continue
			}
			seen[l.ID] = true
			if err := encode(&buf, cfg.Format, l); err != nil {
				return err
			}
			n++
			cur.LastCreatedAt = l.CreatedAt
		}
		if _, err := f.Write(buf.Bytes()); err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			return err
		}
		cur.Offset += int64(buf.Len())
		cur.Calls += n
		res.Calls, res.Written, res.Pages = cur.Calls, res.Written+n, res.Pages+1
		if err := saveCursor(cfg.CursorFile, cur); err != nil {
			return err
		}
		if cfg.Progress != nil {
			_, _ = fmt.Fprintf(cfg.Progress, "highlevel-export: %d calls written (page %d of this run)\n", cur.Calls, res.Pages)
		}
		if cfg.AfterPage != nil {
			return cfg.AfterPage(res.Pages)
		}
		return nil
	})
	if err != nil {
		if ctx.Err() != nil || errors.Is(err, context.Canceled) {
			return res, fmt.Errorf("%w after %d calls: %v", ErrInterrupted, cur.Calls, err)
		}
		return res, err
	}
	cur.Done = true
	return res, saveCursor(cfg.CursorFile, cur)
}

// openOutput opens the output for appending: new (with a CSV header) or cut back to the
// cursor's committed length, returning the ids it already holds.
func openOutput(cfg Config, cur *cursor) (*os.File, map[string]bool, error) {
	seen := map[string]bool{}
	if cur.Offset == 0 {
		f, err := os.OpenFile(cfg.Output, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, nil, err
		}
		if cfg.Format == FormatCSV {
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			_ = w.Write(csvHeader)
			w.Flush()
			if _, err := f.Write(buf.Bytes()); err != nil {
				_ = f.Close()
				return nil, nil, err
			}
			cur.Offset = int64(buf.Len())
		}
		return f, seen, nil
	}
	if err := os.Truncate(cfg.Output, cur.Offset); err != nil {
		return nil, nil, fmt.Errorf("resuming %s: %w", cfg.Output, err)
	}
	r, err := os.Open(cfg.Output)
	if err != nil {
		return nil, nil, err
	}
	if cfg.Format == FormatCSV {
		rows, err := csv.NewReader(r).ReadAll()
		_ = r.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("resuming %s: %w", cfg.Output, err)
		}
		for _, row := range rows[min(1, len(rows)):] {
			seen[row[0]] = true
		}
	} else {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var v struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				_ = r.Close()
				return nil, nil, fmt.Errorf("resuming %s: a committed line is not JSON: %w", cfg.Output, err)
			}
			seen[v.ID] = true
		}
		_ = r.Close()
		if err := sc.Err(); err != nil {
			return nil, nil, err
		}
	}
	f, err := os.OpenFile(cfg.Output, os.O_WRONLY|os.O_APPEND, 0o600)
	return f, seen, err
}

// redactActions masks what an executed custom action's parameters may carry as credentials
// (header values, an authentication value): an audit file is not a place for them.
func redactActions(actions []client.VoiceCallAction) {
	for i, a := range actions {
		var p map[string]any
		if len(a.ActionParameters) == 0 || json.Unmarshal(a.ActionParameters, &p) != nil {
			continue
		}
		d, ok := p["apiDetails"].(map[string]any)
		if !ok {
			continue
		}
		if _, ok := d["authenticationValue"]; ok {
			d["authenticationValue"] = "***"
		}
		if hs, ok := d["headers"].([]any); ok {
			for _, h := range hs {
				if m, ok := h.(map[string]any); ok && m["value"] != nil {
					m["value"] = "***"
				}
			}
		}
		if b, err := json.Marshal(p); err == nil {
			actions[i].ActionParameters = b
		}
	}
}

func encode(buf *bytes.Buffer, format string, l client.VoiceCallLog) error {
	redactActions(l.ExecutedCallActions)
	if format == FormatJSONL {
		b, err := json.Marshal(l)
		if err != nil {
			return err
		}
		buf.Write(b)
		buf.WriteByte('\n')
		return nil
	}
	actions, _ := json.Marshal(l.ExecutedCallActions)
	w := csv.NewWriter(buf)
	err := w.Write([]string{l.ID, l.CreatedAt, l.AgentID, strconv.FormatBool(l.IsAgentDeleted), l.ContactID, l.FromNumber, l.MessageID,
		strconv.FormatFloat(l.Duration, 'f', -1, 64), strconv.FormatBool(l.TrialCall), l.Summary, l.Transcript, string(actions),
		strings.TrimSpace(string(l.ExtractedData)), strings.TrimSpace(string(l.Translation))})
	w.Flush()
	if err == nil {
		err = w.Error()
	}
	return err
}

func loadCursor(path string) (*cursor, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("cursor file %s is damaged (%v); use -overwrite to start again", path, err)
	}
	return &c, nil
}

// saveCursor replaces the cursor file atomically (temp file, fsync, rename).
func saveCursor(path string, c *cursor) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
