#!/usr/bin/env bash
# Runs a command against a real OS keychain on Linux, as a desktop session has one: a
# private D-Bus session (dbus-run-session) with gnome-keyring's Secret Service, unlocked
# with a password given on stdin (with an empty one it makes no default keyring to store
# in). The keyring's files live in a temporary directory, never in the user's own keyring.
# Used by `npm test` for test/keychain/; needs dbus-run-session and gnome-keyring-daemon.
set -euo pipefail

if [ -z "${CUTI_KEYCHAIN_SESSION:-}" ]; then
  exec env CUTI_KEYCHAIN_SESSION=1 dbus-run-session -- "$0" "$@"
fi

data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
export XDG_DATA_HOME="$data/data" XDG_RUNTIME_DIR="$data/run" XDG_CACHE_HOME="$data/cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
# The tests restart and relock the daemon with the same password.
export CUTI_TEST_KEYRING_PASSWORD="cuti-keyring-$$"
printf '%s' "$CUTI_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
# The keychain tests fail, rather than skip, when this session has no working keychain.
export CUTI_KEYCHAIN_TESTS=required
"$@"
