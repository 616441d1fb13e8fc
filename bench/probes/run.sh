#!/usr/bin/env bash
# Runs the paper-blocks probe set on this machine's CPU with `lfb probe` and prints a Markdown table of each family's
# variants against their reference: time per GMAC as a ratio to the reference measured in the same process, so the
# table says which designs cost more time than their MACs say here, and by how much. Usage: bench/probes/run.sh [out.json]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$(mktemp -t lfb-paper-blocks-XXXX.json)}"
dotnet run -c Release --project "$root/src/LowFormerBench.Cli" -- probe --set paper-blocks --format json > "$out"
/usr/bin/python3 "$root/bench/probes/table.py" "$out"
