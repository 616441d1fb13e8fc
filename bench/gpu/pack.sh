#!/usr/bin/env bash
# Builds the payload for a GPU run on the lent H200 machine (which has no .NET and no network): a self-contained linux-x64
# publish of `lfb` with the GPU flavor of ONNX Runtime, packed with tar | xz and split into chunks that fit one device call
# (at most 64 MiB travels per call). Run it on the development machine; then follow bench/gpu/README.md.
#
#   bench/gpu/pack.sh [--skip-publish] [--chunk-bytes N] [--publish-dir DIR] [--chunks-dir DIR]
#
# --skip-publish packs what --publish-dir already holds (the self-test packs a small stand-in tree this way).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
publish_dir="$root/artifacts/gpu/lfb"
chunks_dir="$here/.chunks"
chunk_bytes=62000000
skip_publish=0

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-publish) skip_publish=1; shift ;;
    --chunk-bytes) [ $# -ge 2 ] || usage; chunk_bytes=$2; shift 2 ;;
    --publish-dir) [ $# -ge 2 ] || usage; publish_dir=$2; shift 2 ;;
    --chunks-dir) [ $# -ge 2 ] || usage; chunks_dir=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "pack.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
case "$chunk_bytes" in
  ''|*[!0-9]*) echo "pack.sh: --chunk-bytes must be a number of bytes, not '$chunk_bytes'" >&2; exit 2 ;;
esac
if [ "$chunk_bytes" -gt 64000000 ] || [ "$chunk_bytes" -lt 1000 ]; then
  echo "pack.sh: --chunk-bytes $chunk_bytes is out of range: one device call carries at most 64 MiB (use 62000000)" >&2
  exit 2
fi

if [ "$skip_publish" -eq 0 ]; then
  rm -rf "$publish_dir"
  dotnet publish "$root/src/LowFormerBench.Cli" -c Release -r linux-x64 --self-contained -p:OnnxRuntimeFlavor=Gpu -o "$publish_dir" -nologo
  # The Windows native libraries of the GPU package ride along in a linux-x64 publish; they are dead weight here.
  find "$publish_dir" -name 'onnxruntime*.dll' -delete
fi
[ -d "$publish_dir" ] || { echo "pack.sh: $publish_dir does not exist (publish first, or drop --skip-publish)" >&2; exit 1; }
cp "$here/device.sh" "$publish_dir/device.sh"

rm -rf "$chunks_dir"
mkdir -p "$chunks_dir"
tar -C "$(dirname "$publish_dir")" -cf - "$(basename "$publish_dir")" | xz -T2 -7 > "$chunks_dir/lfb-gpu.tar.xz"
(cd "$chunks_dir" && sha256sum lfb-gpu.tar.xz > lfb-gpu.tar.xz.sha256)
split -b "$chunk_bytes" -d -a 2 "$chunks_dir/lfb-gpu.tar.xz" "$chunks_dir/part-"
rm "$chunks_dir/lfb-gpu.tar.xz"
count=$(find "$chunks_dir" -name 'part-*' | wc -l)
echo "pack.sh: $(du -sh "$publish_dir" | cut -f1) published, packed into $count chunk(s) of at most $chunk_bytes bytes in $chunks_dir"
ls -l "$chunks_dir"
