# Look a voice agent up by its exact name (or by id), e.g. to attach actions to an agent built in
# the HighLevel UI.
data "highlevel_voice_agent" "front_desk" {
  name = "Front desk"
}

output "front_desk_number" {
  value = data.highlevel_voice_agent.front_desk.inbound_number
}

output "front_desk_action_names" {
  value = data.highlevel_voice_agent.front_desk.actions[*].name
}
