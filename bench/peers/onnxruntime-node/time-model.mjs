// Peer timer for bench/harness-overhead: one ONNX file with onnxruntime-node, the way a careful user would time it.
// Usage: node time-model.mjs FILE SHAPE(1x3x224x224) THREADS ITERATIONS WARMUP_MS
// Prints one JSON line: {"median_ms", "samples", "ort_version"}.
import * as ort from 'onnxruntime-node';

const [file, shapeText, threadsText, iterationsText, warmupText] = process.argv.slice(2);
if (!file || !shapeText) {
  console.error('usage: node time-model.mjs FILE SHAPE THREADS ITERATIONS WARMUP_MS');
  process.exit(2);
}

const shape = shapeText.split('x').map(Number);
const threads = Number(threadsText ?? 1);
const iterations = Number(iterationsText ?? 50);
const warmupMs = Number(warmupText ?? 1000);

const session = await ort.InferenceSession.create(file, {
  executionProviders: ['cpu'],
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
});

// Same input distribution as our runner: uniform in [-1, 1).
const data = new Float32Array(shape.reduce((a, d) => a * d, 1));
for (let i = 0; i < data.length; i++) data[i] = Math.random() * 2 - 1;
const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', data, shape) };

const warmStart = process.hrtime.bigint();
for (let i = 0; i < 3 || Number(process.hrtime.bigint() - warmStart) / 1e6 < warmupMs; i++) {
  await session.run(feeds);
}

const samples = [];
for (let i = 0; i < iterations; i++) {
  const start = process.hrtime.bigint();
  await session.run(feeds);
  samples.push(Number(process.hrtime.bigint() - start) / 1e6);
}

samples.sort((a, b) => a - b);
const mid = samples.length >> 1;
const median = samples.length % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
console.log(JSON.stringify({ median_ms: median, samples: samples.length, ort_version: ort.env.versions?.common ?? 'unknown' }));
