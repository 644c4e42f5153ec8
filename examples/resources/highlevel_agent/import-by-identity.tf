# Terraform 1.12 or later: import by the resource's identity.
import {
  to = highlevel_agent.front_desk
  identity = {
    location_id = "ve9EPM428h8vShlRW1KT"
    id          = "tDtDnQdgm2LXpyiqYvZ6"
  }
}
