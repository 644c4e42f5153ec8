// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/fuzztest"
)

// Fuzz targets of the agent mappers. Each gets the bytes of an API answer, decodes them as the
// client does, maps them to the Terraform model and checks properties that hold for any
// answer: no panic, the state can be written (no duplicate set elements, the schema's types),
// every value is known (DESIGN.md rule 6), absent fields are null (rule 3), and the model mapped
// back to a request body and echoed by the API maps to the same model (rules 1 and 5). Seeds:
// testdata/fuzz/<Target>/ (answers of the contract §3.1 and of the emulator); plain `go test`
// runs them, TestFuzzBounded fuzzes each target for a bounded time.

// FuzzAgentFromAPI: GET/POST/PUT agent answer → agentFromAPI → state, and the round trip
// toInput → JSON → API echo → agentFromAPI.
func FuzzAgentFromAPI(f *testing.F) {
	ctx := context.Background()
	var sr resource.SchemaResponse
	(&agentResource{}).Schema(ctx, resource.SchemaRequest{}, &sr)
	empty := fuzztest.EmptyState(ctx, sr.Schema)
	f.Fuzz(func(t *testing.T, data []byte) {
		var a client.Agent
		if json.Unmarshal(data, &a) != nil {
			return // the client reports an undecodable answer as an error
		}
		keys := fuzztest.KeysAt(data)
		for _, key := range []string{"businessName", "mode", "isPrimary", "waitTime", "sleepTime", "sleepTimeUnit",
			"personality", "goal", "instructions", "respondToImages", "respondToAudio"} {
			if !fuzztest.Has(keys, key) && fieldOf(&a, key) {
				t.Fatalf("client.Agent: %s is set although the answer has no such field", key)
			}
		}

		imported := agentModel{} // import, or a read with no prior state: every value null
		state := agentFromAPI(&a, fuzztest.Location, imported)
		plan := state // a create plan: unknown computed values, and the user's "" and explicit false
		plan.ID = types.StringUnknown()
		plan.IsPrimary = types.BoolUnknown()
		plan.BusinessName = types.StringValue("")
		plan.SleepIndefinitely = types.BoolValue(false)
		plan.RespondToImages = types.BoolValue(true)
		for _, prior := range []agentModel{imported, plan, state} {
			m := agentFromAPI(&a, fuzztest.Location, prior)
			checkAgentModel(t, &a, prior, m)
			fuzztest.WriteState(t, ctx, empty, &m)

			// Round trip: the full desired object of an update, echoed by the API.
			var diags diag.Diagnostics
			in := m.toInput(ctx, true, &diags)
			if diags.HasError() {
				t.Fatalf("toInput: %v", diags)
			}
			body, err := json.Marshal(in)
			if err != nil {
				t.Fatalf("marshal %+v: %v", in, err)
			}
			var echo client.Agent
			if err := json.Unmarshal(body, &echo); err != nil {
				t.Fatalf("the request body %s does not decode as an agent: %v", body, err)
			}
			echo.ID = a.ID
			again := agentFromAPI(&echo, fuzztest.Location, m)
			if diff := agentDiff(m, again); diff != "" {
				t.Fatalf("round trip changed %s\nanswer: %s\nbody:   %s", diff, data, body)
			}
			var diags2 diag.Diagnostics
			body2, _ := json.Marshal(again.toInput(ctx, true, &diags2))
			if !bytes.Equal(body, body2) {
				t.Fatalf("request body not stable:\n%s\n%s", body, body2)
			}
		}
	})
}

// checkAgentModel checks null vs "" vs 0 (DESIGN.md rule 3) and the sleep rules.
func checkAgentModel(t *testing.T, a *client.Agent, prior, m agentModel) {
	t.Helper()
	nullIfNil := map[string]struct {
		isNil bool
		v     attr.Value
	}{
		"personality":  {a.Personality == nil, m.Personality},
		"goal":         {a.Goal == nil, m.Goal},
		"instructions": {a.Instructions == nil, m.Instructions},
		"business_name": {a.BusinessName == nil || (*a.BusinessName == "" &&
			!prior.BusinessName.IsNull() && !prior.BusinessName.IsUnknown() && prior.BusinessName.ValueString() != ""), m.BusinessName},
		"sleep_time":      {a.SleepTime == nil, m.SleepTime},
		"sleep_time_unit": {a.SleepTimeUnit == nil, m.SleepTimeUnit},
	}
	for name, c := range nullIfNil {
		if c.isNil && !c.v.IsNull() {
			t.Errorf("%s: absent or null in the answer, %v in state", name, c.v)
		}
	}
	if a.BusinessName != nil && *a.BusinessName == "" && !m.BusinessName.IsNull() && prior.BusinessName.ValueString() != "" {
		t.Errorf("business_name: \"\" in state although the prior value was %v", prior.BusinessName)
	}
	sleeping := a.SleepEnabled != nil && *a.SleepEnabled
	if !sleeping && (!m.SleepTime.IsNull() || !m.SleepTimeUnit.IsNull() || m.SleepIndefinitely.ValueBool()) {
		t.Errorf("sleep disabled but sleep_time %v, sleep_time_unit %v, sleep_indefinitely %v", m.SleepTime, m.SleepTimeUnit, m.SleepIndefinitely)
	}
	if sleeping && a.SleepTime == nil && !m.SleepIndefinitely.ValueBool() {
		t.Errorf("sleepTime null with sleep enabled is \"indefinitely\", got sleep_indefinitely %v", m.SleepIndefinitely)
	}
	if m.Channels.IsNull() || m.KnowledgeBaseIDs.IsNull() {
		t.Errorf("channels %v / knowledge_base_ids %v: Optional+Computed with default [] must not be null", m.Channels, m.KnowledgeBaseIDs)
	}
}

