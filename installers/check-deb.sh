#!/usr/bin/env bash
# Builds the Debian package from the build tree of the "default" preset, checks it with lintian
# (any error or warning fails) and checks that it installs and works:
#
#   - in a bare Debian 12 where one can be had: a container (podman, or docker with a running
#     daemon; image debian:12) or a chroot made by mmdebstrap (as root). There the package is
#     installed with `apt-get install ./gradscope_*.deb` and gradscope is run: --version, a
#     headless `eval`, the window drawn with --screenshot under xvfb-run, and the window opened
#     on the X server of xvfb-run;
#   - otherwise (it says so): the package's control data and contents (dpkg-deb -I, dpkg-deb -c),
#     its dependencies resolved against this system's Debian 12 archive (apt-get --simulate),
#     an install with dpkg into an empty temporary root (dpkg --root), and the same runs of the
#     gradscope installed there (on this system's libraries).
#
# Usage: installers/check-deb.sh [--no-build] [--no-container]
#   --no-build      package the build tree as it is (cpack still brings it up to date)
#   --no-container  skip the container/chroot even when one is available
#
# Needs a configured tree (cmake --preset default, or ./dev build) and lintian, help2man, xvfb,
# xauth (installers/install-deps.sh). JOBS=N sets the build parallelism. GRADSCOPE_BUILD_LOCK=FILE
# runs the build and cpack under `flock FILE`, for machines where several people build the same
# tree. KEEP=1 keeps the temporary directory.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$root/build/default"
build=1
container=1
for argument in "$@"; do
    case "$argument" in
        --no-build) build=0 ;;
        --no-container) container=0 ;;
        -h | --help) sed -n '2,24s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "check-deb.sh: unknown argument '$argument'" >&2; exit 2 ;;
    esac
done

say() { printf '\ncheck-deb.sh: %s\n' "$*"; }
fail() { printf 'check-deb.sh: FAILED: %s\n' "$*" >&2; exit 1; }

for tool in cmake cpack lintian dpkg-deb dpkg xvfb-run; do
    command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is missing: run installers/install-deps.sh"
done
[[ -f "$build_dir/CPackConfig.cmake" ]] ||
    fail "$build_dir is not configured: run 'cmake --preset default' (or ./dev build) first"

