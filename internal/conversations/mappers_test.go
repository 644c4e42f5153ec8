// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package conversations

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

func TestCanonicalJSON(t *testing.T) {
	for in, want := range map[string]string{
		`{ "b": 1, "a": {"d": [1, 2.50, 1e3], "c": null} }`: `{"a":{"c":null,"d":[1,2.50,1e3]},"b":1}`,
		`"<b>x</b> & y"`:       `"<b>x</b> & y"`,
		`12345678901234567890`: `12345678901234567890`,
		`not json`:             `not json`,
	} {
		if got := canonicalJSON(json.RawMessage(in)); got != want {
			t.Errorf("canonicalJSON(%s) = %s, want %s", in, got, want)
		}
	}
	if got := textOrJSON(json.RawMessage(`"https://x/y.png"`)); got != "https://x/y.png" {
		t.Errorf("attachment URL = %q", got)
	}
	if got := textOrJSON(json.RawMessage(`{"url":"u", "type":"image"}`)); got != `{"type":"image","url":"u"}` {
		t.Errorf("attachment object = %q", got)
	}
	if l := jsonList(nil); l.IsNull() || len(l.Elements()) != 0 {
		t.Errorf("absent array = %v, want []", l)
	}
}

func TestDates(t *testing.T) {
	if v := millisToRFC3339(1767225600123); v.ValueString() != "2026-01-01T00:00:00.123Z" {
		t.Errorf("ms → RFC 3339 = %s", v)
	}
	if !millisToRFC3339(0).IsNull() {
		t.Error("an absent date is not null")
	}
	ms, err := rfc3339ToMillis(types.StringValue("2026-01-01T01:00:00.123+01:00"))
	if err != nil || *ms != 1767225600123 {
		t.Errorf("RFC 3339 → ms = %v, %v", ms, err)
	}
	if ms, err := rfc3339ToMillis(types.StringNull()); ms != nil || err != nil {
		t.Error("null start date is not nil")
	}
	if maxResults(types.Int64Null()) != defaultMaxResults || maxResults(types.Int64Value(7)) != 7 {
		t.Error("max_results default")
	}
}

func TestMessageValueKeepsNullApartFromEmpty(t *testing.T) {
	v := messageValue(client.Message{ID: "m", Body: "", Attachments: []json.RawMessage{json.RawMessage(`"u"`)}}).(types.Object)
	a := v.Attributes()
	if a["body"].(types.String).ValueString() != "" || a["body"].IsNull() {
		t.Error("an empty body became null")
	}
	if !a["meta"].IsNull() || !a["source"].IsNull() || !a["user_id"].IsNull() {
		t.Error("absent meta/source/user_id are not null")
	}
	if len(a["attachments"].(types.List).Elements()) != 1 {
		t.Error("attachments lost")
	}
}

// Every attribute of every data source of the family has a description (DESIGN.md rule 11).
func TestEveryAttributeHasADescription(t *testing.T) {
	for _, f := range DataSources() {
		ds := f()
		var meta datasource.MetadataResponse
		ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "highlevel"}, &meta)
		var resp datasource.SchemaResponse
		ds.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no description", meta.TypeName)
		}
		var walk func(prefix string, attrs map[string]schema.Attribute)
		walk = func(prefix string, attrs map[string]schema.Attribute) {
			for name, a := range attrs {
				if a.GetMarkdownDescription() == "" {
					t.Errorf("%s: %s%s has no MarkdownDescription", meta.TypeName, prefix, name)
				}
				if n, ok := a.(schema.ListNestedAttribute); ok {
					walk(prefix+name+".", n.NestedObject.Attributes)
				}
			}
		}
		walk("", resp.Schema.Attributes)
		if diags := resp.Schema.ValidateImplementation(context.Background()); diags.HasError() {
			t.Errorf("%s: %v", meta.TypeName, diags)
		}
	}
}
