import {
  to = highlevel_voice_agent_action.transfer
  id = "65f1a2b3c4d5e6f708192a3b/65f1a2b3c4d5e6f708192b01" # <agent_id>/<action_id>, or <location_id>/<agent_id>/<action_id>
}
