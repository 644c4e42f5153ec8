variable "location_id" {
  description = "The client's HighLevel location (sub-account) ID. Every object of the client is created there. With agency OAuth the provider exchanges the agency token for this location's token; with a Private Integration Token it must be the token's location."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9]{20}$", var.location_id))
    error_message = "location_id must be a HighLevel location ID: 20 letters and digits, such as \"ve9EPM428h8vShlRW1KT\" (the location's Settings → Business Profile shows it)."
  }
}

variable "client_name" {
  description = "The client's business name: the agent speaks for it, and the names of the knowledge base and the external app's scope start with it."
  type        = string

  validation {
    condition     = length(var.client_name) >= 1 && length(var.client_name) <= 60 && trimspace(var.client_name) == var.client_name
    error_message = "client_name must be 1 to 60 characters without leading or trailing spaces."
  }
}

variable "agent" {
  description = "The client's Conversation AI agent. `personality`, `goal` and `instructions` are the prompts; `mode` is one of off, suggestive, auto-pilot; `channels` any of IG, FB, SMS, WebChat, WhatsApp, Live_Chat; `wait_time` is in seconds (0 to 300)."
  type = object({
    name         = optional(string, "Front desk")
    mode         = optional(string, "auto-pilot")
    channels     = optional(set(string), ["SMS", "WebChat"])
    personality  = string
    goal         = string
    instructions = string
    wait_time    = optional(number, 30)
  })

  validation {
    condition     = contains(["off", "suggestive", "auto-pilot"], var.agent.mode)
    error_message = "agent.mode must be one of \"off\", \"suggestive\", \"auto-pilot\"."
  }
  validation {
    condition     = length(setsubtract(var.agent.channels, ["IG", "FB", "SMS", "WebChat", "WhatsApp", "Live_Chat"])) == 0
    error_message = "agent.channels may only hold IG, FB, SMS, WebChat, WhatsApp and Live_Chat (case-sensitive)."
  }
  validation {
    condition     = alltrue([for p in [var.agent.name, var.agent.personality, var.agent.goal, var.agent.instructions] : trimspace(p) != ""])
    error_message = "agent.name, agent.personality, agent.goal and agent.instructions must not be blank."
  }
  validation {
    condition     = var.agent.wait_time >= 0 && var.agent.wait_time <= 300 && floor(var.agent.wait_time) == var.agent.wait_time
    error_message = "agent.wait_time is in seconds: a whole number from 0 to 300."
  }
}

variable "booking" {
  description = "Appointment booking: the ID of the HighLevel calendar the agent books in, and whether it may reschedule and cancel. `null` (the default): the agent does not book."
  type = object({
    calendar_id        = string
    reschedule_enabled = optional(bool, true)
    cancel_enabled     = optional(bool, false)
  })
  default = null

  validation {
    condition     = var.booking == null || can(regex("^[A-Za-z0-9]+$", var.booking.calendar_id))
    error_message = "booking.calendar_id must be a HighLevel calendar ID (letters and digits, e.g. \"sV3BiXrjzbfo1tSUdyHO\"); set booking = null for an agent that does not book."
  }
}

variable "handover" {
  description = "Handing a conversation over to a person when the contact asks for one: the agent's last message, example requests, tags added to the contact and, optionally, the user the conversation is assigned to."
  type = object({
    final_message     = optional(string, "A colleague from our team will take over from here.")
    examples          = optional(list(string), ["Can I talk to a person?", "I want to speak to someone."])
    tags              = optional(set(string), ["needs-human"])
    assign_to_user_id = optional(string)
  })
  default  = {}
  nullable = false

  validation {
    condition     = trimspace(var.handover.final_message) != "" && length(var.handover.examples) > 0 && alltrue([for e in var.handover.examples : trimspace(e) != ""])
    error_message = "handover.final_message must not be blank, and handover.examples must hold at least one non-blank example request."
  }
}

variable "faqs_file" {
  description = <<-EOT
    Path of the client's FAQ file, e.g. "$${path.root}/faqs/dental.yaml" (a relative path is relative to the directory Terraform runs in). Either YAML (.yaml/.yml) that maps a stable key to a question and an answer:

        parking:
          question: Where can I park?
          answer: Behind the building.

    or CSV (.csv) with the header `key,question,answer`. The key identifies the FAQ: editing a question or an answer updates it in place, removing an entry deletes it.
  EOT
  type        = string

  validation {
    condition     = can(regex("\\.(ya?ml|csv)$", var.faqs_file))
    error_message = "faqs_file must name a .yaml, .yml or .csv file."
  }
  validation {
    condition     = try(fileexists(var.faqs_file), false)
    error_message = "faqs_file does not exist (a relative path is relative to the directory Terraform runs in: use \"$${path.root}/...\" or \"$${path.module}/...\")."
  }
  validation {
    condition = !can(regex("\\.ya?ml$", var.faqs_file)) || !try(fileexists(var.faqs_file), false) || try(
      length(yamldecode(file(var.faqs_file))) > 0 && alltrue([
        for key, faq in yamldecode(file(var.faqs_file)) :
        can(regex("^[a-z0-9][a-z0-9_-]*$", key)) && trimspace(faq.question) != "" && trimspace(faq.answer) != ""
    ]), false)
    error_message = "The YAML faqs_file must map each FAQ's key (lower-case letters, digits, '-' and '_') to a non-blank question and answer, e.g. `parking: {question: Where can I park?, answer: Behind the building.}`, with at least one FAQ."
  }
  validation {
    condition = !endswith(var.faqs_file, ".csv") || !try(fileexists(var.faqs_file), false) || try(
      length(csvdecode(file(var.faqs_file))) > 0 &&
      length(distinct(csvdecode(file(var.faqs_file))[*].key)) == length(csvdecode(file(var.faqs_file))) &&
      alltrue([
        for row in csvdecode(file(var.faqs_file)) :
        can(regex("^[a-z0-9][a-z0-9_-]*$", row.key)) && trimspace(row.question) != "" && trimspace(row.answer) != ""
    ]), false)
    error_message = "The CSV faqs_file must have the header key,question,answer and at least one row; each key must be unique (lower-case letters, digits, '-' and '_'), each question and answer non-blank."
  }
}

variable "knowledge_base_name" {
  description = "Name of the client's knowledge base. Defaults to \"<client_name> knowledge\"."
  type        = string
  default     = null

  validation {
    condition     = var.knowledge_base_name == null || try(trimspace(var.knowledge_base_name) != "", false)
    error_message = "knowledge_base_name must not be blank (leave it null for the default)."
  }
}

variable "website" {
  description = "The client's website as a knowledge source: `url` is where the crawl starts; `option` is Exact (that page), Path (that page and the pages under its path, the default) or Domain (the whole site); `pre_selected_urls` trains only those pages. `null`: no website source. Apply waits until the pages are trained."
  type = object({
    url               = string
    option            = optional(string, "Path")
    pre_selected_urls = optional(set(string))
  })
  default = null

  validation {
    condition     = var.website == null || can(regex("^https?://[^/\\s]+", var.website.url))
    error_message = "website.url must be an absolute http:// or https:// URL, such as \"https://www.brightsmiledental.example/services\"."
  }
  validation {
    condition     = var.website == null || contains(["Exact", "Path", "Domain"], try(var.website.option, ""))
    error_message = "website.option must be \"Exact\", \"Path\" or \"Domain\" (case-sensitive)."
  }
}
