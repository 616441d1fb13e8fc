#!/usr/bin/env bash
# The H200 side of a GPU run (bench/gpu/README.md). Every step is one device call, made within 30 s of the last one
# (the machine is given back after 30 s idle) and run from the repository root:
#
#   bash bench/gpu/device.sh receive PART          # copies the carried chunk bench/gpu/.chunks/PART to the stash
#   bash bench/gpu/device.sh run [--dry-run] [--models "a b"] [--time-budget S] [--provider P] [--lfb DIR]
#                                                  # joins and unpacks the chunks, finds CUDA/cuDNN, runs the measurements
#
# Environment: LFB_GPU_STASH (default /tmp/lfb-gpu) holds chunks between calls (LFB_GPU_CHUNKS: where carried chunks
# arrive, default bench/gpu/.chunks); OUT (the device tool's output folder)
# receives results.json, run.log, providers.json and nvidia-smi.txt. --dry-run prints what would run and touches nothing;
# --lfb DIR uses an lfb already unpacked there (skips the join). Exit codes: 0 done, 1 a step failed, 2 bad arguments.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
stash=${LFB_GPU_STASH:-/tmp/lfb-gpu}
out=${OUT:-$stash/out}

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
fail() { echo "device.sh: $*" >&2; exit 1; }

receive() {
  [ $# -eq 1 ] || { echo "device.sh: receive takes one chunk name, e.g. part-00" >&2; usage; }
  case "$1" in part-[0-9][0-9]) ;; *) echo "device.sh: '$1' is not a chunk name (part-NN)" >&2; exit 2 ;; esac
  local chunks=${LFB_GPU_CHUNKS:-$here/.chunks}
  local chunk="$chunks/$1"
  [ -f "$chunk" ] || fail "$chunk was not carried with this call (carry: [\"bench/gpu/.chunks/$1\"])"
  mkdir -p "$stash"
  cp "$chunk" "$stash/$1"
  if [ -f "$chunks/lfb-gpu.tar.xz.sha256" ]; then cp "$chunks/lfb-gpu.tar.xz.sha256" "$stash/"; fi
  echo "device.sh: $1 stashed ($(stat -c %s "$stash/$1") bytes); stash holds: $(cd "$stash" && ls part-* | tr '\n' ' ')"
}

# Folders that hold the CUDA 13 libraries (the Python `nvidia` wheels) and cuDNN 9, for LD_LIBRARY_PATH.
library_path() {
  local dirs=()
  for lib in libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcurand.so.10 libcudnn.so.9; do
    local found
    found=$(find / -xdev \( -path /proc -o -path /sys \) -prune -o -name "$lib" -print 2>/dev/null | head -n 1 || true)
    [ -n "$found" ] && dirs+=("$(dirname "$found")")
  done
  [ -d /lib/x86_64-linux-gnu ] && dirs+=(/lib/x86_64-linux-gnu)
  printf '%s\n' "${dirs[@]}" | awk 'NF && !seen[$0]++' | paste -sd: -
}

