#!/usr/bin/env bash
# Editor integration tests (run by scripts/test after cargo test built the binary):
# - VS Code: npm ci, type-check, compile, the client test against the real
#   server, and packaging the .vsix;
# - Neovim: the headless test in a real Neovim.
# A missing tool is an error on CI (CI=true) and a skip elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
export ZHPROOF_BIN="$PWD/target/debug/zhproof"
[ -x "$ZHPROOF_BIN" ] || cargo build
missing() {
  if [ "${CI:-}" = "true" ]; then echo "editors/test.sh: $1 is required on CI" >&2; exit 1; fi
  echo "editors/test.sh: $1 not installed, skipping its tests (run .ci/install)"
}
if command -v npm >/dev/null 2>&1; then
  ( cd editors/vscode
    npm ci --no-audit --no-fund
    npm run lint
    npm run compile
    npm test
    npx --no-install vsce package --out zhproof.vsix
    ls -l zhproof.vsix )
else
  missing npm
fi
if command -v nvim >/dev/null 2>&1; then
  out=$(timeout 120 nvim --headless -u NONE -l editors/nvim/test/run.lua 2>&1) || { echo "$out"; exit 1; }
  echo "$out"
else
  missing nvim
fi
