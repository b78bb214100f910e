#!/bin/sh
# .deb post-install: the `lane` group the udev rules hand devices to, and fresh rules.
set -e
getent group lane >/dev/null || groupadd --system lane
if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || true
  udevadm trigger --subsystem-match=hidraw --subsystem-match=tty --subsystem-match=usbmisc --subsystem-match=input || true
fi
