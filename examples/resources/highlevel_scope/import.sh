# A scope of the provider's location:
terraform import highlevel_scope.zapier <scope_id>

# A scope of another location:
terraform import highlevel_scope.zapier <location_id>/<scope_id>
