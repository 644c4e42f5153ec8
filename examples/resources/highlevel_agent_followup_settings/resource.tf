# Two follow-up actions of one agent share their follow-up settings: follow-ups go out on
# weekdays during office hours, in the business's time zone. Destroying this resource resets
# the settings of both actions to the API's defaults.
resource "highlevel_agent" "front_desk" {
  name         = "Front desk"
  personality  = "Warm, concise and professional."
  goal         = "Answer questions and book appointments."
  instructions = "Never give medical advice."
}

resource "highlevel_agent_action" "silent" {
  agent_id = highlevel_agent.front_desk.id
  type     = "advancedFollowup"
  name     = "Follow up on silence"

  advanced_followup = {
    enabled           = true
    scenario_id       = "contactStoppedReplying"
    followup_sequence = [{ id = 1, followup_time = 1, followup_time_unit = "days" }]
  }
}

resource "highlevel_agent_action" "busy" {
  agent_id = highlevel_agent.front_desk.id
  type     = "advancedFollowup"
  name     = "Follow up when busy"

  advanced_followup = {
    enabled           = true
    scenario_id       = "contactIsBusy"
    followup_sequence = [{ id = 1, followup_time = 3, followup_time_unit = "hours" }]
  }
}

locals {
  office_hours = [{ start_hour = 8, start_minute = 30, end_hour = 12, end_minute = 0 }, { start_hour = 13, start_minute = 0, end_hour = 17, end_minute = 30 }]
}

resource "highlevel_agent_followup_settings" "office_hours" {
  agent_id   = highlevel_agent.front_desk.id
  action_ids = [highlevel_agent_action.silent.id, highlevel_agent_action.busy.id]

  dynamic_channel_switching = true
  follow_up_hours           = true
  timezone_to_use           = "business"
  working_hours             = [for day in [1, 2, 3, 4, 5] : { day_of_the_week = day, intervals = local.office_hours }]
}
