variable "conversation_id" {
  description = "The conversation to review."
  type        = string
}

# Up to 500 messages of one conversation (the API answers newest first).
data "highlevel_conversation_messages" "thread" {
  conversation_id = var.conversation_id
  max_results     = 500
}

# The transcript, oldest first.
output "transcript" {
  value = [
    for m in reverse(data.highlevel_conversation_messages.thread.messages) :
    "${m.direction == "inbound" ? "Contact" : "Business"}: ${m.body}"
  ]
}
