# Look a user up by email (or by id) to see which AI scopes they hold.
data "highlevel_user" "maria" {
  email = "maria.lopez@brightsmiledental.example"
}

output "maria_can_manage_text_agents" {
  value = contains(data.highlevel_user.maria.scopes, "text-ai-agents.write")
}
