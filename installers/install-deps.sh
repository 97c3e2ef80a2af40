#!/usr/bin/env bash
# Installs the Debian 12 packages that building, testing and packaging GradScope need.
#
# Idempotent: when every package is already installed it prints nothing and exits 0. Otherwise it
# runs apt-get as root, or through sudo for another user.
set -euo pipefail

packages=(
    build-essential     # g++, make, dpkg-dev (dpkg-shlibdeps for cpack -G DEB)
    cmake               # build system (3.25)
    ninja-build         # the generator every CMake preset uses
    file                # cpack -G DEB uses it to find the binaries to inspect
    qt6-base-dev        # Qt Core, Gui, Widgets, PrintSupport, Test
    qt6-svg-dev         # Qt SVG: the icon, SVG export
    qt6-qpa-plugins     # xcb/wayland/offscreen platform plugins (only a Recommends elsewhere)
    libqcustomplot-dev  # plots
    libeigen3-dev       # tensor storage in the engine
    graphviz            # dot: lays out graphs (run as a program, not linked)
    libbenchmark-dev    # bench/ (Google Benchmark)
    xvfb                # xvfb-run: a real X server for screenshots without a display
    xauth               # needed by xvfb-run (only a Recommends elsewhere)
    fonts-dejavu-core   # without a font every text renders as empty boxes
    help2man            # the manual page gradscope.1, made from `gradscope --help` at build time
    lintian             # installers/check-deb.sh: checks the Debian package
    python3             # tests: the TensorFlow code GradScope writes must parse as Python
    clang               # the sanitizer build (preset asan): compiles it in about half GCC's time
    libclang-rt-14-dev  # Clang's sanitizer and libFuzzer runtimes (preset asan, preset fuzz)
    lld                 # LLVM's linker: links the test programs faster than gold
)

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

if ((EUID == 0)); then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install-deps.sh: missing packages: ${missing[*]}" >&2
    echo "install-deps.sh: run this script as root, or install sudo, to install them" >&2
    exit 1
fi

echo "install-deps.sh: installing ${missing[*]}"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
