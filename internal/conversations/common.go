// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package conversations

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// The max_results guard: a plan must never pull an unbounded history into state.
const (
	defaultMaxResults = 100
	maxMaxResults     = 10000
)

func locationAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The location " + what + ". Defaults to the provider's `location_id`.",
		Optional:            true, Computed: true,
		Validators: []validator.String{framework.OpaqueID()},
	}
}

func maxResultsAttribute(what string) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: fmt.Sprintf("The most %s to read into state, %d–%s (default %d). When more exist, the "+
			"first `max_results` are kept and `truncated` is `true`: raise the limit, narrow the filters, or use the "+
			"`highlevel-export` command for a full export (which does not go through state).",
			what, 1, "10,000", defaultMaxResults),
		Optional: true, Computed: true,
		Validators: []validator.Int64{int64validator.Between(1, maxMaxResults)},
	}
}

func truncatedAttribute(what string) schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: "Whether more " + what + " match than `max_results` allowed to read: the list holds the " +
			"first `max_results` only.",
		Computed: true,
	}
}

// maxResults is the configured max_results, or the default.
func maxResults(v types.Int64) int {
	if v.IsNull() || v.IsUnknown() {
		return defaultMaxResults
	}
	return int(v.ValueInt64())
}

// canonicalJSON is raw in a normalised form: compact, object keys sorted, numbers as written,
// no HTML escaping. Equal JSON values give equal strings, so a change in a plan is a real one.
func canonicalJSON(raw json.RawMessage) string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return string(bytes.TrimSpace(raw))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return string(bytes.TrimSpace(raw))
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// jsonList maps a loosely specified API array to a list of normalised JSON strings (one per
// element); absent is an empty list.
func jsonList(raws []json.RawMessage) types.List {
	elems := make([]attr.Value, 0, len(raws))
	for _, r := range raws {
		elems = append(elems, types.StringValue(canonicalJSON(r)))
	}
	return types.ListValueMust(types.StringType, elems)
}

// textOrJSON maps a JSON element that is usually a string (an attachment URL) to that string,
// and anything else to its normalised JSON.
func textOrJSON(raw json.RawMessage) string {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	return canonicalJSON(raw)
}

// millisToRFC3339 maps an epoch-ms API date to RFC 3339 (UTC, milliseconds); 0 (absent) is null.
func millisToRFC3339(ms int64) types.String {
	if ms == 0 {
		return types.StringNull()
	}
	return types.StringValue(time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z07:00"))
}

// rfc3339ToMillis converts a validated RFC 3339 configuration value to the API's epoch ms;
// nil when null.
func rfc3339ToMillis(v types.String) (*int64, error) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	t, err := framework.ParseRFC3339(v.ValueString())
	if err != nil {
		return nil, err
	}
	ms := t.UnixMilli()
	return &ms, nil
}

// stringOrNull maps an API string that is absent when unset ("" in the client's types).
func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
