"""One handler per ONNX operator, each writing a line of forward code (and the nn modules it needs).

Covered: every operator the LowFormerBench zoo writes (opset 17) and those of PaddleOCR's exported files (opsets 9
and 11). Values the torch call needs at build time (Reshape's shape, Slice's bounds, Pad's pads, ...) must be
constants in the graph; a graph that computes them at run time is refused with that reason.
"""
from typing import Callable, Dict, List, Optional

import numpy as np
import onnx
from onnx import numpy_helper
import torch
from torch import nn


class UnsupportedOperator(Exception):
    """An ONNX node the importer cannot turn into torch; carries the operator's name for the job's error."""

    def __init__(self, op_type: str, node: str, detail: str = ""):
        self.op_type = op_type
        self.node = node
        self.detail = detail
        reason = f": {detail}" if detail else ""
        super().__init__(f"ONNX operator {op_type} (node '{node}') is not covered by the torch importer{reason}")


_TORCH_DTYPES = {
    onnx.TensorProto.FLOAT: "torch.float32",
    onnx.TensorProto.FLOAT16: "torch.float16",
    onnx.TensorProto.DOUBLE: "torch.float64",
    onnx.TensorProto.INT64: "torch.int64",
    onnx.TensorProto.INT32: "torch.int32",
    onnx.TensorProto.INT8: "torch.int8",
    onnx.TensorProto.UINT8: "torch.uint8",
    onnx.TensorProto.BOOL: "torch.bool",
}
_INTEGER_TYPES = {onnx.TensorProto.INT64, onnx.TensorProto.INT32, onnx.TensorProto.INT8, onnx.TensorProto.UINT8}

HANDLERS: Dict[str, Callable] = {}


def handles(*op_types: str):
    def register(function):
        for op in op_types:
            HANDLERS[op] = function
        return function
    return register


def _attrs(node) -> Dict[str, object]:
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _float(v) -> str:
    v = float(v)
    if v == float("inf"):
        return "float('inf')"
    if v == float("-inf"):
        return "float('-inf')"
    return repr(v)


