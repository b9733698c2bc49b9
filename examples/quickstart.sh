#!/usr/bin/env bash
# The quick start: package a third-party ONNX model, verify it, register it and promote it to production,
# on the embedded default (SQLite + local files under ./.pitstop). Safe to run again: each run adds a version.
set -euo pipefail
cd "$(dirname "$0")/.."
pitstop() { node bin/pitstop.js "$@"; }
step() { printf '\n\033[1m$ pitstop %s\033[0m\n' "$*"; pitstop "$@"; }

out="$(mktemp -d)/iris.pitstop"
step init
step package build --model examples/iris/model.onnx --manifest examples/iris/pitstop.yaml --reference examples/iris/iris.csv --out "$out"
step package verify "$out"
version=$(pitstop --json register "$out" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).version.version))')
printf '\n\033[1m$ pitstop register %s\033[0m\nRegistered iris v%s\n' "$out" "$version"
step stage iris "$version" staging --reason "quick start: smoke-tested"
step stage iris "$version" production --reason "quick start: promoted"
step alias set iris champion "$version"
step versions iris
step history iris --at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
