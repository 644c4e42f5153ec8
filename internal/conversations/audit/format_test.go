// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package audit

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

func TestEncodersRoundTripIDs(t *testing.T) {
	intent := "pricing"
	recs := []Record{
		{Message: client.Message{ID: "m1", Body: "line one\nline two, with \"quotes\"", Meta: json.RawMessage(`{"a":1}`)}},
		{Message: client.Message{ID: "m2", Attachments: []json.RawMessage{json.RawMessage(`"https://x/y.png"`)}},
			Generation: generationRecord(&client.Generation{AgentID: "ag", Intent: &intent})},
	}
	for _, format := range []string{FormatJSONL, FormatCSV} {
		enc, err := newEncoder(format)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		h, _ := enc.header()
		buf.Write(h)
		for _, r := range recs {
			if err := enc.encode(&buf, r); err != nil {
				t.Fatal(err)
			}
		}
		ids, err := readIDs(bytes.NewReader(buf.Bytes()), format)
		if err != nil || strings.Join(ids, ",") != "m1,m2" {
			t.Fatalf("%s: ids %v, %v\n%s", format, ids, err, buf.String())
		}
		if format == FormatCSV && !strings.Contains(buf.String(), `"{""agentId"":""ag""`) {
			t.Fatalf("csv generation column: %s", buf.String())
		}
		// A torn last record is not an exported message.
		torn := buf.Bytes()[:buf.Len()-3]
		if format == FormatJSONL {
			if _, err := readIDs(bytes.NewReader(torn), format); err == nil {
				t.Fatalf("%s: a torn record was accepted", format)
			}
		}
	}
	if _, err := newEncoder("xml"); err == nil {
		t.Fatal("xml accepted")
	}
}

func TestShowProgress(t *testing.T) {
	t.Setenv("CI", "true")
	if ShowProgress("auto", nil) {
		t.Fatal("progress in CI")
	}
	if !ShowProgress("always", nil) || ShowProgress("never", nil) {
		t.Fatal("explicit modes ignored")
	}
	t.Setenv("CI", "")
	if ShowProgress("auto", nil) {
		t.Fatal("progress without a terminal")
	}
	if count(1234567) != "1,234,567" || count(12) != "12" {
		t.Fatal(count(1234567))
	}
}

func TestStateIsWrittenAtomically(t *testing.T) {
	path := t.TempDir() + "/c.cursor"
	st := &cursorState{Version: stateVersion, Parts: []part{{}}, Cursor: "abc"}
	if err := saveState(path, st); err != nil {
		t.Fatal(err)
	}
	got, err := loadState(path)
	if err != nil || got.Cursor != "abc" {
		t.Fatalf("%+v %v", got, err)
	}
	if got, err := loadState(path + ".missing"); got != nil || err != nil {
		t.Fatal("a missing cursor file is not 'fresh start'")
	}
	if err := writeFileAtomic(path, []byte("garbage")); err != nil {
		t.Fatal(err)
	}
	if _, err := loadState(path); err == nil || !strings.Contains(err.Error(), "delete it") {
		t.Fatalf("err = %v", err)
	}
}
