import {
  to = highlevel_scope_credential.crm
  id = "Qm3XbT8sLw2NcV5rPz7K/Hq4YdU9tMx3OdW6sQa8L" # <scope_id>/<credential_id>, or <location_id>/<scope_id>/<credential_id>
}
