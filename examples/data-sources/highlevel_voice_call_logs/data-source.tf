# Last week's live calls of the front-desk agent in which it transferred the caller, longest first.
data "highlevel_voice_agent" "front_desk" {
  name = "Front desk"
}

data "highlevel_voice_call_logs" "transfers" {
  agent_id     = data.highlevel_voice_agent.front_desk.id
  call_type    = "LIVE"
  action_types = ["CALL_TRANSFER"]
  start_date   = timeadd(plantimestamp(), "-168h")
  end_date     = plantimestamp()
  sort_by      = "duration"
  sort         = "descend"
}

output "transferred_calls" {
  value = [for c in data.highlevel_voice_call_logs.transfers.call_logs : {
    at      = c.created_at
    seconds = c.duration
    summary = c.summary
  }]
}