class Emitter:
    """Walks the graph in order, keeping constants apart, and writes the generated module's source."""

    def __init__(self, model: onnx.ModelProto):
        self.opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 13)
        self.constants: Dict[str, np.ndarray] = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
        self.names: Dict[str, str] = {}
        self.lines: List[str] = []
        self.modules: Dict[str, nn.Module] = {}
        self.buffers: Dict[str, torch.Tensor] = {}
        self.elem_types: Dict[str, int] = {}
        self.ranks: Dict[str, int] = {}
        for info in list(model.graph.value_info) + list(model.graph.input) + list(model.graph.output):
            tensor_type = info.type.tensor_type
            self.elem_types[info.name] = tensor_type.elem_type
            if tensor_type.HasField("shape"):
                self.ranks[info.name] = len(tensor_type.shape.dim)
        self.inputs: List[str] = []
        self.input_shapes: List[List[object]] = []
        for value in model.graph.input:
            if value.name in self.constants:
                continue
            self.inputs.append(value.name)
            self.input_shapes.append([d.dim_value if d.HasField("dim_value") else (d.dim_param or "?")
                                      for d in value.type.tensor_type.shape.dim])
            self.names[value.name] = f"x{len(self.inputs) - 1}"
        self.outputs = [o.name for o in model.graph.output]

    # --- naming -------------------------------------------------------------------------------------------------

    def out(self, name: str) -> str:
        ident = f"t{len(self.names)}"
        self.names[name] = ident
        return ident

    def is_const(self, name: str) -> bool:
        return name in self.constants

    def const(self, node, index: int, what: str) -> Optional[np.ndarray]:
        """A build-time value from input `index`; None when the input is absent."""
        if index >= len(node.input) or node.input[index] == "":
            return None
        name = node.input[index]
        if name not in self.constants:
            raise UnsupportedOperator(node.op_type, node.name, f"its {what} is computed at run time, the importer needs a constant")
        return self.constants[name]

    def tensor(self, name: str) -> str:
        """A tensor expression: a run-time value, or a constant as a buffer."""
        if name in self.names:
            return self.names[name]
        if name in self.constants:
            ident = f"c{len(self.buffers)}"
            self.buffers[ident] = torch.from_numpy(np.array(self.constants[name]))
            self.names[name] = f"self.{ident}"
            return self.names[name]
        raise KeyError(f"tensor '{name}' is used before it is produced")

    def operand(self, name: str) -> str:
        """For elementwise ops: a one-element float constant as a literal (cheaper than a broadcast buffer)."""
        value = self.constants.get(name)
        if value is not None and value.size == 1 and value.ndim <= 1 and value.dtype.kind == "f" and value.dtype == np.float32:
            return _float(value.reshape(-1)[0])
        return self.tensor(name)

    def rank(self, name: str) -> Optional[int]:
        if name in self.constants:
            return self.constants[name].ndim
        return self.ranks.get(name)

    def is_integer(self, name: str) -> bool:
        if name in self.constants:
            return self.constants[name].dtype.kind in "iu"
        return self.elem_types.get(name) in _INTEGER_TYPES

    def module(self, child: nn.Module) -> str:
        ident = f"m{len(self.modules)}"
        self.modules[ident] = child
        return f"self.{ident}"

    def emit(self, line: str):
        self.lines.append(line)

    # --- walking ------------------------------------------------------------------------------------------------

    def node(self, node):
        if node.domain not in ("", "ai.onnx"):
            raise UnsupportedOperator(f"{node.domain}.{node.op_type}", node.name, "operators outside the default ONNX domain are not covered")
        handler = HANDLERS.get(node.op_type)
        if handler is None:
            raise UnsupportedOperator(node.op_type, node.name)
        handler(self, node, _attrs(node))

    def source(self) -> str:
        results = [self.tensor(o) for o in self.outputs]
        returned = results[0] if len(results) == 1 else "(" + ", ".join(results) + ",)"
        body = "\n".join(f"        {line}" for line in self.lines) or "        pass"
        signature = ", ".join(f"x{i}: torch.Tensor" for i in range(len(self.inputs)))
        return (
            "# Generated by lfb_torch.onnx_import from an ONNX graph; do not edit.\n"
            "import torch\nimport torch.nn.functional as F\nfrom lfb_torch import ops\n\n\n"
            "class Graph(torch.nn.Module):\n"
            f"    def forward(self, {signature}):\n{body}\n        return {returned}\n"
        )


def _set(module: nn.Module, **tensors):
    for name, value in tensors.items():
        if value is None:
            continue
        tensor = torch.from_numpy(np.array(value))
        current = getattr(module, name)
        if isinstance(current, nn.Parameter):
            setattr(module, name, nn.Parameter(tensor, requires_grad=False))
        else:
            setattr(module, name, tensor)


def _symmetric(pads: List[int]) -> Optional[List[int]]:
    half = len(pads) // 2
    return list(pads[:half]) if list(pads[:half]) == list(pads[half:]) else None


def _torch_pads(pads: List[int]) -> List[int]:
    """ONNX [b0, b1, ..., e0, e1, ...] as F.pad's (b_last, e_last, b_last-1, e_last-1, ...)."""
    half = len(pads) // 2
    out: List[int] = []
    for axis in reversed(range(half)):
        out += [int(pads[axis]), int(pads[axis + half])]
    return out


