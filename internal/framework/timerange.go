// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Timestamps in configuration are RFC 3339 strings ("2025-08-02T19:47:57Z", with an optional
// fraction and any offset); the API wants ISO-8601 UTC or epoch milliseconds depending on the
// route (contract §1.3), which the family converts to.

// ParseRFC3339 parses an RFC 3339 timestamp (fractional seconds allowed) and returns it in UTC.
func ParseRFC3339(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 timestamp such as \"2025-08-02T19:47:57Z\" or "+
			"\"2025-08-02T21:47:57.243+02:00\" (date, \"T\", time, and \"Z\" or an offset)", s)
	}
	return t.UTC(), nil
}

// RFC3339 validates an RFC 3339 timestamp at plan time.
func RFC3339() validator.String { return rfc3339Validator{} }

type rfc3339Validator struct{}

func (rfc3339Validator) Description(context.Context) string {
	return `must be an RFC 3339 timestamp, e.g. "2025-08-02T19:47:57Z"`
}

func (v rfc3339Validator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (rfc3339Validator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := ParseRFC3339(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid timestamp", err.Error())
	}
}

// TimeRange is a configuration validator for a pair of RFC 3339 string attributes that bound a
// range: when both are known and valid, end must not be before start (an inverted range would
// silently match nothing). Equal bounds are allowed (the range is inclusive).
func TimeRange(start, end path.Path) TimeRangeValidator {
	return TimeRangeValidator{start: start, end: end}
}

// TimeRangeValidator is TimeRange; it serves data sources and resources.
type TimeRangeValidator struct{ start, end path.Path }

var (
	_ datasource.ConfigValidator = TimeRangeValidator{}
	_ resource.ConfigValidator   = TimeRangeValidator{}
)

func (v TimeRangeValidator) Description(context.Context) string {
	return fmt.Sprintf("%s must not be before %s", v.end, v.start)
}

func (v TimeRangeValidator) MarkdownDescription(ctx context.Context) string {
	return fmt.Sprintf("`%s` must not be before `%s`", v.end, v.start)
}

func (v TimeRangeValidator) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	resp.Diagnostics.Append(v.validate(ctx, req.Config)...)
}

func (v TimeRangeValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	resp.Diagnostics.Append(v.validate(ctx, req.Config)...)
}

func (v TimeRangeValidator) validate(ctx context.Context, cfg tfsdk.Config) diag.Diagnostics {
	var start, end types.String
	var diags diag.Diagnostics
	diags.Append(cfg.GetAttribute(ctx, v.start, &start)...)
	diags.Append(cfg.GetAttribute(ctx, v.end, &end)...)
	if diags.HasError() || start.IsNull() || start.IsUnknown() || end.IsNull() || end.IsUnknown() {
		return diags
	}
	if msg := CheckTimeRange(v.start.String(), start.ValueString(), v.end.String(), end.ValueString()); msg != "" {
		diags.AddAttributeError(v.end, "Inverted time range", msg)
	}
	return diags
}

// CheckTimeRange returns why the range [start, end] (RFC 3339 strings named startName and
// endName) is inverted, or "" when it is not, or when either bound does not parse (the
// attribute validator reports that).
func CheckTimeRange(startName, start, endName, end string) string {
	s, err1 := ParseRFC3339(start)
	e, err2 := ParseRFC3339(end)
	if err1 != nil || err2 != nil || !e.Before(s) {
		return ""
	}
	return fmt.Sprintf("%s (%s) is before %s (%s), so the range would match nothing: %s is the earlier bound. "+
		"Swap the two values.", endName, end, startName, start, startName)
}
