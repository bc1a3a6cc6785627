#!/usr/bin/env bash
# Builds Kehu CRM and opens it. Installs missing system and npm packages first.
# The database lives in ~/.local/share/dev.kehu.crm/kehu.db (CRM_DB=/path/to/file.db to use another).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
echo "==> building the UI"
(cd ui && npm run build --silent)
echo "==> building and starting the app"
exec cargo run --release --bin crm-desktop