def _check_auto_pad(e: Emitter, node, a, kernel, strides, dilations):
    auto_pad = a.get("auto_pad", b"NOTSET")
    auto_pad = auto_pad.decode() if isinstance(auto_pad, bytes) else auto_pad
    if auto_pad in ("NOTSET", "VALID"):
        return None if auto_pad == "NOTSET" else [0] * (2 * len(kernel))
    if all(s == 1 for s in strides) and all(((k - 1) * d) % 2 == 0 for k, d in zip(kernel, dilations)):
        half = [((k - 1) * d) // 2 for k, d in zip(kernel, dilations)]
        return half + half
    raise UnsupportedOperator(node.op_type, node.name, f"auto_pad={auto_pad} with strides {strides} needs run-time padding")


@handles("Conv")
def _conv(e: Emitter, node, a):
    weight = e.const(node, 1, "weight")
    bias = e.const(node, 2, "bias")
    spatial = weight.ndim - 2
    kernel = list(a.get("kernel_shape", weight.shape[2:]))
    strides = list(a.get("strides", [1] * spatial))
    dilations = list(a.get("dilations", [1] * spatial))
    pads = _check_auto_pad(e, node, a, kernel, strides, dilations) or list(a.get("pads", [0] * (2 * spatial)))
    groups = int(a.get("group", 1))
    if spatial not in (1, 2, 3):
        raise UnsupportedOperator("Conv", node.name, f"{spatial}-d convolution")
    symmetric = _symmetric(pads)
    x = e.tensor(node.input[0])
    if symmetric is None:
        e.emit(f"{e.out(node.name + ':pad')} = F.pad({x}, {_torch_pads(pads)})")
        x = e.names[node.name + ":pad"]
        symmetric = [0] * spatial
    conv = (nn.Conv1d, nn.Conv2d, nn.Conv3d)[spatial - 1](
        weight.shape[1] * groups, weight.shape[0], kernel, stride=strides, padding=symmetric, dilation=dilations,
        groups=groups, bias=bias is not None)
    _set(conv, weight=weight, bias=bias)
    e.emit(f"{e.out(node.output[0])} = {e.module(conv)}({x})")


@handles("ConvTranspose")
def _conv_transpose(e: Emitter, node, a):
    weight = e.const(node, 1, "weight")
    bias = e.const(node, 2, "bias")
    spatial = weight.ndim - 2
    if "output_shape" in a:
        raise UnsupportedOperator("ConvTranspose", node.name, "output_shape is not covered, give pads and output_padding")
    kernel = list(a.get("kernel_shape", weight.shape[2:]))
    strides = list(a.get("strides", [1] * spatial))
    dilations = list(a.get("dilations", [1] * spatial))
    pads = list(a.get("pads", [0] * (2 * spatial)))
    symmetric = _symmetric(pads)
    if symmetric is None or a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
        raise UnsupportedOperator("ConvTranspose", node.name, "asymmetric or automatic padding")
    groups = int(a.get("group", 1))
    conv = (nn.ConvTranspose1d, nn.ConvTranspose2d, nn.ConvTranspose3d)[spatial - 1](
        weight.shape[0], weight.shape[1] * groups, kernel, stride=strides, padding=symmetric,
        output_padding=list(a.get("output_padding", [0] * spatial)), groups=groups, bias=bias is not None, dilation=dilations)
    _set(conv, weight=weight, bias=bias)
    e.emit(f"{e.out(node.output[0])} = {e.module(conv)}({e.tensor(node.input[0])})")


@handles("BatchNormalization")
def _batch_norm(e: Emitter, node, a):
    scale, shift = e.const(node, 1, "scale"), e.const(node, 2, "bias")
    mean, var = e.const(node, 3, "mean"), e.const(node, 4, "variance")
    if len(node.output) > 1 and any(node.output[1:]):
        raise UnsupportedOperator("BatchNormalization", node.name, "training mode (running statistics as outputs)")
    rank = e.rank(node.input[0]) or 4
    norm = {2: nn.BatchNorm1d, 3: nn.BatchNorm1d, 4: nn.BatchNorm2d, 5: nn.BatchNorm3d}[rank](scale.shape[0], eps=float(a.get("epsilon", 1e-5)))
    _set(norm, weight=scale, bias=shift, running_mean=mean, running_var=var)
    norm.eval()
    e.emit(f"{e.out(node.output[0])} = {e.module(norm)}({e.tensor(node.input[0])})")


@handles("LayerNormalization")
def _layer_norm(e: Emitter, node, a):
    scale, shift = e.const(node, 1, "scale"), e.const(node, 2, "bias")
    axis = int(a.get("axis", -1))
    rank = e.rank(node.input[0])
    normalized = (rank - axis) if axis >= 0 and rank is not None else -axis if axis < 0 else None
    if normalized is None or scale.ndim != normalized:
        raise UnsupportedOperator("LayerNormalization", node.name, f"axis {axis} with a scale of shape {list(scale.shape)}")
    norm = nn.LayerNorm(list(scale.shape), eps=float(a.get("epsilon", 1e-5)), elementwise_affine=True)
    _set(norm, weight=scale, bias=shift if shift is not None else np.zeros_like(scale))
    if len(node.output) > 1 and any(node.output[1:]):
        raise UnsupportedOperator("LayerNormalization", node.name, "mean and inverse-deviation outputs")
    e.emit(f"{e.out(node.output[0])} = {e.module(norm)}({e.tensor(node.input[0])})")


@handles("InstanceNormalization")
def _instance_norm(e: Emitter, node, a):
    e.const(node, 1, "scale")
    e.const(node, 2, "bias")
    e.emit(f"{e.out(node.output[0])} = F.instance_norm({e.tensor(node.input[0])}, weight={e.tensor(node.input[1])}, "
           f"bias={e.tensor(node.input[2])}, eps={_float(a.get('epsilon', 1e-5))})")


_BINARY = {"Add": "+", "Sub": "-", "Mul": "*"}


@handles("Add", "Sub", "Mul", "Div", "Pow")
def _binary(e: Emitter, node, a):
    left, right = node.input[0], node.input[1]
    x = e.tensor(left) if left in e.names or not e.is_const(left) else e.operand(left)
    y = e.operand(right)
    out = e.out(node.output[0])
    if node.op_type in _BINARY:
        e.emit(f"{out} = {x} {_BINARY[node.op_type]} {y}")
    elif node.op_type == "Div":
        # ONNX Div on integers truncates; torch's / would give floats.
        integer = e.is_integer(left) and e.is_integer(right)
        e.emit(f"{out} = torch.div({x}, {y}, rounding_mode='trunc')" if integer else f"{out} = {x} / {y}")
    else:
        e.emit(f"{out} = torch.pow({x}, {y})")


_UNARY = {
    "Relu": "torch.relu({})", "Sigmoid": "torch.sigmoid({})", "Erf": "torch.erf({})", "Sqrt": "torch.sqrt({})",
    "Tanh": "torch.tanh({})", "Exp": "torch.exp({})", "Neg": "torch.neg({})", "Abs": "torch.abs({})",
    "HardSwish": "F.hardswish({})", "Identity": "{}", "Reciprocal": "torch.reciprocal({})",
}


@handles(*_UNARY)
def _unary(e: Emitter, node, a):
    e.emit(f"{e.out(node.output[0])} = {_UNARY[node.op_type].format(e.tensor(node.input[0]))}")


@handles("Dropout")
def _dropout(e: Emitter, node, a):
    e.emit(f"{e.out(node.output[0])} = {e.tensor(node.input[0])}")


@handles("LeakyRelu")
def _leaky_relu(e: Emitter, node, a):
    e.emit(f"{e.out(node.output[0])} = F.leaky_relu({e.tensor(node.input[0])}, {_float(a.get('alpha', 0.01))})")


@handles("HardSigmoid")
def _hard_sigmoid(e: Emitter, node, a):
    alpha, beta = float(a.get("alpha", 0.2)), float(a.get("beta", 0.5))
    x = e.tensor(node.input[0])
    if abs(alpha - 1 / 6) < 1e-7 and beta == 0.5:
        e.emit(f"{e.out(node.output[0])} = F.hardsigmoid({x})")
    else:
        e.emit(f"{e.out(node.output[0])} = torch.clamp({x} * {_float(alpha)} + {_float(beta)}, 0.0, 1.0)")


@handles("Clip")
def _clip(e: Emitter, node, a):
    if e.opset < 11:
        low, high = a.get("min"), a.get("max")
    else:
        low_value, high_value = e.const(node, 1, "min"), e.const(node, 2, "max")
        low = None if low_value is None else float(low_value.reshape(-1)[0])
        high = None if high_value is None else float(high_value.reshape(-1)[0])
    bounds = ", ".join(f"{name}={_float(v)}" for name, v in (("min", low), ("max", high)) if v is not None)
    e.emit(f"{e.out(node.output[0])} = torch.clamp({e.tensor(node.input[0])}, {bounds})")


@handles("MatMul")
def _matmul(e: Emitter, node, a):
    e.emit(f"{e.out(node.output[0])} = torch.matmul({e.tensor(node.input[0])}, {e.tensor(node.input[1])})")


@handles("Gemm")
def _gemm(e: Emitter, node, a):
    alpha, beta = float(a.get("alpha", 1.0)), float(a.get("beta", 1.0))
    trans_a, trans_b = int(a.get("transA", 0)), int(a.get("transB", 0))
    x = e.tensor(node.input[0])
    if e.is_const(node.input[1]) and not trans_a and alpha == 1.0 and beta == 1.0:
        weight = e.const(node, 1, "weight")
        bias = e.const(node, 2, "bias") if len(node.input) > 2 and node.input[2] and e.is_const(node.input[2]) else None
        if bias is None or bias.size == (weight.shape[0] if trans_b else weight.shape[1]):
            weight = weight if trans_b else weight.T
            linear = nn.Linear(weight.shape[1], weight.shape[0], bias=bias is not None)
            _set(linear, weight=np.ascontiguousarray(weight), bias=None if bias is None else bias.reshape(-1))
            e.emit(f"{e.out(node.output[0])} = {e.module(linear)}({x})")
            return
    left = f"{x}.t()" if trans_a else x
    right = e.tensor(node.input[1]) + (".t()" if trans_b else "")
    expression = f"torch.matmul({left}, {right})" + (f" * {_float(alpha)}" if alpha != 1.0 else "")
    if len(node.input) > 2 and node.input[2]:
        expression += f" + {e.tensor(node.input[2])}" + (f" * {_float(beta)}" if beta != 1.0 else "")
    e.emit(f"{e.out(node.output[0])} = {expression}")


def _pool_geometry(node, a):
    kernel = list(a["kernel_shape"])
    strides = list(a.get("strides", [1] * len(kernel)))
    dilations = list(a.get("dilations", [1] * len(kernel)))
    return kernel, strides, dilations


@handles("MaxPool")
def _max_pool(e: Emitter, node, a):
    kernel, strides, dilations = _pool_geometry(node, a)
    if len(kernel) != 2 or (len(node.output) > 1 and node.output[1]):
        raise UnsupportedOperator("MaxPool", node.name, "only 2-d pooling without indices is covered")
    pads = _check_auto_pad(e, node, a, kernel, strides, dilations) or list(a.get("pads", [0] * 4))
    x = e.tensor(node.input[0])
    symmetric = _symmetric(pads)
    if symmetric is None:
        e.emit(f"{e.out(node.name + ':pad')} = F.pad({x}, {_torch_pads(pads)}, value=float('-inf'))")
        x, symmetric = e.names[node.name + ":pad"], [0, 0]
    e.emit(f"{e.out(node.output[0])} = F.max_pool2d({x}, {kernel}, {strides}, {symmetric}, {dilations}, "
           f"ceil_mode={bool(a.get('ceil_mode', 0))})")


@handles("AveragePool")
def _average_pool(e: Emitter, node, a):
    kernel, strides, dilations = _pool_geometry(node, a)
    if len(kernel) != 2:
        raise UnsupportedOperator("AveragePool", node.name, "only 2-d pooling is covered")
    pads = _check_auto_pad(e, node, a, kernel, strides, dilations) or list(a.get("pads", [0] * 4))
    include = bool(a.get("count_include_pad", 0))
    x = e.tensor(node.input[0])
    symmetric = _symmetric(pads)
    if symmetric is None:
        if not include:
            raise UnsupportedOperator("AveragePool", node.name, "asymmetric pads with count_include_pad=0")
        e.emit(f"{e.out(node.name + ':pad')} = F.pad({x}, {_torch_pads(pads)})")
        x, symmetric = e.names[node.name + ":pad"], [0, 0]
    e.emit(f"{e.out(node.output[0])} = F.avg_pool2d({x}, {kernel}, {strides}, {symmetric}, "
           f"ceil_mode={bool(a.get('ceil_mode', 0))}, count_include_pad={include})")


@handles("GlobalAveragePool")
def _global_average_pool(e: Emitter, node, a):
    rank = e.rank(node.input[0]) or 4
    e.emit(f"{e.out(node.output[0])} = torch.mean({e.tensor(node.input[0])}, dim={list(range(2, rank))}, keepdim=True)")


@handles("Flatten")
def _flatten(e: Emitter, node, a):
    axis = int(a.get("axis", 1))
    x = e.tensor(node.input[0])
    if axis < 0:
        rank = e.rank(node.input[0])
        if rank is None:
            raise UnsupportedOperator("Flatten", node.name, "a negative axis on an input of unknown rank")
        axis += rank
    out = e.out(node.output[0])
    if axis == 0:
        e.emit(f"{out} = {x}.reshape(1, -1)")
    elif axis == 1:
        e.emit(f"{out} = torch.flatten({x}, 1)")
    else:
        e.emit(f"{out} = torch.flatten(torch.flatten({x}, {axis}), 0, {axis - 1})")


@handles("Reshape")
def _reshape(e: Emitter, node, a):
    if int(a.get("allowzero", 0)):
        raise UnsupportedOperator("Reshape", node.name, "allowzero=1")
    x = e.tensor(node.input[0])
    out = e.out(node.output[0])
    if e.is_const(node.input[1]):
        shape = [int(d) for d in e.constants[node.input[1]].reshape(-1)]
        e.emit(f"{out} = ops.reshape({x}, {shape})" if 0 in shape else f"{out} = {x}.reshape({shape})")
    else:
        e.emit(f"{out} = ops.reshape({x}, ops.shape_list({e.tensor(node.input[1])}))")


@handles("Transpose")
def _transpose(e: Emitter, node, a):
    perm = a.get("perm")
    if perm is None:
        rank = e.rank(node.input[0])
        if rank is None:
            raise UnsupportedOperator("Transpose", node.name, "no perm on an input of unknown rank")
        perm = list(reversed(range(rank)))
    e.emit(f"{e.out(node.output[0])} = {e.tensor(node.input[0])}.permute({list(perm)})")


@handles("Concat")
def _concat(e: Emitter, node, a):
    parts = ", ".join(e.tensor(i) for i in node.input)
    e.emit(f"{e.out(node.output[0])} = torch.cat([{parts}], dim={int(a['axis'])})")


@handles("Split")
def _split(e: Emitter, node, a):
    axis = int(a.get("axis", 0))
    sizes = e.const(node, 1, "split sizes") if e.opset >= 13 else a.get("split")
    x = e.tensor(node.input[0])
    targets = ", ".join(e.out(o) for o in node.output)
    if sizes is None:
        e.emit(f"{targets}, = torch.chunk({x}, {len(node.output)}, dim={axis})")
    else:
        e.emit(f"{targets}, = torch.split({x}, {[int(s) for s in np.array(sizes).reshape(-1)]}, dim={axis})")


@handles("Slice")
def _slice(e: Emitter, node, a):
    if e.opset >= 10:
        starts, ends = e.const(node, 1, "starts"), e.const(node, 2, "ends")
        axes, steps = e.const(node, 3, "axes"), e.const(node, 4, "steps")
    else:
        starts, ends, axes, steps = a["starts"], a["ends"], a.get("axes"), None
    starts = [int(s) for s in np.array(starts).reshape(-1)]
    ends = [int(s) for s in np.array(ends).reshape(-1)]
    axes = list(range(len(starts))) if axes is None else [int(s) for s in np.array(axes).reshape(-1)]
    steps = [1] * len(starts) if steps is None else [int(s) for s in np.array(steps).reshape(-1)]
    if any(s <= 0 for s in steps):
        raise UnsupportedOperator("Slice", node.name, "negative steps")
    rank = e.rank(node.input[0])
    if rank is not None:
        axes = [ax + rank if ax < 0 else ax for ax in axes]
    negative = all(ax < 0 for ax in axes)
    if not negative and any(ax < 0 for ax in axes):
        raise UnsupportedOperator("Slice", node.name, "mixed negative and positive axes on an input of unknown rank")
    big = 2 ** 62

    def bound(v):
        return "" if abs(v) >= big else str(v)

    span = (-min(axes)) if negative else (max(axes) + 1)
    index = [":"] * span
    for start, end, axis, step in zip(starts, ends, axes, steps):
        position = span + axis if negative else axis
        index[position] = f"{bound(start)}:{bound(end)}" + (f":{step}" if step != 1 else "")
    subscript = ", ".join((["..."] if negative else []) + index)
    e.emit(f"{e.out(node.output[0])} = {e.tensor(node.input[0])}[{subscript}]")


@handles("Pad")
def _pad(e: Emitter, node, a):
    mode = a.get("mode", b"constant")
    mode = mode.decode() if isinstance(mode, bytes) else mode
    if e.opset >= 11:
        pads = [int(p) for p in e.const(node, 1, "pads").reshape(-1)]
        value = e.const(node, 2, "constant value")
        value = 0.0 if value is None else float(np.array(value).reshape(-1)[0])
        if len(node.input) > 3 and node.input[3]:
            raise UnsupportedOperator("Pad", node.name, "the axes input")
    else:
        pads, value = list(a["pads"]), float(a.get("value", 0.0))
    torch_pads = _torch_pads(pads)
    while len(torch_pads) > 2 and torch_pads[-2:] == [0, 0]:
        torch_pads = torch_pads[:-2]
    torch_mode = {"constant": "constant", "reflect": "reflect", "edge": "replicate"}.get(mode)
    if torch_mode is None:
        raise UnsupportedOperator("Pad", node.name, f"mode {mode}")
    tail = f", value={_float(value)}" if torch_mode == "constant" else ""
    e.emit(f"{e.out(node.output[0])} = F.pad({e.tensor(node.input[0])}, {torch_pads}, mode='{torch_mode}'{tail})")


@handles("ReduceSum", "ReduceMean", "ReduceMax")
def _reduce(e: Emitter, node, a):
    axes_from_input = node.op_type == "ReduceSum" and e.opset >= 13 or e.opset >= 18
    axes = e.const(node, 1, "axes") if axes_from_input else a.get("axes")
    keep = bool(a.get("keepdims", 1))
    if axes is None:
        rank = e.rank(node.input[0])
        if rank is None:
            raise UnsupportedOperator(node.op_type, node.name, "no axes on an input of unknown rank")
        axes = list(range(rank))
    axes = [int(x) for x in np.array(axes).reshape(-1)]
    function = {"ReduceSum": "torch.sum", "ReduceMean": "torch.mean", "ReduceMax": "torch.amax"}[node.op_type]
    e.emit(f"{e.out(node.output[0])} = {function}({e.tensor(node.input[0])}, dim={axes}, keepdim={keep})")


@handles("Softmax")
def _softmax(e: Emitter, node, a):
    x = e.tensor(node.input[0])
    out = e.out(node.output[0])
    if e.opset >= 13:
        e.emit(f"{out} = torch.softmax({x}, dim={int(a.get('axis', -1))})")
    else:
        # Before opset 13 Softmax coerced the input to 2-d at axis (default 1) and normalised each row.
        axis = int(a.get("axis", 1))
        e.emit(f"{out} = torch.softmax(torch.flatten({x}, {axis}), dim=-1).reshape({x}.shape)")


@handles("Cast")
def _cast(e: Emitter, node, a):
    to = int(a["to"])
    if to not in _TORCH_DTYPES:
        raise UnsupportedOperator("Cast", node.name, f"to element type {onnx.TensorProto.DataType.Name(to)}")
    e.emit(f"{e.out(node.output[0])} = {e.tensor(node.input[0])}.to({_TORCH_DTYPES[to]})")
    e.elem_types[node.output[0]] = to


@handles("Shape")
def _shape(e: Emitter, node, a):
    if "start" in a or "end" in a:
        raise UnsupportedOperator("Shape", node.name, "start and end")
    e.emit(f"{e.out(node.output[0])} = ops.shape_of({e.tensor(node.input[0])})")
    e.elem_types[node.output[0]] = onnx.TensorProto.INT64


@handles("Squeeze", "Unsqueeze")
def _squeeze(e: Emitter, node, a):
    axes = e.const(node, 1, "axes") if e.opset >= 13 else a.get("axes")
    if axes is None:
        if node.op_type == "Unsqueeze":
            raise UnsupportedOperator("Unsqueeze", node.name, "no axes")
        e.emit(f"{e.out(node.output[0])} = torch.squeeze({e.tensor(node.input[0])})")
        return
    axes = [int(x) for x in np.array(axes).reshape(-1)]
    expression = e.tensor(node.input[0])
    if node.op_type == "Squeeze":
        for axis in sorted(axes, reverse=True):
            expression = f"{expression}.squeeze({axis})"
    else:
        if any(axis < 0 for axis in axes):
            raise UnsupportedOperator("Unsqueeze", node.name, "negative axes")
        for axis in sorted(axes):
            expression = f"{expression}.unsqueeze({axis})"
    e.emit(f"{e.out(node.output[0])} = {expression}")


@handles("Resize", "Upsample")
def _resize(e: Emitter, node, a):
    def text(key, default):
        value = a.get(key, default)
        return value.decode() if isinstance(value, bytes) else value

    mode = text("mode", "nearest")
    transform = text("coordinate_transformation_mode", "half_pixel" if node.op_type == "Resize" else "asymmetric")
    nearest = text("nearest_mode", "round_prefer_floor")
    if node.op_type == "Upsample" or e.opset < 11:
        scales, sizes = e.const(node, 1, "scales"), None
    else:
        scales = e.const(node, 2, "scales")
        sizes = e.const(node, 3, "sizes")
    x = e.tensor(node.input[0])
    if sizes is not None and sizes.size:
        target = f"size={[int(s) for s in sizes.reshape(-1)[2:]]}"
    elif scales is not None and scales.size:
        scales = [float(s) for s in scales.reshape(-1)]
        if scales[:2] != [1.0, 1.0]:
            raise UnsupportedOperator(node.op_type, node.name, "scaling of the batch or channel axis")
        target = f"scale_factor={scales[2:]}"
    else:
        raise UnsupportedOperator(node.op_type, node.name, "neither scales nor sizes")
    if mode == "nearest" and transform == "asymmetric" and nearest == "floor":
        call = f"F.interpolate({x}, {target}, mode='nearest')"
    elif mode == "linear" and transform in ("half_pixel", "pytorch_half_pixel", "align_corners"):
        call = f"F.interpolate({x}, {target}, mode='bilinear', align_corners={transform == 'align_corners'})"
    else:
        raise UnsupportedOperator(node.op_type, node.name, f"mode {mode} with coordinate_transformation_mode {transform}, nearest_mode {nearest}")
    e.emit(f"{e.out(node.output[0])} = {call}")


@handles("Constant")
def _constant(e: Emitter, node, a):
    value = a.get("value")
    if value is None:
        for key in ("value_float", "value_floats", "value_int", "value_ints"):
            if key in a:
                value = np.array(a[key], dtype=np.float32 if "float" in key else np.int64)
        if value is None:
            raise UnsupportedOperator("Constant", node.name, "sparse or string value")
    else:
        value = numpy_helper.to_array(value)
    e.constants[node.output[0]] = value
