// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package audit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// Channels of an export. ChannelAll and ChannelNonEmail are this tool's; the others are the
// export API's `channel` values (contract §3.4).
const (
	ChannelAll      = "all"       // every message: the API's default query (all but e-mail), then e-mail
	ChannelNonEmail = "non-email" // the API's default query alone
)

// APIChannels are the export API's channel filters.
var APIChannels = []string{"Call", "SMS", "Email", "WhatsApp", "Instagram", "Facebook"}

// Page sizes of the export API (contract §3.4).
const (
	MinPageSize     = client.ExportMinLimit
	MaxPageSize     = client.ExportMaxLimit
	DefaultPageSize = client.ExportMaxLimit // fewest requests
)

// ConfigError is an export that cannot start as configured (bad ids, an inverted date range,
// an unknown format…): a usage error, reported before any request.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// ErrInterrupted is returned (wrapped) when the context ends mid-export; the cursor file
// then describes everything written, and the same command resumes.
var ErrInterrupted = errors.New("export interrupted")

// Config is one export.
type Config struct {
	Client     *client.Client
	LocationID string // resolved location id

	Start, End     *time.Time // bounds of the messages' creation date, inclusive; nil = open
	ConversationID string     // only this conversation
	ContactID      string     // only this contact
	AgentID        string     // only the conversations this AI agent wrote messages in
	Channel        string     // ChannelAll (default), ChannelNonEmail, or one of APIChannels
	Generations    bool       // add the AI generation of every outbound message (one call each)

	Format     string    // FormatJSONL (default) or FormatCSV
	Output     string    // file path; "-" writes to Stdout (then nothing is resumable)
	Stdout     io.Writer // used with Output "-"
	CursorFile string    // default Output + ".cursor"; "" with Output "-"
	PageSize   int       // 10–500, default 500
	Overwrite  bool      // start a new export: replace Output and CursorFile, whatever they hold
	Progress   *Progress // nil: no progress line

	// Test hooks (see cmd/highlevel-export): kill the process with SIGKILL once this run has
	// written KillAfterPages pages, before the cursor file records the last one when
	// KillBeforeCursor is set, else just after.
	KillAfterPages   int
	KillBeforeCursor bool
}

// Result describes what an export did.
type Result struct {
	Messages      int64 // messages in the output (the whole export, earlier runs included)
	Written       int64 // messages written by this run
	Pages         int   // export pages fetched by this run
	Duplicates    int   // messages skipped because their id was already in the output
	Requests      int   // API calls of this run (approximate for lists: one per page)
	Conversations int   // with AgentID: the conversations the agent wrote in
	Resumed       bool  // this run continued an earlier one
	AlreadyDone   bool  // the cursor file says the export is complete; nothing was done
	Output        string
	CursorFile    string // "" for standard output
	Elapsed       time.Duration
}

func channelParts(channel string) []string {
	switch channel {
	case ChannelAll:
		return []string{"", "Email"}
	case ChannelNonEmail:
		return []string{""}
	}
	return []string{channel}
}

func (cfg *Config) normalise() error {
	if cfg.Client == nil {
		return errors.New("no API client")
	}
	if cfg.LocationID == "" {
		return errors.New("no location: set -location or HIGHLEVEL_LOCATION_ID")
	}
	if cfg.Format == "" {
		cfg.Format = FormatJSONL
	}
	if _, err := newEncoder(cfg.Format); err != nil {
		return err
	}
	if cfg.Channel == "" {
		cfg.Channel = ChannelAll
	}
	if cfg.Channel != ChannelAll && cfg.Channel != ChannelNonEmail && !slices.Contains(APIChannels, cfg.Channel) {
		return fmt.Errorf("unknown channel %q: use %s, %s or one of %s", cfg.Channel, ChannelAll, ChannelNonEmail, strings.Join(APIChannels, ", "))
	}
	if cfg.PageSize == 0 {
		cfg.PageSize = DefaultPageSize
	}
	if cfg.PageSize < MinPageSize || cfg.PageSize > MaxPageSize {
		return fmt.Errorf("the page size must be between %d and %d, got %d", MinPageSize, MaxPageSize, cfg.PageSize)
	}
	for name, id := range map[string]string{"location": cfg.LocationID, "conversation": cfg.ConversationID, "contact": cfg.ContactID, "agent": cfg.AgentID} {
		if id != "" {
			if msg := framework.CheckOpaqueID(id); msg != "" {
				return fmt.Errorf("%s id: %s", name, msg)
			}
		}
	}
	if cfg.ConversationID != "" && cfg.AgentID != "" {
		return errors.New("give a conversation or an agent, not both")
	}
	if cfg.Start != nil && cfg.End != nil && cfg.End.Before(*cfg.Start) {
		return fmt.Errorf("the end (%s) is before the start (%s): the range would match nothing; swap them",
			cfg.End.Format(time.RFC3339), cfg.Start.Format(time.RFC3339))
	}
	switch {
	case cfg.Output == "":
		return errors.New("no output: give a file, or - for standard output")
	case cfg.Output == "-" && cfg.CursorFile != "":
		return errors.New("an export to standard output cannot be resumed: give an output file to use a cursor file")
	case cfg.Output == "-" && cfg.Stdout == nil:
		cfg.Stdout = os.Stdout
	case cfg.Output != "-" && cfg.CursorFile == "":
		cfg.CursorFile = cfg.Output + ".cursor"
	}
	return nil
}

