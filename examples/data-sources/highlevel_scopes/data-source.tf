# Audit: every scope of the location whose credentials may read message bodies, and the agents
# each one is limited to (empty: every agent).
data "highlevel_scopes" "message_readers" {
  permission = "conversations/message.readonly"
}

output "message_reader_scopes" {
  value = { for s in data.highlevel_scopes.message_readers.scopes : s.name => s.agent_ids }
}
