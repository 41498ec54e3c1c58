#!/usr/bin/env bash
# Installs Debian's Chromium for the browser e2e test (test/e2e/simulator*.e2e.test.ts), which
# drives it headless through playwright-core (a devDependency; it downloads no browser of its own).
# Idempotent: does nothing when /usr/bin/chromium is already there. Needs root (CI runs as root).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "[install-browser] chromium is installed: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-color-emoji >/dev/null
echo "[install-browser] installed: $(/usr/bin/chromium --version)"
