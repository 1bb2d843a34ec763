#!/usr/bin/env bash
# The public example (shared/spec/examples) reproduces its expected findings and derived fields exactly.
set -euo pipefail
ansvar=$1
shared=$2
ex=$shared/spec/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$ansvar" check "$ex/kungsbacka-small.json" --format json >"$tmp/findings.json"
"$ansvar" derive "$ex/kungsbacka-small.json" --format json >"$tmp/derive.json"
"$shared/tools/compare-findings" "$ex/kungsbacka-small.expected.json" "$tmp/findings.json" "$tmp/derive.json"
