import {
  to = highlevel_voice_agent.front_desk
  id = "ve9EPM428h8vShlRW1KT/65f1a2b3c4d5e6f708192a3b" # <location_id>/<voice_agent_id>, or just <voice_agent_id>
}
