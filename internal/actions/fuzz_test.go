// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package actions

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/fuzztest"
)

// Fuzz targets of the action and follow-up settings mappers. Each gets the bytes of an API
// answer, decodes them as the client does, maps them to the Terraform model and checks
// properties that hold for any answer: no panic, the state can be written (no duplicate set
// elements, the schema's types), every value is known (DESIGN.md rule 6), fields the answer
// lacks are null unless the schema documents a default (rule 3), and the model mapped back to
// the request body and echoed by the API maps to the same model (rules 1 and 5). Seeds:
// testdata/fuzz/<Target>/ (answers of the contract §3.2–3.3 and of the emulator).

const fuzzAgent = "fuzzAgent00000000001"

// detailDefaults are the details attributes that have a value when the API leaves the field
// out: the server defaults of the schema, and followup_sequence, which is required (R).
var detailDefaults = map[string]bool{
	"contact_update_examples": true, "reschedule_enabled": true, "cancel_enabled": true, "followup_sequence": true,
}

// FuzzActionFromAPI: an action (the `data` of GET/POST/PUT) → actionFromAPI → state, and the
// round trip toInput → JSON → API echo → actionFromAPI.
func FuzzActionFromAPI(f *testing.F) {
	ctx := context.Background()
	var sr resource.SchemaResponse
	(&actionResource{}).Schema(ctx, resource.SchemaRequest{}, &sr)
	empty := fuzztest.EmptyState(ctx, sr.Schema)
	f.Fuzz(func(t *testing.T, data []byte) {
		var a client.Action
		if json.Unmarshal(data, &a) != nil {
			return // the client reports an undecodable answer as an error
		}
		var diags diag.Diagnostics
		m := actionFromAPI(ctx, &a, fuzztest.Location, fuzzAgent, &diags)
		blockName := blockOf(a.Type)
		if blockName == "" {
			if !diags.HasError() {
				t.Fatalf("type %q is unknown but was mapped", a.Type)
			}
			return
		}
		if diags.HasError() {
			t.Fatalf("actionFromAPI: %v", diags)
		}
		fuzztest.WriteState(t, ctx, empty, &m)
		for _, b := range blocks {
			if set := !m.block(b.attr).IsNull(); set != (b.attr == blockName) {
				t.Fatalf("type %s: %s set = %v", a.Type, b.attr, set)
			}
		}
		checkDetailNulls(t, fuzztest.KeysAt(data, "details"), &a.Details, m.block(blockName).Attributes())
		if a.Type == client.ActionTypeAdvancedFollowup {
			checkFollowup(t, &a.Details, m.AdvancedFollowup.Attributes())
		}

		// Round trip: the PUT body (a full replace), echoed by the API.
		in := m.toInput(ctx, &diags)
		if diags.HasError() {
			t.Fatalf("toInput: %v", diags)
		}
		body, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		var echo client.Action
		if err := json.Unmarshal(body, &echo); err != nil {
			t.Fatalf("the request body %s does not decode as an action: %v", body, err)
		}
		echo.ID, echo.AgentID = a.ID, a.AgentID
		again := actionFromAPI(ctx, &echo, fuzztest.Location, fuzzAgent, &diags)
		if diags.HasError() {
			t.Fatalf("actionFromAPI(echo): %v", diags)
		}
		if diff := modelDiff(actionValues(m), actionValues(again)); diff != "" {
			t.Fatalf("round trip changed %s\nanswer: %s\nbody:   %s", diff, data, body)
		}
		body2, _ := json.Marshal(again.toInput(ctx, &diags))
		if !bytes.Equal(body, body2) {
			t.Fatalf("request body not stable:\n%s\n%s", body, body2)
		}
	})
}

// checkDetailNulls: every details attribute whose API field is absent (the decoder leaves it
// nil) is null, unless detailDefaults names it.
func checkDetailNulls(t *testing.T, keys []string, d *client.ActionDetails, attrs map[string]attr.Value) {
	t.Helper()
	dv := reflect.ValueOf(d).Elem()
	for name, v := range attrs {
		key := camel(name)
		field, ok := detailField(dv, key)
		if !ok {
			t.Fatalf("attribute %s has no details field %q", name, key)
		}
		if !fuzztest.Has(keys, key) && !field.IsNil() {
			t.Errorf("details.%s is absent from the answer but decoded as %v", key, field)
		}
		if field.IsNil() && !detailDefaults[name] && !v.IsNull() {
			t.Errorf("%s: details.%s absent or null, but %v in state", name, key, v)
		}
	}
}

