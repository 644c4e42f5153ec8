// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/provider"
)

// BenchmarkAgentPlan serves the real provider in-process and makes, per iteration, the calls
// the CLI makes for one existing agent in a plan: UpgradeResourceState, ValidateResourceConfig,
// ReadResource (refresh only, against an in-process emulator with limits off) and
// PlanResourceChange. It exists to be profiled (the provider binary cannot be):
//
//	go test ./internal/bench -run '^$' -bench 'AgentPlan/refresh' -benchtime 1000x -cpuprofile cpu.out
func BenchmarkAgentPlan(b *testing.B) {
	for _, refresh := range []bool{true, false} {
		name := "refresh=false"
		if refresh {
			name = "refresh"
		}
		b.Run(name, func(b *testing.B) {
			ps := newProfiledProvider(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ps.planOne(b, refresh)
			}
		})
	}
}

type profiledProvider struct {
	ctx     context.Context
	srv     tfprotov6.ProviderServer
	typ     tftypes.Type
	config  *tfprotov6.DynamicValue
	state   *tfprotov6.DynamicValue
	rawJSON []byte
}

const agentType = "highlevel_agent"

func newProfiledProvider(b *testing.B) *profiledProvider {
	emu, err := emulator.New(emulator.Options{RateLimitBurst: -1})
	if err != nil {
		b.Fatal(err)
	}
	hs := httptest.NewServer(emu)
	b.Cleanup(hs.Close)
	boot := emu.Bootstrap(hs.URL)
	for k, v := range map[string]string{
		"HIGHLEVEL_BASE_URL": hs.URL, "HIGHLEVEL_TOKEN": boot.Locations[0].Token, "HIGHLEVEL_LOCATION_ID": boot.Locations[0].ID,
		"HIGHLEVEL_REQUESTS_PER_10S": "0", "TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF",
		"TF_LOG_PROVIDER_HIGHLEVEL": "OFF",
	} {
		b.Setenv(k, v)
	}
	srv, err := providerserver.NewProtocol6WithError(provider.New("bench")())()
	if err != nil {
		b.Fatal(err)
	}
	p := &profiledProvider{ctx: context.Background(), srv: srv}
	schemas, err := srv.GetProviderSchema(p.ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || diagErr(schemas.Diagnostics) != "" {
		b.Fatal(err, diagErr(schemas.Diagnostics))
	}
	provCfg := dynamic(b, nullObject(schemas.Provider.Block, nil))
	if resp, err := srv.ConfigureProvider(p.ctx, &tfprotov6.ConfigureProviderRequest{Config: provCfg}); err != nil || diagErr(resp.Diagnostics) != "" {
		b.Fatal(err, diagErr(resp.Diagnostics))
	}
	schema := schemas.ResourceSchemas[agentType]
	p.typ = schema.ValueType()
	p.config = dynamic(b, nullObject(schema.Block, map[string]tftypes.Value{
		"name": tftypes.NewValue(tftypes.String, "bench agent"), "personality": tftypes.NewValue(tftypes.String, "p"),
		"goal": tftypes.NewValue(tftypes.String, "g"), "instructions": tftypes.NewValue(tftypes.String, "i"),
	}))
	null := dynamic(b, tftypes.NewValue(p.typ, nil))
	plan, err := srv.PlanResourceChange(p.ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: agentType,
		PriorState: null, ProposedNewState: p.config, Config: p.config})
	if err != nil || diagErr(plan.Diagnostics) != "" {
		b.Fatal(err, diagErr(plan.Diagnostics))
	}
	applied, err := srv.ApplyResourceChange(p.ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: agentType,
		PriorState: null, PlannedState: plan.PlannedState, Config: p.config, PlannedPrivate: plan.PlannedPrivate})
	if err != nil || diagErr(applied.Diagnostics) != "" {
		b.Fatal(err, diagErr(applied.Diagnostics))
	}
	p.state = applied.NewState
	v, err := p.state.Unmarshal(p.typ)
	if err != nil {
		b.Fatal(err)
	}
	if p.rawJSON, err = stateJSON(v); err != nil {
		b.Fatal(err)
	}
	return p
}

// planOne makes the calls of one resource instance in a plan with no change.
func (p *profiledProvider) planOne(b *testing.B, refresh bool) {
	up, err := p.srv.UpgradeResourceState(p.ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: agentType,
		RawState: &tfprotov6.RawState{JSON: p.rawJSON}})
	if err != nil || diagErr(up.Diagnostics) != "" {
		b.Fatal(err, diagErr(up.Diagnostics))
	}
	val, err := p.srv.ValidateResourceConfig(p.ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: agentType, Config: p.config})
	if err != nil || diagErr(val.Diagnostics) != "" {
		b.Fatal(err, diagErr(val.Diagnostics))
	}
	prior := up.UpgradedState
	if refresh {
		read, err := p.srv.ReadResource(p.ctx, &tfprotov6.ReadResourceRequest{TypeName: agentType, CurrentState: prior})
		if err != nil || diagErr(read.Diagnostics) != "" {
			b.Fatal(err, diagErr(read.Diagnostics))
		}
		prior = read.NewState
	}
	plan, err := p.srv.PlanResourceChange(p.ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: agentType,
		PriorState: prior, ProposedNewState: prior, Config: p.config})
	if err != nil || diagErr(plan.Diagnostics) != "" {
		b.Fatal(err, diagErr(plan.Diagnostics))
	}
}
