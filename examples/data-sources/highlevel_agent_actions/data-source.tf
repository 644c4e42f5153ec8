# Every action of the agent named "Front desk", e.g. to review what was built in the UI.
data "highlevel_agent" "front_desk" {
  name = "Front desk"
}

data "highlevel_agent_actions" "front_desk" {
  agent_id = data.highlevel_agent.front_desk.id
}

# Only its appointment-booking actions.
data "highlevel_agent_actions" "booking" {
  agent_id = data.highlevel_agent.front_desk.id
  type     = "appointmentBooking"
}

output "action_names" {
  value = { for a in data.highlevel_agent_actions.front_desk.actions : a.id => "${a.type}: ${a.name}" }
}

output "booking_calendars" {
  value = [for a in data.highlevel_agent_actions.booking.actions : a.appointment_booking.calendar_id]
}
