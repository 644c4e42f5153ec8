# A client's front-desk manager who runs the client's text AI agents (Conversation AI): the
# agents, their goals and actions, their training and dashboard, and the conversations they
# answer. Every permission flag not set here stays at HighLevel's default, so a change made in
# the HighLevel UI shows up in the next plan.

variable "staff_password" {
  description = "Initial password (12+ characters with upper- and lower-case letters, a digit and a special character)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

resource "highlevel_user" "front_desk_manager" {
  first_name = "Maria"
  last_name  = "Lopez"
  email      = "maria.lopez@brightsmiledental.example"
  phone      = "+15550100001"
  role       = "user"

  scopes = [
    "text-ai-agents.write",
    "text-ai-agent-goals.readonly",
    "text-ai-agent-goals.write",
    "text-ai-agent-training.write",
    "text-ai-agents-dashboard.readonly",
    "conversations.readonly",
    "conversations/message.readonly",
  ]

  permissions = {
    content_ai_enabled = false # no Content AI for this user
  }

  # Write-only: sent to HighLevel, never stored in the plan or the state. Bump the version to
  # send a new password.
  password_wo         = var.staff_password
  password_wo_version = 1
}
