# Terraform 1.12 or later: import by the resource's identity.
import {
  to = highlevel_voice_agent.front_desk
  identity = {
    location_id = "ve9EPM428h8vShlRW1KT"
    id          = "65f1a2b3c4d5e6f708192a3b"
  }
}
