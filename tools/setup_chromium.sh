#!/usr/bin/env bash
# Install Debian's Chromium for Odoo's browser tests when no Chrome is on PATH.
# Odoo looks for google-chrome, chromium or chromium-browser and skips browser
# tests without one.
set -euo pipefail

for name in google-chrome chromium chromium-browser; do
    if command -v "$name" >/dev/null; then
        echo "setup: browser tests use $(command -v "$name")"
        exit 0
    fi
done

echo "setup: installing Debian's chromium for browser tests"
sudo_cmd=()
[ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium >/dev/null
echo "setup: browser tests use $(command -v chromium)"
