// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TopLevel decodes a few top-level attributes of a configuration, plan or state (its Raw)
// into String, Bool and Int64 values, for code that runs on every plan or refresh of every
// resource and needs only those: ValidateConfig, ModifyPlan, the prior state of Read.
// Decoding the whole model, or GetAttribute per attribute, walks the schema for each value
// (the framework rebuilds the schema's attribute map at every step), and on a plan of many
// resources that walk was most of the provider's own CPU (make bench's profile); this reads
// the object's members directly. A null or unknown object leaves every target null or
// unknown.
func TopLevel(raw tftypes.Value, attrs map[string]any) diag.Diagnostics {
	var diags diag.Diagnostics
	var members map[string]tftypes.Value
	if raw.IsKnown() && !raw.IsNull() {
		if err := raw.As(&members); err != nil {
			diags.AddError("Provider bug: cannot read the object's attributes", err.Error())
			return diags
		}
	}
	for name, target := range attrs {
		v, ok := members[name]
		if !ok {
			v = tftypes.NewValue(targetType(target), nil)
			if !raw.IsKnown() {
				v = tftypes.NewValue(targetType(target), tftypes.UnknownValue)
			}
		}
		if err := decodeInto(v, target); err != nil {
			diags.AddAttributeError(path.Root(name), "Provider bug: cannot read the attribute", err.Error())
		}
	}
	return diags
}

func targetType(target any) tftypes.Type {
	switch target.(type) {
	case *types.Bool:
		return tftypes.Bool
	case *types.Int64:
		return tftypes.Number
	default:
		return tftypes.String
	}
}

func decodeInto(v tftypes.Value, target any) error {
	switch t := target.(type) {
	case *types.String:
		switch {
		case !v.IsKnown():
			*t = types.StringUnknown()
		case v.IsNull():
			*t = types.StringNull()
		default:
			var s string
			if err := v.As(&s); err != nil {
				return err
			}
			*t = types.StringValue(s)
		}
	case *types.Bool:
		switch {
		case !v.IsKnown():
			*t = types.BoolUnknown()
		case v.IsNull():
			*t = types.BoolNull()
		default:
			var b bool
			if err := v.As(&b); err != nil {
				return err
			}
			*t = types.BoolValue(b)
		}
	case *types.Int64:
		switch {
		case !v.IsKnown():
			*t = types.Int64Unknown()
		case v.IsNull():
			*t = types.Int64Null()
		default:
			var f big.Float
			if err := v.As(&f); err != nil {
				return err
			}
			n, acc := f.Int64()
			if acc != big.Exact {
				return fmt.Errorf("%s is not a whole number that fits 64 bits", f.String())
			}
			*t = types.Int64Value(n)
		}
	default:
		return fmt.Errorf("TopLevel cannot decode into %T", target)
	}
	return nil
}
