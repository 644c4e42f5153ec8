// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package framework

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// SetState writes model (a struct, or a pointer to one, whose fields are attr.Values tagged
// `tfsdk:"name"`) to state, as state.Set does. It is for the code that saves every resource
// on every refresh: state.Set converts the model through the framework's reflection, which
// cost a refreshing plan as much as the GET itself (make bench's profile, issue 17); this
// asks each field for its own Terraform value and assembles the object. The result must have
// exactly the schema's type, else (a model the fast path does not cover, such as embedded
// structs, or a provider bug) it falls back to state.Set, which converts or says what is wrong.
func SetState(ctx context.Context, state *tfsdk.State, model any) diag.Diagnostics {
	if v, ok := objectOf(ctx, state.Schema.Type().TerraformType(ctx), model); ok {
		state.Raw = v
		return nil
	}
	return state.Set(ctx, model)
}

// setIdentity is SetState for a resource identity.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, model any) diag.Diagnostics {
	if v, ok := objectOf(ctx, identity.Schema.Type().TerraformType(ctx), model); ok {
		identity.Raw = v
		return nil
	}
	return identity.Set(ctx, model)
}

// objectOf assembles model's object value of type want; false when the model's fields are not
// exactly want's attributes, or a field cannot say its value.
func objectOf(ctx context.Context, want tftypes.Type, model any) (tftypes.Value, bool) {
	wantObject, ok := want.(tftypes.Object)
	if !ok {
		return tftypes.Value{}, false
	}
	rv := reflect.ValueOf(model)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return tftypes.Value{}, false
	}
	fields, ok := fieldsOf(rv.Type())
	if !ok || len(fields) != len(wantObject.AttributeTypes) {
		return tftypes.Value{}, false
	}
	values := make(map[string]tftypes.Value, len(fields))
	for _, f := range fields {
		typ, ok := wantObject.AttributeTypes[f.name]
		if !ok {
			return tftypes.Value{}, false
		}
		field := rv.Field(f.index)
		if field.IsZero() && !typ.Is(tftypes.String) && !typ.Is(tftypes.Bool) && !typ.Is(tftypes.Number) {
			return tftypes.Value{}, false // a zero types.Set or types.List has no element type
		}
		av, ok := field.Interface().(attr.Value)
		if !ok || av == nil {
			return tftypes.Value{}, false
		}
		v, err := av.ToTerraformValue(ctx)
		if err != nil || !v.Type().Equal(typ) {
			return tftypes.Value{}, false
		}
		values[f.name] = v
	}
	return tftypes.NewValue(want, values), true
}

type modelField struct {
	name  string
	index int
}

// modelFields caches, per model type, its tagged fields, or nil when the type is not one the
// fast path covers.
var modelFields sync.Map // reflect.Type → []modelField

func fieldsOf(t reflect.Type) ([]modelField, bool) {
	if cached, ok := modelFields.Load(t); ok {
		fields, _ := cached.([]modelField)
		return fields, fields != nil
	}
	fields, err := taggedFields(t)
	if err != nil {
		fields = nil
	}
	modelFields.Store(t, fields)
	return fields, fields != nil
}

var attrValueType = reflect.TypeFor[attr.Value]()

func taggedFields(t reflect.Type) ([]modelField, error) {
	fields := make([]modelField, 0, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("tfsdk")
		switch {
		case f.Anonymous || !f.IsExported():
			return nil, fmt.Errorf("field %s: embedded or unexported", f.Name)
		case name == "-":
			continue
		case name == "":
			return nil, fmt.Errorf("field %s: no tfsdk tag", f.Name)
		case !f.Type.Implements(attrValueType):
			return nil, fmt.Errorf("field %s: %s is not an attr.Value", f.Name, f.Type)
		}
		fields = append(fields, modelField{name: name, index: i})
	}
	return fields, nil
}
