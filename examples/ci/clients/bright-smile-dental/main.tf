# Bright Smile Dental: one client directory, with a state of its own. The nightly drift check
# (../../drift-check.sh) plans every directory under clients/.

terraform {
  required_version = ">= 1.5"

  required_providers {
    highlevel = {
      source = "ghl-iac/highlevel"
    }
  }

  # Keep the state where CI can read it, e.g.:
  #   backend "pg" { schema_name = "bright_smile_dental" }   # PG_CONN_STR from the environment
  #   backend "s3" { bucket = "agency-tfstate", key = "highlevel/bright-smile-dental.tfstate", region = "us-east-1" }
  # (the example keeps the local default so that it runs anywhere).
}

# The agency's OAuth app: HIGHLEVEL_OAUTH_CLIENT_ID, HIGHLEVEL_OAUTH_CLIENT_SECRET and
# HIGHLEVEL_OAUTH_REFRESH_TOKEN_FILE from the environment.
provider "highlevel" {
  oauth {}
}

module "client" {
  source = "../../../modules/agency-client"

  location_id = "OX9YIMtCFIPzgNZpBdfd"
  client_name = "Bright Smile Dental"

  agent = {
    personality  = "Warm, concise and professional. You speak for Bright Smile Dental, a dental practice."
    goal         = "Answer questions about opening hours, treatments and insurance, and book appointments."
    instructions = "Never give medical advice. Offer a call back from the front desk when unsure."
  }
  booking   = { calendar_id = "YfkM51ZFfOwBsRhae56Y" }
  faqs_file = "${path.module}/faqs.yaml"
  website   = { url = "https://www.brightsmiledental.example/services" }
}

output "agent_id" {
  value = module.client.agent_id
}
