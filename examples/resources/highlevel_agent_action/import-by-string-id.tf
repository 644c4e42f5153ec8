import {
  to = highlevel_agent_action.book
  id = "tDtDnQdgm2LXpyiqYvZ6/Xk3pQ9rTz8Lm2NbVc4Ws" # <agent_id>/<action_id>, or <location_id>/<agent_id>/<action_id>
}
