variable "agent_id" {
  description = "The Conversation AI agent to check before go-live."
  type        = string
}

variable "require_knowledge" {
  description = "Fail the run when the agent's latest answer used no knowledge source; false only warns."
  type        = bool
  default     = true
}

# The agent's most recent conversation, with the newest message the agent wrote in it.
data "highlevel_conversations" "latest" {
  agent_id    = var.agent_id
  max_results = 1
}

locals {
  latest_message_id = one(data.highlevel_conversations.latest.conversations[*].agent_message_id)
}

# How the agent wrote that message. The postcondition fails the plan, and with it the
# pipeline, when the answer was grounded in no FAQ and no website page of a knowledge base.
data "highlevel_ai_generation" "latest" {
  count      = local.latest_message_id == null ? 0 : 1
  message_id = local.latest_message_id

  lifecycle {
    postcondition {
      condition     = !var.require_knowledge || length(self.faqs) + length(self.website) > 0
      error_message = "The latest answer of agent ${var.agent_id} (message ${self.message_id}) used no knowledge source: check the agent's knowledge bases before go-live."
    }
  }
}

# The same test as a check block: a warning on every plan and apply that never blocks a run.
check "latest_answer_used_knowledge" {
  assert {
    condition     = alltrue([for g in data.highlevel_ai_generation.latest : length(g.faqs) + length(g.website) > 0])
    error_message = "The latest answer of agent ${var.agent_id} used no knowledge source."
  }
}

output "latest_answer" {
  value = one(data.highlevel_ai_generation.latest[*].response_message)
}

# The FAQs the answer used, decoded from their JSON.
output "latest_faqs_used" {
  value = [for f in flatten(data.highlevel_ai_generation.latest[*].faqs) : jsondecode(f)]
}
