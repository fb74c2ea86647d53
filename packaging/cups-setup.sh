#!/usr/bin/env bash
# Starts cupsd (no systemd here) and adds a PDF queue named PACKDESK_PDF backed by cups-pdf.
set -euo pipefail
command -v cupsd >/dev/null || { echo "cups-setup: cupsd is not installed"; exit 1; }
mkdir -p /run/cups
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  cupsd
  for _ in $(seq 1 50); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.1; done
fi
ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
[ -f "$ppd" ] || ppd=$(ls /usr/share/ppd/cups-pdf/*.ppd | head -n1)
lpstat -p PACKDESK_PDF >/dev/null 2>&1 || lpadmin -p PACKDESK_PDF -E -v cups-pdf:/ -P "$ppd"
cupsenable PACKDESK_PDF; cupsaccept PACKDESK_PDF
echo "cups-setup: queue PACKDESK_PDF ready"
