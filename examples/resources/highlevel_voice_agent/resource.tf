# The AI receptionist that answers a dental practice's main line on weekdays, in English, and
# emails the front desk after every call.
resource "highlevel_voice_agent" "front_desk" {
  name            = "Front desk"
  business_name   = "Bright Smile Dental"
  welcome_message = "Thanks for calling Bright Smile Dental, this is Ava. How can I help you today?"
  prompt          = <<-EOT
    You are Ava, the receptionist of Bright Smile Dental. Book cleanings and check-ups, answer
    questions about opening hours and prices, and never give medical advice.
  EOT

  language                    = "en-US"
  patience_level              = "medium"
  max_call_duration           = 600
  send_idle_reminders         = true
  idle_reminder_after_seconds = 10
  inbound_number              = "+15550001234"

  post_call_notification = {
    admins        = true
    custom_emails = ["frontdesk@brightsmile.example"]
  }

  # Monday to Friday, 8:00-12:00 and 13:00-17:30, Chicago time. An empty list means around the clock.
  working_hours = [
    for day in ["monday", "tuesday", "wednesday", "thursday", "friday"] : {
      day = day
      intervals = [
        { start_hour = 8, start_minute = 0, end_hour = 12, end_minute = 0 },
        { start_hour = 13, start_minute = 0, end_hour = 17, end_minute = 30 },
      ]
    }
  ]
  timezone = "America/Chicago"
}

# A Spanish-speaking line whose call transcripts are translated to English for the team.
resource "highlevel_voice_agent" "linea_espanol" {
  name     = "Línea en español"
  language = "es"
  translation = {
    enabled  = true
    language = "en-US"
  }
}
