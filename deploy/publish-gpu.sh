#!/usr/bin/env bash
# Self-contained linux-x64 builds of the GPU agent and of `lfb` with ONNX Runtime's GPU flavor (Microsoft.ML.OnnxRuntime.Gpu
# 1.32.0, CUDA 13): copy a folder to a GPU workstation and run it there, no .NET needed. From the repository root:
#   deploy/publish-gpu.sh [OUTPUT]      # default artifacts/gpu: OUTPUT/agent/LowFormerBench.Agent and OUTPUT/lfb/lfb
# The machine needs the NVIDIA driver, the CUDA 13 runtime libraries and cuDNN 9 on its library path (README, "GPU agents").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/artifacts/gpu}
for target in "agents/LowFormerBench.Agent agent" "src/LowFormerBench.Cli lfb"; do
  set -- $target
  rm -rf "${out:?}/$2"
  dotnet publish "$root/$1" -c Release -r linux-x64 --self-contained -p:OnnxRuntimeFlavor=Gpu -o "$out/$2" -nologo
  # The GPU package also carries the Windows native libraries; a linux-x64 build never loads them.
  find "$out/$2" -name 'onnxruntime*.dll' -delete
done
echo "publish-gpu.sh: $out/agent/LowFormerBench.Agent and $out/lfb/lfb ($(du -sh "$out" | cut -f1))"
