#!/usr/bin/env bash
# Runs every fuzz target (see fuzz/README.md) for a bounded time on its corpus and regressions.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 20 s each, every target)
#
# Exits non-zero if any target finds a crash, timeout or OOM; the input is left in
# fuzz/artifacts/<target>/. The committed corpus is only read: new inputs go to a temporary
# directory. Environment: FUZZ_SANITIZER (address | none; default address), CARGO_TARGET_DIR.
# Needs no nightly toolchain: RUSTC_BOOTSTRAP=1 lets stable rustc take cargo-fuzz's -Z flags.
set -euo pipefail

SECONDS_PER_TARGET="${1:-20}"
shift || true
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export RUSTC_BOOTSTRAP=1
SANITIZER="${FUZZ_SANITIZER:-address}"
ALL_TARGETS=(yaml_model yaml_fast expression lint engine signer relay_target float)
if [ "$#" -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

echo "fuzz.sh: building ${#TARGETS[@]} target(s) (sanitizer: $SANITIZER)" >&2
for target in "${TARGETS[@]}"; do
    cargo fuzz build --fuzz-dir fuzz --sanitizer "$SANITIZER" "$target"
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failed=()
for target in "${TARGETS[@]}"; do
    mkdir -p "$WORK/$target" "fuzz/artifacts/$target"
    dirs=("$WORK/$target" "fuzz/corpus/$target")
    if [ -d "fuzz/regressions/$target" ]; then dirs+=("fuzz/regressions/$target"); fi
    echo "fuzz.sh: $target for ${SECONDS_PER_TARGET}s" >&2
    if ! cargo fuzz run --fuzz-dir fuzz --sanitizer "$SANITIZER" "$target" "${dirs[@]}" -- \
        -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=10 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$target/"; then
        failed+=("$target")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz.sh: FAILED: ${failed[*]} (inputs in fuzz/artifacts/<target>/; reproduce with" \
        "RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz <target> <file>)" >&2
    exit 1
fi
echo "fuzz.sh: all ${#TARGETS[@]} target(s) ran ${SECONDS_PER_TARGET}s without a crash" >&2
