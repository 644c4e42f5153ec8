// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/provider"
)

// TestIdentityImportExamples: every resource with a resource identity documents the import
// block form in examples/resources/<type>/import-by-identity.tf, and that example sets
// exactly the identity's attributes. (The CLIs here predate identity import, Terraform 1.12, so
// the examples cannot be applied; this keeps them true to the schema.)
func TestIdentityImportExamples(t *testing.T) {
	ctx := context.Background()
	p := provider.New("test")()
	for _, factory := range p.Resources(ctx) {
		r := factory()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "highlevel"}, &meta)
		withIdentity, ok := r.(resource.ResourceWithIdentity)
		if !ok {
			continue
		}
		var idResp resource.IdentitySchemaResponse
		withIdentity.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &idResp)
		var want []string
		for name := range idResp.IdentitySchema.Attributes {
			want = append(want, name)
		}
		slices.Sort(want)

		t.Run(meta.TypeName, func(t *testing.T) {
			file := filepath.Join("..", "..", "examples", "resources", meta.TypeName, "import-by-identity.tf")
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%s has a resource identity but no import-by-identity.tf example: %v", meta.TypeName, err)
			}
			f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			found := false
			for _, block := range f.Body.(*hclsyntax.Body).Blocks {
				if block.Type != "import" {
					continue
				}
				attr := block.Body.Attributes["identity"]
				if attr == nil {
					t.Fatalf("an import block of %s has no identity", file)
				}
				obj, ok := attr.Expr.(*hclsyntax.ObjectConsExpr)
				if !ok {
					t.Fatalf("identity in %s is not an object", file)
				}
				var got []string
				for _, item := range obj.Items {
					key, diags := item.KeyExpr.Value(nil)
					if diags.HasErrors() {
						t.Fatal(diags)
					}
					got = append(got, key.AsString())
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%s: identity sets %v, the resource's identity is %v", file, got, want)
				}
				found = true
			}
			if !found {
				t.Errorf("%s has no import block", file)
			}
		})
	}
}
