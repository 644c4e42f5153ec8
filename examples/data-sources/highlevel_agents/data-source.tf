# Every agent of the location that answers on SMS.
data "highlevel_agents" "sms" {
  channel = "SMS"
}

output "sms_agent_names" {
  value = data.highlevel_agents.sms.agents[*].name
}
