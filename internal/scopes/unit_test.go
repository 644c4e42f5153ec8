// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	eschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// TestEveryAttributeIsDescribed checks DESIGN.md rule 11 for every type of the family.
func TestEveryAttributeIsDescribed(t *testing.T) {
	ctx := context.Background()
	check := func(typ, desc string, attrs map[string]string) {
		if strings.TrimSpace(desc) == "" {
			t.Errorf("%s has no MarkdownDescription", typ)
		}
		for name, d := range attrs {
			if strings.TrimSpace(d) == "" {
				t.Errorf("%s.%s has no MarkdownDescription", typ, name)
			}
		}
	}
	for _, f := range Resources() {
		r := f()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "highlevel"}, &meta)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		if s.Diagnostics.HasError() {
			t.Fatal(s.Diagnostics)
		}
		if d := s.Schema.ValidateImplementation(ctx); d.HasError() {
			t.Fatalf("%s: %v", meta.TypeName, d)
		}
		attrs := map[string]string{}
		for n, a := range s.Schema.Attributes {
			attrs[n] = a.GetMarkdownDescription()
		}
		check(meta.TypeName, s.Schema.MarkdownDescription, attrs)
	}
	for _, f := range DataSources() {
		d := f()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "highlevel"}, &meta)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		attrs := map[string]string{}
		var walk func(prefix string, m map[string]dschema.Attribute)
		walk = func(prefix string, m map[string]dschema.Attribute) {
			for n, a := range m {
				attrs[prefix+n] = a.GetMarkdownDescription()
				if nested, ok := a.(dschema.ListNestedAttribute); ok {
					walk(prefix+n+".", nested.NestedObject.Attributes)
				}
			}
		}
		walk("", s.Schema.Attributes)
		check("data."+meta.TypeName, s.Schema.MarkdownDescription, attrs)
	}
	for _, f := range EphemeralResources() {
		e := f()
		var meta ephemeral.MetadataResponse
		e.Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "highlevel"}, &meta)
		var s ephemeral.SchemaResponse
		e.Schema(ctx, ephemeral.SchemaRequest{}, &s)
		attrs := map[string]string{}
		for n, a := range s.Schema.Attributes {
			attrs[n] = a.GetMarkdownDescription()
		}
		check("ephemeral."+meta.TypeName, s.Schema.MarkdownDescription, attrs)
		if tok := s.Schema.Attributes["token"].(eschema.StringAttribute); !tok.Sensitive {
			t.Error("ephemeral token must be Sensitive")
		}
	}
	var s resource.SchemaResponse
	NewCredentialResource().Schema(ctx, resource.SchemaRequest{}, &s)
	if tok := s.Schema.Attributes["token"].(rschema.StringAttribute); !tok.Sensitive {
		t.Error("credential token must be Sensitive")
	}
}

func TestScopeInputIsAFullReplaceOnUpdate(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	m := scopeModel{
		Name:        types.StringValue("Reader"),
		Description: types.StringNull(),
		Permissions: types.SetValueMust(types.StringType, []attr.Value{types.StringValue("conversations.readonly")}),
		AgentIDs:    types.SetNull(types.StringType),
	}
	create := m.toInput(ctx, false, &diags)
	if create.Description != nil || create.AgentIDs != nil {
		t.Errorf("create must leave unset optionals out: %+v", create)
	}
	update := m.toInput(ctx, true, &diags)
	if update.Description == nil || *update.Description != "" || update.AgentIDs == nil || len(update.AgentIDs) != 0 {
		t.Errorf("update must clear removed optionals with \"\" and []: %+v", update)
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
}

func TestScopeFromAPI(t *testing.T) {
	s := &client.Scope{ID: "s", Name: "n", Description: "", Permissions: []string{"a", "b"}, AgentIDs: []string{}, CreatedAt: "c"}
	m := scopeFromAPI(s, "loc", scopeModel{Description: types.StringNull()})
	if !m.Description.IsNull() || !m.AgentIDs.IsNull() || m.Restricted.ValueBool() || m.LocationID.ValueString() != "loc" {
		t.Errorf("unset description and agents must be null: %+v", m)
	}
	m = scopeFromAPI(s, "loc", scopeModel{Description: types.StringValue("")})
	if m.Description.IsNull() || m.Description.ValueString() != "" {
		t.Errorf("a configured \"\" stays \"\": %v", m.Description)
	}
	s.Description, s.AgentIDs, s.Restricted = "d", []string{"x"}, true
	m = scopeFromAPI(s, "loc", scopeModel{})
	if m.Description.ValueString() != "d" || len(m.AgentIDs.Elements()) != 1 || !m.Restricted.ValueBool() {
		t.Errorf("values: %+v", m)
	}
	// Agents deleted out of band: the list is empty but the scope stays restricted.
	s.AgentIDs = []string{}
	m = scopeFromAPI(s, "loc", scopeModel{})
	if !m.AgentIDs.IsNull() || !m.Restricted.ValueBool() {
		t.Errorf("emptied restricted scope: %+v", m)
	}
}

func TestFiltersAndFindByName(t *testing.T) {
	all := []client.Scope{
		{ID: "a", Name: "CRM reader", Permissions: []string{"conversations.readonly"}},
		{ID: "b", Name: "Zapier", Permissions: []string{"conversation-ai.write"}, AgentIDs: []string{"x"}, Restricted: true},
		{ID: "c", Name: "Zapier", Permissions: []string{"conversation-ai.readonly"}, AgentIDs: []string{}, Restricted: true},
	}
	m := func(name, perm, agent string) scopesDataModel {
		v := func(s string) types.String {
			if s == "" {
				return types.StringNull()
			}
			return types.StringValue(s)
		}
		return scopesDataModel{NameContains: v(name), Permission: v(perm), AgentID: v(agent)}
	}
	count := func(f scopesDataModel) (ids []string) {
		for i := range all {
			if matchesFilters(&all[i], f) {
				ids = append(ids, all[i].ID)
			}
		}
		return ids
	}
	for _, tc := range []struct {
		f    scopesDataModel
		want string
	}{
		{m("", "", ""), "a b c"},
		{m("zap", "", ""), "b c"},
		{m("", "conversation-ai.write", ""), "b"},
		{m("", "", "x"), "a b"},
		{m("", "", "y"), "a"},
	} {
		if got := strings.Join(count(tc.f), " "); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.f, got, tc.want)
		}
	}
	if s, err := findByName(all, "loc", "CRM reader"); err != nil || s.ID != "a" {
		t.Errorf("unique name: %v %v", s, err)
	}
	if _, err := findByName(all, "loc", "Zapier"); err == nil || !strings.Contains(err.Error(), `2 scopes of location loc are named "Zapier" (b, c)`) {
		t.Errorf("ambiguous name: %v", err)
	}
	if _, err := findByName(all, "loc", "zapier"); err == nil || !strings.Contains(err.Error(), "no scope") {
		t.Errorf("names are case-sensitive: %v", err)
	}
}

