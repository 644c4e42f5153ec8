// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/fuzztest"
)

// Fuzz targets of the scope and credential mappers. Each gets the bytes of an API answer,
// decodes them as the client does, maps them to the Terraform model and checks properties that
// hold for any answer: no panic, the state can be written (no duplicate set elements, the
// schema's types), every value is known (DESIGN.md rule 6), null is kept apart from "" and []
// (rule 3), and the model sent back to the API and echoed maps to the same model (rules 1 and
// 5). Seeds: testdata/fuzz/<Target>/ (answers of the contract §5 and of the emulator).

// FuzzScopeFromAPI: a scope (the `data` of GET/POST/PUT) → scopeFromAPI → state, and the round
// trip toInput → the PUT body → the API's echo → scopeFromAPI.
func FuzzScopeFromAPI(f *testing.F) {
	ctx := context.Background()
	var sr resource.SchemaResponse
	(&scopeResource{}).Schema(ctx, resource.SchemaRequest{}, &sr)
	empty := fuzztest.EmptyState(ctx, sr.Schema)
	f.Fuzz(func(t *testing.T, data []byte) {
		var s client.Scope
		if json.Unmarshal(data, &s) != nil {
			return // the client reports an undecodable answer as an error
		}
		imported := scopeModel{}
		state := scopeFromAPI(&s, fuzztest.Location, imported)
		plan := state // a plan: unknown computed values, and a description the user wrote as ""
		plan.ID, plan.Restricted, plan.CreatedAt = types.StringUnknown(), types.BoolUnknown(), types.StringUnknown()
		plan.Description = types.StringValue("")
		for _, prior := range []scopeModel{imported, plan, state} {
			m := scopeFromAPI(&s, fuzztest.Location, prior)
			fuzztest.WriteState(t, ctx, empty, &m)
			if s.Description == "" && !m.Description.IsNull() && prior.Description.ValueString() != "" {
				t.Errorf("description: \"\" in the answer and %v before, %v in state", prior.Description, m.Description)
			}
			if s.Description == "" && prior.Description.IsNull() && !m.Description.IsNull() {
				t.Errorf("description: unset (\"\") is not null")
			}
			if len(s.AgentIDs) == 0 && !m.AgentIDs.IsNull() {
				t.Errorf("agent_ids: empty list (every agent) is not null: %v", m.AgentIDs)
			}
			if m.Permissions.IsNull() {
				t.Errorf("permissions is null")
			}

			// Round trip: the full replace of an update, echoed as the API does (§5.2: sorted
			// sets, "" and [] for cleared values, restricted when agents are listed).
			var diags diag.Diagnostics
			in := m.toInput(ctx, true, &diags)
			if diags.HasError() {
				t.Fatalf("toInput: %v", diags)
			}
			again := scopeFromAPI(scopeEcho(t, &s, in), fuzztest.Location, m)
			for name, v := range map[string][2]attr.Value{
				"id": {m.ID, again.ID}, "name": {m.Name, again.Name}, "description": {m.Description, again.Description},
				"permissions": {m.Permissions, again.Permissions}, "agent_ids": {m.AgentIDs, again.AgentIDs},
			} {
				if !v[0].Equal(v[1]) {
					t.Fatalf("round trip changed %s: %v → %v\nanswer: %s", name, v[0], v[1], data)
				}
			}
		}
	})
}

