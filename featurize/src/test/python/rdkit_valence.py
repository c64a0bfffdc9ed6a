import csv, gzip, random, sys
from rdkit import Chem, RDLogger
RDLogger.DisableLog('rdApp.*')
random.seed(7)
smis = []
for path, col in [("/work/shared/data/tox21.csv.gz","smiles"),("/work/shared/data/curated-solubility-dataset.csv","SMILES")]:
    op = gzip.open if path.endswith(".gz") else open
    with op(path, "rt") as f:
        smis += [r[col] for r in csv.DictReader(f)]
random.shuffle(smis)
def verdict(s):
    m = Chem.MolFromSmiles(s, sanitize=False)
    if m is None: return None
    try:
        Chem.SanitizeMol(m); return ("ok", "")
    except Chem.AtomValenceException as e: return ("valence", str(e).strip().splitlines()[0])
    except Chem.KekulizeException as e: return ("kekulize", str(e).strip().splitlines()[0])
    except Exception as e: return ("other", type(e).__name__ + ": " + str(e).strip().splitlines()[0])
out = []
hand = sys.argv[2:] 
for s in hand:
    v = verdict(s)
    if v: out.append((s,) + v)
n = 0
for s in smis:
    if len(out) >= int(sys.argv[1]): break
    m = Chem.MolFromSmiles(s)
    if m is None or m.GetNumAtoms() < 2 or m.GetNumAtoms() > 40: continue
    rw = Chem.RWMol(m)
    Chem.Kekulize(rw, clearAromaticFlags=True)
    kind = random.randrange(4)
    a = rw.GetAtomWithIdx(random.randrange(rw.GetNumAtoms()))
    if kind == 0:
        a.SetFormalCharge(random.choice([-2, -1, 1, 2]))
    elif kind == 1:
        a.SetNumExplicitHs(a.GetTotalNumHs() + random.choice([1, 2])); a.SetNoImplicit(True)
    elif kind == 2:
        b = rw.GetAtomWithIdx(random.randrange(rw.GetNumAtoms()))
        if a.GetIdx() == b.GetIdx() or rw.GetBondBetweenAtoms(a.GetIdx(), b.GetIdx()): continue
        rw.AddBond(a.GetIdx(), b.GetIdx(), Chem.BondType.SINGLE)
    else:
        if rw.GetNumBonds() == 0: continue
        bd = rw.GetBondWithIdx(random.randrange(rw.GetNumBonds()))
        bd.SetBondType(random.choice([Chem.BondType.DOUBLE, Chem.BondType.TRIPLE]))
    for at in rw.GetAtoms():
        at.SetNoImplicit(True) if at.GetIdx() == a.GetIdx() and kind == 1 else None
    try:
        t = Chem.MolToSmiles(rw, canonical=False, kekuleSmiles=True)
    except Exception:
        continue
    v = verdict(t)
    if v is None: continue
    out.append((t,) + v)
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["smiles", "rdkit", "reason"])
for r in out: w.writerow(r)
