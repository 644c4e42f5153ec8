#!/usr/bin/env bash
# Regenerates docs/ with tfplugindocs. The provider schema is read through whichever CLI
# find-cli.sh gives (Terraform or OpenTofu) from a throw-away plugin directory, so that
# tfplugindocs never tries to download a Terraform binary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=$("$root/tools/find-cli.sh")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

plugin="$work/plugins/registry.terraform.io/hashicorp/highlevel/0.0.1/$(go env GOOS)_$(go env GOARCH)"
mkdir -p "$plugin"
(cd "$root" && go build -o "$plugin/terraform-provider-highlevel" .)
cat > "$work/main.tf" <<'TF'
terraform {
  required_providers {
    highlevel = { source = "registry.terraform.io/hashicorp/highlevel" }
  }
}
TF
printf '# docs generation: no overrides\n' > "$work/cli.tfrc"
(cd "$work" && TF_CLI_CONFIG_FILE="$work/cli.tfrc" "$cli" init -input=false -plugin-dir="$work/plugins" >/dev/null &&
  TF_CLI_CONFIG_FILE="$work/cli.tfrc" "$cli" providers schema -json > "$work/schema.json")
# The offline CLIs predate resource identity: add the identity schemas from the provider itself.
(cd "$root" && go run ./internal/docsgen -schema "$work/schema.json" -provider registry.terraform.io/hashicorp/highlevel)

cd "$root/tools"
go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate \
  --provider-dir "$root" --provider-name highlevel --providers-schema "$work/schema.json"