// scopeEcho is the API's answer to a PUT of in, decoded by the client's type.
func scopeEcho(t *testing.T, s *client.Scope, in client.ScopeInput) *client.Scope {
	t.Helper()
	desc := ""
	if in.Description != nil {
		desc = *in.Description
	}
	sorted := func(v []string) []string {
		out := slices.Clone(v)
		if out == nil {
			out = []string{}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	body, err := json.Marshal(map[string]any{
		"id": s.ID, "locationId": s.LocationID, "name": in.Name, "description": desc,
		"permissions": sorted(in.Permissions), "agentIds": sorted(in.AgentIDs), "restricted": len(in.AgentIDs) > 0,
		"createdAt": s.CreatedAt, "updatedAt": s.UpdatedAt,
	})
	if err != nil {
		t.Fatal(err)
	}
	var echo client.Scope
	if err := json.Unmarshal(body, &echo); err != nil {
		t.Fatalf("the echo %s does not decode: %v", body, err)
	}
	return &echo
}

// FuzzScopesDataSource: GET /conversation-ai/scopes → the highlevel_scopes data source's Read
// (envelope included), and each scope → the highlevel_scope data source's state.
func FuzzScopesDataSource(f *testing.F) {
	ctx := context.Background()
	var sr datasource.SchemaResponse
	(&scopeDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &sr)
	empty := fuzztest.EmptyState(ctx, sr.Schema)
	f.Fuzz(func(t *testing.T, data []byte) {
		var page []client.Scope
		decodes := fuzztest.DecodeLikeClient(data, &page, "data")
		st, diags := fuzztest.ReadDataSource(ctx, &scopesDataSource{client: fuzztest.Client(t, data)}, nil)
		if !decodes {
			if !diags.HasError() {
				t.Fatalf("an undecodable answer was accepted: %s", data)
			}
			return
		}
		if len(page) >= 100 {
			return // a next page: the same answer again, which the client stops on
		}
		if diags.HasError() {
			t.Fatalf("read failed on a decodable answer: %v\n%s", diags, data)
		}
		var m scopesDataModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		if len(m.IDs.Elements()) != len(page) || len(m.Scopes.Elements()) != len(page) {
			t.Fatalf("%d scopes in the answer, %d ids and %d scopes in state", len(page), len(m.IDs.Elements()), len(m.Scopes.Elements()))
		}
		for i := range page {
			one := scopeDataFromAPI(&page[i], fuzztest.Location)
			fuzztest.WriteState(t, ctx, empty, &one)
			if one.Description.IsNull() || one.AgentIDs.IsNull() || one.Permissions.IsNull() {
				t.Errorf("data source values are the API's (\"\" and []), not null: %+v", one)
			}
			if page[i].LocationID == "" && one.LocationID.ValueString() != fuzztest.Location {
				t.Errorf("location_id %v, want the location asked", one.LocationID)
			}
		}
	})
}

// FuzzCredentialSave: a credential (POST answer with its token, or GET without) → the
// highlevel_scope_credential's save → state. The token only ever comes from the plan (the
// create answer, put there by Create) or the prior state, never from a read; expires_at keeps
// the form the user wrote for the same instant; and the create body sent back for the state
// maps to the same state.
func FuzzCredentialSave(f *testing.F) {
	ctx := context.Background()
	r := &credentialResource{now: time.Now}
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	empty := fuzztest.EmptyState(ctx, sr.Schema)
	f.Fuzz(func(t *testing.T, data []byte) {
		var cred client.Credential
		if json.Unmarshal(data, &cred) != nil {
			return
		}
		triggers := types.MapValueMust(types.StringType, map[string]attr.Value{"rotated": types.StringValue("2026-Q1")})
		imported := credentialModel{LocationID: types.StringValue(fuzztest.Location), ID: types.StringValue(cred.ID),
			ScopeID: types.StringValue("scopeFromImportId001"), RotationTriggers: types.MapNull(types.StringType)} // Read after import
		created := credentialModel{ // Create: the plan, with the answer's token
			ID: types.StringUnknown(), LocationID: types.StringValue(fuzztest.Location), ScopeID: types.StringValue("scopeFromPlan0000001"),
			Name: types.StringValue("app"), ExpiresAt: types.StringValue("2031-01-31T23:59:59Z"), RotationTriggers: triggers,
			Token: types.StringValue(cred.Token), TokenPrefix: types.StringUnknown(), CreatedAt: types.StringUnknown(),
		}
		unknownToken := created // a plan whose token and triggers are unknown
		unknownToken.Token, unknownToken.RotationTriggers = types.StringUnknown(), types.MapUnknown(types.StringType)
		refreshed := created // Read of a credential in state: the stored token
		refreshed.ID, refreshed.Token = types.StringValue(cred.ID), types.StringValue("sct-stored-token")
		refreshed.TokenPrefix, refreshed.CreatedAt = types.StringValue("sct-stor"), types.StringValue("then")
		for _, prior := range []credentialModel{imported, created, unknownToken, refreshed} {
			st := empty
			var diags diag.Diagnostics
			r.save(ctx, &cred, fuzztest.Location, prior, &st, nil, &diags)
			if diags.HasError() {
				t.Fatalf("save: %v", diags)
			}
			var m credentialModel
			if !st.Raw.IsFullyKnown() {
				t.Fatalf("state has unknown values: %v", st.Raw)
			}
			if d := st.Get(ctx, &m); d.HasError() {
				t.Fatal(d)
			}
			wantToken := prior.Token
			if wantToken.IsUnknown() {
				wantToken = types.StringNull()
			}
			if !m.Token.Equal(wantToken) {
				t.Errorf("token %q, want the prior's %v (the answer's token must not be read)", m.Token.ValueString(), wantToken)
			}
			if cred.ExpiresAt == nil && !m.ExpiresAt.IsNull() {
				t.Errorf("expires_at: absent or null (never) in the answer, %v in state", m.ExpiresAt)
			}
			if cred.ExpiresAt != nil && !m.ExpiresAt.Equal(prior.ExpiresAt) && m.ExpiresAt.ValueString() != *cred.ExpiresAt {
				t.Errorf("expires_at %v is neither the answer's %q nor the prior's %v", m.ExpiresAt, *cred.ExpiresAt, prior.ExpiresAt)
			}
			if cred.ScopeID == "" && !m.ScopeID.Equal(prior.ScopeID) || cred.ScopeID != "" && m.ScopeID.ValueString() != cred.ScopeID {
				t.Errorf("scope_id %v (answer %q, prior %v)", m.ScopeID, cred.ScopeID, prior.ScopeID)
			}
			if !prior.RotationTriggers.IsUnknown() && !m.RotationTriggers.Equal(prior.RotationTriggers) {
				t.Errorf("rotation_triggers changed: %v", m.RotationTriggers)
			}

			// Round trip: the create body for this state (what Create sends), answered by the API
			// (expiresAt normalised to UTC milliseconds), saved over the state.
			in := client.CredentialInput{Name: m.Name.ValueString(), ExpiresAt: framework.StringPointer(m.ExpiresAt)}
			echo, ok := credentialEcho(t, cred, in)
			if !ok {
				continue
			}
			st2 := empty
			r.save(ctx, echo, fuzztest.Location, m, &st2, nil, &diags)
			if diags.HasError() || !st2.Raw.Equal(st.Raw) {
				t.Fatalf("round trip changed the state: %v\nbefore %v\nafter  %v", diags, st.Raw, st2.Raw)
			}
		}
	})
}

// credentialEcho is the API's answer to a create with in, or false when the API would reject it
// (an expiresAt it cannot take: not an RFC 3339 instant of years 1–9999).
func credentialEcho(t *testing.T, cred client.Credential, in client.CredentialInput) (*client.Credential, bool) {
	t.Helper()
	body := map[string]any{"id": cred.ID, "scopeId": cred.ScopeID, "locationId": cred.LocationID, "name": in.Name,
		"expiresAt": nil, "tokenPrefix": cred.TokenPrefix, "createdAt": cred.CreatedAt}
	if in.ExpiresAt != nil {
		tm, err := framework.ParseRFC3339(*in.ExpiresAt)
		if err != nil || tm.Year() < 1 || tm.Year() > 9999 {
			return nil, false
		}
		body["expiresAt"] = tm.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	var echo client.Credential
	if err := json.Unmarshal(b, &echo); err != nil {
		t.Fatalf("the echo %s does not decode: %v", b, err)
	}
	return &echo, true
}
