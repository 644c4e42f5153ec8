// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestTopLevel(t *testing.T) {
	objType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"name": tftypes.String, "count": tftypes.Number, "on": tftypes.Bool, "gone": tftypes.String,
		"later": tftypes.String, "tags": tftypes.Set{ElementType: tftypes.String},
	}}
	obj := tftypes.NewValue(objType, map[string]tftypes.Value{
		"name":  tftypes.NewValue(tftypes.String, "a"),
		"count": tftypes.NewValue(tftypes.Number, big.NewFloat(42)),
		"on":    tftypes.NewValue(tftypes.Bool, true),
		"gone":  tftypes.NewValue(tftypes.String, nil),
		"later": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"tags":  tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil),
	})
	var name, gone, later types.String
	var count types.Int64
	var on types.Bool
	if d := TopLevel(obj, map[string]any{"name": &name, "count": &count, "on": &on, "gone": &gone, "later": &later}); d.HasError() {
		t.Fatal(d)
	}
	if name != types.StringValue("a") || count != types.Int64Value(42) || on != types.BoolValue(true) ||
		!gone.IsNull() || !later.IsUnknown() {
		t.Fatalf("got %v %v %v %v %v", name, count, on, gone, later)
	}

	// A null object (a destroy plan, no prior state) leaves every target null; an unknown one, unknown.
	if d := TopLevel(tftypes.NewValue(objType, nil), map[string]any{"name": &name, "count": &count}); d.HasError() || !name.IsNull() || !count.IsNull() {
		t.Fatalf("null object: %v %v %v", name, count, d)
	}
	if d := TopLevel(tftypes.NewValue(objType, tftypes.UnknownValue), map[string]any{"on": &on}); d.HasError() || !on.IsUnknown() {
		t.Fatalf("unknown object: %v %v", on, d)
	}

	// A number that is not a whole int64, or a target it cannot fill, is a provider bug, said so.
	frac := tftypes.NewValue(objType, map[string]tftypes.Value{
		"name": tftypes.NewValue(tftypes.String, nil), "count": tftypes.NewValue(tftypes.Number, big.NewFloat(1.5)),
		"on": tftypes.NewValue(tftypes.Bool, nil), "gone": tftypes.NewValue(tftypes.String, nil),
		"later": tftypes.NewValue(tftypes.String, nil), "tags": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil),
	})
	if d := TopLevel(frac, map[string]any{"count": &count}); !d.HasError() {
		t.Fatal("1.5 decoded into an Int64")
	}
	var tags types.Set
	if d := TopLevel(obj, map[string]any{"tags": &tags}); !d.HasError() {
		t.Fatal("a set target was accepted")
	}
}

func BenchmarkTopLevel(b *testing.B) {
	attrs := map[string]tftypes.Type{}
	values := map[string]tftypes.Value{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t"} {
		attrs[n] = tftypes.String
		values[n] = tftypes.NewValue(tftypes.String, n)
	}
	obj := tftypes.NewValue(tftypes.Object{AttributeTypes: attrs}, values)
	var a, c, e types.String
	for b.Loop() {
		TopLevel(obj, map[string]any{"a": &a, "c": &c, "e": &e})
	}
}
