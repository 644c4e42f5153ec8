# Read the agents with a least-privilege credential that exists only while Terraform runs: its
# token never reaches the plan or the state, it is revoked when the command ends, and it
# expires after `ttl` in any case.

# A scope with the permission conversation-ai.readonly, e.g. an output of the agency's module.
# (Pass it as a variable or a managed resource's attribute rather than through a data source:
# `terraform destroy` does not read data sources, so the provider below would be unconfigured.)
variable "reader_scope_id" {
  type = string
}

ephemeral "highlevel_scope_credential" "reader" {
  scope_id = var.reader_scope_id
  name     = "terraform (${terraform.workspace})"
  ttl      = "30m"
}

# A second provider configuration that acts with the credential. base_url and location_id
# come from HIGHLEVEL_BASE_URL and HIGHLEVEL_LOCATION_ID, as for the default configuration.
provider "highlevel" {
  alias = "reader"
  token = ephemeral.highlevel_scope_credential.reader.token
}

data "highlevel_agents" "visible" {
  provider = highlevel.reader
}

output "visible_agents" {
  value = data.highlevel_agents.visible.agents[*].name
}
