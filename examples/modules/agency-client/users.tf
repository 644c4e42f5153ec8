# The client's users and their AI access: who may touch this client's AI, as code. Each user
# may enter this client's location only, and holds the scopes of their AI roles
# (var.ai_role_scopes) plus any extra ones; every permission flag they do not set stays at
# HighLevel's default, so a change made in the HighLevel UI shows up in the next plan.

locals {
  # Whether a password is set is not a secret (the password is): nonsensitive lets for_each use it.
  users = nonsensitive(var.users_password == null) ? {} : var.users
}

resource "highlevel_user" "this" {
  for_each = local.users

  location_id  = var.location_id
  location_ids = [var.location_id]
  first_name   = each.value.first_name
  last_name    = each.value.last_name
  email        = each.value.email
  phone        = each.value.phone
  role         = each.value.role

  scopes = setunion(each.value.extra_scopes, [for r in each.value.ai_roles : var.ai_role_scopes[r]]...)

  # Only the flags given; the others keep HighLevel's defaults.
  permissions = each.value.permissions

  password_wo         = var.users_password
  password_wo_version = each.value.password_version
}

output "user_ids" {
  description = "IDs of the client's users by their key in var.users (empty without var.users_password)."
  value       = { for key, u in highlevel_user.this : key => u.id }
}
