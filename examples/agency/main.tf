# Every client of the agency from one file: clients.yaml holds one entry per client, and the
# agency-client module builds each one in the client's own location. Onboarding a client is
# adding an entry; the plan then creates that client's objects and touches no other client.

terraform {
  required_version = ">= 1.5"

  required_providers {
    highlevel = {
      source = "ghl-iac/highlevel"
    }
  }
}

# The agency's OAuth app, installed on every client location: one provider configuration for
# all clients, each resource in its client's location_id. Everything comes from the
# environment: HIGHLEVEL_OAUTH_CLIENT_ID, HIGHLEVEL_OAUTH_CLIENT_SECRET, and
# HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE (refresh tokens are single-use: the provider writes each
# new one back to that file, so keep the file between runs).
provider "highlevel" {
  oauth {}
}

variable "clients_file" {
  description = "The clients file, relative to this directory (see clients.yaml for its fields)."
  type        = string
  default     = "clients.yaml"

  validation {
    condition = alltrue([
      for key, c in try(yamldecode(file("${path.module}/${var.clients_file}")), { "" = {} }) :
      can(regex("^[a-z0-9][a-z0-9-]*$", key)) && try(trimspace(c.name) != "", false) && can(regex("^[A-Za-z0-9]{20}$", c.location_id)) &&
      contains(keys(yamldecode(file("${path.module}/verticals.yaml"))), try(c.vertical, ""))
    ])
    error_message = "Every client in the clients file needs a key of lower-case letters, digits and '-', a name, a 20-character location_id and a vertical of verticals.yaml."
  }
}

variable "staff_password" {
  description = "The initial password of the clients' staff users (the `staff` entries of the clients file): at least 12 characters with an upper-case letter, a lower-case letter, a digit and a special character. Set it from a secret (TF_VAR_staff_password); it is sent to HighLevel write-only and never stored in the state. Unset: no staff users are created."
  type        = string
  default     = null
  sensitive   = true
}

locals {
  clients   = yamldecode(file("${path.module}/${var.clients_file}"))
  verticals = yamldecode(file("${path.module}/verticals.yaml"))
}

module "client" {
  source   = "../modules/agency-client"
  for_each = local.clients

  location_id = each.value.location_id
  client_name = each.value.name

  agent = {
    mode         = try(each.value.agent_mode, null) # null: the module's default, auto-pilot
    channels     = local.verticals[each.value.vertical].channels
    personality  = replace(local.verticals[each.value.vertical].personality, "{client}", each.value.name)
    goal         = local.verticals[each.value.vertical].goal
    instructions = local.verticals[each.value.vertical].instructions
  }

  booking   = can(each.value.calendar_id) ? { calendar_id = each.value.calendar_id } : null
  faqs_file = "${path.module}/${try(each.value.faqs, local.verticals[each.value.vertical].faqs)}"
  website   = can(each.value.website) ? { url = each.value.website, option = try(each.value.website_option, null) } : null

  # The client's phone line, answered by a Voice AI agent (clients with phone_line only).
  voice_agent = can(each.value.phone_line) ? {
    inbound_number  = each.value.phone_line.number
    transfer_number = try(each.value.phone_line.transfer_to, null)
    timezone        = try(each.value.phone_line.timezone, null)
    working_hours   = try(each.value.phone_line.hours, {})
  } : null

  # The client's staff users and their AI access (the module's ai_role_scopes).
  users          = try(each.value.staff, {})
  users_password = var.staff_password
}