// checkFollowup: steps and settings keep absent apart from false/"" except for documented
// defaults; working days are not lost.
func checkFollowup(t *testing.T, d *client.ActionDetails, attrs map[string]attr.Value) {
	t.Helper()
	steps := attrs["followup_sequence"].(types.List).Elements()
	if len(steps) != len(d.FollowupSequence) {
		t.Fatalf("%d steps in the answer, %d in state", len(d.FollowupSequence), len(steps))
	}
	for i, s := range d.FollowupSequence {
		sa := steps[i].(types.Object).Attributes()
		for name, isNil := range map[string]bool{"custom_message": s.CustomMessage == nil, "workflow_id": s.WorkflowID == nil,
			"contact_requested": s.ContactRequested == nil} {
			if isNil && !sa[name].IsNull() {
				t.Errorf("step %d: %s absent but %v", i, name, sa[name])
			}
		}
		if sa["ai_enabled_message"].IsNull() || sa["trigger_workflow"].IsNull() {
			t.Errorf("step %d: defaulted flags are null", i)
		}
	}
	settings := attrs["followup_settings"].(types.Object)
	if (d.FollowupSettings == nil) != settings.IsNull() {
		t.Fatalf("followupSettings nil = %v, followup_settings null = %v", d.FollowupSettings == nil, settings.IsNull())
	}
	if d.FollowupSettings != nil {
		checkSettings(t, d.FollowupSettings, settings.Attributes())
	}
}

func checkSettings(t *testing.T, s *client.FollowupSettings, attrs map[string]attr.Value) {
	t.Helper()
	if s.TimezoneToUse == nil && !attrs["timezone_to_use"].IsNull() {
		t.Errorf("timezone_to_use: absent but %v", attrs["timezone_to_use"])
	}
	for _, name := range []string{"dynamic_channel_switching", "follow_up_hours", "working_hours"} {
		if attrs[name].IsNull() {
			t.Errorf("%s (server default) is null", name)
		}
	}
	days := attrs["working_hours"].(types.Set).Elements()
	distinct := 0
	for i, wd := range s.WorkingHours {
		if !slicesContainsDay(s.WorkingHours[:i], wd) {
			distinct++
		}
	}
	if len(days) != distinct {
		t.Errorf("%d distinct working days in the answer, %d in state", distinct, len(days))
	}
}

func slicesContainsDay(days []client.WorkingDay, d client.WorkingDay) bool {
	for _, o := range days {
		if o.DayOfTheWeek == d.DayOfTheWeek && len(o.Intervals) == len(d.Intervals) &&
			(len(d.Intervals) == 0 || reflect.DeepEqual(o.Intervals, d.Intervals)) {
			return true
		}
	}
	return false
}

// FuzzFollowupSettings: the followupSettings of an action → highlevel_agent_followup_settings'
// save → state, and the round trip toAPI → JSON (the PATCH body) → echo → save.
func FuzzFollowupSettings(f *testing.F) {
	ctx := context.Background()
	r := &followupSettingsResource{}
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	empty := fuzztest.EmptyState(ctx, sr.Schema)
	prior := followupSettingsResourceModel{LocationID: types.StringValue(fuzztest.Location), AgentID: types.StringValue(fuzzAgent)}
	ids := []string{"actionB0000000000002", "actionA0000000000001"}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s *client.FollowupSettings // nil: the PATCH answer carried no action
		if len(bytes.TrimSpace(data)) > 0 {
			s = &client.FollowupSettings{}
			if json.Unmarshal(data, s) != nil {
				return
			}
		}
		st := empty
		var diags diag.Diagnostics
		r.save(ctx, prior, ids, s, &st, &diags)
		if diags.HasError() {
			t.Fatalf("save: %v\n%s", diags, data)
		}
		var m followupSettingsResourceModel
		checkKnownState(t, ctx, st, &m)
		if m.ID.ValueString() != fuzzAgent+"/actionA0000000000001,actionB0000000000002" {
			t.Errorf("id %v", m.ID)
		}
		settings := s
		if settings == nil {
			settings = &client.FollowupSettings{}
		}
		if !fuzztest.Has(fuzztest.KeysAt(data), "timezoneToUse") && settings.TimezoneToUse != nil {
			t.Errorf("timezoneToUse decoded although absent")
		}
		checkSettings(t, settings, map[string]attr.Value{
			"timezone_to_use": m.TimezoneToUse, "dynamic_channel_switching": m.DynamicChannelSwitching,
			"follow_up_hours": m.FollowUpHours, "working_hours": m.WorkingHours,
		})

		// Round trip: the PATCH body's followupSettings, echoed.
		api := m.toAPI(ctx, &diags)
		if diags.HasError() {
			t.Fatalf("toAPI: %v", diags)
		}
		body, err := json.Marshal(api)
		if err != nil {
			t.Fatal(err)
		}
		var echo client.FollowupSettings
		if err := json.Unmarshal(body, &echo); err != nil {
			t.Fatalf("the PATCH body %s does not decode: %v", body, err)
		}
		st2 := empty
		r.save(ctx, m, ids, &echo, &st2, &diags)
		if diags.HasError() || !st2.Raw.Equal(st.Raw) {
			t.Fatalf("round trip changed the state: %v\nbefore %v\nafter  %v\nbody %s", diags, st.Raw, st2.Raw, body)
		}
	})
}

