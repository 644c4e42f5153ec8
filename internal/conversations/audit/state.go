// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// The cursor file is the export's commit record. It is rewritten atomically (temporary file in
// the same directory, fsync, rename, fsync of the directory) after each page's records have
// been appended to the output and fsynced. So at any instant, even after SIGKILL or a power
// cut, the cursor file describes a prefix of the output that holds whole pages:
//
//   - OutputBytes is the size of that prefix. Anything after it (a page written but not
//     committed, or half written) is cut off on resume and fetched again: the last page is
//     idempotent.
//   - Part and Cursor say where the next page starts.
//   - Messages is the number of records in the prefix; resume checks it against the output.
//
// On resume the ids of the prefix are read back and no message id is written twice, which
// also protects against an API whose cursors shift when messages arrive during the export.

const stateVersion = 1

// part is one export query: the export API filters by conversation and by one channel at a
// time, and without a channel it returns every message but e-mails (contract §3.4), so an
// export of all channels is two parts, and an agent's export two parts per conversation.
type part struct {
	ConversationID string `json:"conversationId,omitempty"`
	Channel        string `json:"channel,omitempty"` // "" = the API's default: every channel but e-mail
}

// exportQuery is what an export selects. A cursor file resumes only the same query.
type exportQuery struct {
	LocationID     string `json:"locationId"`
	Start          string `json:"start,omitempty"`
	End            string `json:"end,omitempty"`
	ConversationID string `json:"conversationId,omitempty"`
	ContactID      string `json:"contactId,omitempty"`
	AgentID        string `json:"agentId,omitempty"`
	Channel        string `json:"channel"`
	Format         string `json:"format"`
	Generations    bool   `json:"generations,omitempty"`
}

type cursorState struct {
	Version     int         `json:"version"`
	Query       exportQuery `json:"query"`
	Output      string      `json:"output"` // absolute path
	Parts       []part      `json:"parts"`
	Part        int         `json:"part"`   // index of the part in progress (len(Parts) when done)
	Cursor      string      `json:"cursor"` // the API's cursor of the next page of that part; "" = its start
	Pages       int         `json:"pages"`
	Messages    int64       `json:"messages"`
	OutputBytes int64       `json:"outputBytes"`
	Done        bool        `json:"done"`
	StartedAt   time.Time   `json:"startedAt"`
	UpdatedAt   time.Time   `json:"updatedAt"`
}

// loadState reads a cursor file; (nil, nil) when it does not exist.
func loadState(path string) (*cursorState, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the cursor file: %w", err)
	}
	var st cursorState
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, fmt.Errorf("cursor file %s is not a highlevel-export cursor (%v): delete it to start over", path, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("cursor file %s has version %d, this export writes version %d: delete it to start over", path, st.Version, stateVersion)
	}
	if st.Part < 0 || st.Part > len(st.Parts) || st.OutputBytes < 0 || st.Messages < 0 {
		return nil, fmt.Errorf("cursor file %s is inconsistent: delete it to start over", path)
	}
	return &st, nil
}

// saveState replaces the cursor file atomically.
func saveState(path string, st *cursorState) error {
	st.UpdatedAt = time.Now().UTC()
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(b, '\n'))
}

// writeFileAtomic writes data to path so that a reader (or a crash) sees either the old or
// the new content, never a mix: temporary file in the same directory, fsync, rename, fsync of
// the directory.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	name := tmp.Name()
	defer func() { _ = os.Remove(name) }() // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil { // make the rename durable (not supported everywhere)
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
