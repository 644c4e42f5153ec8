# The follow-up settings of actions of an agent of the provider's location:
terraform import highlevel_agent_followup_settings.office_hours <agent_id>/<action_id>,<action_id>

# ... of an agent of another location:
terraform import highlevel_agent_followup_settings.office_hours <location_id>/<agent_id>/<action_id>,<action_id>
