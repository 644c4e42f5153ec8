# A module checks the permissions it is given before it plans any scope.
variable "app_permissions" {
  type    = list(string)
  default = ["conversations.readonly", "conversations/message.readonly"]
}

data "highlevel_scope_permissions" "all" {}

check "known_permissions" {
  assert {
    condition     = length(setsubtract(var.app_permissions, data.highlevel_scope_permissions.all.names)) == 0
    error_message = "Unknown permissions: ${join(", ", setsubtract(var.app_permissions, data.highlevel_scope_permissions.all.names))}. Use one of: ${join(", ", data.highlevel_scope_permissions.all.names)}."
  }
}

output "write_permissions" {
  value = data.highlevel_scope_permissions.all.write
}
