// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package users_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

var atLeast111 = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)}

// TestAccUser_badInput: every rule of the contract that can be judged without the API is
// enforced at plan time, with a message that says what is allowed, and without a single call.
// The cases are planned together (see expectRejections): each must get its own error. The
// v3-only scopes are valid: TestAccUser_lifecycle creates a user with them.
func TestAccUser_badInput(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{})
	user := func(password, extra string) string {
		return `
resource "highlevel_user" %[1]q {
  first_name  = "Ada"
  last_name   = "Lovelace"
  email       = "ada@example.com"
  password_wo = "` + password + `"
` + extra + `
}
`
	}
	cases := []acctest.BadCase{
		{Name: "weak password", Block: user("password1234", ""), Want: `Password too weak[\s\S]*at least 12 characters`},
		{Name: "short password", Block: user("Sh0rt!", ""), Want: `Password too weak`},
		{Name: "unknown scope", Block: user(testPassword, `  scopes = ["text-ai-agents.readonly"]`),
			Want: `"text-ai-agents.readonly" is not a HighLevel user scope. The closest allowed values are:[\s\S]*text-ai-agent-goals\.readonly[\s\S]*text-ai-agents\.write`},
		{Name: "agent-studio scope", Block: user(testPassword, `  scopes = ["conversations.readonly", "agent-studio.write"]`),
			Want: `"agent-studio.write" is not a HighLevel user scope[\s\S]*ai-studio\.write`},
		{Name: "unknown assigned scope", Block: user(testPassword, `  scopes_assigned_to_only = ["knowledge-bases.write"]`), Want: `"knowledge-bases.write" is not a HighLevel user scope`},
		{Name: "unknown role", Block: user(testPassword, `  role = "owner"`), Want: `value must be one of: \["admin" "user"\], got: "owner"`},
		{Name: "unknown type", Block: user(testPassword, `  type = "staff"`), Want: `value must be one of: \["account" "agency"\], got: "staff"`},
		{Name: "bad email", Block: strings.Replace(user(testPassword, ""), "ada@example.com", "ada.example.com", 1), Want: `email must be an email address`},
		{Name: "blank name", Block: strings.Replace(user(testPassword, ""), `"Ada"`, `" "`, 1), Want: `first_name must not be empty`},
	}
	// Checked when the plan is made (a new user needs a password), once the configuration is valid.
	missingPassword := []acctest.BadCase{{Name: "missing password", Block: `
resource "highlevel_user" %[1]q {
  first_name = "Ada"
  last_name  = "Lovelace"
  email      = "ada@example.com"
}
`, Want: `Missing password[\s\S]*set password_wo`}}
	acctest.ExpectRejections(t, env, [][]acctest.BadCase{cases, missingPassword}, resource.TestCase{TerraformVersionChecks: atLeast111})
}

// TestAccUser_refreshCosts: a refresh of N users is N GETs and nothing else.
func TestAccUser_refreshCosts(t *testing.T) {
	t.Parallel()
	const n = 4
	env := acctest.Isolated(t, emulator.Options{RateLimitBurst: -1})
	config := env.Config(fmt.Sprintf(`
resource "highlevel_user" "many" {
  count               = %d
  first_name          = "Staff"
  last_name           = "Member ${count.index}"
  email               = "staff${count.index}@example.com"
  password_wo         = %q
  password_wo_version = 1
  scopes              = ["text-ai-agents.write"]
}
`, n, testPassword))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   atLeast111,
		CheckDestroy:             checkUsersDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { env.ResetCounters(t) },
				Config:    config,
				Check: func(*terraform.State) error {
					got := env.Counters(t)
					// One POST each and one search per location (CreateOnce's snapshot); GET /locations
					// is the location binding check and the company lookup (once per location and run).
					if got["POST /users/{$}"] != n || got["GET /users/search"] != 1 {
						return fmt.Errorf("creating %d users made %v", n, got)
					}
					t.Logf("apply of %d users: %v", n, got)
					// What follows is the step's two plans (without and with refresh), measured below.
					env.ResetCounters(t)
					return nil
				},
			},
			{
				PreConfig: func() {
					got := env.Counters(t)
					if got["GET /users/{userId}"] != n || env.TotalRequests(t) != n+got["GET /locations/{locationId}"] || got["GET /locations/{locationId}"] > 2 {
						// The apply's step ends with two plans (without and with refresh); each checks the
						// location once (client.CheckLocation), whatever the number of users.
						t.Errorf("refresh of %d users made %v, want %d user GETs (and one location check per CLI run)", n, got, n)
					}
					t.Logf("plan (refresh) of %d users: %v", n, got)
					env.ResetCounters(t)
				},
				RefreshState: true,
				Check: func(*terraform.State) error {
					if got := env.Counters(t); got["GET /users/{userId}"] != n || env.TotalRequests(t) != n+got["GET /locations/{locationId}"] || got["GET /locations/{locationId}"] > 1 {
						return fmt.Errorf("refresh-only of %d users made %v, want %d GETs", n, got, n)
					}
					return nil
				},
			},
		},
	})
}

