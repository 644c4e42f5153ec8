# One workspace per client, state in PostgreSQL: the same clients.yaml and agency-client module
# as ../agency, but each client's objects live in a state of their own (a row of
# highlevel_agency.states), named after the client's key. A plan or an apply reads, refreshes
# and locks one client only, so clients are applied in parallel and a broken client blocks
# no other. Select the client with TF_WORKSPACE=<key> (or `terraform workspace select <key>`).

terraform {
  required_version = ">= 1.5"

  required_providers {
    highlevel = {
      source = "ghl-iac/highlevel"
    }
  }

  # The connection string comes from PG_CONN_STR, e.g.
  # postgres://terraform@db.internal:5432/terraform_backend?sslmode=verify-full.
  # Every plan and apply holds a PostgreSQL advisory lock on its workspace's row.
  backend "pg" {
    schema_name = "highlevel_agency"
  }
}

# The agency's OAuth app: HIGHLEVEL_OAUTH_CLIENT_ID, HIGHLEVEL_OAUTH_CLIENT_SECRET and
# HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE — or, for parallel runs, an agency access token in
# HIGHLEVEL_OAUTH_ACCESS_TOKEN with HIGHLEVEL_COMPANY_ID (apply-clients.sh obtains one).
provider "highlevel" {
  oauth {}
}

variable "clients_file" {
  description = "The clients file, relative to this directory. Its directory also holds verticals.yaml and the FAQ files it names."
  type        = string
  default     = "../agency/clients.yaml"
}

variable "staff_password" {
  description = "The initial password of the client's staff users (as in ../agency; TF_VAR_staff_password). Unset: no staff users."
  type        = string
  default     = null
  sensitive   = true
}

locals {
  clients_dir = dirname("${path.module}/${var.clients_file}")
  clients     = yamldecode(file("${path.module}/${var.clients_file}"))
  verticals   = yamldecode(file("${local.clients_dir}/verticals.yaml"))

  # This workspace's client (none in `default`, or in a workspace that is no client's key).
  this = { for key, c in local.clients : key => c if key == terraform.workspace }
}

# The same module call as ../agency, and the same addresses (module.client["<key>"]), so a
# client's state moves from the one-state agency to its workspace without renaming anything.
module "client" {
  source   = "../modules/agency-client"
  for_each = local.this

  location_id = each.value.location_id
  client_name = each.value.name

  agent = {
    mode         = try(each.value.agent_mode, null)
    channels     = local.verticals[each.value.vertical].channels
    personality  = replace(local.verticals[each.value.vertical].personality, "{client}", each.value.name)
    goal         = local.verticals[each.value.vertical].goal
    instructions = local.verticals[each.value.vertical].instructions
  }

  booking   = can(each.value.calendar_id) ? { calendar_id = each.value.calendar_id } : null
  faqs_file = "${local.clients_dir}/${try(each.value.faqs, local.verticals[each.value.vertical].faqs)}"
  website   = can(each.value.website) ? { url = each.value.website, option = try(each.value.website_option, null) } : null

  users          = try(each.value.staff, {})
  users_password = var.staff_password
}

output "client" {
  description = "This workspace's client: its key and the IDs of its objects (no secrets)."
  value = {
    for key, c in module.client : key => {
      location_id       = c.location_id
      agent_id          = c.agent_id
      knowledge_base_id = c.knowledge_base_id
      user_ids          = c.user_ids
    }
  }

  precondition {
    condition     = length(local.this) == 1
    error_message = "The workspace \"${terraform.workspace}\" is not a client of ${var.clients_file}: run with TF_WORKSPACE=<client key> (or terraform workspace select <client key>); the keys are the top-level names in the clients file."
  }
}
