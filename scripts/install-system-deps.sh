#!/usr/bin/env bash
# Installs the Debian packages the tests need and a fresh machine lacks (run as root):
#   chromium       end-to-end tests drive Debian's Chromium through playwright-core
#   socat          pseudo-terminal pairs that stand in for serial devices in driver tests
#   libusb-1.0-0   USB transports of the device drivers
#   fonts-dejavu-core  the kiosk's font, so screenshots look as on the kiosk
#   postgresql     the reference central receiver's database (throw-away clusters in its tests)
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v socat >/dev/null 2>&1 || need+=(socat)
dpkg -s libusb-1.0-0 >/dev/null 2>&1 || need+=(libusb-1.0-0)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
