// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// TestAccAgent_drift changes each attribute of an agent out of band through the public API,
// as a person in the HighLevel UI would, and checks that the next plan updates exactly that
// attribute back (and that the apply converges).
func TestAccAgent_drift(t *testing.T) {
	t.Parallel()
	env := acctest.Shared(t)
	config := env.Config(fmt.Sprintf(fullAgent, "drifting"))

	str := func(s string) *string { return &s }
	num := func(n int64) *int64 { return &n }
	no := false

	cases := []struct {
		attrs  []string // attributes the plan must change back
		mutate func(in *client.AgentInput)
	}{
		{[]string{"name"}, func(in *client.AgentInput) { in.Name = "renamed in the UI" }},
		{[]string{"business_name"}, func(in *client.AgentInput) { in.BusinessName = str("Other Dental") }},
		{[]string{"mode"}, func(in *client.AgentInput) { in.Mode = str("off") }},
		{[]string{"channels"}, func(in *client.AgentInput) { in.Channels = []string{"SMS", "IG"} }},
		{[]string{"is_primary"}, func(in *client.AgentInput) { in.IsPrimary = &no }},
		{[]string{"wait_time"}, func(in *client.AgentInput) { in.WaitTime = num(1) }},
		{[]string{"wait_time_unit"}, func(in *client.AgentInput) { in.WaitTimeUnit = str("seconds") }},
		{[]string{"sleep_time"}, func(in *client.AgentInput) { in.SleepTime = num(6) }},
		{[]string{"sleep_time_unit"}, func(in *client.AgentInput) { in.SleepTime, in.SleepTimeUnit = num(12), str("minutes") }},
		{[]string{"sleep_indefinitely", "sleep_time", "sleep_time_unit"}, func(in *client.AgentInput) { in.SleepIndefinitely = true }},
		{[]string{"sleep_enabled", "sleep_time", "sleep_time_unit"}, func(in *client.AgentInput) { in.SleepEnabled = &no }},
		{[]string{"personality"}, func(in *client.AgentInput) { in.Personality = str("Grumpy") }},
		{[]string{"goal"}, func(in *client.AgentInput) { in.Goal = str("Sell upgrades") }},
		{[]string{"instructions"}, func(in *client.AgentInput) { in.Instructions = str("Say anything") }},
		{[]string{"auto_pilot_max_messages"}, func(in *client.AgentInput) { in.AutoPilotMaxMessages = num(99) }},
		{[]string{"respond_to_images"}, func(in *client.AgentInput) { in.RespondToImages = &no }},
		{[]string{"respond_to_audio"}, func(in *client.AgentInput) { in.RespondToAudio = &no }},
		{[]string{"sleep_on_manual_message"}, func(in *client.AgentInput) { in.SleepOnManualMessage = &no }},
		{[]string{"sleep_on_workflow_message"}, func(in *client.AgentInput) { in.SleepOnWorkflowMessage = &no }},
	}

	var agentID string
	steps := []resource.TestStep{{
		Config: config,
		Check: func(s *terraform.State) error {
			agentID = s.RootModule().Resources["highlevel_agent.test"].Primary.ID
			return nil
		},
	}}
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			PreConfig: func() { editAgent(t, env, agentID, tc.mutate) },
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf("highlevel_agent.test", tc.attrs...)},
			},
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkAgentsDestroyed(t, env),
		Steps:                    steps,
	})
}

// editAgent changes an agent out of band: read it, change it, write the whole object back.
func editAgent(t *testing.T, env *acctest.Env, id string, mutate func(*client.AgentInput)) {
	t.Helper()
	ctx := context.Background()
	c := env.Client(t)
	a, err := c.GetAgent(ctx, env.LocationID, id)
	if err != nil {
		t.Fatalf("read agent %s: %v", id, err)
	}
	in := inputFromAgent(a)
	mutate(&in)
	if _, err := c.UpdateAgent(ctx, env.LocationID, id, in); err != nil {
		t.Fatalf("edit agent %s out of band: %v", id, err)
	}
}

// inputFromAgent is the update body that leaves an agent as it is.
func inputFromAgent(a *client.Agent) client.AgentInput {
	return client.AgentInput{
		Name:                   a.Name,
		BusinessName:           a.BusinessName,
		Mode:                   a.Mode,
		Channels:               a.Channels,
		IsPrimary:              a.IsPrimary,
		WaitTime:               a.WaitTime,
		WaitTimeUnit:           a.WaitTimeUnit,
		SleepEnabled:           a.SleepEnabled,
		SleepTime:              a.SleepTime,
		SleepTimeUnit:          a.SleepTimeUnit,
		SleepIndefinitely:      a.SleepsIndefinitely(),
		Personality:            a.Personality,
		Goal:                   a.Goal,
		Instructions:           a.Instructions,
		AutoPilotMaxMessages:   a.AutoPilotMaxMessages,
		KnowledgeBaseIDs:       a.KnowledgeBaseIDs,
		RespondToImages:        a.RespondToImages,
		RespondToAudio:         a.RespondToAudio,
		SleepOnManualMessage:   a.SleepOnManualMessage,
		SleepOnWorkflowMessage: a.SleepOnWorkflowMessage,
	}
}