func TestDurationBetween(t *testing.T) {
	v := durationBetween{minEphemeralTTL, maxEphemeralTTL}
	run := func(s string) string {
		var resp validator.StringResponse
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("ttl"), ConfigValue: types.StringValue(s)}, &resp)
		if !resp.Diagnostics.HasError() {
			return ""
		}
		return resp.Diagnostics.Errors()[0].Detail()
	}
	for _, ok := range []string{"1m", "30m", "1h30m", "168h"} {
		if msg := run(ok); msg != "" {
			t.Errorf("%q: %s", ok, msg)
		}
	}
	for _, bad := range []string{"", "30", "59s", "169h", "1d", "-1h"} {
		if msg := run(bad); !strings.Contains(msg, `between 1m and 168h`) {
			t.Errorf("%q: %q", bad, msg)
		}
	}
	for d, want := range map[time.Duration]string{time.Hour: "1h", 30 * time.Minute: "30m", 90 * time.Minute: "1h30m", 45 * time.Second: "45s"} {
		if got := fmtDuration(d); got != want {
			t.Errorf("fmtDuration(%s) = %q, want %q", d, got, want)
		}
	}
}

// TestUnsupportedIsNeverGone checks, against a server without the scope routes (the real
// API), that the error is reported as "not available" and never taken for a vanished object.
func TestUnsupportedIsNeverGone(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]any{"statusCode": 404, "message": "Cannot " + r.Method + " " + r.URL.Path, "error": "Not Found"})
	}))
	defer srv.Close()
	c, err := client.New(client.Config{BaseURL: srv.URL, Token: "pit-00000000-0000-0000-0000-000000000000", LocationID: "loc"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, err = c.GetScope(ctx, "", "aaaaaaaaaaaaaaaaaaaa")
	if gone(err) {
		t.Fatal("the real API's missing route was taken for a deleted scope")
	}
	var diags diag.Diagnostics
	addError(&diags, "Cannot read the scope", err)
	if len(diags) != 1 || diags[0].Summary() != "Scope management is not available" ||
		!strings.Contains(diags[0].Detail(), client.ErrScopesUnsupported.Error()) ||
		!strings.Contains(diags[0].Detail(), "Cannot GET /conversation-ai/scopes/aaaaaaaaaaaaaaaaaaaa") {
		t.Fatalf("diagnostic: %v", diags)
	}
	err = c.DeleteCredential(ctx, "", "aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb")
	if gone(err) || err == nil {
		t.Fatalf("revoking on the real API must fail, got %v", err)
	}
	// A real 404 of the emulator is gone.
	notFound := &client.APIError{StatusCode: 404, Messages: []string{"Scope not found"}, Method: "GET", Path: "/conversation-ai/scopes/x"}
	if !gone(notFound) {
		t.Fatal("a 404 for the object must be gone")
	}
}
