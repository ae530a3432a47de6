// onnxruntime's side of `make bench`: times one QDQ model at one batch size.
//
//   node ort_bench.js MODEL_qdq.onnx --calib NAME_calib.npy --batch B --samples N [--api native|public] [--threads T]
//   node ort_bench.js MODEL_qdq.onnx --calib NAME_calib.npy --check FLOAT.onnx
//
// One session on the CPU provider with one intra-op (--threads T: T) and one inter-op thread,
// sequential execution and graphOptimizationLevel 'all' (so that the QDQ
// groups are fused into onnxruntime's integer kernels). The input is random
// floats of shape [B] + the calibration file's per-row shape. After a warm-up
// that also picks a repeat count of about 0.2 s, prints the median of N
// samples:  ort_ns=...  (per inference).
//
// --api native (the default) calls the native session's run synchronously,
// the call onnxruntime-node's public InferenceSession.run makes after a
// promise and a setImmediate turn of the event loop; that turn costs a few µs
// per call, which is Node.js and not onnxruntime. --api public times the
// public call instead.
//
// --check runs FLOAT.onnx and MODEL on all calibration rows and prints
//   rel_l2=...  (||qdq - float|| / ||float||): the QDQ model is the same model.
const fs = require('fs');
const ort = require('onnxruntime-node');
const { binding } = require('onnxruntime-node/dist/binding');

const OPTIONS = {
  executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential',
  graphOptimizationLevel: 'all',
};

// A float32 .npy file (format 1.x or 2.x, C order): {shape, data}.
function readNpy(file) {
  const buf = fs.readFileSync(file);
  if (buf.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(file + ': not a .npy file');
  const at = buf[6] === 1 ? 10 : 12;
  const start = at + (buf[6] === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8));
  const header = buf.toString('latin1', at, start);
  if (!/'descr':\s*'<f4'/.test(header) || /'fortran_order':\s*True/.test(header)) {
    throw new Error(file + ': want little-endian float32 in C order');
  }
  const shape = header.match(/'shape':\s*\(([^)]*)\)/)[1].split(',').filter((d) => d.trim()).map(Number);
  return { shape, data: new Float32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length)) };
}

// run(x) -> output data, through the native session or the public API.
async function runner(model, api, threads) {
  const options = Object.assign({}, OPTIONS, { intraOpNumThreads: threads || 1 });
  if (api === 'public') {
    const s = await ort.InferenceSession.create(model, options);
    return async (x) => (await s.run({ [s.inputNames[0]]: x }))[s.outputNames[0]].data;
  }
  const s = new binding.InferenceSession();
  s.loadModel(model, options);
  const fetches = { [s.outputNames[0]]: null };
  return async (x) => s.run({ [s.inputNames[0]]: x }, fetches, {})[s.outputNames[0]].data;
}

// Seconds per run of `reps` back-to-back runs.
async function sample(run, x, reps) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; ++i) await run(x);
  return Number(process.hrtime.bigint() - t0) * 1e-9 / reps;
}

(async () => {
  const argv = process.argv.slice(2);
  const opt = { batch: '1', samples: '11', api: 'native' };
  for (let i = 1; i < argv.length; i += 2) opt[argv[i].replace(/^--/, '')] = argv[i + 1];
  const calib = readNpy(opt.calib);
  const run = await runner(argv[0], opt.api, Number(opt.threads || 1));

  if (opt.check) {
    const x = new ort.Tensor('float32', calib.data, calib.shape);
    const f = await (await runner(opt.check, opt.api))(x);
    const q = await run(x);
    let num = 0, den = 0;
    for (let i = 0; i < f.length; ++i) {
      num += (q[i] - f[i]) ** 2;
      den += f[i] ** 2;
    }
    console.log('rel_l2=' + Math.sqrt(num / den).toPrecision(4));
    return;
  }

  const shape = [Number(opt.batch)].concat(calib.shape.slice(1));
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; ++i) data[i] = 2 * Math.random() - 1;
  const x = new ort.Tensor('float32', data, shape);
  // warm-up, growing the repeat count until one sample takes about 0.2 s
  let reps = 1;
  for (;;) {
    const dt = (await sample(run, x, reps)) * reps;
    if (dt >= 0.2) break;
    reps = dt > 0 ? Math.ceil(reps * (0.2 / dt) * 1.1) : reps * 10;
  }
  const t = [];
  for (let s = 0; s < Number(opt.samples); ++s) t.push(await sample(run, x, reps));
  t.sort((a, b) => a - b);
  console.log('ort_ns=' + Math.round(t[t.length >> 1] * 1e9));
})().catch((e) => { console.error('ort_bench: ' + e.message); process.exit(1); });
