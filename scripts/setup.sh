# Sourced by scripts/run and scripts/test: installs what is missing, configures and builds.
# Idempotent: on a machine that has everything and an up-to-date build it takes seconds.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${ATTNSCOPE_BUILD_DIR:-$ROOT/build}
BUILD_TYPE=${ATTNSCOPE_BUILD_TYPE:-Release}
JOBS=${ATTNSCOPE_JOBS:-2}

# Debian 12 packages: compiler and build tools; Qt 6 with SVG and Linguist, and Qt's own
# translations (its buttons and file dialogs in Chinese); QCustomPlot for Qt 6;
# Eigen, ICU, JSON; GoogleTest and Google Benchmark; Xvfb to run the window without a screen;
# a CJK font so Chinese tokens render; clang-format and git for the FormatApplied test.
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n libqcustomplot-dev
  libeigen3-dev libicu-dev nlohmann-json3-dev
  libgtest-dev libbenchmark-dev
  xvfb xauth fonts-wqy-microhei
  clang-format git
)

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

install_missing_packages() {
  local missing=()
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  if ((${#missing[@]})); then
    echo "Installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}"
  fi
  # The pretrained encoder (`--model use-lite`, its golden tests): fetched once, checked by hash.
  # A failed fetch stops here (set -e) rather than as failing golden tests later.
  local model
  model=$("$ROOT/scripts/fetch-model")
  echo "Model: $model"
}

configure_and_build() {
  if [[ ! -f $BUILD_DIR/build.ninja ]]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "$@"
  fi
  cmake --build "$BUILD_DIR" -j "$JOBS"
}
