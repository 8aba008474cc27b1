#!/usr/bin/env bash
# Draws the latency plots of every scenario result in RESULTS_DIR into IMAGES_DIR (docs/images by default),
# installing gnuplot from Debian's packages if it is missing.
# Usage: bash src/ChainPos.LoadGen/plot-latency.sh RESULTS_DIR [IMAGES_DIR] [LABEL for the titles]
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v gnuplot >/dev/null 2>&1; then
  echo "==> Installing gnuplot (Debian package 'gnuplot-nox')"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gnuplot-nox >/dev/null
fi
./src/ChainPos.LoadGen/bin/Release/net10.0/chainpos-load plot "$1" "${2:-docs/images}" "${3:-}"
