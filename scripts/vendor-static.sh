#!/usr/bin/env bash
# Refresh the vendored front-end assets from the npm registry (run by a developer, never at run time).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cp "$here/package.json" "$tmp/" && (cd "$tmp" && npm install --silent --no-audit --no-fund)
N="$tmp/node_modules"; V="$here/src/tact/static/vendor"
cp "$N/htmx.org/dist/htmx.min.js" "$N/htmx.org/LICENSE" "$V/htmx/"
cp "$N/@picocss/pico/css/pico.min.css" "$V/pico/"
cp "$N/echarts/dist/echarts.min.js" "$N/echarts/LICENSE" "$V/echarts/"
cp "$N/world-atlas/countries-110m.json" "$N/world-atlas/LICENSE" "$V/world-atlas/"
cp "$N/topojson-client/dist/topojson-client.min.js" "$N/topojson-client/LICENSE" "$V/topojson/"
echo "vendored into $V"
