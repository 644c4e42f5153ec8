variable "agent_id" {
  description = "The Conversation AI agent whose conversations to review."
  type        = string
}

# The 20 most recent conversations of January 2026 in which the agent answered. The search
# filters on each conversation's last message; the agent filter reads the AI generations of
# the conversations' messages (see the data source's description for its cost).
data "highlevel_conversations" "agent_january" {
  agent_id    = var.agent_id
  start_date  = "2026-01-01T00:00:00Z"
  end_date    = "2026-01-31T23:59:59Z"
  max_results = 20
}

output "contacts" {
  value = data.highlevel_conversations.agent_january.conversations[*].full_name
}

# true when more than 20 conversations match: raise max_results, or export everything with
# highlevel-export (examples/audit-export), which does not go through state.
output "more_exist" {
  value = data.highlevel_conversations.agent_january.truncated
}
