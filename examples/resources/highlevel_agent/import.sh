# An agent of the provider's location:
terraform import highlevel_agent.front_desk <agent_id>

# An agent of another location:
terraform import highlevel_agent.front_desk <location_id>/<agent_id>
