#!/usr/bin/env bash
# A real print system for the printing tests (tests/cli/test_printing.py): CUPS with the cups-pdf
# virtual printer, which writes each job as a PDF into /var/spool/cups-pdf/ANONYMOUS/.
# Three queues: kzdocs-pdf (ready), kzdocs-paused (disabled), kzdocs-rejecting (not accepting jobs).
# Needs root on Debian; without it the printing tests skip and say why.
set -euo pipefail
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "cups.sh: not root on Debian; the printing tests will skip" >&2
  exit 0
fi
if ! command -v cupsd >/dev/null 2>&1 || [ ! -x /usr/lib/cups/backend/cups-pdf ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends cups cups-client cups-bsd printer-driver-cups-pdf
fi
# cups-pdf writes each job into /var/spool/cups-pdf/<user>/ (the tests look there).
sed -i 's|^#\?Out .*|Out /var/spool/cups-pdf/${USER}|; s|^#\?AnonDirName .*|AnonDirName /var/spool/cups-pdf/ANONYMOUS|' \
  /etc/cups/cups-pdf.conf
mkdir -p /var/spool/cups-pdf/ANONYMOUS
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  /usr/sbin/cupsd
  for _ in $(seq 1 50); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.2; done
fi
PPD=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
for queue in kzdocs-pdf kzdocs-paused kzdocs-rejecting; do
  lpstat -p "$queue" >/dev/null 2>&1 || lpadmin -p "$queue" -E -v cups-pdf:/ -P "$PPD"
done
cupsenable kzdocs-pdf && cupsaccept kzdocs-pdf
cupsdisable -r "paused for the test" kzdocs-paused && cupsaccept kzdocs-paused
cupsenable kzdocs-rejecting && cupsreject -r "rejecting for the test" kzdocs-rejecting
lpstat -p -a
