# One agency client: its agent with booking and handover actions, a knowledge base with FAQs
# from a file and the client's website, and the client's users with their AI access
# (users.tf). Every object lives in var.location_id. The emulator-only external-app credential
# is opt-in (external_app_emulator_only.tf).

locals {
  # The FAQ file as rows of {key, question, answer}: YAML (key: {question, answer}) or CSV
  # (key,question,answer). The key is the FAQ's stable identity in the state.
  faq_text = file(var.faqs_file)
  faq_rows = (endswith(var.faqs_file, ".csv")
    ? [for row in csvdecode(local.faq_text) : { key = row.key, question = row.question, answer = row.answer }]
    : [for key, faq in yamldecode(local.faq_text) : { key = key, question = faq.question, answer = faq.answer }]
  )
  faqs = { for row in local.faq_rows : row.key => row }
}

resource "highlevel_knowledge_base" "this" {
  location_id = var.location_id
  name        = coalesce(var.knowledge_base_name, "${var.client_name} knowledge")
  description = "What the ${var.agent.name} agent of ${var.client_name} answers from: FAQs and website pages. Managed by Terraform."
}

resource "highlevel_knowledge_base_faq" "this" {
  for_each = local.faqs

  location_id       = var.location_id
  knowledge_base_id = highlevel_knowledge_base.this.id
  question          = trimspace(each.value.question)
  answer            = trimspace(each.value.answer)
}

resource "highlevel_knowledge_base_website" "this" {
  count = var.website == null ? 0 : 1

  location_id       = var.location_id
  knowledge_base_id = highlevel_knowledge_base.this.id
  url               = var.website.url
  option            = var.website.option
  pre_selected_urls = var.website.pre_selected_urls

  timeouts {
    create = "30m"
    update = "30m"
  }
}

resource "highlevel_agent" "this" {
  location_id   = var.location_id
  name          = var.agent.name
  business_name = var.client_name
  mode          = var.agent.mode
  channels      = var.agent.channels

  personality  = var.agent.personality
  goal         = var.agent.goal
  instructions = var.agent.instructions

  wait_time      = var.agent.wait_time
  wait_time_unit = "seconds"

  knowledge_base_ids = [highlevel_knowledge_base.this.id]
}

resource "highlevel_agent_action" "booking" {
  count = var.booking == null ? 0 : 1

  location_id = var.location_id
  agent_id    = highlevel_agent.this.id
  type        = "appointmentBooking"
  name        = "Book an appointment"

  appointment_booking = {
    calendar_id         = var.booking.calendar_id
    only_send_link      = false
    trigger_workflow    = false
    sleep_after_booking = false
    transfer_bot        = false
    reschedule_enabled  = var.booking.reschedule_enabled
    cancel_enabled      = var.booking.cancel_enabled
  }
}

resource "highlevel_agent_action" "handover" {
  location_id = var.location_id
  agent_id    = highlevel_agent.this.id
  type        = "humanHandOver"
  name        = "Hand over to the team"

  human_handover = {
    enabled            = true
    handover_type      = "contactRequest"
    trigger_condition  = "The contact asks to talk to a person."
    examples           = var.handover.examples
    final_message      = var.handover.final_message
    reactivate_enabled = false
    create_task        = true
    tags               = var.handover.tags
    assign_to_user_id  = var.handover.assign_to_user_id
  }
}
