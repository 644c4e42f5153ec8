// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"math/big"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// fillUnknowns replaces every unknown in v with a deterministic known value of its type: a
// fixed string, zero, false, or null for collections and objects.
func fillUnknowns(v tftypes.Value) tftypes.Value {
	out, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		return known(v.Type()), nil
	})
	if err != nil {
		return v
	}
	return out
}

func known(t tftypes.Type) tftypes.Value {
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, "floor")
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, big.NewFloat(0))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	default:
		return tftypes.NewValue(t, nil)
	}
}
