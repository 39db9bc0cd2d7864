#!/usr/bin/env bash
# Make sure the system packages the full test suite uses are there: LibreOffice (legacy
# .doc/.wps/.rtf conversion, PDF export; Calc for .xls/.et spreadsheets), CJK fonts for
# it, chromium + chromedriver for the browser test of `jixiao serve`. Installs them with
# apt when run as root on Debian/Ubuntu; otherwise says what is missing and goes on (the
# tests that need LibreOffice then skip locally, and fail in CI).
set -u
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
# Calc is a separate package: soffice without it cannot convert spreadsheets
if command -v dpkg-query >/dev/null 2>&1; then
    dpkg-query -W -f='${Status}' libreoffice-calc-nogui 2>/dev/null | grep -q "ok installed" \
        || dpkg-query -W -f='${Status}' libreoffice-calc 2>/dev/null | grep -q "ok installed" \
        || missing+=(libreoffice-calc-nogui)
fi
fc-list 2>/dev/null | grep -qi "noto.*cjk" || missing+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# The review application's browser test (Selenium drives Debian's chromium).
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} (apt-get)…" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "warning: missing ${missing[*]}; install them (sudo make system-deps) for the full suite" >&2
fi
exit 0
