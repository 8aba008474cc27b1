#!/usr/bin/env bash
# Runs every ChainPos test on a fresh Debian machine.
# It installs what the tests need and is missing (PostgreSQL server binaries and the Prometheus
# server and Chromium from Debian's packages; the tests start their own servers in temp folders) and the
# npm packages of the Node.js interop and browser tests (`npm ci`; Node.js and npm from Debian if missing),
# then runs `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs Debian packages without starting any service they ship (Debian's postinst scripts start them
# through systemd, or their init script where there is none, as in a container): a policy-rc.d answering
# 101 ("not allowed") for the duration of the install. The tests need only the binaries and start their
# own servers in temp folders.
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  local policy=/usr/sbin/policy-rc.d made_policy="" installed=0
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    made_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null || installed=$?
  if [ -n "$made_policy" ]; then as_root rm -f "$policy"; fi
  return "$installed"
}

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "==> Installing PostgreSQL server binaries (Debian package 'postgresql')"
  apt_install postgresql
fi

if [ ! -x /usr/bin/prometheus ]; then
  echo "==> Installing the Prometheus server (Debian package 'prometheus'; the observability tests start their own on loopback)"
  apt_install prometheus
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "==> Installing Node.js and npm (Debian packages 'nodejs' and 'npm')"
  apt_install nodejs npm
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing Chromium (Debian package 'chromium'; the browser tests drive it headless with playwright-core)"
  apt_install chromium
fi

# npm packages of the Node.js test scripts (gRPC interop, browser, Kubernetes manifest validation), exactly as each
# package-lock.json pins them.
for dir in tests/interop-node tests/browser tests/k8s-validate; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    echo "==> npm ci in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
    touch "$dir/node_modules"
  fi
done

echo "==> dotnet build (Release)"
dotnet build ChainPos.sln -c Release -nologo -clp:ErrorsOnly

# Test assemblies run one after another (-m:1): the cluster tests use short liveness timeouts, and
# on a 2-core machine a neighbouring suite could otherwise make a healthy silo look dead.
echo "==> dotnet test (Release)"
log="$(mktemp)"
set +e
dotnet test ChainPos.sln -c Release --no-build -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain summary line over all test assemblies.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
