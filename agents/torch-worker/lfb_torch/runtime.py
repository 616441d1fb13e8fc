"""A loaded model in one torch runtime, with its fixed input, and the timed iterations the agent's loop asks for."""
import time
from typing import List, Optional

import torch

from .onnx_import import import_onnx

RUNTIMES = ("torchscript", "torch-eager", "torch-compile")


def available_runtimes() -> List[str]:
    runtimes = ["torchscript", "torch-eager"]
    if hasattr(torch, "compile"):  # torch 2.x only
        runtimes.append("torch-compile")
    return runtimes


def devices() -> List[str]:
    found = ["cpu"]
    if torch.cuda.is_available():
        found += [f"cuda:{i} {torch.cuda.get_device_name(i)}" for i in range(torch.cuda.device_count())]
    return found


class RuntimeError_(Exception):
    """A request the runtime refuses; the message says what to change."""


class LoadedModel:
    """The module as the runtime runs it, its input already on the device, and the first (cold) inference done."""

    def __init__(self, request: dict, cache_dir: str):
        self.runtime = request.get("runtime", "torchscript")
        if self.runtime not in available_runtimes():
            raise RuntimeError_(f"runtime '{self.runtime}' is not available with torch {torch.__version__}; "
                                f"this worker has {', '.join(available_runtimes())}")
        self.device = torch.device(request.get("device", "cpu"))
        if self.device.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError_("device 'cuda' was asked but this torch sees no CUDA device")
        threads = int(request.get("threads", 0))
        if threads > 0:
            torch.set_num_threads(threads)
        self.dtype = torch.float16 if request.get("precision", "fp32") == "fp16" else torch.float32
        self.notes: List[str] = []
        batch, resolution = int(request.get("batch", 1)), int(request.get("resolution", 224))

        started = time.perf_counter_ns()
        path, model_format = request["model"], request.get("format", "onnx")
        if model_format == "torchscript":
            if self.runtime != "torchscript":
                raise RuntimeError_(f"a TorchScript file runs with runtime 'torchscript' only, not '{self.runtime}'")
            module = torch.jit.load(path, map_location=self.device)
            shapes = [[batch, 3, resolution or 224, resolution or 224]]
        else:
            graph = import_onnx(path, cache_dir)
            module = graph.module
            shapes = [[self._dimension(d, i, batch, resolution) for i, d in enumerate(dims)] for dims in graph.input_shapes]
        module = module.to(self.device).eval()
        if model_format != "torchscript":
            module = module.to(self.dtype)
        self.inputs = [self._fixed_input(shape) for shape in shapes]
        self.input_shapes = ["x".join(str(d) for d in shape) for shape in shapes]
        with torch.inference_mode():
            self.module = self._prepare(module)
        self._sync()
        self.load_ns = time.perf_counter_ns() - started
        self.first_ns = self.run(1)[0]

    @staticmethod
    def _dimension(value, index: int, batch: int, resolution: int) -> int:
        if isinstance(value, int) and value > 0:
            return value
        if index == 0:
            return batch
        if resolution > 0 and index >= 2:
            return resolution
        raise RuntimeError_(f"input dimension {index} is symbolic ('{value}'); give a resolution")

    def _fixed_input(self, shape: List[int]) -> torch.Tensor:
        # Fixed and seeded, as the ONNX Runtime runner's input: speed does not depend on the values.
        generator = torch.Generator().manual_seed(0)
        return torch.rand(shape, generator=generator).to(self.dtype).to(self.device)

    def _prepare(self, module):
        if self.runtime == "torch-eager":
            return module
        if self.runtime == "torch-compile":
            return torch.compile(module)
        scripted = module if isinstance(module, torch.jit.ScriptModule) else torch.jit.script(module)
        try:
            frozen = torch.jit.freeze(scripted.eval())
        except RuntimeError:
            frozen = scripted  # a file someone froze already
        if self.device.type == "cpu" and int(torch.__version__.split(".")[0]) < 2:
            # The paper's pipeline ends in optimize_for_inference. Torch 1.x's CPU pass converts to MKLDNN layouts and
            # gives wrong logits for MobileNetV3, LowFormer-B1.5/E1 and EfficientViT-B0/B2 (off by up to 60 % against
            # ONNX Runtime, TorchEqualityTests): freeze (which folds Conv+BatchNorm) is where it stops there.
            self.notes.append("script+freeze (optimize_for_inference skipped: torch 1.x's CPU pass is wrong on these graphs)")
            return frozen
        optimized = torch.jit.optimize_for_inference(frozen)
        expected, actual = frozen(*self.inputs), optimized(*self.inputs)
        if _agree(expected, actual):
            self.notes.append("script+freeze+optimize_for_inference")
            return optimized
        self.notes.append("script+freeze (optimize_for_inference changed the outputs on this torch, so it is not used)")
        return frozen

    def _sync(self):
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)

    def run(self, iterations: int) -> List[int]:
        """Per-iteration times in nanoseconds: perf_counter_ns around each forward on the CPU, CUDA events on a GPU."""
        times: List[int] = []
        with torch.inference_mode():
            if self.device.type == "cuda":
                starts = [torch.cuda.Event(enable_timing=True) for _ in range(iterations)]
                ends = [torch.cuda.Event(enable_timing=True) for _ in range(iterations)]
                for i in range(iterations):
                    starts[i].record()
                    self.module(*self.inputs)
                    ends[i].record()
                    # A sample ends when the result is usable, as the ONNX Runtime runner's does.
                    ends[i].synchronize()
                times = [int(s.elapsed_time(e) * 1e6) for s, e in zip(starts, ends)]
            else:
                module, inputs, clock = self.module, self.inputs, time.perf_counter_ns
                for _ in range(iterations):
                    before = clock()
                    module(*inputs)
                    times.append(clock() - before)
        return times

    def outputs(self) -> Optional[List[torch.Tensor]]:
        with torch.inference_mode():
            result = self.module(*self.inputs)
        return list(result) if isinstance(result, (tuple, list)) else [result]


def _agree(expected, actual) -> bool:
    expected = list(expected) if isinstance(expected, (tuple, list)) else [expected]
    actual = list(actual) if isinstance(actual, (tuple, list)) else [actual]
    for e, a in zip(expected, actual):
        e, a = e.float(), a.to_dense().float() if a.is_mkldnn else a.float()
        scale = max(1.0, float(e.abs().max()))
        if e.shape != a.shape or float((e - a).abs().max()) > 1e-4 * scale:
            return False
    return True