run() {
  local dry=0 models="lowformer-b0 lowformer-b1 lowformer-b3 resnet50" budget=8 provider=cuda lfb_dir=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --dry-run) dry=1; shift ;;
      --models) [ $# -ge 2 ] || usage; models=$2; shift 2 ;;
      --time-budget) [ $# -ge 2 ] || usage; budget=$2; shift 2 ;;
      --provider) [ $# -ge 2 ] || usage; provider=$2; shift 2 ;;
      --lfb) [ $# -ge 2 ] || usage; lfb_dir=$2; shift 2 ;;
      *) echo "device.sh: unknown argument to run: '$1'" >&2; usage ;;
    esac
  done
  case "$budget" in ''|*[!0-9.]*) echo "device.sh: --time-budget must be seconds, not '$budget'" >&2; exit 2 ;; esac
  [ -n "$models" ] || { echo "device.sh: --models is empty" >&2; exit 2; }

  # What runs: per model, batch-1 latency with CUDA graphs off and on, batch-200 throughput at fp32 and fp16.
  local plan=()
  for m in $models; do
    plan+=("$m bs1 --scenario latency -b 1")
    plan+=("$m bs1-graph --scenario latency -b 1 -o enable_cuda_graph=1")
    plan+=("$m bs200 --scenario throughput -b 200")
    plan+=("$m bs200-fp16 --scenario throughput -b 200 --precision fp16")
  done
  if [ "$dry" -eq 1 ]; then
    echo "device.sh: dry run: join $stash/part-* (checked against lfb-gpu.tar.xz.sha256), unpack to $stash/lfb"
    echo "LD_LIBRARY_PATH=<folders of libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcurand.so.10 libcudnn.so.9>:/lib/x86_64-linux-gnu"
    for p in "${plan[@]}"; do
      set -- $p
      local name=$1 tag=$2; shift 2
      echo "lfb measure $name --provider $provider $* --time-budget $budget --format json  # $tag"
    done
    echo "results: $out/results.json, $out/run.log, $out/providers.json, $out/nvidia-smi.txt"
    return 0
  fi

  if [ -z "$lfb_dir" ]; then
    compgen -G "$stash/part-*" >/dev/null || fail "no chunks in $stash: run 'device.sh receive part-NN' for each chunk first"
    cat "$stash"/part-* > "$stash/lfb-gpu.tar.xz"
    if [ -f "$stash/lfb-gpu.tar.xz.sha256" ]; then
      (cd "$stash" && sha256sum -c lfb-gpu.tar.xz.sha256 >/dev/null) || fail "the joined archive does not match its SHA-256: a chunk is missing or damaged (stash: $(cd "$stash" && ls part-* | tr '\n' ' '))"
    fi
    rm -rf "$stash/lfb"
    xz -dc "$stash/lfb-gpu.tar.xz" | tar -C "$stash" -xf -
    lfb_dir="$stash/lfb"
  fi
  [ -x "$lfb_dir/lfb" ] || fail "$lfb_dir/lfb is missing or not executable"

  mkdir -p "$out"
  export LD_LIBRARY_PATH
  LD_LIBRARY_PATH=$(library_path)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
  {
    echo "date: $(date -u +%FT%TZ)"; echo "host: $(uname -a)"; echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
  } > "$out/run.log"
  (command -v nvidia-smi >/dev/null && { nvidia-smi; nvidia-smi -q; } || echo "no nvidia-smi") > "$out/nvidia-smi.txt" 2>&1
  "$lfb_dir/lfb" providers --format json > "$out/providers.json" 2>>"$out/run.log" || echo "lfb providers failed" >> "$out/run.log"

  local first=1
  echo "[" > "$out/results.json"
  for p in "${plan[@]}"; do
    set -- $p
    local name=$1 tag=$2; shift 2
    echo "== $name $tag: lfb measure $name --provider $provider $* --time-budget $budget" | tee -a "$out/run.log"
    local json
    if json=$("$lfb_dir/lfb" measure "$name" --provider "$provider" "$@" --time-budget "$budget" --format json 2>>"$out/run.log"); then
      [ $first -eq 1 ] || echo "," >> "$out/results.json"
      first=0
      printf '{"run": "%s %s", "report": %s}\n' "$name" "$tag" "$json" >> "$out/results.json"
      echo "ok" >> "$out/run.log"
    else
      echo "FAILED (see above)" | tee -a "$out/run.log"
    fi
  done
  echo "]" >> "$out/results.json"
  echo "device.sh: done; $(grep -c '"run"' "$out/results.json" || true) of ${#plan[@]} runs in $out/results.json"
}

[ $# -ge 1 ] || usage
command=$1; shift
case "$command" in
  receive) receive "$@" ;;
  run) run "$@" ;;
  -h|--help) usage ;;
  *) echo "device.sh: unknown command '$command' (receive or run)" >&2; usage ;;
esac
