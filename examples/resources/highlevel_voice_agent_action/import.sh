# An action of a voice agent of the provider's location:
terraform import highlevel_voice_agent_action.transfer <agent_id>/<action_id>

# Of another location:
terraform import highlevel_voice_agent_action.transfer <location_id>/<agent_id>/<action_id>