// TestAccUser_deleteWaitsForQueuedDeletion: HighLevel queues a deletion; destroy returns only
// once GET answers 404. The emulator keeps the user for an hour of its clock; the test moves
// the clock on only after the provider has deleted and then seen the user still there.
func TestAccUser_deleteWaitsForQueuedDeletion(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{UserDeleteDelay: time.Hour})
	done := make(chan error, 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   atLeast111,
		CheckDestroy:             checkUsersDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: userConfig(env, "queued@example.com", "")},
			{
				PreConfig: func() {
					env.ResetCounters(t)
					go func() { done <- advanceClockWhenDeletePolled(env) }()
				},
				Config: env.Config(""),
				Check: func(*terraform.State) error {
					if err := <-done; err != nil {
						return err
					}
					got := env.Counters(t)
					if got["DELETE /users/{userId}"] != 1 || got["GET /users/{userId}"] < 2 {
						return fmt.Errorf("destroy made %v: want 1 DELETE, then GETs until the user was gone", got)
					}
					t.Logf("destroy with a queued deletion: %v", got)
					return nil
				},
			},
		},
	})
}

// advanceClockWhenDeletePolled waits until the emulator has counted the DELETE and one GET
// after it (the provider saw the queued user), then advances the emulator clock past the
// deletion delay. It runs beside the test, so it reports errors instead of failing the test.
func advanceClockWhenDeletePolled(env *acctest.Env) error {
	admin := func(method, path string, body string, out any) error {
		req, _ := http.NewRequest(method, env.BaseURL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+env.Bootstrap.AdminToken)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		if res.StatusCode != 200 {
			return fmt.Errorf("%s %s: %s", method, path, res.Status)
		}
		if out != nil {
			return json.NewDecoder(res.Body).Decode(out)
		}
		return nil
	}
	deadline := time.Now().Add(2 * time.Minute) // a safety net, not a synchronisation
	for time.Now().Before(deadline) {
		var c struct {
			Routes map[string]int `json:"routes"`
		}
		if err := admin(http.MethodGet, "/_emulator/counters", "", &c); err != nil {
			return err
		}
		// The plan's refresh GETs the user once before the DELETE; a GET after it is the poll.
		if c.Routes["DELETE /users/{userId}"] == 1 && c.Routes["GET /users/{userId}"] >= 2 {
			return admin(http.MethodPost, "/_emulator/clock/advance", `{"seconds":7200}`, nil)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("the provider never polled the queued user")
}

// TestAccUsersDataSources: highlevel_user by id and by email, highlevel_users over every page
// (the client asks 100 users a page: 101 users are two pages).
func TestAccUsersDataSources(t *testing.T) {
	t.Parallel()
	const n = 101
	env := acctest.Isolated(t, emulator.Options{RateLimitBurst: -1})
	c := env.Client(t)
	ctx := context.Background()
	var firstID string
	for i := range n {
		u, err := c.CreateUser(ctx, "", client.UserInput{
			FirstName: "Seeded", LastName: fmt.Sprintf("User %03d", i), Email: fmt.Sprintf("seeded%03d@example.com", i),
			Password: testPassword, Type: "account", Role: "user", LocationIDs: []string{env.LocationID},
			Scopes: []string{"voice-ai-dashboard.readonly"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			firstID = u.ID
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() { env.ResetCounters(t) },
			Config: env.Config(fmt.Sprintf(`
data "highlevel_users" "all" {}

data "highlevel_users" "one" {
  query = "seeded007@"
}

data "highlevel_user" "by_email" {
  email = "SEEDED001@example.com"
}

data "highlevel_user" "by_id" {
  id = %q
}
`, firstID)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.highlevel_users.all", tfjsonpath.New("users"), knownvalue.ListSizeExact(n)),
				statecheck.ExpectKnownValue("data.highlevel_users.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(n)),
				statecheck.ExpectKnownValue("data.highlevel_users.one", tfjsonpath.New("users"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.highlevel_user.by_email", tfjsonpath.New("email"), knownvalue.StringExact("seeded001@example.com")),
				statecheck.ExpectKnownValue("data.highlevel_user.by_email", tfjsonpath.New("scopes"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("voice-ai-dashboard.readonly")})),
				statecheck.ExpectKnownValue("data.highlevel_user.by_email", tfjsonpath.New("permissions").AtMapKey("bot_service"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.highlevel_user.by_id", tfjsonpath.New("email"), knownvalue.StringExact("seeded000@example.com")),
				statecheck.ExpectKnownValue("data.highlevel_user.by_id", tfjsonpath.New("name"), knownvalue.StringExact("Seeded User 000")),
			},
		}, {
			Config:      env.Config(`data "highlevel_user" "none" { email = "nobody@example.com" }`),
			ExpectError: regexp.MustCompile(`no user of location \S+ has the email "nobody@example.com"`),
		}},
	})
}
