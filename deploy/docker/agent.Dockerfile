# The agent, linux-x64, self-contained with the packaged (CPU) ONNX Runtime. Build from the repository root:
#   docker build -f deploy/docker/agent.Dockerfile -t lowformerbench/agent .
# For NVIDIA GPUs use agent-gpu.Dockerfile (ONNX Runtime's CUDA 13 build on a CUDA 13 + cuDNN 9 base image).
# Jetson (arm64): see deploy/README.md, "A Jetson".
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG ORT_FLAVOR=Cpu
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY src/LowFormerBench.Core/ src/LowFormerBench.Core/
COPY src/LowFormerBench.Protos/ src/LowFormerBench.Protos/
COPY src/LowFormerBench.ModelZoo/ src/LowFormerBench.ModelZoo/
COPY src/LowFormerBench.Measurement/ src/LowFormerBench.Measurement/
COPY agents/ agents/
RUN dotnet publish agents/LowFormerBench.Agent -c Release -r linux-x64 --self-contained -p:OnnxRuntimeFlavor=${ORT_FLAVOR} -o /out

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
WORKDIR /app
COPY --from=build /out ./
RUN mkdir -p /cache && chown app:app /cache
USER app
VOLUME /cache
ENV Agent__CacheDirectory=/cache \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# Agent__CoordinatorUrl, Agent__Token and Agent__Name come from the environment (compose, Kubernetes secret).
ENTRYPOINT ["/app/LowFormerBench.Agent"]
