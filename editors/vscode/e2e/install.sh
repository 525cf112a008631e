#!/usr/bin/env bash
# Install what the VS Code end-to-end test (editors/vscode/e2e/run.mjs) needs:
# code-server (VS Code in a browser) and playwright-core from the npm registry,
# driving Debian's chromium. Everything goes under $ZHPROOF_CI_CACHE
# (default ~/.cache/zhproof-ci), so a second run finds it and does nothing.
#
# The recipe (issue 13): code-server 4.100.3 is VS Code 1.100.3 and the last
# release that runs on Node 20; its native modules build against Debian's
# -dev packages (installed by .ci/install); @vscode/ripgrep would download a
# binary from GitHub, so Debian's rg is put in its download cache first.
set -euo pipefail
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
RIPGREP_CACHE_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
cache="${ZHPROOF_CI_CACHE:-$HOME/.cache/zhproof-ci}"
prefix="$cache/npm-$CODE_SERVER_VERSION-$PLAYWRIGHT_VERSION"
if [ -x "$prefix/node_modules/.bin/code-server" ] && [ -d "$prefix/node_modules/playwright-core" ]; then
  echo "e2e tools: cached in $prefix"
  exit 0
fi
command -v rg >/dev/null || { echo "install.sh: ripgrep (rg) is needed" >&2; exit 1; }
mkdir -p "$prefix"
tmp="${TMPDIR:-/tmp}"
mkdir -p "$tmp/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION"
asset="$tmp/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION/$RIPGREP_ASSET"
[ -s "$asset" ] || tar -czf "$asset" -C "$(dirname "$(command -v rg)")" rg
export npm_config_unsafe_perm=true npm_config_nodedir=/usr npm_config_yes=true
npm install --prefix "$prefix" --no-audit --no-fund --no-save \
  "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"
"$prefix/node_modules/.bin/code-server" --version
