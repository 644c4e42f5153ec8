# Write the configuration of every agent of a location for you: this configuration lists the
# agents and renders one import block per agent; `plan -generate-config-out` then writes
# their resource blocks (config generation does not work with for_each import blocks).
#
#   terraform init && terraform apply                      # reads the agents, no changes
#   terraform output -raw import_blocks > imports.tf
#   terraform plan -generate-config-out=generated.tf       # writes generated.tf
#   terraform apply                                        # imports, creates and changes nothing
#   terraform plan -detailed-exitcode                      # exit 0: no changes

terraform {
  required_version = ">= 1.5"

  required_providers {
    highlevel = {
      source = "ghl-iac/highlevel"
    }
  }
}

# The client's location: HIGHLEVEL_TOKEN (a Private Integration Token) and HIGHLEVEL_LOCATION_ID.
provider "highlevel" {}

data "highlevel_agents" "existing" {}

locals {
  # A resource name per agent: agent_<name in snake_case>, with the ID when names repeat.
  slugs = { for a in data.highlevel_agents.existing.agents : a.id => "agent_${trim(replace(lower(a.name), "/[^a-z0-9]+/", "_"), "_")}" }
  names = {
    for id, slug in local.slugs : id => (length([for s in values(local.slugs) : s if s == slug]) > 1 ? "${slug}_${id}" : slug)
  }
}

output "import_blocks" {
  description = "One import block per agent of the location, for imports.tf."
  value = join("\n", [for id, name in local.names : <<-EOT
    import {
      to = highlevel_agent.${name}
      id = "${id}"
    }
    EOT
  ])
}
