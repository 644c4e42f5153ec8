# Bring agents built by hand in the HighLevel UI under management in one plan: import blocks
# with for_each (Terraform 1.7+, OpenTofu 1.7+) over the location's agents, matched by name to
# the agents that agents.yaml describes. Agents of agents.yaml that do not exist yet are
# created; agents of the location that agents.yaml does not describe are listed in the output
# unmanaged_agents (bring those in with the generate/ configuration).

terraform {
  required_version = ">= 1.7"

  required_providers {
    highlevel = {
      source = "ghl-iac/highlevel"
    }
  }
}

# The client's location: HIGHLEVEL_TOKEN (a Private Integration Token) and HIGHLEVEL_LOCATION_ID.
provider "highlevel" {}

# Every agent of the location, however it was built.
data "highlevel_agents" "existing" {}

locals {
  agents = yamldecode(file("${path.module}/agents.yaml"))

  # The location's agent IDs by name (names may repeat in HighLevel, hence the lists).
  existing_ids = { for a in data.highlevel_agents.existing.agents : a.name => a.id... }

  # The agents of agents.yaml that exist: key => agent ID.
  to_import = {
    for key, a in local.agents : key => local.existing_ids[a.name][0]
    if length(lookup(local.existing_ids, a.name, [])) == 1
  }
}

import {
  for_each = local.to_import
  to       = highlevel_agent.managed[each.key]
  id       = each.value
}

resource "highlevel_agent" "managed" {
  for_each = local.agents

  name          = each.value.name
  business_name = try(each.value.business_name, null)
  mode          = try(each.value.mode, "off")
  channels      = try(each.value.channels, [])
  personality   = each.value.personality
  goal          = each.value.goal
  instructions  = each.value.instructions

  lifecycle {
    precondition {
      condition     = length(lookup(local.existing_ids, each.value.name, [])) <= 1
      error_message = "The location has ${length(lookup(local.existing_ids, each.value.name, []))} agents named \"${each.value.name}\": rename all but one in HighLevel, or import this one by ID with an import block of its own."
    }
  }
}

output "managed_agent_ids" {
  description = "The managed agents' IDs by key."
  value       = { for key, a in highlevel_agent.managed : key => a.id }
}

output "unmanaged_agents" {
  description = "Agents of the location that agents.yaml does not describe (name => IDs)."
  value       = { for name, ids in local.existing_ids : name => ids if !contains([for a in values(local.agents) : a.name], name) }
}
