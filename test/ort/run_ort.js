// Runs an ONNX model in onnxruntime (the reference of make ort-check).
// usage: node run_ort.js MODEL.onnx DIR: DIR/inputs.json lists the inputs
// ({name, dtype, shape, file} with raw little-endian data), outputs are
// written as DIR/out_<name>.bin plus DIR/outputs.json.
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

const arrays = {
  float32: Float32Array, int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, int64: BigInt64Array,
};

(async () => {
  const [model, dir] = process.argv.slice(2);
  const session = await ort.InferenceSession.create(model);
  const feeds = {};
  for (const inp of JSON.parse(fs.readFileSync(path.join(dir, 'inputs.json')))) {
    const buf = fs.readFileSync(path.join(dir, inp.file));
    const T = arrays[inp.dtype];
    const data = new T(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
    feeds[inp.name] = new ort.Tensor(inp.dtype, data, inp.shape);
  }
  const results = await session.run(feeds);
  const outs = [];
  for (const [name, t] of Object.entries(results)) {
    const file = 'out_' + outs.length + '.bin';
    fs.writeFileSync(path.join(dir, file), Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    outs.push({ name, dtype: t.type, shape: t.dims, file });
  }
  fs.writeFileSync(path.join(dir, 'outputs.json'), JSON.stringify(outs));
})().catch((e) => { console.error('onnxruntime: ' + e.message); process.exit(1); });
