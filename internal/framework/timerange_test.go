// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestParseRFC3339(t *testing.T) {
	got, err := ParseRFC3339("2025-08-02T21:47:57.243+02:00")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 8, 2, 19, 47, 57, 243e6, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Fatalf("got %v, want %v in UTC", got, want)
	}
	for _, bad := range []string{"", "2025-08-02", "2025-08-02 19:47:57Z", "yesterday", "1754164077243"} {
		if _, err := ParseRFC3339(bad); err == nil || !strings.Contains(err.Error(), "RFC 3339") {
			t.Errorf("%q: err = %v", bad, err)
		}
	}
}

func TestRFC3339Validator(t *testing.T) {
	for _, tc := range []struct {
		v  types.String
		ok bool
	}{
		{types.StringValue("2025-01-01T00:00:00Z"), true},
		{types.StringNull(), true},
		{types.StringUnknown(), true},
		{types.StringValue("2025-01-01"), false},
	} {
		resp := &validator.StringResponse{}
		RFC3339().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("t"), ConfigValue: tc.v}, resp)
		if got := !resp.Diagnostics.HasError(); got != tc.ok {
			t.Errorf("%s: ok = %v, want %v", tc.v, got, tc.ok)
		}
	}
}

func TestTimeRange(t *testing.T) {
	sch := dschema.Schema{Attributes: map[string]dschema.Attribute{
		"start_date": dschema.StringAttribute{Optional: true},
		"end_date":   dschema.StringAttribute{Optional: true},
	}}
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"start_date": tftypes.String, "end_date": tftypes.String}}
	val := func(v any) tftypes.Value {
		if v == nil {
			return tftypes.NewValue(tftypes.String, nil)
		}
		return tftypes.NewValue(tftypes.String, v)
	}
	v := TimeRange(path.Root("start_date"), path.Root("end_date"))
	for _, tc := range []struct {
		name       string
		start, end any
		wantErr    bool
	}{
		{"ordered", "2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z", false},
		{"equal", "2025-01-01T00:00:00Z", "2025-01-01T01:00:00+01:00", false},
		{"inverted", "2025-02-01T00:00:00Z", "2025-01-01T00:00:00Z", true},
		{"inverted by offset", "2025-01-01T00:00:00Z", "2025-01-01T00:30:00+01:00", true},
		{"start only", "2025-02-01T00:00:00Z", nil, false},
		{"unknown end", "2025-02-01T00:00:00Z", tftypes.UnknownValue, false},
		{"malformed (reported by the attribute validator)", "x", "2025-01-01T00:00:00Z", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tfsdk.Config{Schema: sch, Raw: tftypes.NewValue(typ, map[string]tftypes.Value{
				"start_date": val(tc.start), "end_date": val(tc.end),
			})}
			resp := &datasource.ValidateConfigResponse{}
			v.ValidateDataSource(context.Background(), datasource.ValidateConfigRequest{Config: cfg}, resp)
			if resp.Diagnostics.HasError() != tc.wantErr {
				t.Fatalf("errors = %v, want error %v", resp.Diagnostics, tc.wantErr)
			}
			if tc.wantErr {
				d := resp.Diagnostics.Errors()[0]
				if !strings.Contains(d.Detail(), "end_date") || !strings.Contains(d.Detail(), "Swap") {
					t.Fatalf("unclear message: %s", d.Detail())
				}
			}
		})
	}
}
