// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

// Command docsgen adds the resources' identity schemas to the provider schema JSON that
// tools/docs.sh hands to tfplugindocs. The CLIs available offline (Terraform 1.11, OpenTofu)
// predate resource identity and leave it out of `providers schema -json`, and tfplugindocs
// renders the identity import examples (import-by-identity.tf) only for resources whose
// identity it sees.
//
//	go run ./internal/docsgen -schema schema.json -provider registry.terraform.io/hashicorp/highlevel
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/provider"
)

type identityAttribute struct {
	Type              string `json:"type"`
	Description       string `json:"description,omitempty"`
	RequiredForImport bool   `json:"required_for_import,omitempty"`
	OptionalForImport bool   `json:"optional_for_import,omitempty"`
}

type identitySchema struct {
	Version    int64                        `json:"version"`
	Attributes map[string]identityAttribute `json:"attributes"`
}

func main() {
	file := flag.String("schema", "", "provider schema JSON (from `providers schema -json`), rewritten in place")
	address := flag.String("provider", "", "the provider's address in that file")
	flag.Parse()
	if err := run(*file, *address); err != nil {
		fmt.Fprintln(os.Stderr, "docsgen:", err)
		os.Exit(1)
	}
}

func run(file, address string) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return err
	}
	schemas, _ := doc["provider_schemas"].(map[string]any)
	p, ok := schemas[address].(map[string]any)
	if !ok {
		return fmt.Errorf("%s: no provider %q", file, address)
	}
	identities, err := identitySchemas()
	if err != nil {
		return err
	}
	p["resource_identity_schemas"] = identities
	out, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, 0o600)
}

// identitySchemas reads every resource's identity schema from the provider itself.
func identitySchemas() (map[string]identitySchema, error) {
	ctx := context.Background()
	out := map[string]identitySchema{}
	for _, factory := range provider.New("docs")().Resources(ctx) {
		r := factory()
		withIdentity, ok := r.(resource.ResourceWithIdentity)
		if !ok {
			continue
		}
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "highlevel"}, &meta)
		var resp resource.IdentitySchemaResponse
		withIdentity.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &resp)
		s := identitySchema{Version: resp.IdentitySchema.Version, Attributes: map[string]identityAttribute{}}
		for name, attr := range resp.IdentitySchema.Attributes {
			a, ok := attr.(identityschema.StringAttribute)
			if !ok {
				return nil, fmt.Errorf("%s: identity attribute %s is not a string; teach docsgen its type", meta.TypeName, name)
			}
			s.Attributes[name] = identityAttribute{Type: "string", Description: a.Description,
				RequiredForImport: a.RequiredForImport, OptionalForImport: a.OptionalForImport}
		}
		out[meta.TypeName] = s
	}
	return out, nil
}
