terraform {
  required_providers {
    highlevel = {
      source = "ghl-iac/highlevel"
    }
  }
}

# Credentials come from the environment: HIGHLEVEL_BASE_URL, HIGHLEVEL_TOKEN and
# HIGHLEVEL_LOCATION_ID (the quickstart points them at the bundled emulator).
provider "highlevel" {}

resource "highlevel_agent" "front_desk" {
  name          = "Front desk"
  business_name = "Bright Smile Dental"
  mode          = "auto-pilot"
  channels      = ["SMS", "WebChat"]

  personality  = "Warm, concise and professional. You speak for a family dental practice."
  goal         = "Answer questions about opening hours and treatments, and book appointments."
  instructions = "Never give medical advice. Offer a call back from the front desk when unsure."

  wait_time      = 30
  wait_time_unit = "seconds"
}

output "agent_id" {
  value = highlevel_agent.front_desk.id
}
