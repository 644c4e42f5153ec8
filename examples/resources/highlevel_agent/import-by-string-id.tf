import {
  to = highlevel_agent.front_desk
  id = "ve9EPM428h8vShlRW1KT/tDtDnQdgm2LXpyiqYvZ6" # <location_id>/<agent_id>, or just <agent_id>
}
