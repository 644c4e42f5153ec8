# Look an agent up by its exact name (or by id) to reuse its settings elsewhere.
data "highlevel_agent" "front_desk" {
  name = "Front desk"
}

output "front_desk_mode" {
  value = data.highlevel_agent.front_desk.mode
}
