#!/usr/bin/env python3
"""The worker's timed iterations against torch.utils.benchmark.Timer on the same module in the same process.

usage: /usr/bin/python3 bench/torch/worker_vs_timer.py MODEL.onnx [MODEL.onnx ...]  (export with lfb models export)
Prints per model the median per-iteration time of the worker's run() and of Timer.blocked_autorange(), and their
ratio; the goal is a ratio within 2 % of 1 (the loop adds no measurable overhead). Alternates the two, three rounds each,
so a drift of the machine weighs on both.
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "agents", "torch-worker"))

import torch  # noqa: E402
from torch.utils import benchmark  # noqa: E402

from lfb_torch.runtime import LoadedModel  # noqa: E402


def main(paths):
    threads = int(os.environ.get("THREADS", os.cpu_count()))
    print(f"torch {torch.__version__}, {threads} threads, batch 1, 64 px, torchscript")
    print(f"{'model':<22} {'worker ms':>10} {'Timer ms':>10} {'worker/Timer':>13}")
    ratios = []
    for path in paths:
        model = LoadedModel({"model": path, "runtime": "torchscript", "batch": 1, "resolution": 64, "threads": threads}, "/tmp/lfb-torch-bench")
        model.run(50)
        worker, timer = [], []
        for _ in range(3):
            times = model.run(200)
            worker.append(statistics.median(times) / 1e6)
            with torch.inference_mode():
                t = benchmark.Timer("m(x)", globals={"m": model.module, "x": model.inputs[0]}, num_threads=threads)
                timer.append(t.blocked_autorange(min_run_time=1.0).median * 1e3)
        w, b = statistics.median(worker), statistics.median(timer)
        ratios.append(w / b)
        print(f"{os.path.basename(path)[:-5]:<22} {w:>10.3f} {b:>10.3f} {w / b:>13.3f}")
    print(f"median ratio {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
