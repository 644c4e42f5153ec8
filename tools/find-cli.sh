#!/usr/bin/env bash
# Prints the CLI that acceptance tests, docs and examples use: TF_ACC_TERRAFORM_PATH if set,
# else terraform on PATH, else OpenTofu built (once, then cached) by install-opentofu.sh.
# FORCE_OPENTOFU=1 skips terraform.
set -euo pipefail
if [ -z "${FORCE_OPENTOFU:-}" ]; then
  if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ]; then echo "$TF_ACC_TERRAFORM_PATH"; exit 0; fi
  if command -v terraform >/dev/null 2>&1; then command -v terraform; exit 0; fi
fi
exec "$(dirname "$0")/install-opentofu.sh"
