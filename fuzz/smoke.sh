#!/usr/bin/env bash
# The CI's fuzz smoke run: every target for FUZZ_SMOKE_SECS seconds (20 by
# default), failing on any crash. See fuzz/README.md for the long campaign.
set -euo pipefail
exec "$(dirname "$0")/run.sh" "${FUZZ_SMOKE_SECS:-20}"
