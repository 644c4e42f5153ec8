// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Request-body validation in the style of NestJS class-validator with
// whitelist+forbidNonWhitelisted (contract §1.3, §1.4): every message names the field
// (nested fields with a dotted path, e.g. "details.workflowIds"), and all messages of a
// body are returned together as the 422 array.
//
// A field is "absent" when the key is missing or its value is null: contract §1.3 says
// null on an optional field means omitted. Handlers that give null a meaning (agent
// sleepTime) use isNull.

// verrs collects validation messages.
type verrs struct{ msgs []string }

func (v *verrs) add(format string, args ...any) {
	v.msgs = append(v.msgs, fmt.Sprintf(format, args...))
}

// ok reports whether no message has been collected.
func (v *verrs) ok() bool { return len(v.msgs) == 0 }

// obj is one JSON object being validated.
type obj struct {
	path string // "" at the top, "details." inside details, "followupSequence.0." …
	m    map[string]json.RawMessage
	v    *verrs
}

var errNotObject = errors.New("not a JSON object")

// parseObject parses b as a JSON object; an empty body counts as {}.
func parseObject(b []byte) (*obj, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return &obj{m: map[string]json.RawMessage{}, v: &verrs{}}, nil
	}
	if b[0] != '{' {
		return nil, errNotObject
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	if m == nil {
		m = map[string]json.RawMessage{}
	}
	return &obj{m: m, v: &verrs{}}, nil
}

func (o *obj) name(field string) string { return o.path + field }

// errs returns the collected messages (shared by nested objects).
func (o *obj) errs() *verrs { return o.v }

// present reports whether the key exists, even with a null value.
func (o *obj) present(field string) bool { _, ok := o.m[field]; return ok }

// isNull reports whether the key exists with a null value.
func (o *obj) isNull(field string) bool {
	raw, ok := o.m[field]
	return ok && isJSONNull(raw)
}

// has reports whether the key exists with a non-null value.
func (o *obj) has(field string) bool {
	raw, ok := o.m[field]
	return ok && !isJSONNull(raw)
}

func isJSONNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// whitelist rejects every key not in allowed: "property <path><key> should not exist".
func (o *obj) whitelist(allowed ...string) {
	var extra []string
	for k := range o.m {
		if !slices.Contains(allowed, k) {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra) // deterministic messages
	for _, k := range extra {
		o.v.add("property %s should not exist", o.name(k))
	}
}

// str validates an optional string; ok is false when absent or invalid.
func (o *obj) str(field string) (s string, ok bool) {
	if !o.has(field) {
		return "", false
	}
	if json.Unmarshal(o.m[field], &s) != nil {
		o.v.add("%s must be a string", o.name(field))
		return "", false
	}
	return s, true
}

// reqStr validates a required non-empty string.
func (o *obj) reqStr(field string) (string, bool) {
	if !o.has(field) {
		o.v.add("%s should not be empty", o.name(field))
		o.v.add("%s must be a string", o.name(field))
		return "", false
	}
	s, ok := o.str(field)
	if ok && s == "" {
		o.v.add("%s should not be empty", o.name(field))
		return "", false
	}
	return s, ok
}

// nonEmptyStr validates an optional string that must not be "" when given.
func (o *obj) nonEmptyStr(field string) (string, bool) {
	s, ok := o.str(field)
	if ok && s == "" {
		o.v.add("%s should not be empty", o.name(field))
		return "", false
	}
	return s, ok
}

// boolean validates an optional boolean.
func (o *obj) boolean(field string) (b bool, ok bool) {
	if !o.has(field) {
		return false, false
	}
	if json.Unmarshal(o.m[field], &b) != nil {
		o.v.add("%s must be a boolean value", o.name(field))
		return false, false
	}
	return b, true
}

// reqBool validates a required boolean.
func (o *obj) reqBool(field string) (bool, bool) {
	if !o.has(field) {
		o.v.add("%s must be a boolean value", o.name(field))
		return false, false
	}
	return o.boolean(field)
}

// integer validates an optional whole number in [lo, hi]. Fractions are refused
// (contract §1.3: numbers are whole; 422 for fractions is the emulator's choice).
func (o *obj) integer(field string, lo, hi int64) (int64, bool) {
	if !o.has(field) {
		return 0, false
	}
	n, msg := parseInteger(o.m[field], lo, hi)
	if msg != "" {
		o.v.add("%s %s", o.name(field), msg)
		return 0, false
	}
	return n, true
}

// reqInt validates a required whole number in [lo, hi].
func (o *obj) reqInt(field string, lo, hi int64) (int64, bool) {
	if !o.has(field) {
		o.v.add("%s should not be empty", o.name(field))
		return 0, false
	}
	return o.integer(field, lo, hi)
}

func parseInteger(raw json.RawMessage, lo, hi int64) (int64, string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || (raw[0] != '-' && (raw[0] < '0' || raw[0] > '9')) || !json.Valid(raw) {
		return 0, "must be a number conforming to the specified constraints"
	}
	f, err := strconv.ParseFloat(string(raw), 64) // huge values give ±Inf and a range error
	if err != nil && !math.IsInf(f, 0) {
		return 0, "must be a number conforming to the specified constraints"
	}
	if f != math.Trunc(f) {
		return 0, "must be an integer number"
	}
	if f < float64(lo) {
		return 0, fmt.Sprintf("must not be less than %d", lo)
	}
	if f > float64(hi) {
		return 0, fmt.Sprintf("must not be greater than %d", hi)
	}
	return int64(f), ""
}

// enum validates an optional string from allowed.
func (o *obj) enum(field string, allowed ...string) (string, bool) {
	if !o.has(field) {
		return "", false
	}
	var s string
	if json.Unmarshal(o.m[field], &s) != nil || !slices.Contains(allowed, s) {
		o.v.add("%s must be one of the following values: %s", o.name(field), strings.Join(allowed, ", "))
		return "", false
	}
	return s, true
}

// reqEnum validates a required string from allowed.
func (o *obj) reqEnum(field string, allowed ...string) (string, bool) {
	if !o.has(field) {
		o.v.add("%s should not be empty", o.name(field))
		o.v.add("%s must be one of the following values: %s", o.name(field), strings.Join(allowed, ", "))
		return "", false
	}
	return o.enum(field, allowed...)
}

// strList validates an optional array of strings with at least minItems elements.
// Items must be non-empty strings (ids, examples, tags: an empty one is always a mistake).
func (o *obj) strList(field string, minItems int) ([]string, bool) {
	if !o.has(field) {
		return nil, false
	}
	var raw []json.RawMessage
	if json.Unmarshal(o.m[field], &raw) != nil {
		o.v.add("%s must be an array", o.name(field))
		return nil, false
	}
	out := make([]string, 0, len(raw))
	bad := false
	for _, r := range raw {
		var s string
		if json.Unmarshal(r, &s) != nil || isJSONNull(r) {
			bad = true
			continue
		}
		if s == "" {
			o.v.add("each value in %s should not be empty", o.name(field))
			return nil, false
		}
		out = append(out, s)
	}
	if bad {
		o.v.add("each value in %s must be a string", o.name(field))
		return nil, false
	}
	if len(out) < minItems {
		o.v.add("%s must contain at least %d elements", o.name(field), minItems)
		return nil, false
	}
	return out, true
}

// reqStrList validates a required array of strings with at least minItems elements.
func (o *obj) reqStrList(field string, minItems int) ([]string, bool) {
	if !o.has(field) {
		o.v.add("%s must be an array", o.name(field))
		return nil, false
	}
	return o.strList(field, minItems)
}

// object validates an optional nested object.
func (o *obj) object(field string) (*obj, bool) {
	if !o.has(field) {
		return nil, false
	}
	raw := bytes.TrimSpace(o.m[field])
	var m map[string]json.RawMessage
	if len(raw) == 0 || raw[0] != '{' || json.Unmarshal(raw, &m) != nil {
		o.v.add("%s must be an object", o.name(field))
		return nil, false
	}
	return &obj{path: o.name(field) + ".", m: m, v: o.v}, true
}

// reqObject validates a required nested object.
func (o *obj) reqObject(field string) (*obj, bool) {
	if !o.has(field) {
		o.v.add("%s must be an object", o.name(field))
		return nil, false
	}
	return o.object(field)
}

// objList validates an optional array of objects; items get paths "<field>.<i>.".
func (o *obj) objList(field string, minItems int) ([]*obj, bool) {
	if !o.has(field) {
		return nil, false
	}
	var raw []json.RawMessage
	if json.Unmarshal(o.m[field], &raw) != nil {
		o.v.add("%s must be an array", o.name(field))
		return nil, false
	}
	if len(raw) < minItems {
		o.v.add("%s must contain at least %d elements", o.name(field), minItems)
		return nil, false
	}
	out := make([]*obj, 0, len(raw))
	for i, r := range raw {
		r = bytes.TrimSpace(r)
		var m map[string]json.RawMessage
		if len(r) == 0 || r[0] != '{' || json.Unmarshal(r, &m) != nil {
			o.v.add("each value in %s must be an object", o.name(field))
			return nil, false
		}
		out = append(out, &obj{path: fmt.Sprintf("%s.%d.", o.name(field), i), m: m, v: o.v})
	}
	return out, true
}

// reqObjList validates a required array of objects.
func (o *obj) reqObjList(field string, minItems int) ([]*obj, bool) {
	if !o.has(field) {
		o.v.add("%s must be an array", o.name(field))
		return nil, false
	}
	return o.objList(field, minItems)
}

// queryInt validates an optional integer query parameter in [lo, hi] (default def).
func queryInt(q url.Values, name string, def, lo, hi int64) (int64, []string) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, msg := parseInteger(json.RawMessage(s), lo, hi)
	if msg != "" {
		return def, []string{name + " " + msg}
	}
	return n, nil
}

// dedupe returns s without repeated values, keeping the first occurrence's order.
func dedupe(s []string) []string {
	out := make([]string, 0, len(s))
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
