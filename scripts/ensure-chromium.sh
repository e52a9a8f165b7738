#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (browser downloads are not possible on these machines).
# Installs it when missing and we may (root with apt-get); otherwise says what to do.
set -euo pipefail
chromium_bin="${TIDINGS_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium_bin" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is missing at $chromium_bin. Install Debian's 'chromium' package, or set TIDINGS_CHROMIUM to a Chromium binary." >&2
exit 1
