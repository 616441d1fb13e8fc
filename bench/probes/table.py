"""Markdown summary of `lfb probe --format json`: per comparison, each variant's ratio to its reference."""
import json
import sys

rows = json.load(open(sys.argv[1]))
print(f"{len(rows)} probes, {len({r['family'] for r in rows})} families; ratio = time per GMAC / reference's "
      "(time / reference's where a block has no MACs); > 1: slower than its MACs say, relative to the reference.\n")
print("| family | comparison | reference | variant (MAC residual) | ms/GMAC | ratio |")
print("|---|---|---|---|---|---|")
for r in rows:
    if r["is_reference"]:
        continue
    per_gmac = "-" if r["ms_per_gmac"] is None else f"{r['ms_per_gmac']:.1f}"
    ratio = "-" if r["ratio_to_reference"] is None else f"{r['ratio_to_reference']:.2f}"
    basis = " (time)" if r["ratio_basis"] == "time" else ""
    print(f"| {r['family']} | {r['comparison']} | {r['reference']} | {r['variant']} ({r['mac_residual']:+.1%}) | {per_gmac} | {ratio}{basis} |")
