# Audit who may touch the client's AI: every user of the location (all pages) and their AI scopes.
data "highlevel_users" "all" {}

output "ai_access" {
  value = {
    for u in data.highlevel_users.all.users : u.email => [
      for s in u.scopes : s if can(regex("^(text-ai|voice-ai|ai-studio|askai|copilot|contentAI)", s))
    ]
  }
}
