// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package audit

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

func noLimits() emulator.Options { return emulator.Options{Locations: 1, RateLimitBurst: -1} }

func TestExportCompleteOldestFirst(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t, noLimits())
	s := api.seed(t, map[string]any{"count": 12, "messagesPerConversation": 10, "endDate": "2026-01-01T00:00:00Z"})
	// E-mails are not in the export API's default query: the "all" channel adds them.
	e := api.seed(t, map[string]any{"count": 2, "messagesPerConversation": 5, "messageTypes": []string{"TYPE_EMAIL"}, "endDate": "2026-01-02T00:00:00Z"})
	out := filepath.Join(t.TempDir(), "all.jsonl")
	res, err := Export(context.Background(), Config{Client: api.client(t), LocationID: api.location, Output: out, PageSize: 25})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	ids := jsonlIDs(t, data)
	checkExactly(t, ids, append(s.allIDs(), e.allIDs()...))
	if res.Messages != 130 || res.Written != 130 || res.Resumed || res.Duplicates != 0 {
		t.Fatalf("result %+v", res)
	}
	// 120 non-email messages in pages of 25 (5 pages), then 10 e-mails (1 page).
	if res.Pages != 6 {
		t.Fatalf("pages = %d, want 6", res.Pages)
	}
	var prev string
	for i, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n"))[:120] {
		var m struct{ DateAdded string }
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatal(err)
		}
		if m.DateAdded < prev {
			t.Fatalf("line %d: %s before %s: not oldest first", i+1, m.DateAdded, prev)
		}
		prev = m.DateAdded
	}
	// A second run finds the export complete and does nothing.
	again, err := Export(context.Background(), Config{Client: api.client(t), LocationID: api.location, Output: out, PageSize: 25})
	if err != nil || !again.AlreadyDone || again.Messages != 130 {
		t.Fatalf("rerun: %+v, %v", again, err)
	}
}

func TestExportDateRangeChannelAndCSV(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t, noLimits())
	// Conversation i's messages end at 2026-01-01T00:00 minus i minutes, one second apart.
	s := api.seed(t, map[string]any{"count": 10, "messagesPerConversation": 4, "endDate": "2026-01-01T00:00:00Z"})
	start, _ := time.Parse(time.RFC3339, "2025-12-31T23:55:30Z") // conversations 0–4
	end, _ := time.Parse(time.RFC3339, "2025-12-31T23:59:00Z")   // without conversation 0
	out := filepath.Join(t.TempDir(), "range.csv")
	_, err := Export(context.Background(), Config{
		Client: api.client(t), LocationID: api.location, Output: out, Format: FormatCSV, Start: &start, End: &end, Channel: "SMS",
	})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(out)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], csvColumns) {
		t.Fatalf("header %v", rows[0])
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0])
	}
	var want []string
	for _, c := range s.Conversations[1:5] {
		want = append(want, c.MessageIDs...)
	}
	checkExactly(t, got, want)
}

func TestExportResumesAfterInterrupt(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t, noLimits())
	s := api.seed(t, map[string]any{"count": 20, "messagesPerConversation": 10})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	api.onExport = func(n int) {
		if n == 4 {
			cancel() // the 4th page's request fails: three pages are committed
		}
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "x.jsonl")
	cfg := Config{Client: api.client(t), LocationID: api.location, Output: out, PageSize: 50}
	res, err := Export(ctx, cfg)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	if res.Messages != 150 {
		t.Fatalf("committed %d messages before the interrupt, want 150", res.Messages)
	}
	// A torn write: half a record after the committed prefix, as a crash mid-write leaves it.
	f, _ := os.OpenFile(out, os.O_APPEND|os.O_WRONLY, 0)
	_, _ = f.WriteString(`{"id":"torn","body":"half a rec`)
	_ = f.Close()

	api.onExport = nil
	res, err = Export(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Resumed || res.Written != 50 || res.Messages != 200 || res.Pages != 2 { // the last SMS page, the e-mail page
		t.Fatalf("resume result %+v", res)
	}
	data, _ := os.ReadFile(out)
	checkExactly(t, jsonlIDs(t, data), s.allIDs())
}

