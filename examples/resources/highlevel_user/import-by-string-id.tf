import {
  to = highlevel_user.front_desk_manager
  id = "ve9EPM428h8vShlRW1KT/4rWEAyNPKN7Bx4BmXu0B" # <location_id>/<user_id>, or just <user_id>
}
