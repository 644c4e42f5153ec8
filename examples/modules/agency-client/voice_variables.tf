variable "voice_agent" {
  description = <<-EOT
    The client's Voice AI agent: the AI that answers the client's phone line. `null` (the default): none.
    `inbound_number` is the number it answers (E.164, e.g. +15550001234); `transfer_number` (optional) is where it
    transfers callers who ask for a person; `notify_emails` get a summary of every call; `working_hours` (optional,
    default around the clock) maps day names (monday … sunday) to "HH:MM-HH:MM" periods in `timezone`. The agent
    answers questions from the client's knowledge base.
  EOT
  type = object({
    name            = optional(string, "Phone desk")
    welcome_message = optional(string)
    prompt          = optional(string)
    language        = optional(string, "en-US")
    inbound_number  = optional(string)
    transfer_number = optional(string)
    notify_emails   = optional(set(string), [])
    timezone        = optional(string)
    working_hours   = optional(map(list(string)), {})
  })
  default = null

  validation {
    condition     = var.voice_agent == null || (length(try(var.voice_agent.name, "")) >= 1 && length(try(var.voice_agent.name, "")) <= 40)
    error_message = "voice_agent.name must be 1 to 40 characters."
  }
  validation {
    condition     = var.voice_agent == null || try(length(var.voice_agent.welcome_message) <= 190, true)
    error_message = "voice_agent.welcome_message is what callers hear first: at most 190 characters."
  }
  validation {
    condition     = var.voice_agent == null || contains(["en-US", "pt-BR", "es", "fr", "de", "it", "nl-NL", "multi"], try(var.voice_agent.language, "en-US"))
    error_message = "voice_agent.language must be one of en-US, pt-BR, es, fr, de, it, nl-NL, multi."
  }
  validation {
    condition = var.voice_agent == null || alltrue([
      for n in compact([try(var.voice_agent.transfer_number, null)]) : can(regex("^\\+[0-9]{10,15}$", n))
    ])
    error_message = "voice_agent.transfer_number must be an E.164 number: + and 10 to 15 digits, e.g. +15550001234."
  }
  validation {
    condition = var.voice_agent == null || alltrue(flatten([
      for day, periods in try(var.voice_agent.working_hours, {}) : concat(
        [contains(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], day)],
        [for p in periods : can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", p))],
      )
    ]))
    error_message = "voice_agent.working_hours maps monday … sunday to periods \"HH:MM-HH:MM\" on the 24-hour clock (end of day is 23:59)."
  }
}
