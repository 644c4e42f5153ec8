# EMULATOR ONLY. An agency client whose external app (Zapier) talks to the client's location
# with a credential of its own: a scope limited to the client's agent and to three read
# permissions, and a credential issued under it (the agency-client module's opt-in
# var.external_app). highlevel_scope and highlevel_scope_credential are an extension of the
# bundled emulator; HighLevel's real API has no such routes. Against the real API, give people
# and integration users AI access with highlevel_user (the module's var.users).

terraform {
  required_version = ">= 1.5"

  required_providers {
    highlevel = {
      source = "ghl-iac/highlevel"
    }
  }
}

# The emulator's base URL and token come from the environment: HIGHLEVEL_BASE_URL and
# HIGHLEVEL_TOKEN (see the README).
provider "highlevel" {}

variable "location_id" {
  description = "The client's location on the emulator: the location of HIGHLEVEL_TOKEN (TF_VAR_location_id=$HIGHLEVEL_LOCATION_ID)."
  type        = string
}

module "client" {
  source = "../modules/agency-client"

  location_id = var.location_id
  client_name = "Bright Smile Dental"

  agent = {
    personality  = "Warm, concise and professional. You speak for Bright Smile Dental, a dental practice."
    goal         = "Answer questions about opening hours, treatments and insurance."
    instructions = "Never give medical advice. Offer a call back from the front desk when unsure."
  }
  faqs_file = "${path.module}/faqs.yaml"

  # Opt-in, emulator only: the scope and the credential of examples/modules/agency-client/
  # external_app_emulator_only.tf.
  external_app = {
    name        = "Zapier"
    permissions = ["conversation-ai.readonly", "conversations.readonly", "conversations/message.readonly"]
  }
}

output "external_app_scope_id" {
  value = module.client.external_app_scope_id
}

output "external_app_credential_id" {
  description = "The credential's ID (not a secret). The token itself is the module's sensitive external_app_token output: hand it to a secret store, never print it."
  value       = module.client.external_app_credential_id
}
