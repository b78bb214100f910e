#!/bin/sh
# .deb post-remove: reload udev rules. The `lane` group and the journal in the kiosk
# user's data directory are kept on purpose.
set -e
if command -v udevadm >/dev/null 2>&1; then udevadm control --reload-rules || true; fi
