#!/usr/bin/env bash
# Installs, with apt-get, what a fresh Debian 12 machine lacks to build and test Ansvar.
# Idempotent: packages already present are not touched; apt-get runs only when something is missing.
set -euo pipefail
packages=(
  build-essential cmake ccache pkg-config python3
  libsimdjson-dev rapidjson-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libsqlite3-dev libsodium-dev libboost-dev libssl-dev openssl libzstd-dev
  libpq-dev postgresql postgresql-client
  libgtest-dev libgmock-dev
  clang libclang-rt-14-dev clang-format clang-tidy
  chromium fonts-dejavu-core
  libxlsxwriter-dev libzip-dev libpugixml-dev libcairo2-dev libpango1.0-dev poppler-utils
  libcurl4-openssl-dev python3-aiosmtpd python3-icalendar python3-jsonschema slowhttptest
)
missing=()
# The web interface builds with npm (Vite needs Node 20.19 or later); Debian's nodejs only when there is none.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
