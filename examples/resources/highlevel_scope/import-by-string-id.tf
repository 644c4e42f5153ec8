import {
  to = highlevel_scope.zapier
  id = "ve9EPM428h8vShlRW1KT/Qm3XbT8sLw2NcV5rPz7K" # <location_id>/<scope_id>, or just <scope_id>
}
