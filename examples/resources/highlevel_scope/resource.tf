# Zapier may read the conversations of the front desk agent and answer them, and nothing else:
# a leaked Zapier credential exposes that agent only.
resource "highlevel_agent" "front_desk" {
  name         = "Front desk"
  personality  = "Warm, concise and professional."
  goal         = "Answer questions about opening hours and book appointments."
  instructions = "Never give medical advice."
}

resource "highlevel_scope" "zapier" {
  name        = "Zapier: front desk"
  description = "Zapier reads and answers the front desk agent's conversations."
  permissions = [
    "conversation-ai.readonly",
    "conversations.readonly",
    "conversations/message.readonly",
  ]
  agent_ids = [highlevel_agent.front_desk.id]
}
