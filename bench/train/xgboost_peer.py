"""The training benchmark's peer: pandas read_csv + XGBoost `hist` fit on the same CSV, one thread.

Run by bench/train/run-train-bench.ts as `/usr/bin/python3 xgboost_peer.py CSV TARGET TREES DEPTH`; prints one JSON
line: read and fit seconds (wall; the fit's CPU time too), holdout AUC (the last 20% of rows), peak RSS. Needs Debian's python3-xgboost,
python3-sklearn and python3-pandas.
"""
import json
import os
import resource
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import pandas as pd  # noqa: E402
import xgboost as xgb  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

csv, target, trees, depth = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

started = time.perf_counter()
cpu_started = time.process_time()
frame = pd.read_csv(csv)
read_seconds = time.perf_counter() - started
read_cpu_seconds = time.process_time() - cpu_started

features = frame.drop(columns=[target])
labels = frame[target]
cut = int(len(frame) * 0.8)
model = xgb.XGBClassifier(
    n_estimators=trees, max_depth=depth, learning_rate=0.1, tree_method="hist", max_bin=256, n_jobs=1,
)
started = time.perf_counter()
cpu_started = time.process_time()
model.fit(features.iloc[:cut], labels.iloc[:cut])
fit_seconds = time.perf_counter() - started
fit_cpu_seconds = time.process_time() - cpu_started

auc = roc_auc_score(labels.iloc[cut:], model.predict_proba(features.iloc[cut:])[:, 1])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"version": xgb.__version__, "readSeconds": read_seconds, "readCpuSeconds": read_cpu_seconds, "fitSeconds": fit_seconds, "fitCpuSeconds": fit_cpu_seconds, "auc": auc, "peakRss": peak}))
