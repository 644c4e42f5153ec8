// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package conversations_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
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
