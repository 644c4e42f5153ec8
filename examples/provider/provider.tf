# A client location with a Private Integration Token.
provider "highlevel" {
  token       = var.highlevel_token # or HIGHLEVEL_TOKEN
  location_id = "ve9EPM428h8vShlRW1KT"
}

# An agency with its OAuth app: one provider manages every client location; resources
# choose theirs with location_id.
provider "highlevel" {
  alias = "agency"

  # HighLevel refresh tokens are single-use: the provider keeps the newest one in this file.
  oauth {
    client_id          = var.oauth_client_id
    client_secret      = var.oauth_client_secret
    refresh_token_file = "${path.root}/.highlevel-refresh-token"
  }
}

variable "highlevel_token" {
  type      = string
  sensitive = true
}

variable "oauth_client_id" {
  type = string
}

variable "oauth_client_secret" {
  type      = string
  sensitive = true
}