// apiTime is the form the export API gets its dates in: ISO-8601 UTC with milliseconds (§1.3).
func apiTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

func (cfg *Config) query() exportQuery {
	return exportQuery{
		LocationID: cfg.LocationID, Start: apiTime(cfg.Start), End: apiTime(cfg.End), ConversationID: cfg.ConversationID,
		ContactID: cfg.ContactID, AgentID: cfg.AgentID, Channel: cfg.Channel, Format: cfg.Format, Generations: cfg.Generations,
	}
}

// Export streams the messages cfg selects to cfg.Output, oldest first, one page at a time,
// committing each page in the cursor file (see state.go) so that a rerun of the same command
// after a crash or an interrupt continues where the last committed page ended, without
// duplicates and without gaps.
func Export(ctx context.Context, cfg Config) (*Result, error) {
	started := time.Now()
	if err := cfg.normalise(); err != nil {
		return nil, &ConfigError{err}
	}
	enc, _ := newEncoder(cfg.Format)
	res := &Result{Output: cfg.Output, CursorFile: cfg.CursorFile}
	defer func() { res.Elapsed = time.Since(started) }()
	q := cfg.query()
	toStdout := cfg.Output == "-"

	var st *cursorState
	absOut := ""
	if !toStdout {
		var err error
		if absOut, err = filepath.Abs(cfg.Output); err != nil {
			return nil, err
		}
		if !cfg.Overwrite {
			if st, err = loadState(cfg.CursorFile); err != nil {
				return nil, err
			}
		}
		if st != nil {
			if st.Query != q || st.Output != absOut {
				return nil, fmt.Errorf("cursor file %s belongs to another export (%s); use the same options to resume it, "+
					"or delete the cursor file (or give another -cursor) to start a new export", cfg.CursorFile, describe(st.Query, st.Output))
			}
			if st.Done {
				res.AlreadyDone, res.Messages = true, st.Messages
				return res, nil
			}
		}
	}

	seen := map[string]struct{}{}
	var w io.Writer
	var out *os.File
	if st == nil {
		if !toStdout && !cfg.Overwrite {
			if fi, err := os.Stat(cfg.Output); err == nil && fi.Size() > 0 {
				return nil, fmt.Errorf("output %s exists and no cursor file (%s) records an export into it: "+
					"pass -overwrite to replace it, or choose another output", cfg.Output, cfg.CursorFile)
			}
		}
		parts, err := cfg.plan(ctx, res)
		if err != nil {
			return res, err
		}
		st = &cursorState{Version: stateVersion, Query: q, Output: absOut, Parts: parts, StartedAt: time.Now().UTC()}
		if toStdout {
			w = cfg.Stdout
		} else {
			// The cursor file first: if the process dies before the output is truncated, the
			// rerun truncates it (OutputBytes 0).
			if err := saveState(cfg.CursorFile, st); err != nil {
				return res, err
			}
			if out, err = os.OpenFile(cfg.Output, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600); err != nil {
				return res, fmt.Errorf("creating the output: %w", err)
			}
		}
	} else {
		res.Resumed = true
		var err error
		if out, err = resumeOutput(cfg, st, seen); err != nil {
			return res, err
		}
	}
	if out != nil {
		defer out.Close()
		w = out
	}
	res.Messages = st.Messages

	header, _ := enc.header()
	for st.Part < len(st.Parts) {
		p := st.Parts[st.Part]
		page, next, _, err := cfg.Client.ExportMessages(ctx, cfg.LocationID, client.ExportQuery{
			Limit: cfg.PageSize, SortBy: "createdAt", SortOrder: "asc", ConversationID: p.ConversationID,
			ContactID: cfg.ContactID, Channel: p.Channel, StartDate: q.Start, EndDate: q.End,
		}, st.Cursor)
		res.Requests++
		if err != nil {
			return res, cfg.stopped(ctx, fmt.Errorf("exporting page %d: %w", st.Pages+1, err), st)
		}
		var buf bytes.Buffer
		if st.OutputBytes == 0 {
			buf.Write(header)
		}
		n := int64(0)
		for _, m := range page {
			if _, dup := seen[m.ID]; dup {
				res.Duplicates++
				continue
			}
			rec := Record{Message: m}
			if cfg.Generations && m.Direction == "outbound" {
				g, err := cfg.Client.GetGeneration(ctx, cfg.LocationID, m.ID, GenerationSource(m))
				res.Requests++
				switch {
				case client.IsNotFound(err), client.IsForbidden(err):
				case err != nil:
					return res, cfg.stopped(ctx, fmt.Errorf("reading the AI generation of message %s: %w", m.ID, err), st)
				default:
					rec.Generation = generationRecord(g)
				}
			}
			if err := enc.encode(&buf, rec); err != nil {
				return res, err
			}
			seen[m.ID] = struct{}{}
			n++
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return res, fmt.Errorf("writing the output: %w", err)
		}
		if out != nil {
			if err := out.Sync(); err != nil {
				return res, fmt.Errorf("writing the output: %w", err)
			}
		}
		res.Pages++
		if cfg.KillBeforeCursor && res.Pages == cfg.KillAfterPages {
			killSelf()
		}
		st.Pages++
		st.Messages += n
		st.OutputBytes += int64(buf.Len())
		if next == "" {
			st.Part++
			st.Cursor = ""
		} else {
			st.Cursor = next
		}
		if !toStdout {
			if err := saveState(cfg.CursorFile, st); err != nil {
				return res, err
			}
		}
		if !cfg.KillBeforeCursor && res.Pages == cfg.KillAfterPages {
			killSelf()
		}
		res.Written += n
		res.Messages = st.Messages
		rate := float64(res.Written) / time.Since(started).Seconds()
		cfg.Progress.draw(false, "highlevel-export: %s messages · %d pages · part %d/%d · %s msg/s",
			count(st.Messages), st.Pages, min(st.Part+1, len(st.Parts)), len(st.Parts), count(int64(rate)))
	}
	if st.OutputBytes == 0 && len(header) > 0 { // no message at all: still a valid CSV
		if _, err := w.Write(header); err != nil {
			return res, fmt.Errorf("writing the output: %w", err)
		}
		st.OutputBytes = int64(len(header))
	}
	if out != nil {
		if err := out.Sync(); err != nil {
			return res, fmt.Errorf("writing the output: %w", err)
		}
	}
	st.Done = true
	if !toStdout {
		if err := saveState(cfg.CursorFile, st); err != nil {
			return res, err
		}
	}
	cfg.Progress.finish()
	return res, nil
}

