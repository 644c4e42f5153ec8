# What a dental practice's AI receptionist can do during a call: transfer to a person, text the
# address, note the caller's email, book a cleaning, look up an order in the practice's own
# system, and answer from the practice's knowledge base.
resource "highlevel_voice_agent" "front_desk" {
  name = "Front desk"
}

resource "highlevel_knowledge_base" "faq" {
  name = "Practice FAQ"
}

# The orders API key never enters plan or state (Terraform or OpenTofu 1.11 or later).
variable "orders_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "highlevel_voice_agent_action" "transfer" {
  agent_id = highlevel_voice_agent.front_desk.id
  name     = "Transfer to the office manager"
  call_transfer = {
    trigger_prompt       = "The caller asks for a person, or is upset"
    trigger_message      = "Let me put you through to our office manager."
    transfer_to_number   = "+15550009876"
    hear_whisper_message = true
  }
}

resource "highlevel_voice_agent_action" "address" {
  agent_id = highlevel_voice_agent.front_desk.id
  name     = "Text the address"
  sms = {
    trigger_prompt  = "The caller asks where the practice is"
    trigger_message = "I'm texting you our address now."
    message_body    = "Bright Smile Dental, 1 Main Street, Springfield. Parking behind the building."
  }
}

resource "highlevel_voice_agent_action" "email" {
  agent_id = highlevel_voice_agent.front_desk.id
  name     = "Note the caller's email"
  data_extraction = {
    contact_field_id = "email"
    description      = "The caller's email address, spelled out"
    examples         = ["ann.smith@example.com"]
  }
}

resource "highlevel_voice_agent_action" "booking" {
  agent_id = highlevel_voice_agent.front_desk.id
  name     = "Book a cleaning"
  appointment_booking = {
    calendar_id            = "cal-cleanings"
    days_of_offering_dates = 5
    slots_per_day          = 3
    hours_between_slots    = 2
  }
}

resource "highlevel_voice_agent_action" "order_status" {
  agent_id = highlevel_voice_agent.front_desk.id
  name     = "Look up an aligner order"
  custom_action = {
    trigger_prompt                  = "The caller asks about their aligner order"
    trigger_message                 = "One moment while I look up your order."
    url                             = "https://orders.brightsmile.example/api/status"
    method                          = "GET"
    authentication_required         = true
    authentication_value_wo         = var.orders_api_key
    authentication_value_wo_version = 1 # change to send a new key
    parameters                      = [{ name = "order_number", description = "The order number on the receipt", type = "string" }]
    selected_paths                  = ["$.status", "$.estimated_delivery"]
  }
}

resource "highlevel_voice_agent_action" "faq" {
  agent_id = highlevel_voice_agent.front_desk.id
  name     = "Answer from the FAQ"
  knowledge_base = {
    trigger_prompt    = "The caller asks about prices, insurance or opening hours"
    knowledge_base_id = highlevel_knowledge_base.faq.id
  }
}
