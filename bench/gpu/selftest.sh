#!/usr/bin/env bash
# Tests pack.sh and device.sh here, without a GPU: a stand-in payload is packed into small chunks, each "carried" and
# received as on the device, joined, checked and unpacked; the run's argument handling and dry run are checked; a run
# uses a stand-in lfb that prints what it was asked (the real lfb's GPU behaviour is tested in GpuBuildTests).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi; }

# A payload: 3 MB of incompressible bytes and a stand-in lfb.
mkdir -p "$work/publish/lfb/runtimes"
head -c 3000000 /dev/urandom > "$work/publish/lfb/runtimes/libstandin.so"
cat > "$work/publish/lfb/lfb" <<'STANDIN'
#!/usr/bin/env bash
case "$1" in
  providers) echo '[{"name": "CPUExecutionProvider"}]' ;;
  measure) [[ " $* " == *" enable_cuda_graph=1 "* ]] && { echo "refused: $*" >&2; exit 1; }; printf '{"model": "%s", "ld": "%s"}\n' "$2" "${LD_LIBRARY_PATH%%:*}" ;;
  *) exit 3 ;;
esac
STANDIN
chmod +x "$work/publish/lfb/lfb"

bash "$here/pack.sh" --skip-publish --chunk-bytes 1000000 --publish-dir "$work/publish/lfb" --chunks-dir "$work/chunks" > "$work/pack.log"
parts=$(cd "$work/chunks" && ls part-* | wc -l)
check "pack splits the xz archive into 1 MB chunks (3 MB of random bytes: 3 or 4)" '[ "$parts" -ge 3 ] && [ "$parts" -le 4 ]'
check "every chunk is at most the chunk size" '[ -z "$(find "$work/chunks" -name "part-*" -size +1000000c)" ]'
check "the device script travels inside the payload" '[ -f "$work/publish/lfb/device.sh" ]'
check "pack refuses chunks over 64 MB" '! bash "$here/pack.sh" --skip-publish --chunk-bytes 70000000 --publish-dir "$work/publish/lfb" --chunks-dir "$work/x" 2>/dev/null'
check "pack refuses a non-numeric chunk size with exit 2" 'bash "$here/pack.sh" --skip-publish --chunk-bytes 62MB 2>/dev/null; [ $? -eq 2 ]'

# One "call" per chunk: the chunk arrives in LFB_GPU_CHUNKS, receive parks it in the stash.
export LFB_GPU_STASH="$work/stash" OUT="$work/out"
for part in $(cd "$work/chunks" && ls part-*); do
  mkdir -p "$work/call"; rm -f "$work/call"/*
  cp "$work/chunks/$part" "$work/call/"
  [ "$part" = part-00 ] && cp "$work/chunks/lfb-gpu.tar.xz.sha256" "$work/call/"
  LFB_GPU_CHUNKS="$work/call" bash "$here/device.sh" receive "$part" > /dev/null
done
check "receive stashed every chunk" '[ "$(ls "$work/stash"/part-* | wc -l)" -eq "$parts" ]'
check "receive refuses a name that is not part-NN" 'LFB_GPU_CHUNKS="$work/call" bash "$here/device.sh" receive ../../etc/passwd 2>/dev/null; [ $? -eq 2 ]'
check "receive says which chunk was not carried" 'LFB_GPU_CHUNKS="$work/call" bash "$here/device.sh" receive part-99 > "$work/miss.out" 2>&1; grep -q "was not carried" "$work/miss.out"'

# The last call: join, verify, unpack, run (stand-in lfb).
bash "$here/device.sh" run --models "lowformer-b0 resnet50" --time-budget 1 > "$work/run.out" 2>&1
check "join + unpack reproduce the payload byte for byte" 'cmp -s "$work/publish/lfb/runtimes/libstandin.so" "$work/stash/lfb/runtimes/libstandin.so"'
check "results.json is valid JSON with the 6 runs that succeeded (graph runs refused by the stand-in)" \
  'python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if len(r)==6 else 1)" "$work/out/results.json"'
check "a refused run is logged, not fatal" 'grep -q "FAILED" "$work/out/run.log"'
check "providers.json and nvidia-smi.txt are written" '[ -s "$work/out/providers.json" ] && [ -s "$work/out/nvidia-smi.txt" ]'
check "LD_LIBRARY_PATH ends with /lib/x86_64-linux-gnu (cuDNN there)" 'grep -q "^LD_LIBRARY_PATH=.*/lib/x86_64-linux-gnu" "$work/out/run.log"'

# A damaged chunk is caught by the SHA-256 before anything is unpacked.
printf 'x' >> "$work/stash/part-01"
check "a damaged chunk fails the join with exit 1 and says so" 'bash "$here/device.sh" run > "$work/bad.out" 2>&1; [ $? -eq 1 ] && grep -q "does not match its SHA-256" "$work/bad.out"'

# Arguments and the dry run.
dry=$(bash "$here/device.sh" run --dry-run --models "lowformer-b1" --time-budget 5)
check "dry run lists the four runs of a model" '[ "$(echo "$dry" | grep -c "^lfb measure lowformer-b1 --provider cuda")" -eq 4 ]'
check "dry run: CUDA graphs on at batch 1, fp16 at batch 200" 'echo "$dry" | grep -q -- "-b 1 -o enable_cuda_graph=1" && echo "$dry" | grep -q -- "-b 200 --precision fp16"'
check "default plan covers lowformer-b0, -b1, -b3 and resnet50 (16 runs)" '[ "$(bash "$here/device.sh" run --dry-run | grep -c "^lfb measure")" -eq 16 ]'
check "unknown run argument exits 2" 'bash "$here/device.sh" run --fast 2>/dev/null; [ $? -eq 2 ]'
check "bad time budget exits 2" 'bash "$here/device.sh" run --time-budget soon 2>/dev/null; [ $? -eq 2 ]'
check "unknown command exits 2" 'bash "$here/device.sh" fly 2>/dev/null; [ $? -eq 2 ]'

echo "selftest: $failures failure(s)"
[ "$failures" -eq 0 ]
