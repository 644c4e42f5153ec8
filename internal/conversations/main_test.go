// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package conversations_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

func TestMain(m *testing.M) { acctest.Main(m) }

// seeded is the answer of the emulator's seeding route (message ids oldest first).
type seeded struct {
	ConversationCount int `json:"conversationCount"`
	MessageCount      int `json:"messageCount"`
	Conversations     []struct {
		ID         string   `json:"id"`
		ContactID  string   `json:"contactId"`
		MessageIDs []string `json:"messageIds"`
	} `json:"conversations"`
}

// seed adds conversations to the Env's location through the emulator's control plane
// (POST /_emulator/seed/conversations; see internal/emulator/seed.go for the body).
func seed(t *testing.T, env *acctest.Env, body map[string]any) seeded {
	t.Helper()
	body["locationId"] = env.LocationID
	var out seeded
	env.Control(t, http.MethodPost, "/_emulator/seed/conversations", body, &out)
	return out
}

// createAgent creates an agent out of band, as someone in the HighLevel UI would.
func createAgent(t *testing.T, env *acctest.Env, name string) string {
	t.Helper()
	s := func(v string) *string { return &v }
	a, err := env.Client(t).CreateAgent(context.Background(), "", client.AgentInput{
		Name: name, Personality: s("Friendly"), Goal: s("Answer questions"), Instructions: s("Be brief"),
	})
	if err != nil {
		t.Fatalf("create agent: %v", err)
	}
	return a.ID
}

// dsPart is one scenario of a data-source test: the configuration of its data sources (with
// the provider block of its location) and the checks of their state.
type dsPart struct {
	config string
	checks []statecheck.StateCheck
}

// agencyEnvs starts an emulator of the test's own with n locations (rate limits off, as on the
// shared one) and returns an Env per location, for seeding and out-of-band calls, and a
// provider block with the agency's OAuth token, which acts in all of them, and the last
// location as its location_id: a data source of another location names it with location_id
// (see inLocation). Scenarios that each need a location of their own thus share one
// configuration, and one apply reads them all.
func agencyEnvs(t *testing.T, n int) ([]*acctest.Env, string) {
	t.Helper()
	base := acctest.Isolated(t, emulator.Options{Locations: n, RateLimitBurst: -1})
	b := base.Bootstrap
	var envs []*acctest.Env
	for _, l := range b.Locations {
		cp := *base
		cp.LocationID, cp.Token = l.ID, l.Token
		envs = append(envs, &cp)
	}
	return envs, fmt.Sprintf(`
provider "highlevel" {
  base_url    = %q
  location_id = %q
  oauth {
    access_token = %q
    company_id   = %q
  }
}
`, b.BaseURL, envs[n-1].LocationID, b.AgencyToken, b.CompanyID)
}

var dataBlock = regexp.MustCompile(`(?m)^(data "\w+" "\w+" \{)(\}?)$`)

// inLocation sets location_id to env's location in every data source of config.
func inLocation(env *acctest.Env, config string) string {
	return dataBlock.ReplaceAllString(config, fmt.Sprintf("$1\n  location_id = %q\n$2", env.LocationID))
}