// stopped wraps err as ErrInterrupted when the context ended.
func (cfg *Config) stopped(ctx context.Context, err error, st *cursorState) error {
	cfg.Progress.finish()
	if ctx.Err() != nil {
		return fmt.Errorf("%w after %s messages (%d pages): %w", ErrInterrupted, count(st.Messages), st.Pages, ctx.Err())
	}
	return err
}

// resumeOutput opens the output of an interrupted export, cuts off what the cursor file does
// not record, and loads the ids it holds into seen.
func resumeOutput(cfg Config, st *cursorState, seen map[string]struct{}) (*os.File, error) {
	out, err := os.OpenFile(cfg.Output, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("cursor file %s records %s messages in %s, but that file is missing: "+
			"delete the cursor file to start over", cfg.CursorFile, count(st.Messages), cfg.Output)
	}
	if err != nil {
		return nil, fmt.Errorf("opening the output: %w", err)
	}
	fi, err := out.Stat()
	if err != nil {
		_ = out.Close()
		return nil, err
	}
	if fi.Size() < st.OutputBytes {
		_ = out.Close()
		return nil, fmt.Errorf("output %s is shorter (%d bytes) than the cursor file %s records (%d bytes): it was changed "+
			"since; delete the cursor file to start over", cfg.Output, fi.Size(), cfg.CursorFile, st.OutputBytes)
	}
	// The uncommitted tail (a page written but not recorded, or half written) goes: that page
	// is fetched again.
	if err := out.Truncate(st.OutputBytes); err != nil {
		_ = out.Close()
		return nil, fmt.Errorf("cutting the uncommitted tail of the output: %w", err)
	}
	ids, err := readIDs(io.NewSectionReader(out, 0, st.OutputBytes), cfg.Format)
	if err != nil || int64(len(ids)) != st.Messages {
		_ = out.Close()
		if err == nil {
			err = fmt.Errorf("it holds %d messages, the cursor file records %d", len(ids), st.Messages)
		}
		return nil, fmt.Errorf("output %s does not match its cursor file %s (%v): delete the cursor file to start over",
			cfg.Output, cfg.CursorFile, err)
	}
	for _, id := range ids {
		seen[id] = struct{}{}
	}
	if _, err := out.Seek(0, io.SeekEnd); err != nil {
		_ = out.Close()
		return nil, err
	}
	return out, nil
}

