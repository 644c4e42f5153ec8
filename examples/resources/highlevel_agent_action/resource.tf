# A dental practice's front-desk agent with one action of every type, and a billing agent that
# conversations can be transferred to. Set `type` and the details attribute that goes with it.
resource "highlevel_agent" "front_desk" {
  name         = "Front desk"
  mode         = "auto-pilot"
  channels     = ["SMS", "WebChat"]
  personality  = "Warm, concise and professional."
  goal         = "Answer questions and book appointments."
  instructions = "Never give medical advice."
}

resource "highlevel_agent" "billing" {
  name         = "Billing"
  personality  = "Precise and patient."
  goal         = "Answer questions about invoices and payments."
  instructions = "Never promise a refund."
}

# Book appointments, then trigger the confirmation workflows and hand over to billing.
resource "highlevel_agent_action" "book" {
  agent_id = highlevel_agent.front_desk.id
  type     = "appointmentBooking"
  name     = "Book a cleaning"

  appointment_booking = {
    calendar_id         = "sV3BiXrjzbfo1tSUdyHO"
    only_send_link      = false
    trigger_workflow    = true
    workflow_ids        = ["2bc8f4b6-1b9e-4a8a-9d7e-2f3c2f0e8d11"]
    sleep_after_booking = true
    sleep_time          = 2
    sleep_time_unit     = "hours"
    transfer_bot        = true
    transfer_agent      = highlevel_agent.billing.id
    reschedule_enabled  = true
    cancel_enabled      = true
  }
}

# Start a workflow when the contact asks for a quote.
resource "highlevel_agent_action" "quote" {
  agent_id = highlevel_agent.front_desk.id
  type     = "triggerWorkflow"
  name     = "Send a quote"

  trigger_workflow = {
    workflow_ids      = ["7f1d0c8e-5a2b-4c3d-8e9f-0a1b2c3d4e5f"]
    trigger_condition = "The contact asks how much a treatment costs."
    trigger_message   = "I'm sending you our price list now."
  }
}

# Write the contact's insurance provider into a custom field.
resource "highlevel_agent_action" "insurance" {
  agent_id = highlevel_agent.front_desk.id
  type     = "updateContactField"
  name     = "Record insurance"

  update_contact_field = {
    contact_field_id        = "insurance_provider"
    description             = "The contact's dental insurance provider."
    contact_update_examples = ["Delta Dental", "MetLife"]
  }
}

# Stop when the conversation is over, and wake up again after a day.
resource "highlevel_agent_action" "goodbye" {
  agent_id = highlevel_agent.front_desk.id
  type     = "stopBot"
  name     = "Stop on goodbye"

  stop_bot = {
    enabled                    = true
    stop_bot_detection_type    = "Goodbye"
    stop_bot_trigger_condition = "The contact says goodbye or thanks the agent."
    stop_bot_examples          = ["Thanks, bye!", "That's all, thank you."]
    final_message              = "Have a great day!"
    reactivate_enabled         = true
    sleep_time                 = 1
    sleep_time_unit            = "days"
    tags                       = ["conversation-ended"]
  }
}

# Hand over to the team when the contact asks for a person.
resource "highlevel_agent_action" "human" {
  agent_id = highlevel_agent.front_desk.id
  type     = "humanHandOver"
  name     = "Hand over to the front desk"

  human_handover = {
    enabled            = true
    handover_type      = "contactRequest"
    trigger_condition  = "The contact asks to talk to a person."
    examples           = ["Can I talk to someone?", "I want a human."]
    final_message      = "A colleague from the front desk will take over."
    reactivate_enabled = false
    create_task        = true
    tags               = ["needs-human"]
  }
}

# Follow up twice when the contact stops replying: an AI message after 4 hours, then a fixed
# text after 2 days. The follow-up settings can also be shared by several actions with
# highlevel_agent_followup_settings (never both for one action).
resource "highlevel_agent_action" "follow_up" {
  agent_id = highlevel_agent.front_desk.id
  type     = "advancedFollowup"
  name     = "Follow up on silence"

  advanced_followup = {
    enabled     = true
    scenario_id = "contactStoppedReplying"
    followup_sequence = [
      { id = 1, followup_time = 4, followup_time_unit = "hours" },
      {
        id                 = 2
        followup_time      = 2
        followup_time_unit = "days"
        ai_enabled_message = false
        custom_message     = "Just checking in: shall we book your cleaning?"
      },
    ]
    followup_settings = {
      follow_up_hours = true
      timezone_to_use = "business"
      working_hours = [
        { day_of_the_week = 1, intervals = [{ start_hour = 9, start_minute = 0, end_hour = 17, end_minute = 0 }] },
        { day_of_the_week = 2, intervals = [{ start_hour = 9, start_minute = 0, end_hour = 17, end_minute = 0 }] },
      ]
    }
  }
}

# Transfer billing questions to the billing agent.
resource "highlevel_agent_action" "to_billing" {
  agent_id = highlevel_agent.front_desk.id
  type     = "transferBot"
  name     = "Transfer billing questions"

  transfer_bot = {
    enabled                        = true
    transfer_bot_type              = "Custom"
    transfer_to_bot                = highlevel_agent.billing.id
    transfer_bot_trigger_condition = "The contact asks about an invoice or a payment."
    transfer_bot_examples          = ["I have a question about my bill.", "Did my payment go through?"]
  }
}
