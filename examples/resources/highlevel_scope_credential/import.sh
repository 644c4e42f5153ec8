# Import brings the credential's metadata, never its token: the API shows a token only once.
# The first apply after an import records the configured rotation_triggers without rotating.

# A credential of a scope of the provider's location:
terraform import highlevel_scope_credential.crm <scope_id>/<credential_id>

# A credential of a scope of another location:
terraform import highlevel_scope_credential.crm <location_id>/<scope_id>/<credential_id>
