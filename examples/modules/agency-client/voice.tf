# The client's optional Voice AI agent (var.voice_agent): it answers the client's phone line, answers
# questions from the same knowledge base as the text agent, and can transfer callers to a person.

locals {
  voice_days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
}

resource "highlevel_voice_agent" "this" {
  count = var.voice_agent == null ? 0 : 1

  location_id     = var.location_id
  name            = var.voice_agent.name
  business_name   = var.client_name
  welcome_message = var.voice_agent.welcome_message
  prompt          = var.voice_agent.prompt
  language        = var.voice_agent.language
  inbound_number  = var.voice_agent.inbound_number
  timezone        = var.voice_agent.timezone

  post_call_notification = {
    admins        = true
    custom_emails = var.voice_agent.notify_emails
  }

  # Days in week order; each "HH:MM-HH:MM" period becomes an interval.
  working_hours = [
    for day in local.voice_days : {
      day = day
      intervals = [
        for p in var.voice_agent.working_hours[day] : {
          start_hour   = tonumber(substr(p, 0, 2))
          start_minute = tonumber(substr(p, 3, 2))
          end_hour     = tonumber(substr(p, 6, 2))
          end_minute   = tonumber(substr(p, 9, 2))
        }
      ]
    } if contains(keys(var.voice_agent.working_hours), day)
  ]
}

resource "highlevel_voice_agent_action" "knowledge_base" {
  count = var.voice_agent == null ? 0 : 1

  location_id = var.location_id
  agent_id    = highlevel_voice_agent.this[0].id
  name        = "Answer from the knowledge base"
  knowledge_base = {
    trigger_prompt    = "The caller asks about ${var.client_name}: services, prices, opening hours or policies."
    knowledge_base_id = highlevel_knowledge_base.this.id
  }
}

resource "highlevel_voice_agent_action" "transfer" {
  count = try(var.voice_agent.transfer_number, null) == null ? 0 : 1

  location_id = var.location_id
  agent_id    = highlevel_voice_agent.this[0].id
  name        = "Transfer to the team"
  call_transfer = {
    trigger_prompt     = "The caller asks to talk to a person, or the agent cannot help."
    trigger_message    = "Let me put you through to the team."
    transfer_to_number = var.voice_agent.transfer_number
  }
}

output "voice_agent_id" {
  description = "ID of the client's voice agent (highlevel_voice_agent), or null without var.voice_agent."
  value       = one(highlevel_voice_agent.this[*].id)
}
