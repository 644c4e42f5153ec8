// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

// ephemeralCLIs skips CLIs without ephemeral resources (Terraform < 1.10; OpenTofu has them
// from 1.11, and the suite's OpenTofu is newer).
var ephemeralCLIs = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)}

const (
	issuedRoute  = "POST /conversation-ai/scopes/{scopeId}/credentials"
	revokedRoute = "DELETE /conversation-ai/scopes/{scopeId}/credentials/{credentialId}"
)

// withEcho adds the echo provider, which copies (non-secret) ephemeral values into state so
// that a test can look at them.
func withEcho() map[string]func() (tfprotov6.ProviderServer, error) {
	f := map[string]func() (tfprotov6.ProviderServer, error){"echo": echoprovider.NewProviderServer()}
	for k, v := range acctest.ProviderFactories {
		f[k] = v
	}
	return f
}

// appFactories serve the provider as "highlevel", and again under each of names (by default
// "highlevelapp") for the configurations that act with a scoped credential.
//
// Why not an alias of "highlevel": the test harness serves each provider in process and the CLI
// reattaches every configuration of a provider to that one server, so the configurations of an
// alias and of the default provider would overwrite each other's Configure data. Run as a plugin,
// Terraform starts one provider process per configuration and aliases work:
// internal/examples/scopes_test.go applies examples/ephemeral-resources/highlevel_scope_credential,
// which uses a real alias, with the built provider.
func appFactories(names ...string) map[string]func() (tfprotov6.ProviderServer, error) {
	if len(names) == 0 {
		names = []string{"highlevelapp"}
	}
	f := map[string]func() (tfprotov6.ProviderServer, error){}
	for _, n := range names {
		f[n] = acctest.ProviderFactories["highlevel"]
	}
	for k, v := range acctest.ProviderFactories {
		f[k] = v
	}
	return f
}

// checkAllRevoked checks, through the emulator's counters, that every credential the run issued
// was revoked again.
func checkAllRevoked(t *testing.T, env *acctest.Env, atLeast int) error {
	c := env.Counters(t)
	issued, revoked := c[issuedRoute], c[revokedRoute]
	if issued < atLeast || revoked != issued {
		return fmt.Errorf("%d credentials issued and %d revoked, want at least %d issued and all revoked", issued, revoked, atLeast)
	}
	return nil
}

