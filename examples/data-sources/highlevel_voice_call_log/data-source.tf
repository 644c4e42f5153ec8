variable "call_id" {
  type        = string
  description = "The ID of a call, e.g. from highlevel_voice_call_logs."
}

# One call with its transcript and what the agent noted from it.
data "highlevel_voice_call_log" "call" {
  id = var.call_id
}

output "transcript" {
  value = data.highlevel_voice_call_log.call.transcript
}

output "extracted" {
  value = try(jsondecode(data.highlevel_voice_call_log.call.extracted_data), {})
}
