#!/usr/bin/env bash
# Build the Linux bundle with PyInstaller: DEST/inkop-desktop/ holds both programs
# (inkop-desktop, inkop) and one shared _internal/ folder. One build, no UPX.
# Usage: installer/build.sh DEST [PYTHON]
#   PYTHON (default: $PYTHON or python3) must have the project and PyInstaller installed:
#   pip install -e '.[installer]'. Then check the result with: python installer/smoke.py DEST/inkop-desktop
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dest=${1:?usage: installer/build.sh DEST [PYTHON]}
python=${2:-${PYTHON:-python3}}

if ! "$python" -c 'import PyInstaller' 2>/dev/null; then
    echo "PyInstaller is not installed for $python: pip install -e '.[installer]'" >&2
    exit 2
fi
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/inkop-pyinstaller.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$dest" --workpath "$work" "$here/inkop-desktop.spec"

bundle=$dest/inkop-desktop
size=$(du -sb "$bundle" | cut -f1)
echo "bundle: $bundle: $((size / 1024 / 1024)) MiB in $(find "$bundle" -type f | wc -l) files"
