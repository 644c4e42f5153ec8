# An agent that books appointments for a dental practice, on SMS and web chat, and goes to
# sleep for two hours after a human in the team replies.
resource "highlevel_agent" "front_desk" {
  name          = "Front desk"
  business_name = "Bright Smile Dental"
  mode          = "auto-pilot"
  channels      = ["SMS", "WebChat"]

  personality  = "Warm, concise and professional."
  goal         = "Answer questions about opening hours and treatments, and book appointments."
  instructions = "Never give medical advice. Offer a call back from the front desk when unsure."

  wait_time               = 30
  wait_time_unit          = "seconds"
  auto_pilot_max_messages = 20

  sleep_enabled   = true
  sleep_time      = 2
  sleep_time_unit = "hours"
}
