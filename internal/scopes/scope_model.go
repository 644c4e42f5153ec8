// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package scopes

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

// scopeModel is the state of highlevel_scope.
type scopeModel struct {
	ID          types.String `tfsdk:"id"`
	LocationID  types.String `tfsdk:"location_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Permissions types.Set    `tfsdk:"permissions"`
	AgentIDs    types.Set    `tfsdk:"agent_ids"`
	Restricted  types.Bool   `tfsdk:"restricted"`
	CreatedAt   types.String `tfsdk:"created_at"`
}

// toInput builds the request body from the plan. forUpdate sends the full desired object: the
// PUT is a full replace (contract §5.2), and "" and [] say explicitly that a removed
// description or agent list is cleared.
func (m scopeModel) toInput(ctx context.Context, forUpdate bool, diags *diag.Diagnostics) client.ScopeInput {
	in := client.ScopeInput{
		Name:        m.Name.ValueString(),
		Description: framework.StringPointer(m.Description),
		Permissions: framework.Strings(ctx, m.Permissions, diags),
		AgentIDs:    framework.Strings(ctx, m.AgentIDs, diags),
	}
	if forUpdate {
		if in.Description == nil {
			empty := ""
			in.Description = &empty
		}
		if in.AgentIDs == nil {
			in.AgentIDs = []string{}
		}
	}
	return in
}

// scopeFromAPI maps the API's scope to state. prior is the plan or state the answer replaces:
// it decides whether a cleared description ("") shows as null or "". An empty agent list is
// null: agent_ids cannot be configured empty (null means every agent).
func scopeFromAPI(s *client.Scope, locationID string, prior scopeModel) scopeModel {
	desc := s.Description
	m := scopeModel{
		ID:          types.StringValue(s.ID),
		LocationID:  types.StringValue(locationID),
		Name:        types.StringValue(s.Name),
		Description: framework.ClearableStringValue(&desc, prior.Description),
		Permissions: framework.StringSetValue(s.Permissions),
		AgentIDs:    types.SetNull(types.StringType),
		Restricted:  types.BoolValue(s.Restricted),
		CreatedAt:   types.StringValue(s.CreatedAt),
	}
	if len(s.AgentIDs) > 0 {
		m.AgentIDs = framework.StringSetValue(s.AgentIDs)
	}
	return m
}
