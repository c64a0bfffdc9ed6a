"""Native RDKit's 208 descriptors (Descriptors.descList) on the first N SMILES of a CSV, one thread.

Prints one line: molecules per second. The baseline of bench/descriptors.sh.
Usage: /usr/bin/python3 bench/rdkit_descriptors.py muv.csv.gz N
"""
import csv
import gzip
import sys
import time

import numpy
from rdkit import Chem, RDLogger
from rdkit.Chem import Descriptors

RDLogger.DisableLog("rdApp.*")
numpy.float = float  # Debian's RDKit 2022.09 Ipc still uses numpy.float, which numpy 1.24 removed

path, count = sys.argv[1], int(sys.argv[2])
with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as f:
    smiles = [row["smiles"] for _, row in zip(range(count), csv.DictReader(f))]
start = time.perf_counter()
for s in smiles:
    m = Chem.MolFromSmiles(s)
    if m is None:
        continue
    for name, fn in Descriptors.descList:
        try:
            fn(m)
        except Exception:
            pass
seconds = time.perf_counter() - start
print(f"{len(smiles) / seconds:.1f}")
