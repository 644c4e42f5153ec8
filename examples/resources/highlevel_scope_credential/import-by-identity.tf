# Terraform 1.12 or later: import by the resource's identity.
import {
  to = highlevel_scope_credential.crm
  identity = {
    location_id = "ve9EPM428h8vShlRW1KT"
    scope_id    = "Qm3XbT8sLw2NcV5rPz7K"
    id          = "Hq4YdU9tMx3OdW6sQa8L"
  }
}
