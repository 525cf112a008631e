#!/usr/bin/env bash
# Editor integration tests (run by scripts/test after cargo test built the binary):
# - VS Code: npm ci, type-check, compile, the client test against the real
#   server, packaging the .vsix, and the end-to-end test in a real VS Code
#   workbench (code-server driven by Playwright in chromium, installed by
#   .ci/install: editors/vscode/e2e/);
# - Neovim: the headless test in a real Neovim (from .ci/install's virtual
#   environment, ~/.cache/zhproof-venv, when it is there).
# A missing tool is an error on CI (CI=true) and a skip elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
export ZHPROOF_BIN="$PWD/target/debug/zhproof"
venv="${ZHPROOF_VENV:-$HOME/.cache/zhproof-venv}"
[ -d "$venv/bin" ] && export PATH="$venv/bin:$PATH"
e2e_tools="${ZHPROOF_E2E_TOOLS:-$(ls -d "${ZHPROOF_CI_CACHE:-$HOME/.cache/zhproof-ci}"/npm-* 2>/dev/null | tail -1)}"
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
  if [ -n "$e2e_tools" ] && [ -x "$e2e_tools/node_modules/.bin/code-server" ] && [ -x /usr/bin/chromium ]; then
    ZHPROOF_VSIX="$PWD/editors/vscode/zhproof.vsix" ZHPROOF_E2E_TOOLS="$e2e_tools" \
      timeout 300 node editors/vscode/e2e/run.mjs
  else
    missing "code-server and chromium (the VS Code end-to-end test)"
  fi
else
  missing npm
fi
if command -v nvim >/dev/null 2>&1; then
  # the results are written to stdout, line by line; Neovim's own messages
  # (stderr, not always ending in a newline) are shown after them
  for t in run enable; do
    msgs=$(mktemp)
    rc=0
    timeout 120 nvim --headless -u NONE -l "editors/nvim/test/$t.lua" 2>"$msgs" || rc=$?
    if [ -s "$msgs" ]; then
      echo "(Neovim's messages during test/$t.lua:)"
      sed -e '$a\' "$msgs"
    fi
    rm -f "$msgs"
    [ "$rc" -eq 0 ] || exit "$rc"
  done
else
  missing nvim
fi
