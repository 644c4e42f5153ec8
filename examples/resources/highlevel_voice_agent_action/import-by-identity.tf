# Terraform 1.12 or later: import by the resource's identity.
import {
  to = highlevel_voice_agent_action.transfer
  identity = {
    location_id = "ve9EPM428h8vShlRW1KT"
    agent_id    = "65f1a2b3c4d5e6f708192a3b"
    id          = "65f1a2b3c4d5e6f708192b01"
  }
}
