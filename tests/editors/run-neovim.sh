#!/usr/bin/env bash
# Runs the headless Neovim test of `flowplay lsp` (tests/editors/neovim/lsp_test.lua).
# Usage: tests/editors/run-neovim.sh [path/to/flowplay]   (default: target/debug/flowplay)
# Needs `nvim` (Debian: apt-get install -y neovim). Exits non-zero when a check fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
flowplay="$(realpath "${1:-$here/../../target/debug/flowplay}")"
[ -x "$flowplay" ] || { echo "run-neovim.sh: no flowplay binary at $flowplay (cargo build -p flowplay-cli)" >&2; exit 2; }
command -v nvim >/dev/null || { echo "run-neovim.sh: nvim is not installed (apt-get install -y neovim)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A copy to edit, in a folder without a flowplay.json (the defaults apply).
cp "$here/neovim/broken.yaml" "$work/broken.yaml"
FLOWPLAY="$flowplay" WORKFLOW="$work/broken.yaml" XDG_STATE_HOME="$work" XDG_DATA_HOME="$work" \
  timeout 60 nvim --headless -u NONE -i NONE -n +"luafile $here/neovim/lsp_test.lua"