// agentDiff names the attributes that differ.
func agentDiff(a, b agentModel) string {
	va, vb := agentValues(a), agentValues(b)
	var out []string
	for k, v := range va {
		if !v.Equal(vb[k]) {
			out = append(out, k+": "+v.String()+" → "+vb[k].String())
		}
	}
	return strings.Join(out, ", ")
}

func agentValues(m agentModel) map[string]attr.Value {
	return map[string]attr.Value{
		"id": m.ID, "location_id": m.LocationID, "name": m.Name, "business_name": m.BusinessName, "mode": m.Mode,
		"channels": m.Channels, "is_primary": m.IsPrimary, "wait_time": m.WaitTime, "wait_time_unit": m.WaitTimeUnit,
		"sleep_enabled": m.SleepEnabled, "sleep_time": m.SleepTime, "sleep_time_unit": m.SleepTimeUnit,
		"sleep_indefinitely": m.SleepIndefinitely, "personality": m.Personality, "goal": m.Goal,
		"instructions": m.Instructions, "auto_pilot_max_messages": m.AutoPilotMaxMessages,
		"knowledge_base_ids": m.KnowledgeBaseIDs, "respond_to_images": m.RespondToImages,
		"respond_to_audio": m.RespondToAudio, "sleep_on_manual_message": m.SleepOnManualMessage,
		"sleep_on_workflow_message": m.SleepOnWorkflowMessage,
	}
}

// fieldOf reports whether the pointer field of a named by its JSON key is set.
func fieldOf(a *client.Agent, key string) bool {
	switch key {
	case "businessName":
		return a.BusinessName != nil
	case "mode":
		return a.Mode != nil
	case "isPrimary":
		return a.IsPrimary != nil
	case "waitTime":
		return a.WaitTime != nil
	case "sleepTime":
		return a.SleepTime != nil
	case "sleepTimeUnit":
		return a.SleepTimeUnit != nil
	case "personality":
		return a.Personality != nil
	case "goal":
		return a.Goal != nil
	case "instructions":
		return a.Instructions != nil
	case "respondToImages":
		return a.RespondToImages != nil
	case "respondToAudio":
		return a.RespondToAudio != nil
	}
	panic(key)
}

// FuzzAgentDataSource: GET agent answer → the highlevel_agent data source's Read (client
// decoding included). An answer the client decodes must give a state: known, and written.
func FuzzAgentDataSource(f *testing.F) {
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		var a client.Agent
		decodes := fuzztest.DecodeLikeClient(data, &a)
		st, diags := fuzztest.ReadDataSource(ctx, &agentDataSource{client: fuzztest.Client(t, data)},
			map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "agentId000000000001")})
		if !decodes {
			if !diags.HasError() {
				t.Fatal("an undecodable answer was accepted")
			}
			return
		}
		if a.LocationID != "" && a.LocationID != fuzztest.Location {
			if !diags.HasError() {
				t.Fatal("an agent of another location was accepted")
			}
			return // the client refuses an answer of another location
		}
		if diags.HasError() {
			t.Fatalf("read failed on a decodable answer: %v", diags)
		}
		var m agentDataModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		if a.RespondToImages == nil && !m.RespondToImages.IsNull() || a.RespondToAudio == nil && !m.RespondToAudio.IsNull() {
			t.Errorf("respond_to_*: absent in the answer but %v / %v", m.RespondToImages, m.RespondToAudio)
		}
		if a.BusinessName == nil && !m.BusinessName.IsNull() {
			t.Errorf("business_name: absent in the answer but %v", m.BusinessName)
		}
		if len(m.Actions.Elements()) != len(a.Actions) {
			t.Errorf("actions: %d in the answer, %d in state", len(a.Actions), len(m.Actions.Elements()))
		}
	})
}

// FuzzAgentsDataSource: a search page → the highlevel_agents data source's Read
// (AgentListItem's own decoding of goal included).
func FuzzAgentsDataSource(f *testing.F) {
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		var page struct {
			Agents     []client.AgentListItem `json:"agents"`
			TotalCount *int                   `json:"totalCount"`
		}
		decodes := fuzztest.DecodeLikeClient(data, &page, "data")
		st, diags := fuzztest.ReadDataSource(ctx, &agentsDataSource{client: fuzztest.Client(t, data)}, nil)
		// Only a page that holds the whole totalCount, or an empty page without one, ends the
		// list: any other page may be cut by a server page cap, so the client asks for the next
		// one, gets the same answer again and refuses the list; and an empty page under a
		// totalCount above zero contradicts it, which the client refuses too (the total is the
		// cross-check of a complete list).
		complete := page.TotalCount == nil && len(page.Agents) == 0 || page.TotalCount != nil && *page.TotalCount <= len(page.Agents)
		if !decodes || !complete {
			if decodes && !diags.HasError() {
				t.Fatalf("an incomplete list was accepted: %s", data)
			}
			return
		}
		if diags.HasError() {
			t.Fatalf("read failed on a decodable page: %v\n%s", diags, data)
		}
		var m agentsDataModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		if len(m.IDs.Elements()) != len(page.Agents) || len(m.Agents.Elements()) != len(page.Agents) {
			t.Errorf("%d agents in the answer, %d ids and %d agents in state", len(page.Agents), len(m.IDs.Elements()), len(m.Agents.Elements()))
		}
	})
}
