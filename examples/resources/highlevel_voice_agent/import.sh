# A voice agent of the provider's location:
terraform import highlevel_voice_agent.front_desk <voice_agent_id>

# A voice agent of another location:
terraform import highlevel_voice_agent.front_desk <location_id>/<voice_agent_id>
