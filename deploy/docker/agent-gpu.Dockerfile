# The GPU agent, linux-x64, self-contained with ONNX Runtime's GPU build (Microsoft.ML.OnnxRuntime.Gpu 1.32.0, a CUDA 13
# build) on NVIDIA's CUDA 13 + cuDNN 9 runtime image, which brings libcudart.so.13, libcublas(Lt).so.13, libcurand.so.10
# and libcudnn.so.9. The NVIDIA driver (libcuda.so.1) and the GPU device come from the host through the NVIDIA Container
# Toolkit at run time. From the repository root:
#   docker build -f deploy/docker/agent-gpu.Dockerfile -t lowformerbench/agent-gpu .
#   docker run --gpus all -e Agent__CoordinatorUrl=http://coordinator:5180 -e Agent__Token=... -e Agent__Name=rtx4090 lowformerbench/agent-gpu
# Without --gpus (or the nvidia runtime) the agent starts, advertises only CPUExecutionProvider and logs why.
# TensorRT is not in this image: add TensorRT 10 (libnvinfer.so.10, libnvonnxparser.so.10) on top for the tensorrt provider.
ARG CUDA_IMAGE=nvidia/cuda:13.0.0-cudnn-runtime-ubuntu24.04

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY src/LowFormerBench.Core/ src/LowFormerBench.Core/
COPY src/LowFormerBench.Protos/ src/LowFormerBench.Protos/
COPY src/LowFormerBench.ModelZoo/ src/LowFormerBench.ModelZoo/
COPY src/LowFormerBench.Measurement/ src/LowFormerBench.Measurement/
COPY agents/ agents/
RUN dotnet publish agents/LowFormerBench.Agent -c Release -r linux-x64 --self-contained -p:OnnxRuntimeFlavor=Gpu -o /out \
 && find /out -name 'onnxruntime*.dll' -delete

FROM ${CUDA_IMAGE}
# What a self-contained .NET app needs beyond glibc (no ICU: the agent runs with invariant globalization); nvidia-smi comes
# with the driver mount and is the agent's GPU probe and power/clock monitor.
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3t64 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 1654 --create-home app
WORKDIR /app
COPY --from=build /out ./
RUN mkdir -p /cache && chown app:app /cache
USER app
VOLUME /cache
ENV Agent__CacheDirectory=/cache \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
ENTRYPOINT ["/app/LowFormerBench.Agent"]
