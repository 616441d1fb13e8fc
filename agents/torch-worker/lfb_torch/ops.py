"""Helpers the generated forward code calls: shapes that ONNX carries as int64 tensors at run time.

They are plain functions with type annotations so that torch.jit.script compiles them along with the module.
"""
from typing import List

import torch


def shape_list(shape: torch.Tensor) -> List[int]:
    """An ONNX shape tensor (int64, rank 1) as the list torch's reshape takes."""
    out: List[int] = []
    for i in range(shape.shape[0]):
        out.append(int(shape[i]))
    return out


def reshape(x: torch.Tensor, shape: List[int]) -> torch.Tensor:
    """ONNX Reshape with allowzero=0: a 0 copies the input's dimension at that place, -1 is inferred."""
    dims: List[int] = []
    for i in range(len(shape)):
        dims.append(x.shape[i] if shape[i] == 0 else shape[i])
    return x.reshape(dims)


def shape_of(x: torch.Tensor) -> torch.Tensor:
    """ONNX Shape: the dimensions as an int64 tensor."""
    return torch.tensor(x.shape, dtype=torch.int64)
