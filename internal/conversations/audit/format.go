// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package audit

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// Output formats.
const (
	FormatJSONL = "jsonl" // one JSON object per line (JSON Lines)
	FormatCSV   = "csv"   // RFC 4180, with a header row
)

// Record is one exported message: the message as the API returns it (contract §3.4, Message),
// plus, with generations on, the AI generation behind it.
type Record struct {
	client.Message
	Generation *GenerationRecord `json:"generation,omitempty"`
}

// GenerationRecord is the AI generation of a message in the export: what the agent was asked
// and what it used (knowledge sources, actions). The generation's history is left out: it
// repeats the conversation's earlier messages, which the export already holds.
type GenerationRecord struct {
	AgentID         string            `json:"agentId"`
	Mode            string            `json:"mode,omitempty"`
	Intent          *string           `json:"intent,omitempty"`
	Prompt          string            `json:"prompt,omitempty"`
	Input           string            `json:"input,omitempty"`
	ResponseMessage string            `json:"responseMessage,omitempty"`
	FAQs            []json.RawMessage `json:"faqs"`
	Website         []json.RawMessage `json:"website"`
	ActionLogs      []json.RawMessage `json:"actionLogs"`
}

func generationRecord(g *client.Generation) *GenerationRecord {
	orEmpty := func(l []json.RawMessage) []json.RawMessage {
		if l == nil {
			return []json.RawMessage{}
		}
		return l
	}
	return &GenerationRecord{
		AgentID: g.AgentID, Mode: g.Mode, Intent: g.Intent, Prompt: g.Prompt, Input: g.Input,
		ResponseMessage: g.ResponseMessage, FAQs: orEmpty(g.FAQs), Website: orEmpty(g.Website), ActionLogs: orEmpty(g.ActionLogs),
	}
}

// csvColumns are the CSV header. JSON-valued columns (attachments, meta, generation) hold
// compact JSON.
var csvColumns = []string{
	"id", "conversation_id", "contact_id", "location_id", "date_added", "direction", "message_type", "type",
	"status", "source", "content_type", "user_id", "body", "attachments", "meta", "agent_id", "generation",
}

// encoder turns records into bytes of one output format.
type encoder interface {
	// header is written once, at the very beginning of the output (nil: none).
	header() ([]byte, error)
	encode(buf *bytes.Buffer, r Record) error
}

func newEncoder(format string) (encoder, error) {
	switch format {
	case FormatJSONL:
		return jsonlEncoder{}, nil
	case FormatCSV:
		return csvEncoder{}, nil
	}
	return nil, fmt.Errorf("unknown format %q: use %s or %s", format, FormatJSONL, FormatCSV)
}

type jsonlEncoder struct{}

func (jsonlEncoder) header() ([]byte, error) { return nil, nil }

func (jsonlEncoder) encode(buf *bytes.Buffer, r Record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encoding message %s: %w", r.ID, err)
	}
	buf.Write(b)
	buf.WriteByte('\n')
	return nil
}

type csvEncoder struct{}

func (csvEncoder) header() ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(csvColumns)
	w.Flush()
	return buf.Bytes(), w.Error()
}

func (csvEncoder) encode(buf *bytes.Buffer, r Record) error {
	js := func(v any) string {
		if v == nil {
			return ""
		}
		b, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(b)
	}
	attachments, meta, agentID, gen := "", "", "", ""
	if r.Attachments != nil {
		attachments = js(r.Attachments)
	}
	if len(r.Meta) > 0 {
		meta = js(r.Meta)
	}
	if r.Generation != nil {
		agentID, gen = r.Generation.AgentID, js(r.Generation)
	}
	w := csv.NewWriter(buf)
	err := w.Write([]string{
		r.ID, r.ConversationID, r.ContactID, r.LocationID, r.DateAdded, r.Direction, r.MessageType,
		strconv.FormatInt(r.Type, 10), r.Status, r.Source, r.ContentType, r.UserID, r.Body, attachments, meta, agentID, gen,
	})
	w.Flush()
	if err == nil {
		err = w.Error()
	}
	return err
}

// readIDs returns the message ids of the first n bytes of an output (in order), for the
// de-duplication on resume. It fails on anything that is not a complete record: the cursor
// file only ever records record boundaries.
func readIDs(r io.Reader, format string) ([]string, error) {
	var ids []string
	switch format {
	case FormatJSONL:
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
		line := 0
		for sc.Scan() {
			line++
			var rec struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || rec.ID == "" {
				return nil, fmt.Errorf("line %d is not an exported message", line)
			}
			ids = append(ids, rec.ID)
		}
		return ids, sc.Err()
	case FormatCSV:
		cr := csv.NewReader(r)
		cr.FieldsPerRecord = len(csvColumns)
		header := true
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return ids, nil
			}
			if err != nil {
				return nil, err
			}
			if header {
				header = false
				if rec[0] != csvColumns[0] {
					return nil, errors.New("the CSV header is missing")
				}
				continue
			}
			ids = append(ids, rec[0])
		}
	}
	return nil, fmt.Errorf("unknown format %q", format)
}
