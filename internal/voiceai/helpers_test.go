// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package voiceai_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// idOf reads the id of a resource in state.
func idOf(s *terraform.State, addr string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	return rs.Primary.ID, nil
}

// importID returns the import ID "<location_id>/<id>", or "<id>".
func importID(addr string, withLocation bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		if withLocation {
			return rs.Primary.Attributes["location_id"] + "/" + rs.Primary.ID, nil
		}
		return rs.Primary.ID, nil
	}
}

// childImportID returns "<agent_id>/<id>", or "<location_id>/<agent_id>/<id>", of the action
// under test.
func childImportID(withLocation bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[actionAddr]
		if !ok {
			return "", fmt.Errorf("%s not in state", actionAddr)
		}
		id := rs.Primary.Attributes["agent_id"] + "/" + rs.Primary.ID
		if withLocation {
			id = rs.Primary.Attributes["location_id"] + "/" + id
		}
		return id, nil
	}
}

// remoteAgent reads the voice agent at addr through the public API and checks it.
func remoteAgent(t *testing.T, env *acctest.Env, addr string, check func(*client.VoiceAgent) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := idOf(s, addr)
		if err != nil {
			return err
		}
		a, err := env.Client(t).GetVoiceAgent(context.Background(), env.LocationID, id)
		if err != nil {
			return err
		}
		return check(a)
	}
}

// remoteAction reads the voice action at addr through the public API and checks it.
func remoteAction(t *testing.T, env *acctest.Env, addr string, check func(*client.VoiceAction) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := idOf(s, addr)
		if err != nil {
			return err
		}
		a, err := env.Client(t).GetVoiceAction(context.Background(), env.LocationID, id)
		if err != nil {
			return err
		}
		return check(a)
	}
}

// checkDestroyed verifies through the API that every voice agent and action in state is gone.
func checkDestroyed(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := env.Client(t)
		for _, rs := range s.RootModule().Resources {
			var err error
			switch rs.Type {
			case "highlevel_voice_agent":
				_, err = c.GetVoiceAgent(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.ID)
			case "highlevel_voice_agent_action":
				_, err = c.GetVoiceAction(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.ID)
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

// patchAgent changes an agent out of band, as a person in the HighLevel UI would: only the
// members set in change are sent.
func patchAgent(t *testing.T, env *acctest.Env, id string, change client.VoiceAgentInput) {
	t.Helper()
	if _, err := env.Client(t).PatchVoiceAgent(context.Background(), env.LocationID, id, change, client.VoiceAgentInput{}); err != nil {
		t.Fatalf("edit voice agent %s out of band: %v", id, err)
	}
}

func ptr[T any](v T) *T { return &v }
