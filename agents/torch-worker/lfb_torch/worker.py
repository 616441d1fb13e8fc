"""The worker's loop: one JSON request per line on stdin, one JSON reply per line on stdout (see README.md)."""
import json
import os
import platform
import sys
import tempfile
import traceback

PROTOCOL = 1


def _out_of_memory(error: BaseException) -> bool:
    text = str(error)
    return isinstance(error, MemoryError) or "out of memory" in text.lower() or "not enough memory" in text.lower()


class Worker:
    def __init__(self, cache_dir: str):
        self.cache_dir = cache_dir
        self.model = None

    def handle(self, request: dict) -> dict:
        op = request.get("op")
        if op == "hello":
            import torch
            from .runtime import available_runtimes, devices
            return {"protocol": PROTOCOL, "torch": torch.__version__, "python": platform.python_version(),
                    "devices": devices(), "runtimes": available_runtimes(), "threads": torch.get_num_threads()}
        if op == "load":
            from .runtime import LoadedModel
            self.model = None  # the old model's memory goes before the new one is loaded
            self.model = LoadedModel(request, self.cache_dir)
            return {"input_shapes": self.model.input_shapes, "load_ns": self.model.load_ns, "first_ns": self.model.first_ns,
                    "notes": self.model.notes}
        if op == "run":
            iterations = request.get("iterations")
            if not isinstance(iterations, int) or not 1 <= iterations <= 1_000_000:
                raise ValueError(f"'iterations' must be an integer from 1 to 1000000, got {iterations!r}")
            return {"times_ns": self._loaded().run(iterations)}
        if op == "infer":
            return self._infer(request)
        raise ValueError(f"unknown op {op!r}; the ops are hello, load, run, infer, exit")

    def _loaded(self):
        if self.model is None:
            raise ValueError("no model is loaded; send 'load' first")
        return self.model

    def _infer(self, request: dict) -> dict:
        """Runs the model on raw little-endian fp32 input bytes from a file and writes the first output's bytes."""
        import numpy as np
        import torch
        model = self._loaded()
        data = np.fromfile(request["input"], dtype="<f4")
        first = model.inputs[0]
        if data.size != first.numel():
            raise ValueError(f"input file has {data.size} floats, the model's input {list(first.shape)} takes {first.numel()}")
        model.inputs[0] = torch.from_numpy(data.reshape(first.shape)).to(first.dtype).to(first.device)
        output = model.outputs()[0]
        output = output.to_dense() if output.is_mkldnn else output
        output.float().cpu().contiguous().numpy().astype("<f4").tofile(request["output"])
        return {"output_shape": list(output.shape)}


def _error(request_id, error: BaseException) -> dict:
    try:
        from .codegen import UnsupportedOperator
    except ImportError:
        UnsupportedOperator = ()  # noqa: N806 - torch itself is missing
    reply = {"id": request_id, "ok": False, "error": str(error) or type(error).__name__}
    if isinstance(error, ImportError) and getattr(error, "name", None) in ("torch", "onnx", "numpy"):
        reply.update(kind="torch-missing", error=f"{error}; install Debian's python3-torch and python3-onnx for this interpreter "
                                                 f"({sys.executable}) or point the agent at one that has them")
    elif isinstance(error, UnsupportedOperator):
        reply.update(kind="unsupported-operator", operator=error.op_type)
    elif _out_of_memory(error):
        reply.update(kind="out-of-memory")
    elif isinstance(error, (ValueError, KeyError, TypeError)) or type(error).__name__ == "RuntimeError_":
        reply.update(kind="bad-request")
    else:
        reply.update(kind="internal")
        traceback.print_exc(file=sys.stderr)
    return reply


def main(argv=None) -> int:
    import argparse
    parser = argparse.ArgumentParser(description="LowFormerBench's PyTorch worker (line-JSON over stdin/stdout)")
    parser.add_argument("--cache-dir", default=os.path.join(tempfile.gettempdir(), "lfb-torch-worker"))
    parser.add_argument("--memory-limit-mb", type=int, default=0, help="address-space limit (RLIMIT_AS), 0 for none")
    args = parser.parse_args(argv)
    if args.memory_limit_mb > 0:
        import resource
        limit = args.memory_limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # Replies own stdout; anything else that writes to fd 1 (a native library) lands on stderr instead.
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    worker = Worker(args.cache_dir)
    for line in sys.stdin:
        if not line.strip():
            continue
        request_id = None
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("a request is a JSON object")
            request_id = request.get("id")
            if request.get("op") == "exit":
                replies.write(json.dumps({"id": request_id, "ok": True}) + "\n")
                return 0
            reply = {"id": request_id, "ok": True, **worker.handle(request)}
        except BaseException as error:  # noqa: B902 - a worker that dies on one bad request fails every later job
            if isinstance(error, KeyboardInterrupt):
                raise
            reply = _error(request_id, error)
        replies.write(json.dumps(reply) + "\n")
    return 0
