# Look a scope up by its exact name (or by id), e.g. to issue credentials under a scope that
# another configuration manages.
data "highlevel_scope" "zapier" {
  name = "Zapier: front desk"
}

output "zapier_permissions" {
  value = data.highlevel_scope.zapier.permissions
}
