#!/usr/bin/env bash
# make install: builds the release zip of the provider for this machine (tools/release, the
# same artifacts as .goreleaser.yml) into dist/, installs it into a local filesystem mirror
# for both registry.terraform.io/ghl-iac/highlevel and registry.opentofu.org/ghl-iac/highlevel,
# and writes a CLI configuration that installs the provider from that mirror. The user's own
# CLI configuration (~/.terraformrc, ~/.tofurc) is never read or written.
#
# Environment: VERSION (default 0.1.0; a release version, as CLIs do not select pre-releases
# unless a configuration pins them), INSTALL_DIR (default
# ${XDG_DATA_HOME:-~/.local/share}/terraform-provider-highlevel), DIST (default dist/),
# TARGETS (default host; "all" builds the whole release matrix).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=${VERSION:-0.1.0}
install_dir=${INSTALL_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/terraform-provider-highlevel}
mkdir -p "$install_dir"
install_dir=$(cd "$install_dir" && pwd)
dist=${DIST:-$root/dist}
rc="$install_dir/cli.tfrc"

# shellcheck source=progress.sh
. "$root/tools/progress.sh"
echo "== building terraform-provider-highlevel $version (release build for ${TARGETS:-host}) into $dist" >&2
(cd "$root/tools" && with_progress "release build" go run ./release -version "$version" -root "$root" -dist "$dist" \
  -targets "${TARGETS:-host}" -mirror "$install_dir/mirror" -cli-config "$rc")

cat <<MSG

Installed ghl-iac/highlevel $version for Terraform and OpenTofu. To use it, in every shell:

  export TF_CLI_CONFIG_FILE=$rc

then 'terraform init' (or 'tofu init') in a configuration that requires
source = "ghl-iac/highlevel" installs it from $install_dir/mirror.
Reinstalling the same sources changes nothing. After reinstalling changed sources under the same
version, a configuration initialised before needs 'rm -rf .terraform/providers .terraform.lock.hcl'
and a new init (its lock file holds the previous build's checksum), or use a new VERSION.
MSG
