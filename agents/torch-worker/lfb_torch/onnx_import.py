"""ONNX graph -> torch.nn.Module with real parameters, written as Python source so TorchScript can script it.

Conv, ConvTranspose, BatchNormalization, LayerNormalization and Gemm become nn modules holding the graph's own
weights, so torch.jit.freeze folds Conv+BatchNorm exactly as it does for the official LowFormer code. Everything
else becomes one line of straight-line forward code. Operator semantics follow the ONNX operator spec
(https://onnx.ai/onnx/operators/); each handler names the attributes it reads and refuses what it does not cover,
naming the operator, so a job fails with the reason instead of running something else.
"""
import importlib.util
import hashlib
import os
from typing import List

import onnx
from onnx import shape_inference
from torch import nn

from .codegen import Emitter, UnsupportedOperator  # noqa: F401 (re-exported)

class ImportedGraph:
    """The module and what it takes: input names with their ONNX dimensions (ints, or names of symbolic ones)."""

    def __init__(self, module: nn.Module, inputs: List[str], input_shapes: List[List[object]], elem_types: List[int]):
        self.module = module
        self.inputs = inputs
        self.input_shapes = input_shapes
        self.elem_types = elem_types


def import_onnx(path: str, cache_dir: str) -> ImportedGraph:
    """Reads an ONNX file; the module is in eval mode and computes the graph's outputs from its inputs."""
    model = onnx.load(path)
    try:
        model = shape_inference.infer_shapes(model)
    except Exception:  # shape inference is a help (ranks, element types), not a requirement
        pass
    emitter = Emitter(model)
    for node in model.graph.node:
        emitter.node(node)
    source = emitter.source()
    # Written to a file named by its content: torch.jit.script reads forward's source through inspect.
    digest = hashlib.sha256(source.encode()).hexdigest()[:16]
    os.makedirs(cache_dir, exist_ok=True)
    file = os.path.join(cache_dir, f"lfb_graph_{digest}.py")
    if not os.path.exists(file):
        partial = f"{file}.{os.getpid()}.partial"
        with open(partial, "w") as out:
            out.write(source)
        os.replace(partial, file)
    spec = importlib.util.spec_from_file_location(f"lfb_graph_{digest}", file)
    generated = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generated)
    module = generated.Graph()
    for name, child in emitter.modules.items():
        setattr(module, name, child)
    for name, tensor in emitter.buffers.items():
        module.register_buffer(name, tensor)
    types = [emitter.elem_types.get(i, onnx.TensorProto.FLOAT) for i in emitter.inputs]
    return ImportedGraph(module.eval(), list(emitter.inputs), emitter.input_shapes, types)


def covered_operators() -> List[str]:
    from .codegen import HANDLERS
    return sorted(HANDLERS)