// TestAccCredentialEphemeral_providerAlias runs part of a configuration through a second
// provider configuration (see appFactories) whose token is an ephemeral credential of a read-only scope: it can
// read agents, it cannot create one (403 naming the missing permission), its token is in
// neither plan nor state, and every credential it issued is revoked at the end of each command.
// Its last step also looks at an ephemeral result (all but the token) through the echo
// provider: defaults, expiry from ttl, and a credential that is gone after the run.
func TestAccCredentialEphemeral_providerAlias(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	base := twoAgents + readerScope
	alias := base + fmt.Sprintf(`
ephemeral "highlevel_scope_credential" "run" {
  scope_id = highlevel_scope.reader.id
  name     = "terraform plan/apply"
  ttl      = "15m"
}

provider "highlevelapp" {
  base_url    = %q
  location_id = %q
  token       = ephemeral.highlevel_scope_credential.run.token
}

data "highlevel_agent" "seen" {
  provider = highlevelapp
  id       = highlevel_agent.x.id
}
`, env.BaseURL, env.LocationID)
	const echoResult = `
ephemeral "highlevel_scope_credential" "result" {
  scope_id = highlevel_scope.reader.id
  ttl      = "2h"
}

provider "echo" {
  data = {
    id           = ephemeral.highlevel_scope_credential.result.id
    name         = ephemeral.highlevel_scope_credential.result.name
    ttl          = ephemeral.highlevel_scope_credential.result.ttl
    location_id  = ephemeral.highlevel_scope_credential.result.location_id
    token_prefix = ephemeral.highlevel_scope_credential.result.token_prefix
    expires_at   = ephemeral.highlevel_scope_credential.result.expires_at
    token_length = length(ephemeral.highlevel_scope_credential.result.token)
  }
}

resource "echo" "run" {}
`
	factories := appFactories()
	for k, v := range withEcho() {
		factories[k] = v
	}
	var start time.Time
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		TerraformVersionChecks:   ephemeralCLIs,
		Steps: []resource.TestStep{
			{Config: env.Config(base)},
			{
				PreConfig: func() { env.ResetCounters(t) },
				Config:    env.Config(alias),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{noFullTokenInPlan{}},
					PostApplyPostRefresh: []plancheck.PlanCheck{noFullTokenInPlan{}},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.highlevel_agent.seen", tfjsonpath.New("name"), knownvalue.StringExact("Agent X")),
					noFullTokenInState{},
					stateFunc(func(*tfjson.State) error { return checkAllRevoked(t, env, 1) }),
				},
			},
			{
				Config: env.Config(alias + `
resource "highlevel_agent" "denied" {
  provider     = highlevelapp
  name         = "written with a read-only credential"
  personality  = "p"
  goal         = "g"
  instructions = "i"
}
`),
				ExpectError: wrapped("403 Forbidden: Missing permission conversation-ai.write for POST /conversation-ai/agents"),
			},
			// The failed apply above is not closed by the CLI (Terraform 1.11 and OpenTofu 1.12 skip
			// Close when an apply fails): its credential is left to expire after ttl, the safety net
			// the ttl argument exists for. Every credential of a command that succeeded was revoked,
			// the echoed result's too.
			{
				PreConfig: func() { start = time.Now() },
				Config:    env.Config(alias + echoResult),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("echo.run", tfjsonpath.New("data").AtMapKey("name"), knownvalue.StringExact("Terraform run (ephemeral)")),
					statecheck.ExpectKnownValue("echo.run", tfjsonpath.New("data").AtMapKey("ttl"), knownvalue.StringExact("2h")),
					statecheck.ExpectKnownValue("echo.run", tfjsonpath.New("data").AtMapKey("location_id"), knownvalue.StringExact(env.LocationID)),
					statecheck.ExpectKnownValue("echo.run", tfjsonpath.New("data").AtMapKey("token_length"), knownvalue.Int64Exact(40)),
					noFullTokenInState{},
					stateFunc(func(s *tfjson.State) error {
						var data map[string]any
						for _, r := range s.Values.RootModule.Resources {
							if r.Address == "echo.run" {
								data, _ = r.AttributeValues["data"].(map[string]any)
							}
						}
						expiresAt, _ := data["expires_at"].(string)
						exp, err := time.Parse(time.RFC3339Nano, expiresAt)
						if err != nil {
							return err
						}
						if d := exp.Sub(start); d < 2*time.Hour-time.Minute || d > 2*time.Hour+5*time.Minute {
							return fmt.Errorf("expires_at %s is not about 2h after the run started", exp)
						}
						if prefix, _ := data["token_prefix"].(string); len(prefix) != 8 {
							return fmt.Errorf("token_prefix %q", prefix)
						}
						scopeID, _ := stateAttr(s, "highlevel_scope.reader", "id")
						left, err := env.Client(t).ListCredentials(context.Background(), env.LocationID, scopeID)
						if err != nil {
							return err
						}
						c := env.Counters(t)
						if unrevoked := c[issuedRoute] - c[revokedRoute]; unrevoked != len(left) || len(left) > 1 {
							return fmt.Errorf("%d credentials not revoked, %d left on the scope; want at most the one of the failed apply", unrevoked, len(left))
						}
						for _, cr := range left {
							exp, err := time.Parse(time.RFC3339Nano, *cr.ExpiresAt)
							if err != nil || time.Until(exp) > 16*time.Minute || cr.Name != "terraform plan/apply" {
								return fmt.Errorf("leftover credential %s (%q) expires at %v, want within the 15m ttl", cr.ID, cr.Name, cr.ExpiresAt)
							}
						}
						return nil
					}),
				},
			},
		},
	})
}
