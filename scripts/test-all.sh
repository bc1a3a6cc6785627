#!/usr/bin/env bash
# Runs every check and test of Kehu CRM: formatting and lints, Rust unit and integration tests
# (core, CLI, Tauri commands, TypeScript bindings freshness), UI type checks, lint, component tests
# and browser flows, the end-to-end test in the real app window under Xvfb, and a benchmark smoke
# run. Installs missing system and npm packages first. `.ci/run` calls exactly this.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh" --test
cd "$ROOT"
# A run from a clean checkout gains nothing from incremental caches; they only cost disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
step() { echo; echo "==> $*"; }

step "UI: type check, lint, component tests, build"
(cd ui && npm run typecheck && npm run lint && npm test && npm run build)

step "Rust: formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

step "Rust: unit and integration tests (core, CLI, commands, bindings)"
cargo test --workspace

step "UI: browser flows in Chromium"
(cd ui && npm run test:flows)

step "End to end: the real app window through tauri-driver under Xvfb"
cargo build --bin crm-desktop
if ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver --locked --quiet
fi
xvfb-run -a -s "-screen 0 1280x800x24" cargo test --test e2e -- --ignored --test-threads=1

step "Benchmark smoke run (the full figures: see README)"
# A fresh database each run: one left by an older build of this branch may hold a schema since changed.
rm -rf target/bench-smoke
cargo run --quiet -p crm-cli --bin crm-bench -- --customers 3000 --leads 2000 --opportunities 1000 --samples 20 --dir target/bench-smoke
cargo run --quiet -p crm-cli --bin crm-bench -- --customers 3000 --dedupe-only --dir target/bench-smoke

echo; echo "All checks passed."
