# Harbor Law: one client directory, with a state of its own (see bright-smile-dental for
# where to keep it). No website source and no external app: the module's defaults.

terraform {
  required_version = ">= 1.5"

  required_providers {
    highlevel = {
      source = "ghl-iac/highlevel"
    }
  }
}

# The agency's OAuth app: HIGHLEVEL_OAUTH_CLIENT_ID, HIGHLEVEL_OAUTH_CLIENT_SECRET and
# HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE from the environment.
provider "highlevel" {
  oauth {}
}

module "client" {
  source = "../../../modules/agency-client"

  location_id = "Zq81hTbV0sKc5LmW2nRd"
  client_name = "Harbor Law"

  agent = {
    mode         = "suggestive"
    channels     = ["WebChat"]
    personality  = "Calm, precise and discreet. You speak for Harbor Law, a law firm."
    goal         = "Qualify new enquiries and book a first consultation with an attorney."
    instructions = "Never give legal advice and never comment on the merits of a case."
  }
  booking   = { calendar_id = "Hb3kLw9PzQ2rTy6UvX1c", cancel_enabled = true }
  faqs_file = "${path.module}/faqs.csv"
  handover = {
    final_message = "An attorney's assistant will call you back today."
    tags          = ["needs-attorney"]
  }
}

output "agent_id" {
  value = module.client.agent_id
}
