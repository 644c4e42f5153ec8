# An action of an agent of the provider's location:
terraform import highlevel_agent_action.book <agent_id>/<action_id>

# An action of an agent of another location:
terraform import highlevel_agent_action.book <location_id>/<agent_id>/<action_id>
