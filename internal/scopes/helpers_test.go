// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// fullToken matches a whole scope credential token (sct-<uuid>), not the 8-character prefix the
// API and the state may show.
var fullToken = regexp.MustCompile(`sct-[0-9a-f]{8}-[0-9a-f]{4}-`)

// emulatorOnly is acctest.Shared for tests that need the scope routes, which only the emulator
// has (contract §4): against the real API (HIGHLEVEL_ACC_REAL=1) they are skipped, and
// TestAccScopes_realAPI checks that every operation says that scope management is unavailable.
func emulatorOnly(t *testing.T) *acctest.Env {
	t.Helper()
	if acctest.Real() {
		t.Skip("scopes and credentials exist only on the emulator (contract §4); TestAccScopes_realAPI covers the real API")
	}
	return acctest.Shared(t)
}

// attr returns an attribute of a resource in state.
func attr(s *terraform.State, addr, name string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	return rs.Primary.Attributes[name], nil
}

// checkDestroyed verifies through the API that no scope or credential in state still exists.
func checkDestroyed(t *testing.T, env *acctest.Env) func(*terraform.State) error {
	return checkDestroyedIn(t, env)
}

// checkDestroyedIn is checkDestroyed for objects in env's location or in the locations of the
// clients others.
func checkDestroyedIn(t *testing.T, env *acctest.Env, others ...*client.Client) func(*terraform.State) error {
	return func(s *terraform.State) error {
		ctx := context.Background()
		for _, rs := range s.RootModule().Resources {
			c := env.Client(t)
			for _, o := range others {
				if loc, _ := o.LocationID(""); loc == rs.Primary.Attributes["location_id"] {
					c = o
				}
			}
			var err error
			switch rs.Type {
			case "highlevel_scope":
				_, err = c.GetScope(ctx, rs.Primary.Attributes["location_id"], rs.Primary.ID)
			case "highlevel_scope_credential":
				_, err = c.GetCredential(ctx, rs.Primary.Attributes["location_id"], rs.Primary.Attributes["scope_id"], rs.Primary.ID)
			default:
				continue
			}
			if err == nil {
				return fmt.Errorf("%s %s still exists", rs.Type, rs.Primary.ID)
			}
			if !client.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// rawStatus calls the API with a bearer token, as an external app would, and returns the HTTP
// status and the message of an error answer.
func rawStatus(t *testing.T, env *acctest.Env, token, method, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, env.BaseURL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Version", "2021-04-15")
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Message any `json:"message"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, fmt.Sprint(body.Message)
}

// expectStatus checks what an external app gets with token.
func expectStatus(t *testing.T, env *acctest.Env, token, method, path string, want int) error {
	if token == "" {
		return fmt.Errorf("no token to try")
	}
	if got, msg := rawStatus(t, env, token, method, path); got != want {
		return fmt.Errorf("%s %s with the credential: %d %s, want %d", method, path, got, msg, want)
	}
	return nil
}

// noFullTokenInState fails when a whole credential token appears anywhere in the state.
type noFullTokenInState struct{}

func (noFullTokenInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if m := fullToken.Find(raw); m != nil {
		resp.Error = fmt.Errorf("a credential token (%s…) is in the state", m[:8])
	}
}

// noFullTokenInPlan fails when a whole credential token appears anywhere in the plan.
type noFullTokenInPlan struct{}

func (noFullTokenInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	raw, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	if m := fullToken.Find(raw); m != nil {
		resp.Error = fmt.Errorf("a credential token (%s…) is in the plan", m[:8])
	}
}

// wrapped turns a message into a pattern that survives the CLI's line wrapping.
func wrapped(msg string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(msg), " ", `\s+`))
}

// expectedError is an error a step must report for the block (resource, data source or
// ephemeral resource) labelled label.
type expectedError struct {
	name, label string
	want        *regexp.Regexp
}

// expectErrorsOf checks that err, the error of a CLI run, has for every expected error a
// diagnostic that names its block ("with <type>.<label>," or `"<type>" "<label>"`) and matches
// its pattern: several failures checked in one run, each as precisely as in a run of its own.
// It is a TestCase ErrorCheck: nil when every expected error is there.
func expectErrorsOf(err error, expected []expectedError) error {
	diags := strings.Split(err.Error(), "Error: ")
	var missing []string
	for _, e := range expected {
		found := false
		for _, d := range diags {
			if (strings.Contains(d, "."+e.label+",") || strings.Contains(d, `"`+e.label+`"`)) && e.want.MatchString(d) {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, fmt.Sprintf("%s (%s): %s", e.name, e.label, e.want))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("no error matches:\n  %s\nthe run said:\n%w", strings.Join(missing, "\n  "), err)
	}
	return nil
}

// stateFunc is a state check that runs f on the state after apply: with it, the checks of a
// step (through the API, and of attributes in state) cost one `terraform show`, not two.
type stateFunc func(*tfjson.State) error

func (f stateFunc) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f(req.State)
}

// stateAttr is a string attribute of the resource at addr in a JSON state.
func stateAttr(s *tfjson.State, addr, name string) (string, error) {
	if s != nil && s.Values != nil && s.Values.RootModule != nil {
		for _, r := range s.Values.RootModule.Resources {
			if r.Address == addr {
				v, _ := r.AttributeValues[name].(string)
				return v, nil
			}
		}
	}
	return "", fmt.Errorf("%s not in state", addr)
}

// remoteScopeState reads the scope at addr through the public API and checks it.
func remoteScopeState(t *testing.T, env *acctest.Env, addr string, check func(*client.Scope) error) stateFunc {
	return func(s *tfjson.State) error {
		id, err := stateAttr(s, addr, "id")
		if err != nil {
			return err
		}
		loc, _ := stateAttr(s, addr, "location_id")
		sc, err := env.Client(t).GetScope(context.Background(), loc, id)
		if err != nil {
			return err
		}
		return check(sc)
	}
}