// plan checks the ids the export names and lists its parts. For an agent it finds the
// conversations the agent wrote in (see AgentMatcher for the cost): those whose last message
// is not older than the start date, since the search filters on the last message's date.
func (cfg *Config) plan(ctx context.Context, res *Result) ([]part, error) {
	chans := channelParts(cfg.Channel)
	var parts []part
	switch {
	case cfg.AgentID != "":
		res.Requests++
		if err := CheckAgent(ctx, cfg.Client, cfg.LocationID, cfg.AgentID); err != nil {
			return nil, err
		}
		sq := client.ConversationQuery{ContactID: cfg.ContactID}
		if cfg.Start != nil {
			ms := cfg.Start.UnixMilli()
			sq.StartDate = &ms
		}
		convs, err := cfg.Client.SearchConversations(ctx, cfg.LocationID, sq, 0)
		res.Requests += len(convs)/100 + 1
		if err != nil {
			return nil, fmt.Errorf("searching the location's conversations: %w", err)
		}
		m := &AgentMatcher{Client: cfg.Client, LocationID: cfg.LocationID, AgentID: cfg.AgentID}
		for i, cv := range convs {
			cfg.Progress.draw(false, "highlevel-export: finding the conversations of agent %s: %d/%d examined, %d found",
				cfg.AgentID, i, len(convs), res.Conversations)
			id, err := m.NewestAgentMessage(ctx, cv.ID)
			if err != nil {
				res.Requests += m.Calls
				return nil, cfg.stopped(ctx, err, &cursorState{})
			}
			if id == "" {
				continue
			}
			res.Conversations++
			for _, ch := range chans {
				parts = append(parts, part{ConversationID: cv.ID, Channel: ch})
			}
		}
		res.Requests += m.Calls
	case cfg.ConversationID != "":
		res.Requests++
		if _, err := cfg.Client.GetConversation(ctx, cfg.LocationID, cfg.ConversationID); err != nil {
			if client.IsNotFound(err) {
				return nil, fmt.Errorf("conversation %s does not exist in location %s", cfg.ConversationID, cfg.LocationID)
			}
			return nil, fmt.Errorf("checking conversation %s: %w", cfg.ConversationID, err)
		}
		for _, ch := range chans {
			parts = append(parts, part{ConversationID: cfg.ConversationID, Channel: ch})
		}
	default:
		for _, ch := range chans {
			parts = append(parts, part{Channel: ch})
		}
	}
	return parts, nil
}

func describe(q exportQuery, output string) string {
	s := []string{"location " + q.LocationID}
	for _, kv := range [][2]string{{"start", q.Start}, {"end", q.End}, {"conversation", q.ConversationID}, {"contact", q.ContactID}, {"agent", q.AgentID}} {
		if kv[1] != "" {
			s = append(s, kv[0]+" "+kv[1])
		}
	}
	s = append(s, "channel "+q.Channel, "format "+q.Format)
	if q.Generations {
		s = append(s, "with generations")
	}
	return strings.Join(s, ", ") + ", output " + output
}

// killSelf ends the process as a crash would (SIGKILL on Unix): no deferred function runs.
func killSelf() {
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		_ = p.Kill()
	}
	time.Sleep(time.Hour) // the signal is on its way
}
