// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"fmt"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// ComputedDataSourceAttributes turns resource schema attributes into computed data source
// attributes of the same names, types, nesting and descriptions, so that a data source that
// reads objects the resource manages exposes them in exactly the resource's shape (values can
// be copied from one to the other) without a second hand-written schema that could drift.
// Validators, plan modifiers and defaults are dropped: they have no meaning on read-only data.
// descriptionPrefix, when not empty, is put before every description.
//
// It panics on an attribute kind it does not know: that is a programming error caught by the
// first test that builds the schema.
func ComputedDataSourceAttributes(attrs map[string]rschema.Attribute) map[string]dschema.Attribute {
	out := make(map[string]dschema.Attribute, len(attrs))
	for name, a := range attrs {
		out[name] = computedAttribute(name, a)
	}
	return out
}

func computedAttribute(name string, a rschema.Attribute) dschema.Attribute {
	desc := a.GetMarkdownDescription()
	switch a := a.(type) {
	case rschema.StringAttribute:
		return dschema.StringAttribute{MarkdownDescription: desc, Computed: true, Sensitive: a.Sensitive}
	case rschema.BoolAttribute:
		return dschema.BoolAttribute{MarkdownDescription: desc, Computed: true, Sensitive: a.Sensitive}
	case rschema.Int64Attribute:
		return dschema.Int64Attribute{MarkdownDescription: desc, Computed: true, Sensitive: a.Sensitive}
	case rschema.Float64Attribute:
		return dschema.Float64Attribute{MarkdownDescription: desc, Computed: true, Sensitive: a.Sensitive}
	case rschema.SetAttribute:
		return dschema.SetAttribute{MarkdownDescription: desc, Computed: true, Sensitive: a.Sensitive, ElementType: a.ElementType}
	case rschema.ListAttribute:
		return dschema.ListAttribute{MarkdownDescription: desc, Computed: true, Sensitive: a.Sensitive, ElementType: a.ElementType}
	case rschema.MapAttribute:
		return dschema.MapAttribute{MarkdownDescription: desc, Computed: true, Sensitive: a.Sensitive, ElementType: a.ElementType}
	case rschema.SingleNestedAttribute:
		return dschema.SingleNestedAttribute{MarkdownDescription: desc, Computed: true, Sensitive: a.Sensitive,
			Attributes: ComputedDataSourceAttributes(a.Attributes)}
	case rschema.ListNestedAttribute:
		return dschema.ListNestedAttribute{MarkdownDescription: desc, Computed: true, Sensitive: a.Sensitive,
			NestedObject: dschema.NestedAttributeObject{Attributes: ComputedDataSourceAttributes(a.NestedObject.Attributes)}}
	case rschema.SetNestedAttribute:
		return dschema.SetNestedAttribute{MarkdownDescription: desc, Computed: true, Sensitive: a.Sensitive,
			NestedObject: dschema.NestedAttributeObject{Attributes: ComputedDataSourceAttributes(a.NestedObject.Attributes)}}
	}
	panic(fmt.Sprintf("framework.ComputedDataSourceAttributes: attribute %q is a %T, which it does not convert", name, a))
}
