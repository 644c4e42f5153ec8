# Every voice agent of the location, e.g. to check that each answers a number.
data "highlevel_voice_agents" "all" {}

output "agents_without_a_number" {
  value = [for a in data.highlevel_voice_agents.all.agents : a.name if a.inbound_number == null && a.number_pool_id == null]
}
