// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Decoding helpers shared by the families: answers that are only {success:…}, and lenient
// scalars for the loosely specified shapes (§3.4, §3.5 crawler errors).

// successOnly checks a {success:…} answer: success:false is an error (with the API's
// message); any other answer, or none, is accepted.
func successOnly() json.Unmarshaler { return &successCheck{} }

type successCheck struct{}

func (*successCheck) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	_ = json.Unmarshal(b, &m) // an answer that is not an object leaves m nil: accepted
	if s, ok := m["success"]; ok && string(bytes.TrimSpace(s)) == "false" {
		msgs := decodeMessages(m["message"])
		if len(msgs) == 0 {
			msgs = []string{"no message"}
		}
		return errors.New("the API answered success=false: " + strings.Join(msgs, "; "))
	}
	return nil
}

// looseText renders a JSON scalar as text: a string as itself, anything else as its JSON
// ("" for null or absent).
func looseText(raw json.RawMessage) string {
	if isJSONNull(raw) {
		return ""
	}
	if s, ok := stringOrNil(raw); ok {
		return s
	}
	return string(bytes.TrimSpace(raw))
}

// looseInt decodes a JSON number or numeric string (0 for null or absent).
func looseInt(raw json.RawMessage) (int64, error) {
	if isJSONNull(raw) {
		return 0, nil
	}
	text := looseText(raw)
	if text == "" {
		return 0, nil
	}
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return n, nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || f != float64(int64(f)) {
		return 0, fmt.Errorf("%s is not a whole number", raw)
	}
	return int64(f), nil
}

// looseMillis decodes epoch milliseconds from a number, a numeric string or an ISO-8601 date.
func looseMillis(raw json.RawMessage) (int64, error) {
	n, err := looseInt(raw)
	if err == nil {
		return n, nil
	}
	s, ok := stringOrNil(raw)
	if !ok {
		return 0, err
	}
	t, perr := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if perr != nil {
		return 0, errors.New(string(raw) + " is neither epoch milliseconds nor an ISO-8601 date")
	}
	return t.UnixMilli(), nil
}
