// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package agents_test

import (
	"context"
	"testing"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// agentDrifts are the out-of-band changes TestAccAgent_lifecycle makes to the agent of
// fullAgent, as a person in the HighLevel UI would, and the arguments the next plan must
// change back. The first changes every argument that stands alone at once (sleep_time and
// sleep_time_unit together, to values valid for each other); the sleep switches, which clear
// sleep_time and sleep_time_unit, have a step each.
var agentDrifts = func() []struct {
	attrs  []string
	mutate func(in *client.AgentInput)
} {
	str := func(s string) *string { return &s }
	num := func(n int64) *int64 { return &n }
	no := false
	return []struct {
		attrs  []string
		mutate func(in *client.AgentInput)
	}{
		{
			[]string{
				"name", "business_name", "mode", "channels", "is_primary", "wait_time", "wait_time_unit",
				"sleep_time", "sleep_time_unit", "personality", "goal", "instructions", "auto_pilot_max_messages",
				"respond_to_images", "respond_to_audio", "sleep_on_manual_message", "sleep_on_workflow_message",
			},
			func(in *client.AgentInput) {
				in.Name = "renamed in the UI"
				in.BusinessName = str("Other Dental")
				in.Mode = str("off")
				in.Channels = []string{"SMS", "IG"}
				in.IsPrimary = &no
				in.WaitTime, in.WaitTimeUnit = num(1), str("seconds")
				in.SleepTime, in.SleepTimeUnit = num(6), str("minutes")
				in.Personality = str("Grumpy")
				in.Goal = str("Sell upgrades")
				in.Instructions = str("Say anything")
				in.AutoPilotMaxMessages = num(99)
				in.RespondToImages = &no
				in.RespondToAudio = &no
				in.SleepOnManualMessage = &no
				in.SleepOnWorkflowMessage = &no
			},
		},
		{[]string{"sleep_indefinitely", "sleep_time", "sleep_time_unit"}, func(in *client.AgentInput) { in.SleepIndefinitely = true }},
		{[]string{"sleep_enabled", "sleep_time", "sleep_time_unit"}, func(in *client.AgentInput) { in.SleepEnabled = &no }},
	}
}()

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