// A page written but not committed (the process died between the output's fsync and the cursor
// file's rename) is cut off and fetched again; ids already in the output are never written twice,
// even when the API repeats them.
func TestExportResumeCutsUncommittedPageAndDedupes(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t, noLimits())
	s := api.seed(t, map[string]any{"count": 6, "messagesPerConversation": 10})
	dir := t.TempDir()
	out := filepath.Join(dir, "x.jsonl")
	cfg := Config{Client: api.client(t), LocationID: api.location, Output: out, PageSize: 20, Channel: ChannelNonEmail}
	if _, err := Export(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	full, _ := os.ReadFile(out)
	// Rewind the cursor file to "1 page committed, next page from the start": the output holds
	// 3 pages beyond which the last 2 are uncommitted (a crash between the output's fsync and the
	// cursor file's rename leaves such a tail), and the API will answer page 1 again, whose ids
	// are already exported (as an API whose cursors shifted would).
	st, err := loadState(cfg.Output + ".cursor")
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(full, []byte("\n"))
	st.Done, st.Part, st.Cursor = false, 0, ""
	st.Pages, st.Messages, st.OutputBytes = 1, 20, int64(len(bytes.Join(lines[:20], nil)))
	if err := saveState(cfg.Output+".cursor", st); err != nil {
		t.Fatal(err)
	}
	res, err := Export(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Duplicates != 20 || res.Written != 40 {
		t.Fatalf("result %+v: want 20 duplicates skipped and 40 written", res)
	}
	data, _ := os.ReadFile(out)
	checkExactly(t, jsonlIDs(t, data), s.allIDs())
}

func TestExportRefusals(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t, noLimits())
	api.seed(t, map[string]any{"count": 2, "messagesPerConversation": 2})
	dir := t.TempDir()
	c := api.client(t)
	base := Config{Client: c, LocationID: api.location}
	start, _ := time.Parse(time.RFC3339, "2026-02-01T00:00:00Z")
	end, _ := time.Parse(time.RFC3339, "2026-01-01T00:00:00Z")
	existing := filepath.Join(dir, "existing.jsonl")
	_ = os.WriteFile(existing, []byte("precious\n"), 0o600)
	for name, tc := range map[string]struct {
		mut  func(*Config)
		want string
	}{
		"inverted range":       {func(c *Config) { c.Output, c.Start, c.End = filepath.Join(dir, "a"), &start, &end }, "is before the start"},
		"malformed agent":      {func(c *Config) { c.Output, c.AgentID = filepath.Join(dir, "a"), "bad id" }, `"bad id" is not a HighLevel id`},
		"agent and conv":       {func(c *Config) { c.Output, c.AgentID, c.ConversationID = filepath.Join(dir, "a"), "a", "b" }, "not both"},
		"page size":            {func(c *Config) { c.Output, c.PageSize = filepath.Join(dir, "a"), 501 }, "between 10 and 500"},
		"channel":              {func(c *Config) { c.Output, c.Channel = filepath.Join(dir, "a"), "Pigeon" }, "unknown channel"},
		"stdout cursor":        {func(c *Config) { c.Output, c.CursorFile = "-", "x" }, "cannot be resumed"},
		"unknown agent":        {func(c *Config) { c.Output, c.AgentID = filepath.Join(dir, "b"), "NoSuchAgent000000000" }, "no AI agent with id"},
		"unknown conversation": {func(c *Config) { c.Output, c.ConversationID = filepath.Join(dir, "c"), "NoSuchConv0000000000" }, "does not exist in location"},
		"output exists":        {func(c *Config) { c.Output = existing }, "pass -overwrite"},
	} {
		cfg := base
		tc.mut(&cfg)
		_, err := Export(context.Background(), cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "precious\n" {
		t.Fatal("an existing output was touched")
	}
	// Another query on the same cursor file.
	out := filepath.Join(dir, "q.jsonl")
	if _, err := Export(context.Background(), Config{Client: c, LocationID: api.location, Output: out}); err != nil {
		t.Fatal(err)
	}
	_, err := Export(context.Background(), Config{Client: c, LocationID: api.location, Output: out, Channel: "SMS"})
	if err == nil || !strings.Contains(err.Error(), "belongs to another export") {
		t.Fatalf("err = %v", err)
	}
	// -overwrite starts that other export afresh.
	res, err := Export(context.Background(), Config{Client: c, LocationID: api.location, Output: out, Channel: "Email", Overwrite: true})
	if err != nil || res.Resumed || res.Messages != 0 {
		t.Fatalf("overwrite: %+v %v", res, err)
	}
	if b, _ := os.ReadFile(out); len(b) != 0 {
		t.Fatalf("the overwritten output still holds %d bytes", len(b))
	}
}

func TestExportAgentAndGenerations(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t, noLimits())
	a1, a2 := api.createAgent(t, "One"), api.createAgent(t, "Two")
	// Conversations alternate between the agents; each has 2 outbound messages with generations.
	s := api.seed(t, map[string]any{"count": 6, "messagesPerConversation": 4, "agentIds": []string{a1, a2}})
	out := filepath.Join(t.TempDir(), "agent.jsonl")
	res, err := Export(context.Background(), Config{Client: api.client(t), LocationID: api.location, Output: out, AgentID: a1, Generations: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Conversations != 3 {
		t.Fatalf("%d conversations of agent one, want 3", res.Conversations)
	}
	var want []string
	for i, c := range s.Conversations {
		if i%2 == 0 {
			want = append(want, c.MessageIDs...)
		}
	}
	data, _ := os.ReadFile(out)
	checkExactly(t, jsonlIDs(t, data), want)
	withGen := 0
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var r struct {
			Direction  string
			Generation *GenerationRecord
		}
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatal(err)
		}
		if (r.Generation != nil) != (r.Direction == "outbound") {
			t.Fatalf("generation on a %s message: %s", r.Direction, line)
		}
		if r.Generation != nil {
			withGen++
			if r.Generation.AgentID != a1 || r.Generation.FAQs == nil {
				t.Fatalf("generation %+v", r.Generation)
			}
		}
	}
	if withGen != 6 {
		t.Fatalf("%d messages with a generation, want 6", withGen)
	}
}

func TestExportToStdout(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t, noLimits())
	s := api.seed(t, map[string]any{"count": 3, "messagesPerConversation": 3})
	var buf bytes.Buffer
	res, err := Export(context.Background(), Config{Client: api.client(t), LocationID: api.location, Output: "-", Stdout: &buf, Format: FormatCSV})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := readIDs(&buf, FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	checkExactly(t, ids, s.allIDs())
	if res.CursorFile != "" {
		t.Fatalf("cursor file %q for stdout", res.CursorFile)
	}
}

func TestExportEmptyCSVHasHeader(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t, noLimits())
	out := filepath.Join(t.TempDir(), "empty.csv")
	res, err := Export(context.Background(), Config{Client: api.client(t), LocationID: api.location, Output: out, Format: FormatCSV})
	if err != nil || res.Messages != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "id,conversation_id,") || strings.Count(string(b), "\n") != 1 {
		t.Fatalf("output %q", b)
	}
}
