// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// nullObject is a configuration of block as the CLI sends it: set attributes from set, every
// other attribute null, nested blocks absent (empty for list and set nesting, else null).
func nullObject(block *tfprotov6.SchemaBlock, set map[string]tftypes.Value) tftypes.Value {
	typ := block.ValueType().(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for _, a := range block.Attributes {
		if v, ok := set[a.Name]; ok {
			vals[a.Name] = v
		} else {
			vals[a.Name] = tftypes.NewValue(typ.AttributeTypes[a.Name], nil)
		}
	}
	for _, nb := range block.BlockTypes {
		t := typ.AttributeTypes[nb.TypeName]
		switch nb.Nesting {
		case tfprotov6.SchemaNestedBlockNestingModeList, tfprotov6.SchemaNestedBlockNestingModeSet:
			vals[nb.TypeName] = tftypes.NewValue(t, []tftypes.Value{})
		default:
			vals[nb.TypeName] = tftypes.NewValue(t, nil)
		}
	}
	return tftypes.NewValue(typ, vals)
}

func dynamic(b *testing.B, v tftypes.Value) *tfprotov6.DynamicValue {
	d, err := tfprotov6.NewDynamicValue(v.Type(), v)
	if err != nil {
		b.Fatal(err)
	}
	return &d
}

// stateJSON encodes a state as the CLI stores it (RawState.JSON).
func stateJSON(v tftypes.Value) ([]byte, error) {
	x, err := plain(v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(x)
}

func plain(v tftypes.Value) (any, error) {
	if v.IsNull() {
		return nil, nil
	}
	t := v.Type()
	switch {
	case t.Is(tftypes.String):
		var s string
		return s, v.As(&s)
	case t.Is(tftypes.Bool):
		var x bool
		return x, v.As(&x)
	case t.Is(tftypes.Number):
		var f big.Float
		err := v.As(&f)
		return json.Number(f.Text('g', -1)), err
	case t.Is(tftypes.Object{}) || t.Is(tftypes.Map{}):
		var m map[string]tftypes.Value
		if err := v.As(&m); err != nil {
			return nil, err
		}
		out := map[string]any{}
		for k, e := range m {
			x, err := plain(e)
			if err != nil {
				return nil, err
			}
			out[k] = x
		}
		return out, nil
	default: // list, set, tuple
		var l []tftypes.Value
		if err := v.As(&l); err != nil {
			return nil, err
		}
		out := []any{}
		for _, e := range l {
			x, err := plain(e)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, nil
	}
}

func diagErr(ds []*tfprotov6.Diagnostic) string {
	var s []string
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			s = append(s, d.Summary+": "+d.Detail)
		}
	}
	return strings.Join(s, "; ")
}
