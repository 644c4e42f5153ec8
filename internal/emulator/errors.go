// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// Error bodies follow NestJS (contract §1.4): {"statusCode","message","error"} plus the
// "traceId" every JSON object carries. A few bodies in the contract have no "error"
// member (malformed JSON, scope 401, Version 401, 429, 500, injected faults); errorReason
// reproduces that.

// Messages the contract fixes word for word.
const (
	msgInvalidToken   = "Invalid token: access token is invalid"
	msgScope          = "The token is not authorized for this scope."
	msgLocation       = "The token does not have access to this location."
	msgVersionMissing = "version header was not found."
	msgVersionInvalid = "version header is invalid"
	msgTooMany        = "Too Many Requests"
	msgBadRequest     = "Bad Request"
	msgInternal       = "Internal Server Error"
)

// nestError is the NestJS error body.
type nestError struct {
	StatusCode int    `json:"statusCode"`
	Message    any    `json:"message"` // string, or []string for 422
	Error      string `json:"error,omitempty"`
}

// errorReason is the "error" member for a status, or "" where the contract's body has none.
func errorReason(status int, message any) string {
	switch status {
	case http.StatusUnauthorized:
		if message == msgInvalidToken {
			return "Unauthorized"
		}
		return "" // scope and Version 401s carry no "error" (§1.2, §1.4)
	case http.StatusBadRequest:
		if message == msgBadRequest {
			return "" // OAS BadRequestDTO
		}
		return "Bad Request"
	case http.StatusForbidden, http.StatusNotFound, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge:
		return http.StatusText(status)
	}
	return ""
}

// marshalJSON encodes v without HTML escaping (like Express) and, when it is a JSON object,
// inserts "traceId" as its first member (contract §1.3).
func marshalJSON(v any, traceID string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	if len(b) < 2 || b[0] != '{' || traceID == "" {
		return b, nil
	}
	out := make([]byte, 0, len(b)+len(traceID)+16)
	out = append(out, `{"traceId":"`...)
	out = append(out, traceID...)
	out = append(out, '"')
	if len(b) > 2 { // not "{}"
		out = append(out, ',')
	}
	return append(out, b[1:]...), nil
}

// writeJSON writes v with status and a traceId, outside the request context (unknown
// routes, injected faults).
func writeJSON(w http.ResponseWriter, status int, v any) { writeJSONTrace(w, status, v, newUUID()) }

// writeControlJSON writes a control-plane answer (no traceId: not the public API).
func writeControlJSON(w http.ResponseWriter, status int, v any) { writeJSONTrace(w, status, v, "") }

func writeJSONTrace(w http.ResponseWriter, status int, v any, traceID string) {
	b, err := marshalJSON(v, traceID)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"statusCode":500,"message":"Internal Server Error"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeNestError writes a NestJS error body outside the request context.
func writeNestError(w http.ResponseWriter, status int, message any) {
	if message == nil {
		message = http.StatusText(status)
	}
	writeJSON(w, status, nestError{StatusCode: status, Message: message, Error: errorReason(status, message)})
}
