// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
)

const threeScopes = twoAgents + `
resource "highlevel_scope" "crm" {
  name        = "CRM reader"
  description = "reads conversations"
  permissions = ["conversations.readonly", "conversations/message.readonly"]
}

resource "highlevel_scope" "x" {
  name        = "Zapier X"
  permissions = ["conversation-ai.readonly", "conversation-ai.write"]
  agent_ids   = [highlevel_agent.x.id]
}

resource "highlevel_scope" "twin" {
  count       = 2
  name        = "twin"
  permissions = ["locations.readonly"]
}
`

func TestAccScopeDataSources(t *testing.T) {
	t.Parallel()
	env := emulatorOnly(t)
	all := []string{"conversation-ai.readonly", "conversation-ai.write", "knowledge-bases.readonly", "knowledge-bases.write",
		"conversations.readonly", "conversations.write", "conversations/message.readonly", "conversations/message.write", "locations.readonly"}
	exact := func(values ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(values))
		for i, v := range values {
			checks[i] = knownvalue.StringExact(v)
		}
		return knownvalue.ListExact(checks)
	}
	errorsStep := false
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		// The failures of the last step, each matched to its own data source.
		ErrorCheck: func(err error) error {
			if !errorsStep {
				return err
			}
			errorsStep = false
			return expectErrorsOf(err, []expectedError{
				{"two scopes of the name", "twin", regexp.MustCompile(`2 scopes of location \S+ are named "twin"`)},
				{"no scope of the id", "missing", regexp.MustCompile(`Cannot read the scope(.|\n)*404 Not Found: Scope\s+not\s+found`)},
			})
		},
		Steps: []resource.TestStep{
			// The data sources depend on the scopes: on create they are read after the apply.
			{
				Config: env.Config(threeScopes + `
data "highlevel_scope" "by_id" {
  id = highlevel_scope.x.id
}

data "highlevel_scope" "by_name" {
  name       = "CRM reader"
  depends_on = [highlevel_scope.crm]
}

data "highlevel_scopes" "all" {
  depends_on = [highlevel_scope.crm, highlevel_scope.x, highlevel_scope.twin]
}

data "highlevel_scopes" "writers" {
  permission = "conversation-ai.write"
  depends_on = [highlevel_scope.crm, highlevel_scope.x, highlevel_scope.twin]
}

data "highlevel_scopes" "reaching_y" {
  agent_id   = highlevel_agent.y.id
  depends_on = [highlevel_scope.crm, highlevel_scope.x, highlevel_scope.twin]
}

data "highlevel_scopes" "named_twin" {
  name_contains = "TWIN"
  depends_on    = [highlevel_scope.crm, highlevel_scope.x, highlevel_scope.twin]
}

data "highlevel_scope_permissions" "all" {}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.highlevel_scope.by_id", tfjsonpath.New("name"), knownvalue.StringExact("Zapier X")),
					statecheck.ExpectKnownValue("data.highlevel_scope.by_id", tfjsonpath.New("restricted"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.highlevel_scope.by_id", tfjsonpath.New("agent_ids"), knownvalue.SetSizeExact(1)),
					statecheck.ExpectKnownValue("data.highlevel_scope.by_id", tfjsonpath.New("description"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue("data.highlevel_scope.by_id", tfjsonpath.New("updated_at"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.highlevel_scope.by_name", tfjsonpath.New("description"), knownvalue.StringExact("reads conversations")),
					statecheck.ExpectKnownValue("data.highlevel_scope.by_name", tfjsonpath.New("location_id"), knownvalue.StringExact(env.LocationID)),
					statecheck.ExpectKnownValue("data.highlevel_scope.by_name", tfjsonpath.New("permissions"), knownvalue.SetSizeExact(2)),
					statecheck.CompareValuePairs("data.highlevel_scope.by_name", tfjsonpath.New("id"), "highlevel_scope.crm", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.highlevel_scopes.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(4)),
					statecheck.ExpectKnownValue("data.highlevel_scopes.writers", tfjsonpath.New("scopes").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("Zapier X")),
					statecheck.ExpectKnownValue("data.highlevel_scopes.writers", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.highlevel_scopes.reaching_y", tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue("data.highlevel_scopes.named_twin", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.highlevel_scope_permissions.all", tfjsonpath.New("names"), exact(all...)),
					statecheck.ExpectKnownValue("data.highlevel_scope_permissions.all", tfjsonpath.New("write"),
						exact("conversation-ai.write", "knowledge-bases.write", "conversations.write", "conversations/message.write")),
					statecheck.ExpectKnownValue("data.highlevel_scope_permissions.all", tfjsonpath.New("read_only"), knownvalue.ListSizeExact(5)),
				},
			},
			// A name two scopes share, and an id no scope has, are errors.
			{
				PreConfig: func() { errorsStep = true },
				Config: env.Config(threeScopes + `
data "highlevel_scope" "twin" {
  name       = "twin"
  depends_on = [highlevel_scope.twin]
}

data "highlevel_scope" "missing" {
  id = "aaaaaaaaaaaaaaaaaaaa"
}
`),
			},
		},
	})
	if errorsStep {
		t.Fatal("the last step ran without the errors it expects")
	}
}