// checkKnownState reads st into m: no diagnostics, every value known.
func checkKnownState[M any](t *testing.T, ctx context.Context, st tfsdk.State, m *M) {
	t.Helper()
	if !st.Raw.IsFullyKnown() {
		t.Fatalf("state has unknown values: %v", st.Raw)
	}
	if d := st.Get(ctx, m); d.HasError() {
		t.Fatalf("reading state: %v", d)
	}
}

// FuzzActionsDataSource: GET …/actions/list → the highlevel_agent_actions data source's Read
// (the client's envelope decoding included).
func FuzzActionsDataSource(f *testing.F) {
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		var list []client.Action
		decodes := fuzztest.DecodeLikeClient(data, &list, "data")
		st, diags := fuzztest.ReadDataSource(ctx, &actionsDataSource{client: fuzztest.Client(t, data)},
			map[string]tftypes.Value{"agent_id": tftypes.NewValue(tftypes.String, fuzzAgent)})
		known := true
		for _, a := range list {
			known = known && blockOf(a.Type) != ""
		}
		if !decodes || !known {
			if !diags.HasError() {
				t.Fatalf("an undecodable answer or an unknown type was accepted: %s", data)
			}
			return
		}
		if diags.HasError() {
			t.Fatalf("read failed on a decodable answer: %v\n%s", diags, data)
		}
		var m actionsDataModel
		if d := st.Get(ctx, &m); d.HasError() {
			t.Fatal(d)
		}
		if len(m.IDs.Elements()) != len(list) || len(m.Actions.Elements()) != len(list) {
			t.Errorf("%d actions in the answer, %d ids and %d actions in state", len(list), len(m.IDs.Elements()), len(m.Actions.Elements()))
		}
	})
}

func actionValues(m actionModel) map[string]attr.Value {
	v := map[string]attr.Value{"id": m.ID, "location_id": m.LocationID, "agent_id": m.AgentID, "type": m.Type, "name": m.Name}
	for _, b := range blocks {
		v[b.attr] = *m.block(b.attr)
	}
	return v
}

// modelDiff names the attributes that differ.
func modelDiff(a, b map[string]attr.Value) string {
	var out []string
	for k, v := range a {
		if !v.Equal(b[k]) {
			out = append(out, k+": "+v.String()+" → "+b[k].String())
		}
	}
	return strings.Join(out, ", ")
}

// camel is the API's name of an attribute: workflow_ids → workflowIds.
func camel(snake string) string {
	parts := strings.Split(snake, "_")
	for i := 1; i < len(parts); i++ {
		parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
	}
	return strings.Join(parts, "")
}

// detailField is the field of ActionDetails whose JSON name is key.
func detailField(dv reflect.Value, key string) (reflect.Value, bool) {
	for i := 0; i < dv.NumField(); i++ {
		if name, _, _ := strings.Cut(dv.Type().Field(i).Tag.Get("json"), ","); name == key {
			return dv.Field(i), true
		}
	}
	return reflect.Value{}, false
}
