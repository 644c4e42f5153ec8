# Terraform 1.12 or later: import by the resource's identity.
import {
  to = highlevel_agent_action.book
  identity = {
    location_id = "ve9EPM428h8vShlRW1KT"
    agent_id    = "tDtDnQdgm2LXpyiqYvZ6"
    id          = "Xk3pQ9rTz8Lm2NbVc4Ws"
  }
}
