# Bring Voice AI agents built by hand in the HighLevel UI under management in one plan: import
# blocks with for_each (Terraform 1.7+, OpenTofu 1.7+) over the location's voice agents, matched
# by name to the agents that voice_agents.yaml describes. Agents of voice_agents.yaml that do not
# exist yet are created; the location's other voice agents are listed in the output
# unmanaged_voice_agents. Their actions are imported one by one (import by "<agent_id>/<action_id>";
# data "highlevel_voice_agent" lists them).

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

# Every voice agent of the location, however it was built.
data "highlevel_voice_agents" "existing" {}

locals {
  agents = yamldecode(file("${path.module}/voice_agents.yaml"))

  # The location's voice agent IDs by name (names may repeat in HighLevel, hence the lists).
  existing_ids = { for a in data.highlevel_voice_agents.existing.agents : a.name => a.id... }

  # The agents of voice_agents.yaml that exist: key => agent ID.
  to_import = {
    for key, a in local.agents : key => local.existing_ids[a.name][0]
    if length(lookup(local.existing_ids, a.name, [])) == 1
  }
}

import {
  for_each = local.to_import
  to       = highlevel_voice_agent.managed[each.key]
  id       = each.value
}

resource "highlevel_voice_agent" "managed" {
  for_each = local.agents

  name              = each.value.name
  welcome_message   = try(each.value.welcome_message, null)
  prompt            = try(each.value.prompt, null)
  language          = try(each.value.language, "en-US")
  patience_level    = try(each.value.patience_level, "high")
  max_call_duration = try(each.value.max_call_duration, 300)
  inbound_number    = try(each.value.inbound_number, null)
  timezone          = try(each.value.timezone, null)

  lifecycle {
    precondition {
      condition     = length(lookup(local.existing_ids, each.value.name, [])) <= 1
      error_message = "The location has ${length(lookup(local.existing_ids, each.value.name, []))} voice agents named \"${each.value.name}\": rename all but one in HighLevel, or import this one by ID with an import block of its own."
    }
  }
}

output "managed_voice_agent_ids" {
  description = "The managed voice agents' IDs by key."
  value       = { for key, a in highlevel_voice_agent.managed : key => a.id }
}

output "unmanaged_voice_agents" {
  description = "Voice agents of the location that voice_agents.yaml does not describe (name => IDs)."
  value       = { for name, ids in local.existing_ids : name => ids if !contains([for a in values(local.agents) : a.name], name) }
}