locked=()
if [[ -n "${GRADSCOPE_BUILD_LOCK:-}" ]]; then
    locked=(flock "$GRADSCOPE_BUILD_LOCK")
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/gradscope-check-deb.XXXXXX")
cleanup() {
    if [[ "${KEEP:-0}" == 1 ]]; then
        echo "check-deb.sh: kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# --- Build and package ----------------------------------------------------------------------------
cd "$root"
if ((build)); then
    say "building (cmake --build --preset default)"
    "${locked[@]}" cmake --build --preset default -j "${JOBS:-$(nproc 2>/dev/null || echo 2)}" ||
        fail "the build failed (above)"
fi
say "packaging (cpack -G DEB in $build_dir)"
(cd "$build_dir" && "${locked[@]}" cpack -G DEB) | tee "$work/cpack.log" ||
    fail "cpack -G DEB failed (above)"
deb=$(sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' "$work/cpack.log" | tail -n 1)
[[ -n "$deb" && -f "$deb" ]] || fail "cpack did not say which .deb it generated"
echo "package: $deb"

# --- lintian --------------------------------------------------------------------------------------
say "lintian $(basename "$deb") (errors and warnings fail; informational tags are shown)"
lintian --display-info --fail-on error,warning "$deb" | tee "$work/lintian.log" ||
    fail "lintian reported errors or warnings (above)"
if grep -q '^[EW]: ' "$work/lintian.log"; then
    fail "lintian reported errors or warnings (above)"
fi
echo "lintian: no errors, no warnings"

# --- What is in it --------------------------------------------------------------------------------
say "dpkg-deb -I"
dpkg-deb -I "$deb"
say "dpkg-deb -c"
dpkg-deb -c "$deb" | tee "$work/contents.txt"
expected=(
    ./usr/bin/gradscope
    ./usr/share/applications/gradscope.desktop
    ./usr/share/icons/hicolor/scalable/apps/gradscope.svg
    ./usr/share/metainfo/io.github.gradscope.GradScope.metainfo.xml
    ./usr/share/mime/packages/gradscope.xml
    ./usr/share/man/man1/gradscope.1.gz
    ./usr/share/doc/gradscope/copyright
    ./usr/share/doc/gradscope/changelog.Debian.gz
    ./usr/share/lintian/overrides/gradscope
)
for path in "${expected[@]}"; do
    awk '{print $NF}' "$work/contents.txt" | grep -qxF "$path" || fail "the package lacks $path"
done
echo "contents: all ${#expected[@]} expected files are there"

# --- The checks run where gradscope is installed --------------------------------------------------
# One script for the container, the chroot and the temporary root: PREFIX is where the package was
# installed ("" in a container or chroot), OUT a writable directory.
read -r -d '' smoke_test <<'SMOKE' || true
set -euo pipefail
prefix=${PREFIX:-}
out=${OUT:-/tmp}
gradscope="$prefix/usr/bin/gradscope"
check() { printf '  %-58s ' "$1"; }
ok() { echo "ok${1:+ ($1)}"; }
for path in /usr/share/applications/gradscope.desktop \
            /usr/share/icons/hicolor/scalable/apps/gradscope.svg \
            /usr/share/mime/packages/gradscope.xml \
            /usr/share/metainfo/io.github.gradscope.GradScope.metainfo.xml \
            /usr/share/man/man1/gradscope.1.gz \
            /usr/share/doc/gradscope/copyright \
            /usr/share/doc/gradscope/changelog.Debian.gz; do
    check "installed: $path"
    [[ -s "$prefix$path" ]] || { echo "MISSING"; exit 1; }
    ok
done
grep -q '^MimeType=application/x-gradscope;' "$prefix/usr/share/applications/gradscope.desktop"
grep -q 'glob pattern="\*.gscope"' "$prefix/usr/share/mime/packages/gradscope.xml"
check "the man page reads"
zcat "$prefix/usr/share/man/man1/gradscope.1.gz" | grep -q '^\.TH GRADSCOPE "1"'
ok

export HOME="$out/home" XDG_RUNTIME_DIR="$out/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM

check "gradscope --version"
version=$("$gradscope" --version)
ok "$version"

check "gradscope eval \"3*w1**2\" --at w1=5 --json"
json=$("$gradscope" eval "3*w1**2" --at w1=5 --json)
compact=$(tr -d ' \n' <<<"$json")
[[ "$compact" == *'"value":75.0,'* && "$compact" == *'"gradients":{"w1":30.0}'* ]] ||
    { echo "unexpected: $json"; exit 1; }
ok "value 75, gradient 30"

check "xvfb-run gradscope --screenshot (1024x768)"
xvfb-run -a "$gradscope" --screenshot "$out/window.png" --size 1024x768 >"$out/shot.log" 2>&1 ||
    { echo "failed:"; cat "$out/shot.log"; exit 1; }
[[ "$(head -c 8 "$out/window.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] ||
    { echo "not a PNG"; exit 1; }
ok "$(wc -c <"$out/window.png") bytes of PNG"

# The real window on the X server (the xcb platform plugin): still running after 8 s, then stopped.
check "xvfb-run gradscope (the window on X, 8 s)"
status=0
QT_QPA_PLATFORM=xcb xvfb-run -a timeout 8 "$gradscope" >"$out/window.log" 2>&1 || status=$?
[[ $status == 124 ]] || { echo "exited with $status:"; cat "$out/window.log"; exit 1; }
ok
SMOKE

# The package and the checks, in one directory for a container or chroot to see as /pkg.
mkdir -p "$work/pkg"
cp "$deb" "$work/pkg/"
printf '%s\n' "$smoke_test" >"$work/pkg/smoke.sh"
deb_name=$(basename "$deb")
in_debian="set -e
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends /pkg/$deb_name xvfb xauth >/dev/null
echo apt-get install ./$deb_name: installed
mkdir -p /tmp/check
PREFIX= OUT=/tmp/check bash /pkg/smoke.sh"

ran_in=""
if ((container)); then
    if command -v podman >/dev/null 2>&1 && podman info >/dev/null 2>&1; then
        say "installing into a bare Debian 12 container (podman, docker.io/library/debian:12)"
        podman run --rm -v "$work/pkg:/pkg:ro" docker.io/library/debian:12 sh -c "$in_debian"
        ran_in="a podman container (debian:12)"
    elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
        say "installing into a bare Debian 12 container (docker, debian:12)"
        docker run --rm -v "$work/pkg:/pkg:ro" debian:12 sh -c "$in_debian"
        ran_in="a docker container (debian:12)"
    elif command -v mmdebstrap >/dev/null 2>&1; then
        say "installing into a bare Debian 12 chroot (mmdebstrap bookworm)"
        # The hooks run inside mmdebstrap's chroot, with /proc, /dev and the network set up.
        mmdebstrap --variant=apt bookworm "$work/bookworm" \
            --customize-hook='mkdir -p "$1/pkg"' \
            --customize-hook="copy-in $work/pkg/$deb_name $work/pkg/smoke.sh /pkg" \
            --customize-hook="chroot \"\$1\" sh -c '$in_debian'"
        ran_in="a chroot made by mmdebstrap (bookworm)"
    fi
fi

# What each tool is here, for saying why none was used.
tool_state() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "$1: not installed"
    elif [[ "$1" == mmdebstrap ]] || "$1" info >/dev/null 2>&1; then
        echo "$1: usable"
    else
        echo "$1: installed, but '$1 info' fails (no daemon or service)"
    fi
}

if [[ -z "$ran_in" ]]; then
    if ((container)); then
        say "no container or chroot is usable here ($(tool_state podman); $(tool_state docker);" \
            "$(tool_state mmdebstrap)): checking with dpkg on this system instead"
    else
        say "--no-container: checking with dpkg on this system"
    fi
    say "apt-get install --simulate $deb_name (its dependencies resolve on this system)"
    apt-get install --simulate --no-install-recommends "$deb" >"$work/simulate.log" 2>&1 ||
        { cat "$work/simulate.log"; fail "apt-get cannot install the package's dependencies"; }
    grep -E '^(Inst|Conf) gradscope|newly installed' "$work/simulate.log"
    say "dpkg --root: installing into an empty root ($work/root)"
    mkdir -p "$work/root/var/lib/dpkg/info" "$work/root/var/lib/dpkg/updates"
    touch "$work/root/var/lib/dpkg/status"
    # The root is empty, so the dependencies (present on this system, as apt-get just showed)
    # cannot be satisfied in it: dpkg is told to go on, and lists them in its log.
    dpkg --root="$work/root" --force-depends -i "$deb" >"$work/dpkg.log" 2>&1 ||
        { cat "$work/dpkg.log"; fail "dpkg could not install the package"; }
    dpkg --root="$work/root" -s gradscope | grep -E '^(Package|Status|Version):'
    say "running the gradscope installed there"
    mkdir -p "$work/out"
    PREFIX="$work/root" OUT="$work/out" bash -c "$smoke_test"
    ran_in="dpkg --root in a temporary directory, run on this system's libraries"
fi

say "all checks passed: lintian clean; installed and run in $ran_in"
