#!/usr/bin/env bash
# Cross-checks crates/acs against Alibaba's official SDK packages (PyPI), offline:
# N random cases per signature family, computed by ../shared/tools/sign_reference.py.
# Usage: tools/acs/crosscheck.sh [N=500] [SEED=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-500}"; SEED="${2:-1}"
# FLOWPLAY_SHARED: where ../shared is when the checkout is not next to it (a worktree).
REF="${FLOWPLAY_SHARED:-../shared}/tools/sign_reference.py"
VENV=.venv-acs
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  # Versions verified by the reference script's author (its header).
  "$VENV/bin/pip" install -q aliyun-python-sdk-core==2.16.1 alibabacloud-openapi-util==0.2.4 \
    alibabacloud-tea-openapi==0.4.6 alibabacloud-tea-util==0.3.15
fi
mkdir -p target
CASES=target/sdk-cases.jsonl
: > "$CASES"
for kind in rpc roa v3; do
  "$VENV/bin/python" "$REF" random "$N" "$SEED" "$kind" >> "$CASES"
done
echo "generated $(wc -l < "$CASES") cases with the official SDK"
FLOWPLAY_SDK_CASES="$PWD/$CASES" cargo test --quiet -p acs --test sdk_crosscheck -- --nocapture 2>&1 | grep -E "agreed|test result|panicked|case"
