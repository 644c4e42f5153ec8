# A user of the provider's location:
terraform import highlevel_user.front_desk_manager <user_id>

# A user reached through another location's credential:
terraform import highlevel_user.front_desk_manager <location_id>/<user_id>
