terraform {
  # optional() attributes with defaults need 1.3; the module uses nothing newer.
  required_version = ">= 1.5"

  required_providers {
    highlevel = {
      source = "ghl-iac/highlevel"
    }
  }
}
