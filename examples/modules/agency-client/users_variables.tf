variable "users" {
  description = <<-EOT
    The client's users (its staff, or an integration user), by a stable key: names, email (HighLevel cannot change an email: a new one replaces the user), optional phone (E.164) and role (`user`, the default, or `admin`), the AI roles they hold (keys of var.ai_role_scopes, e.g. ["text-agents", "call-logs"]), any extra scopes, and the permission flags that differ from HighLevel's defaults (e.g. { bot_service = true }). `password_version`: change it to send var.users_password again. Users are created only when var.users_password is set.
  EOT
  type = map(object({
    first_name       = string
    last_name        = string
    email            = string
    phone            = optional(string)
    role             = optional(string, "user")
    ai_roles         = optional(set(string), [])
    extra_scopes     = optional(set(string), [])
    permissions      = optional(map(bool), {})
    password_version = optional(number, 1)
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for k, u in var.users : can(regex("^[a-z0-9][a-z0-9_-]*$", k)) && can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", u.email)) && trimspace(u.first_name) != "" && trimspace(u.last_name) != ""])
    error_message = "Each user needs a key of lower-case letters, digits, '-' and '_', non-blank first_name and last_name, and an email such as \"maria@brightsmile.example\"."
  }
  validation {
    condition     = alltrue([for u in values(var.users) : contains(["user", "admin"], u.role)])
    error_message = "A user's role is \"user\" or \"admin\"."
  }
  validation {
    condition     = alltrue([for u in values(var.users) : length(setsubtract(u.ai_roles, keys(var.ai_role_scopes))) == 0])
    error_message = "A user's ai_roles must be keys of var.ai_role_scopes (by default \"text-agents\", \"call-logs\", \"knowledge\")."
  }
}

variable "users_password" {
  description = "The initial password of the client's users (HighLevel requires one to create a user): at least 12 characters with an upper-case letter, a lower-case letter, a digit and a special character. Write-only: sent to HighLevel, never stored in the state. Pass it from a secret (TF_VAR_…). `null` (the default): the module creates no users."
  type        = string
  default     = null
  sensitive   = true
}

variable "ai_role_scopes" {
  description = <<-EOT
    The usual AI roles as HighLevel user scopes (users.md §5.2). A user's scopes are the union of their roles' sets plus their extra_scopes. The defaults:
      text-agents — manages the client's text (Conversation AI) agents: the agents, their goals and actions, their training, the dashboard, and the conversations they answer;
      call-logs   — reads call logs: the Voice AI dashboard and the voice agents, read-only;
      knowledge   — trains knowledge: the text agents' training, and the dashboard to check the answers.
    HighLevel has no separate knowledge-base user scope: training is `text-ai-agent-training.write`.
  EOT
  type        = map(set(string))
  default = {
    text-agents = [
      "text-ai-agents.write", "text-ai-agent-goals.readonly", "text-ai-agent-goals.write",
      "text-ai-agent-training.write", "text-ai-agents-dashboard.readonly",
      "conversations.readonly", "conversations/message.readonly",
    ]
    call-logs = ["voice-ai-dashboard.readonly", "voice-ai-agents.readonly"]
    knowledge = ["text-ai-agent-training.write", "text-ai-agents-dashboard.readonly"]
  }
  nullable = false
}
