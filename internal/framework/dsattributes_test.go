// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"testing"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestComputedDataSourceAttributes(t *testing.T) {
	res := map[string]rschema.Attribute{
		"name": rschema.StringAttribute{MarkdownDescription: "The name.", Required: true},
		"on":   rschema.BoolAttribute{MarkdownDescription: "On.", Optional: true},
		"n":    rschema.Int64Attribute{MarkdownDescription: "N.", Optional: true},
		"tags": rschema.SetAttribute{MarkdownDescription: "Tags.", Optional: true, ElementType: types.StringType},
		"list": rschema.ListAttribute{MarkdownDescription: "List.", Optional: true, ElementType: types.StringType},
		"block": rschema.SingleNestedAttribute{MarkdownDescription: "Block.", Optional: true, Attributes: map[string]rschema.Attribute{
			"steps": rschema.ListNestedAttribute{MarkdownDescription: "Steps.", Required: true, NestedObject: rschema.NestedAttributeObject{
				Attributes: map[string]rschema.Attribute{"id": rschema.Int64Attribute{MarkdownDescription: "Step.", Required: true}},
			}},
			"days": rschema.SetNestedAttribute{MarkdownDescription: "Days.", Optional: true, NestedObject: rschema.NestedAttributeObject{
				Attributes: map[string]rschema.Attribute{"day": rschema.Int64Attribute{MarkdownDescription: "Day.", Required: true}},
			}},
		}},
	}
	ds := ComputedDataSourceAttributes(res)
	for name, a := range res {
		d, ok := ds[name]
		if !ok {
			t.Fatalf("%s missing", name)
		}
		if !d.IsComputed() || d.IsOptional() || d.IsRequired() {
			t.Errorf("%s: not computed-only", name)
		}
		if d.GetMarkdownDescription() != a.GetMarkdownDescription() {
			t.Errorf("%s: description %q, want %q", name, d.GetMarkdownDescription(), a.GetMarkdownDescription())
		}
		if !d.GetType().Equal(a.GetType()) {
			t.Errorf("%s: type %s, want %s", name, d.GetType(), a.GetType())
		}
	}
	block := ds["block"].(dschema.SingleNestedAttribute)
	if steps := block.Attributes["steps"].(dschema.ListNestedAttribute); !steps.NestedObject.Attributes["id"].IsComputed() {
		t.Error("nested attributes are not computed")
	}
}

func TestComputedDataSourceAttributesPanicsOnUnknownKind(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for an unsupported attribute kind")
		}
	}()
	ComputedDataSourceAttributes(map[string]rschema.Attribute{"d": rschema.DynamicAttribute{Optional: true}})
}
