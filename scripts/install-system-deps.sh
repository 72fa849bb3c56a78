#!/usr/bin/env bash
# Debian packages the project and its test suite need beyond Python: Pango and HarfBuzz for
# WeasyPrint's PDFs, fontconfig, and Chromium with its driver for the archive site's
# browser tests. Idempotent and quick: installs only what is missing, and runs
# `apt-get update` only when something is. Needs root (CI and the dev machines run as root).
set -euo pipefail

PACKAGES=(
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fontconfig
    shared-mime-info
    chromium chromium-driver
)

missing=()
for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages: all ${#PACKAGES[@]} present"
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "error: missing Debian packages (${missing[*]}) and no apt-get here: install them by hand" >&2
    exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing Debian packages: ${missing[*]}; run this script as root (or: sudo $0)" >&2
    exit 2
fi
echo "system packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
