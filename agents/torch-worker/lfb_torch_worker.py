#!/usr/bin/env python3
"""Entry point: python3 lfb_torch_worker.py [--cache-dir DIR] [--memory-limit-mb N]. Needs torch and onnx only."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lfb_torch.worker import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
