# Terraform 1.12 or later: import by the resource's identity.
import {
  to = highlevel_scope.zapier
  identity = {
    location_id = "ve9EPM428h8vShlRW1KT"
    id          = "Qm3XbT8sLw2NcV5rPz7K"
  }
}
