# The coordinator (lfb up without a local agent), linux-x64. Build from the repository root:
#   docker build -f deploy/docker/coordinator.Dockerfile -t lowformerbench/coordinator .
# Run: docker run -p 5180:5180 -v lfb-data:/data -e LFB_AGENT_TOKEN=SECRET lowformerbench/coordinator
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props LowFormerBench.sln ./
COPY protos/ protos/
COPY src/ src/
COPY agents/ agents/
COPY dashboard/ dashboard/
COPY suites/ suites/
RUN dotnet publish src/LowFormerBench.Cli -c Release -r linux-x64 --self-contained false -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out ./
# The image's non-root user; /data holds the SQLite database and the model store.
RUN mkdir -p /data && chown app:app /data
USER app
VOLUME /data
EXPOSE 5180
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1
# A shell only to put the token from the environment on lfb's command line; exec keeps lfb as PID 1 for SIGTERM.
ENTRYPOINT ["/bin/sh", "-c", "exec /app/lfb up --no-local-agent --bind 0.0.0.0 --port 5180 --db /data/farm.db --agent-token \"${LFB_AGENT_TOKEN:?set LFB_AGENT_TOKEN}\""]
