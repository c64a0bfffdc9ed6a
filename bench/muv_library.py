"""A screening library for the benchmarks: N rows of smiles,id cycling through MUV's molecules (ids <mol_id>-<cycle>).

Usage: zcat muv.csv.gz | python3 bench/muv_library.py N > library.csv
"""
import csv
import sys

n = int(sys.argv[1])
rows = list(csv.DictReader(sys.stdin))
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["smiles", "id"])
for i in range(n):
    r = rows[i % len(rows)]
    out.writerow([r["smiles"], "%s-%d" % (r["mol_id"], i // len(rows))])
