# Terraform 1.12 or later: import by the resource's identity.
import {
  to = highlevel_user.front_desk_manager
  identity = {
    location_id = "ve9EPM428h8vShlRW1KT"
    id          = "4rWEAyNPKN7Bx4BmXu0B"
  }
}
