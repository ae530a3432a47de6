#!/usr/bin/python3
"""Writes lowbit's hostile-input corpus (issue 6: untrusted models).

    /usr/bin/python3 make_hostile.py OUTDIR

One case per file (ONNX models, raw protobuf bytes, .mlir, .npy) in OUTDIR and
OUTDIR/cases.json, a list of cases:

  name     unique case name
  cmd      argv for a lowbit tool; placeholders {lowbit}, {lowbit_opt},
           {lowbit_translate}, {dir} (OUTDIR) and {tmp} (a fresh scratch
           directory per case, also the working directory)
  expect   "error":  exit 1..127 with exactly one non-empty stderr line
                     containing "error:"
           "ok":     exit 0 and every check passes
           "either": exit 0 (then every check must pass) or an "error" exit;
                     for inputs where rejecting and handling correctly are
                     both acceptable (for example a name that may be
                     rejected or sanitized)
  why      one line: the hostile class and what is wrong with the input
  checks   (optional) output checks, run on exit 0:
             {"kind": "npy_close", "file", "ref", "atol", "rtol"}
             {"kind": "c_compiles_clean", "dir", "name", "marker"}
             {"kind": "stderr_contains", "text"}  (case-insensitive)
             {"kind": "file_absent", "path"}
  setup    (optional) done by the runner before the command:
             {"mkfifo": PATH}, {"copy": [SRC, DST]}, {"symlink": [TARGET, LINK]}
  timeout  (optional) seconds before the case is killed (default: runner's)
  time_limit (optional) wall seconds the case may take at most
  mem_mb   (optional) resident memory limit (default: runner's)

Every case in every run also fails on a signal or an exit >= 128, a sanitizer
report, a timeout, or a file created or changed outside {tmp}.

Only /usr/bin/python3 with python3-onnx and python3-numpy. Deterministic: the
same OUTDIR content on every run (fixed seeds, no time stamps).
"""
import json
import os
import shutil
import struct
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper

BIG62 = 1 << 62          # 4611686018427387904: overflows any product with 2 or more
TIB_F32 = 1 << 38        # 2^38 float32 = 1 TiB
MARK = "LB_HOSTILE_PWNED"  # identifier that must never reach generated code


class Corpus:
    def __init__(self, out):
        self.out = out
        self.cases = []
        self.names = set()
        self.rng = np.random.default_rng(20240606)
        os.makedirs(out, exist_ok=True)

    # ---- files ---------------------------------------------------------
    def p(self, fname):
        return os.path.join(self.out, fname)

    def d(self, fname):
        """The placeholder path of a corpus file."""
        return "{dir}/" + fname

    def write(self, fname, data):
        path = self.p(fname)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return self.d(fname)

    def model(self, fname, m):
        return self.write(fname, m.SerializeToString())

    def npy(self, fname, arr):
        path = self.p(fname)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            np.save(f, arr, allow_pickle=False)
        return self.d(fname)

    # ---- cases ---------------------------------------------------------
    def add(self, name, cmd, expect, why, **extra):
        assert name not in self.names, name
        assert expect in ("error", "ok", "either"), expect
        assert "\n" not in why
        self.names.add(name)
        c = {"name": name, "cmd": list(cmd), "expect": expect, "why": why}
        c.update(extra)
        self.cases.append(c)

    def finish(self):
        with open(self.p("cases.json"), "w") as f:
            json.dump(self.cases, f, indent=1, ensure_ascii=True)
            f.write("\n")


# ---- ONNX helpers ------------------------------------------------------------

def vi(name, shape, elem=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, elem, shape)


def mk(nodes, inputs, outputs, inits=(), opset=13, opsets=None, name="hostile"):
    g = helper.make_graph(nodes, name, inputs, outputs, list(inits))
    ops = opsets if opsets is not None else [helper.make_opsetid("", opset)]
    m = helper.make_model(g, opset_imports=ops, producer_name="lowbit-hostile")
    m.ir_version = 8
    return m


def init(name, arr):
    return numpy_helper.from_array(np.asarray(arr), name)


def i64(name, values):
    return init(name, np.array(values, dtype=np.int64))


def f32(name, values):
    return init(name, np.array(values, dtype=np.float32))


def relu_model(in_name="x", out_name="y", shape=("N", 4)):
    return mk([helper.make_node("Relu", [in_name], [out_name], name="r")], [vi(in_name, list(shape))],
              [vi(out_name, list(shape))])


# ---- protobuf wire format -------------------------------------------------------

def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def tag(field, wire):
    return varint((field << 3) | wire)


def ld(field, payload):
    """A length-delimited field."""
    return tag(field, 2) + varint(len(payload)) + payload


def nested(headers_inside_out, inner):
    """Serializes messages that each hold exactly one nested message.

    headers_inside_out: list of (field number, prefix bytes) from the innermost
    wrapper outwards; prefix bytes are other fields of that message written
    before the nested one. Linear time (no repeated copying)."""
    length = len(inner)
    heads = []
    for field, prefix in headers_inside_out:
        h = prefix + tag(field, 2) + varint(length)
        heads.append(h)
        length += len(h)
    return b"".join(reversed(heads)) + inner


def model_prefix(opset=13):
    """ir_version and the default-domain opset of a ModelProto."""
    return tag(1, 0) + varint(8) + ld(8, ld(1, b"") + tag(2, 0) + varint(opset))


# ---- .npy helpers --------------------------------------------------------------

def npy_raw(descr, shape_text, data, major=1, fortran="False", hlen=None, magic=b"\x93NUMPY", extra=""):
    d = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, %s}" % (descr, fortran, shape_text, extra)
    pre = 10 if major == 1 else 12
    total = pre + len(d) + 1
    d += " " * ((64 - total % 64) % 64) + "\n"
    n = len(d) if hlen is None else hlen
    head = magic + bytes([major, 0]) + (struct.pack("<H", n) if major == 1 else struct.pack("<I", n))
    return head + d.encode() + data


# ---- the corpus ------------------------------------------------------------------

def build(c):
    L, O, T = "{lowbit}", "{lowbit_opt}", "{lowbit_translate}"
    rng = c.rng
    y_out = "{tmp}/y.npy"

    # shared inputs
    x24 = rng.standard_normal((2, 4)).astype(np.float32)
    X24 = c.npy("in/x_2x4.npy", x24)
    relu = c.model("m/relu.onnx", relu_model())
    c.npy("ref/relu_x_2x4.npy", np.maximum(x24, 0))

    def run(model, *extra, inp=None):
        return [L, "run", model, "--input", "x=" + (inp or X24), "--output", y_out] + list(extra)

    # ======================= controls (must pass today) =======================
    c.add("control_import", [L, "import", relu], "ok", "control: a well-formed Relu model imports")
    c.add("control_run", run(relu), "ok", "control: float interpreter matches numpy",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/relu_x_2x4.npy"), "atol": 0, "rtol": 0}])
    c.add("control_compile_c", [L, "compile", relu, "--emit", "c", "-o", "{tmp}/out"], "ok",
          "control: generated C is clean under -std=c99 -Wall -Wextra -Werror -pedantic",
          checks=[{"kind": "c_compiles_clean", "dir": "{tmp}/out", "name": "model", "marker": MARK}])
    w43 = (rng.standard_normal((4, 3)) * 0.5).astype(np.float32)
    gemm = c.model("m/gemm.onnx", mk([helper.make_node("Gemm", ["x", "w"], ["y"], name="g")], [vi("x", ["N", 4])],
                                     [vi("y", ["N", 3])], [init("w", w43)]))
    calib = rng.uniform(-3, 3, (64, 4)).astype(np.float32)
    calib[0], calib[1] = -3.0, 3.0  # the range covers every input used below (|x| < 2.5)
    CAL = c.npy("in/calib_64x4.npy", calib)
    c.npy("ref/gemm_x_2x4.npy", x24 @ w43)
    c.add("control_w8a8_run", run(gemm, "--calib", "x=" + CAL, "--quant", "w8a8"), "ok",
          "control: W8A8 Gemm is close to the float reference",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/gemm_x_2x4.npy"), "atol": 0.1, "rtol": 0.05}])
    tiny = c.write("mlir/tiny.mlir", TINY_MLIR)
    c.add("control_translate_c", [T, "--lb-to-c", tiny, "--name", "tiny", "-o", "{tmp}/out"], "ok",
          "control: lowbit-translate emits clean C",
          checks=[{"kind": "c_compiles_clean", "dir": "{tmp}/out", "name": "tiny", "marker": MARK}])

    # ======================= files that are not models =======================
    c.add("file_empty", [L, "import", c.write("f/empty.onnx", b"")], "error", "file: empty model file")
    good = relu_model().SerializeToString()
    c.add("file_truncated", [L, "import", c.write("f/truncated.onnx", good[:len(good) // 2])], "error",
          "file: protobuf truncated in the middle")
    c.add("file_garbage", [L, "import", c.write("f/garbage.onnx", bytes(rng.integers(0, 256, 4096, dtype=np.uint8)))],
          "error", "file: 4 kB of random bytes")
    c.add("file_dev_null", [L, "import", "/dev/null"], "error", "file: model path is /dev/null (character device)")
    c.add("file_dev_zero", [L, "import", "/dev/zero"], "error",
          "file: model path is /dev/zero (endless device: must not read forever or exhaust memory)", timeout=5)
    c.add("file_fifo", [L, "import", "{tmp}/fifo.onnx"], "error",
          "file: model path is a FIFO with no writer (must not block)", setup=[{"mkfifo": "{tmp}/fifo.onnx"}],
          timeout=5)
    c.add("file_fifo_run_mlir", [L, "run", "{tmp}/fifo.mlir", "--input", "x=" + X24, "--output", y_out], "error",
          "file: .mlir model path is a FIFO (must not block)", setup=[{"mkfifo": "{tmp}/fifo.mlir"}], timeout=5)
    c.add("file_fifo_npy", run(relu, inp="{tmp}/fifo.npy"), "error", "file: --input .npy is a FIFO (must not block)",
          setup=[{"mkfifo": "{tmp}/fifo.npy"}], timeout=5)
    c.add("file_directory", [L, "import", "{dir}/m"], "error", "file: model path is a directory")
    c.add("file_missing", [L, "import", "{dir}/m/does-not-exist.onnx"], "error", "file: model path does not exist")

    # ======================= malformed protobuf =======================
    c.add("pb_no_graph", [L, "import", c.write("pb/no_graph.onnx", model_prefix())], "error",
          "protobuf: ModelProto without a graph")
    # Graph > Node > Attribute(g) > Graph > ... : 100k levels (300k nested messages)
    lvl = [(6, ld(1, b"body") + tag(20, 0) + varint(5)),  # AttributeProto.g (name, type=GRAPH)
           (5, ld(4, b"If")),                             # NodeProto.attribute (op_type)
           (1, b"")]                                      # GraphProto.node
    depth = 100000
    deep = nested(lvl * depth + [(7, b"")], b"")
    c.add("pb_nested_graph_attr_100k", [L, "import", c.write("pb/nested_graph_100k.onnx", model_prefix() + deep)],
          "error", "protobuf: GraphProto in an attribute in a node in a graph ... 100k levels deep (stack exhaustion)")
    # Graph input whose TypeProto is sequence(sequence(...)) 100k deep
    seq = [(1, b""), (4, b"")] * depth  # Sequence.elem_type, TypeProto.sequence_type
    typ = nested(seq + [(2, ld(1, b"x")), (11, b""), (7, b"")], b"")
    c.add("pb_nested_type_100k", [L, "import", c.write("pb/nested_type_100k.onnx", model_prefix() + typ)], "error",
          "protobuf: graph input TypeProto sequence_type nested 100k levels deep")
    # length varint far beyond the file
    c.add("pb_length_overflow", [L, "import", c.write("pb/length_overflow.onnx",
                                                      model_prefix() + tag(7, 2) + varint((1 << 63) - 1) + b"\x0a\x00")],
          "error", "protobuf: graph field length 2^63-1 with 2 bytes of payload")
    # one million empty NodeProtos (2 bytes each)
    c.add("pb_1m_empty_nodes", [L, "import", c.write("pb/1m_empty_nodes.onnx",
                                                     model_prefix() + ld(7, ld(12, ld(1, b"y")) + b"\x0a\x00" * 1000000))],
          "error",
          "protobuf/resources: one million empty nodes in 2 MB (must fail fast with bounded memory)", time_limit=10)

    # ======================= opset / graph structure =======================
    def relu_with(**kw):
        return mk([helper.make_node("Relu", ["x"], ["y"], name="r")], [vi("x", ["N", 4])], [vi("y", ["N", 4])], **kw)

    c.add("opset_missing", [L, "import", c.model("g/opset_missing.onnx", relu_with(opsets=[]))], "error",
          "structure: no opset_import at all")
    m = relu_with()
    m.opset_import[0].ClearField("version")
    c.add("opset_no_version", [L, "import", c.model("g/opset_no_version.onnx", m)], "error",
          "structure: default-domain opset without a version")
    c.add("opset_huge", [L, "import", c.model("g/opset_huge.onnx", relu_with(opset=BIG62))], "error",
          "structure: opset 2^62")
    c.add("graph_no_outputs", [L, "import", c.model("g/no_outputs.onnx",
                                                   mk([helper.make_node("Relu", ["x"], ["y"])], [vi("x", ["N", 4])],
                                                      []))], "error", "structure: graph with no outputs")
    c.add("node_undefined_input", [L, "import", c.model("g/undefined_input.onnx", mk(
        [helper.make_node("Add", ["x", "nowhere"], ["y"], name="a")], [vi("x", ["N", 4])], [vi("y", ["N", 4])]))],
        "error", "structure: node input references an undefined name")
    c.add("node_self_cycle", [L, "import", c.model("g/self_cycle.onnx", mk(
        [helper.make_node("Add", ["x", "y"], ["y"], name="a")], [vi("x", ["N", 4])], [vi("y", ["N", 4])]))],
        "error", "structure: node consumes its own output (cycle)")
    c.add("node_two_cycle", [L, "import", c.model("g/two_cycle.onnx", mk(
        [helper.make_node("Add", ["x", "b"], ["a"], name="n1"), helper.make_node("Relu", ["a"], ["b"], name="n2")],
        [vi("x", ["N", 4])], [vi("b", ["N", 4])]))], "error", "structure: two nodes feeding each other (cycle)")
    dup = c.model("g/dup_outputs.onnx", mk(
        [helper.make_node("Relu", ["x"], ["y"], name="r1"), helper.make_node("Clip", ["x", "lo", "hi"], ["y"], name="r2")],
        [vi("x", ["N", 4])], [vi("y", ["N", 4])], [f32("lo", 5.0), f32("hi", 6.0)]))
    c.add("dup_node_outputs", [L, "import", dup], "error",
          "structure: two nodes define the same output name 'y' (SSA violation)")
    c.add("dup_node_outputs_run", run(dup), "error",
          "structure: duplicate output 'y': the interpreter silently picks one definition")
    c.add("node_redefines_input", [L, "import", c.model("g/redefine_input.onnx", mk(
        [helper.make_node("Relu", ["x"], ["x"], name="r"), helper.make_node("Relu", ["x"], ["y"], name="r2")],
        [vi("x", ["N", 4])], [vi("y", ["N", 4])]))], "error",
        "structure: a node output redefines the graph input 'x'")
    c.add("dup_graph_inputs", [L, "import", c.model("g/dup_inputs.onnx", mk(
        [helper.make_node("Add", ["x", "x"], ["y"], name="a")], [vi("x", ["N", 4]), vi("x", ["N", 4])],
        [vi("y", ["N", 4])]))], "error", "structure: graph input 'x' declared twice")
    c.add("dup_initializers", [L, "import", c.model("g/dup_inits.onnx", mk(
        [helper.make_node("Add", ["x", "b"], ["y"], name="a")], [vi("x", ["N", 4])], [vi("y", ["N", 4])],
        [f32("b", [1, 1, 1, 1]), f32("b", [2, 2, 2, 2])]))], "error", "structure: initializer 'b' defined twice")
    for op in ("Identity", "Dropout"):
        m = mk([helper.make_node(op, ["x"], [], name="noout"), helper.make_node("Relu", ["x"], ["y"], name="r")],
               [vi("x", ["N", 4])], [vi("y", ["N", 4])])
        c.add("%s_no_outputs" % op.lower(), [L, "import", c.model("g/%s_no_outputs.onnx" % op.lower(), m)], "error",
              "structure: %s node with no outputs (NULL dereference in the importer)" % op)
    c.add("node_empty_op_type", [L, "import", c.model("g/empty_op.onnx", mk(
        [helper.make_node("", ["x"], ["y"], name="e")], [vi("x", ["N", 4])], [vi("y", ["N", 4])]))], "error",
        "structure: node with an empty op_type")
    passthru = c.model("g/output_is_input.onnx", mk([], [vi("x", ["N", 4])], [vi("x", ["N", 4])]))
    c.npy("ref/x_2x4.npy", x24)
    c.add("graph_output_is_input", [L, "run", passthru, "--input", "x=" + X24, "--output", y_out], "ok",
          "structure: graph output is the graph input itself (valid ONNX, no nodes)",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/x_2x4.npy"), "atol": 0, "rtol": 0}])

    # ======================= shapes and overflowing numbers =======================
    def reshape_model(shape, in_shape=(2, 4)):
        return mk([helper.make_node("Reshape", ["x", "s"], ["y"], name="rs")], [vi("x", list(in_shape))],
                  [vi("y", None)], [i64("s", shape)])

    for nm_, shape, why in [
        ("reshape_2p62", [BIG62, 4, -1], "Reshape to [2^62, 4, -1] (signed overflow, then SIGFPE)"),
        ("reshape_product_overflow", [1 << 32, 1 << 32, 1], "Reshape to [2^32, 2^32, 1] (element count overflows)"),
        ("reshape_two_minus_one", [-1, -1], "Reshape with two -1 entries"),
        ("reshape_minus_two", [-2, -4], "Reshape with negative entries other than -1"),
        ("reshape_zero_beyond_rank", [0, 0, 0, 0], "Reshape copying (0) dims the input does not have"),
        ("reshape_count_mismatch", [3, 3], "Reshape [2,4] to [3,3] (element count differs)"),
    ]:
        c.add(nm_, [L, "import", c.model("s/%s.onnx" % nm_, reshape_model(shape))], "error", "shape: " + why)
    m = mk([helper.make_node("Reshape", ["x", "s"], ["y"], name="rs")], [vi("x", ["N", 4])], [vi("y", None)],
           [i64("s", [BIG62, 4, -1])])
    c.add("reshape_2p62_dynamic_run", run(c.model("s/reshape_2p62_dyn.onnx", m)), "error",
          "shape: Reshape [2^62, 4, -1] on a dynamic input, through the interpreter")
    big_in = c.model("s/input_dims_overflow.onnx", relu_model(shape=(1 << 40, 1 << 40, 1 << 40)))
    c.add("input_dims_overflow_compile", [L, "compile", big_in, "--emit", "c", "-o", "{tmp}/out"], "error",
          "shape: graph input [2^40, 2^40, 2^40] (each dim allowed, the count overflows int64)")
    c.add("input_dims_overflow_import", [L, "import", big_in], "error",
          "shape: graph input [2^40, 2^40, 2^40] at import")
    c.add("batch_huge_compile", [L, "compile", relu, "--emit", "c", "-o", "{tmp}/out", "--batch", str(BIG62)], "error",
          "shape: --batch 2^62 on [N, 4] (element count overflows into #define MODEL_INPUT0_SIZE)")
    c.add("batch_huge_import", [L, "import", relu, "--batch", str(BIG62)], "error",
          "shape: import --batch 2^62 on [N, 4]")
    c.add("batch_huge_translate", [T, "--lb-to-c", tiny, "--batch", str(BIG62), "-o", "{tmp}/out"], "error",
          "shape: lowbit-translate --batch 2^62")
    c.add("batch_negative_translate", [T, "--lb-to-c", tiny, "--batch", "-5", "-o", "{tmp}/out"], "error",
          "cli: lowbit-translate --batch -5")
    c.add("batch_garbage_translate", [T, "--lb-to-c", tiny, "--batch", "12abc", "-o", "{tmp}/out"], "error",
          "cli: lowbit-translate --batch 12abc (not a number)")
    c.add("batch_overflow_text_compile", [L, "compile", relu, "--emit", "c", "-o", "{tmp}/out", "--batch",
                                          "99999999999999999999999"], "error",
          "cli: --batch beyond int64 (strtoll saturates)")

    # convolution and pooling attributes
    wconv = (rng.standard_normal((2, 3, 3, 3)) * 0.3).astype(np.float32)

    def conv_model(attrs, w=wconv, x_shape=(1, 3, 8, 8), extra_inits=(), ins=("x", "w")):
        return mk([helper.make_node("Conv", list(ins), ["y"], name="conv", **attrs)], [vi("x", list(x_shape))],
                  [vi("y", None)], [init("w", w)] + list(extra_inits))

    x388 = rng.standard_normal((1, 3, 8, 8)).astype(np.float32)
    X388 = c.npy("in/x_1x3x8x8.npy", x388)
    for nm_, attrs, why in [
        ("conv_pads_huge", {"pads": [BIG62] * 4}, "Conv pads 2^62 (padded extent overflows)"),
        ("conv_dilations_huge", {"dilations": [BIG62, BIG62]}, "Conv dilations 2^62 (effective kernel overflows)"),
        ("conv_kernel_shape_mismatch", {"kernel_shape": [5, 5]}, "Conv kernel_shape [5,5] but the weight is 3x3"),
        ("conv_group_zero", {"group": 0}, "Conv group 0 (division by zero)"),
        ("conv_group_negative", {"group": -3}, "Conv group -3"),
        ("conv_group_not_dividing", {"group": 2}, "Conv group 2 with 3 input channels"),
    ]:
        c.add(nm_, [L, "run", c.model("s/%s.onnx" % nm_, conv_model(attrs)), "--input", "x=" + X388, "--output",
                    y_out], "error", "shape: " + why)
    c.add("conv_channel_mismatch", [L, "import", c.model("s/conv_channels.onnx", conv_model(
        {}, w=np.ones((2, 5, 3, 3), np.float32)))], "error", "shape: Conv weight has 5 input channels, x has 3")

    def pool_model(op, attrs, x_shape=(1, 3, 8, 8)):
        return mk([helper.make_node(op, ["x"], ["y"], name="pool", **attrs)], [vi("x", list(x_shape))],
                  [vi("y", None)])

    for nm_, op, attrs, why in [
        ("maxpool_pads_huge", "MaxPool", {"kernel_shape": [2, 2], "pads": [BIG62] * 4}, "MaxPool pads 2^62"),
        ("avgpool_pads_huge", "AveragePool", {"kernel_shape": [2, 2], "pads": [0, 0, BIG62, BIG62]},
         "AveragePool end pads 2^62"),
        ("maxpool_pads_ge_kernel", "MaxPool", {"kernel_shape": [2, 2], "pads": [2, 2, 2, 2]},
         "MaxPool pads 2 >= kernel 2 (ONNX requires pad < kernel: windows entirely in padding)"),
        ("avgpool_pads_ge_kernel", "AveragePool", {"kernel_shape": [3, 3], "pads": [3, 0, 3, 0]},
         "AveragePool pads 3 >= kernel 3 (windows with no input element: count 0)"),
        ("maxpool_kernel_huge", "MaxPool", {"kernel_shape": [BIG62, BIG62]}, "MaxPool kernel 2^62"),
        ("maxpool_kernel_bigger_than_input", "MaxPool", {"kernel_shape": [9, 9]},
         "MaxPool kernel 9x9 on an 8x8 input (no output)"),
        ("maxpool_dilations_huge", "MaxPool", {"kernel_shape": [2, 2], "dilations": [BIG62, 1]},
         "MaxPool dilation 2^62"),
    ]:
        c.add(nm_, [L, "run", c.model("s/%s.onnx" % nm_, pool_model(op, attrs)), "--input", "x=" + X388,
                    "--output", y_out], "error", "shape: " + why)

    # other operand/attribute consistency
    c.add("gemm_bias_bad_shape", [L, "import", c.model("s/gemm_bias.onnx", mk(
        [helper.make_node("Gemm", ["x", "w", "b"], ["y"], name="g")], [vi("x", ["N", 4])], [vi("y", ["N", 3])],
        [init("w", w43), f32("b", [1, 2, 3, 4, 5])]))], "error", "shape: Gemm bias of 5 values for N = 3")
    for nm_, perm in [("transpose_perm_duplicate", [0, 0]), ("transpose_perm_out_of_range", [0, 5]),
                      ("transpose_perm_negative", [-1, 0])]:
        c.add(nm_, [L, "import", c.model("s/%s.onnx" % nm_, mk(
            [helper.make_node("Transpose", ["x"], ["y"], name="t", perm=perm)], [vi("x", ["N", 4])],
            [vi("y", None)]))], "error", "shape: Transpose perm %s" % perm)
    c.add("flatten_axis_out_of_range", [L, "import", c.model("s/flatten_axis.onnx", mk(
        [helper.make_node("Flatten", ["x"], ["y"], name="f", axis=7)], [vi("x", ["N", 4])], [vi("y", None)]))],
        "error", "shape: Flatten axis 7 on a rank-2 input")
    c.add("input_rank_9", [L, "import", c.model("s/rank9.onnx", relu_model(shape=[1] * 9))], "error",
          "shape: graph input of rank 9")
    c.add("input_negative_dim", [L, "import", c.model("s/neg_dim.onnx", relu_model(shape=(-3, 4)))], "error",
          "shape: graph input dimension -3")
    c.add("input_zero_dim", [L, "import", c.model("s/zero_dim.onnx", relu_model(shape=(0, 4)))], "error",
          "shape: graph input dimension 0")
    m = relu_model()
    m.graph.input[0].type.tensor_type.ClearField("shape")
    c.add("input_no_shape", [L, "import", c.model("s/no_shape.onnx", m)], "error", "shape: graph input without a shape")
    t = helper.make_tensor("w", TensorProto.FLOAT, [2, 4], [0.0] * 8)
    del t.dims[:]
    t.dims.extend([-2, -4])
    c.add("init_negative_dims", [L, "import", c.model("s/init_neg.onnx", mk(
        [helper.make_node("Add", ["x", "w"], ["y"], name="a")], [vi("x", [2, 4])], [vi("y", [2, 4])], [t]))],
        "error", "shape: initializer with dims [-2, -4] and 8 values")
    c.add("npy_zero_batch", run(relu, inp=c.npy("in/x_0x4.npy", np.zeros((0, 4), np.float32))), "error",
          "shape: --input of shape (0, 4) for [N, 4] (batch 0)")

    # ======================= BatchNormalization parameters =======================
    C = 4
    x_bn = rng.standard_normal((1, C, 3, 3)).astype(np.float32)
    XBN = c.npy("in/x_1x4x3x3.npy", x_bn)

    def bn_nodes(pre_conv):
        nodes = []
        src = "x"
        if pre_conv:
            nodes.append(helper.make_node("Conv", ["x", "cw"], ["c"], name="conv"))
            src = "c"
        nodes.append(helper.make_node("BatchNormalization", [src, "s", "b", "m", "v"], ["y"], name="bn"))
        return nodes

    short = [f32(n, [1.0]) for n in "sbmv"]
    cw = (rng.standard_normal((C, C, 1, 1)) * 0.5).astype(np.float32)
    bn_short = c.model("bn/short_init.onnx", mk(bn_nodes(False), [vi("x", [1, C, 3, 3])], [vi("y", [1, C, 3, 3])],
                                                short))
    c.add("bn_short_params_import", [L, "import", bn_short], "error",
          "batchnorm: scale/bias/mean/var have 1 value for 4 channels (initializers)")
    c.add("bn_short_params_run", [L, "run", bn_short, "--input", "x=" + XBN, "--output", y_out], "error",
          "batchnorm: 1-value parameters for 4 channels through the interpreter (heap over-read)")
    bn_fold = c.model("bn/short_fold.onnx", mk(bn_nodes(True), [vi("x", [1, C, 3, 3])], [vi("y", [1, C, 3, 3])],
                                               [init("cw", cw)] + short))
    c.add("bn_short_params_fold", [L, "compile", bn_fold, "--calib", "x=" + XBN, "--quant", "w8a8", "--emit", "c",
                                   "-o", "{tmp}/out"], "error",
          "batchnorm: 1-value parameters after a Conv (heap over-read in lb-fold-batchnorm)")
    bn_in = c.model("bn/short_inputs.onnx", mk(bn_nodes(False), [vi("x", [1, C, 3, 3])] + [vi(n, [1]) for n in "sbmv"],
                                               [vi("y", [1, C, 3, 3])]))
    P1 = c.npy("in/one_1.npy", np.ones((1,), np.float32))
    c.add("bn_short_params_graph_inputs", [L, "run", bn_in, "--input", "x=" + XBN] +
          sum([["--input", "%s=%s" % (n, P1)] for n in "sbmv"], []) + ["--output", y_out], "error",
          "batchnorm: parameters are graph inputs of shape [1] for 4 channels")
    c.add("bn_long_params", [L, "import", c.model("bn/long_init.onnx", mk(
        bn_nodes(False), [vi("x", [1, C, 3, 3])], [vi("y", [1, C, 3, 3])], [f32(n, [1.0] * 8) for n in "sbmv"]))],
        "error", "batchnorm: parameters have 8 values for 4 channels")
    c.add("bn_negative_variance", [L, "run", c.model("bn/neg_var.onnx", mk(
        bn_nodes(False), [vi("x", [1, C, 3, 3])], [vi("y", [1, C, 3, 3])],
        [f32("s", [1.0] * C), f32("b", [0.0] * C), f32("m", [0.0] * C), f32("v", [-4.0] * C)])), "--input",
        "x=" + XBN, "--output", y_out], "either",
        "batchnorm: variance -4 (sqrt of a negative: error or NaN, never a crash)")

    # ======================= initializers, resources =======================
    def add_model(t, x_shape=(2, 4)):
        return mk([helper.make_node("Add", ["x", t.name], ["y"], name="a")], [vi("x", list(x_shape))],
                  [vi("y", None)], [t])

    t = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[TIB_F32], raw_data=b"\0\0\0\0")
    c.add("init_1tib_raw", [L, "import", c.model("r/init_1tib_raw.onnx", add_model(t))], "error",
          "resources: initializer declares 2^38 float32 (1 TiB) with a 4-byte raw_data (allocated before checking)")
    t = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[1 << 18, 1 << 20], float_data=[1.0])
    c.add("init_1tib_float_data", [L, "import", c.model("r/init_1tib_floats.onnx", add_model(t))], "error",
          "resources: initializer declares [2^18, 2^20] float32 with one float_data value")
    t = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[1 << 32, 1 << 32], raw_data=b"\0" * 4)
    c.add("init_count_overflow", [L, "import", c.model("r/init_count_overflow.onnx", add_model(t))], "error",
          "resources: initializer dims [2^32, 2^32] (count overflows)")
    cn = helper.make_node("Constant", [], ["w"], name="k",
                          value=TensorProto(name="k", data_type=TensorProto.FLOAT, dims=[TIB_F32], raw_data=b"\0" * 4))
    c.add("constant_1tib", [L, "import", c.model("r/constant_1tib.onnx", mk(
        [cn, helper.make_node("Add", ["x", "w"], ["y"], name="a")], [vi("x", [2, 4])], [vi("y", None)]))], "error",
        "resources: Constant node value declares 1 TiB with 4 bytes")
    t = TensorProto(name="w", data_type=TensorProto.DOUBLE, dims=[4], double_data=[1, 2, 3, 4])
    c.add("init_double", [L, "import", c.model("r/init_double.onnx", add_model(t))], "error",
          "resources: float64 initializer (unsupported dtype)")
    t = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[4], raw_data=b"\0" * 15)
    c.add("init_raw_short", [L, "import", c.model("r/init_raw_short.onnx", add_model(t))], "error",
          "resources: raw_data of 15 bytes for 4 float32")

    # external data
    os.makedirs(c.p("ext/outside"), exist_ok=True)
    secret = np.arange(4, dtype=np.float32)
    c.write("ext/outside/secret.bin", secret.tobytes())  # exactly the tensor's size: readable if followed
    c.write("ext/model/inside.bin", secret.tobytes())
    c.write("ext/model/inside20.bin", b"\0" * 4 + secret.tobytes())

    def ext_model(fname, location, offset=None, length=None, dims=(4,)):
        t = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=list(dims))
        t.data_location = TensorProto.EXTERNAL
        for k, v in (("location", location), ("offset", offset), ("length", length)):
            if v is not None:
                e = t.external_data.add()
                e.key, e.value = k, str(v)
        return c.model("ext/model/" + fname, add_model(t, x_shape=(2, 4)))

    ext_ok = ext_model("ok.onnx", "inside.bin")
    c.npy("ref/ext_ok.npy", x24 + secret)
    c.add("control_external_data", run(ext_ok), "ok", "control: external data next to the model",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/ext_ok.npy"), "atol": 0, "rtol": 0}])
    c.add("ext_absolute", [L, "import", ext_model("abs.onnx", os.path.abspath(c.p("ext/outside/secret.bin")))],
          "error", "escape: external data location is an absolute path")
    c.add("ext_dotdot", [L, "import", ext_model("dotdot.onnx", "../outside/secret.bin")], "error",
          "escape: external data location contains '..'")
    os.symlink("../outside/secret.bin", c.p("ext/model/link.bin"))
    c.add("ext_symlink_file", [L, "import", ext_model("symlink_file.onnx", "link.bin")], "error",
          "escape: external data location is a symlink to a file outside the model directory")
    os.symlink("../outside", c.p("ext/model/linkdir"))
    c.add("ext_symlink_dir", [L, "import", ext_model("symlink_dir.onnx", "linkdir/secret.bin")], "error",
          "escape: external data path goes through a symlinked directory outside the model directory")
    os.symlink("/dev/zero", c.p("ext/model/zero.bin"))
    c.add("ext_symlink_dev_zero", [L, "import", ext_model("symlink_devzero.onnx", "zero.bin")], "error",
          "escape: external data location is a symlink to /dev/zero (not a regular file)")
    fifo_src = ext_model("fifo.onnx", "fifo.bin")
    c.add("ext_fifo", [L, "import", "{tmp}/m.onnx"], "error",
          "resources: external data location is a FIFO next to the model (must not block)",
          setup=[{"copy": [fifo_src, "{tmp}/m.onnx"]}, {"mkfifo": "{tmp}/fifo.bin"}], timeout=5)
    c.add("ext_directory", [L, "import", ext_model("dir.onnx", ".")], "error",
          "resources: external data location is the model directory itself")
    c.add("ext_offset_huge", [L, "import", ext_model("offset_huge.onnx", "inside.bin", offset=BIG62)], "error",
          "resources: external data offset 2^62")
    c.add("ext_offset_garbage", [L, "import", ext_model("offset_garbage.onnx", "inside20.bin", offset="4abc")], "error",
          "resources: external data offset '4abc' (not a number, silently read as 4)")
    c.add("ext_length_negative", [L, "import", ext_model("length_neg.onnx", "inside.bin", length=-16)], "error",
          "resources: external data length -16")
    c.add("ext_1tib", [L, "import", ext_model("ext_1tib.onnx", "inside.bin", dims=(TIB_F32,))], "error",
          "resources: external tensor of 1 TiB backed by a 16-byte file (allocated before checking)")

    # ======================= .mlir inputs =======================
    vfail = c.write("mlir/verify_fail.mlir", VERIFY_FAIL_MLIR)
    c.add("mlir_verify_fail_run", [L, "run", vfail, "--input", "x=" + X24, "--output", y_out], "error",
          "mlir: lowbit run on IR that fails verification (double free of the module)")
    c.add("mlir_verify_fail_compile", [L, "compile", vfail, "--emit", "c", "-o", "{tmp}/out"], "error",
          "mlir: lowbit compile on IR that fails verification")
    c.add("mlir_verify_fail_import", [L, "import", vfail], "error", "mlir: lowbit import on IR that fails verification")
    c.add("mlir_parse_error_run", [L, "run", c.write("mlir/parse_error.mlir", "func.func @main(%x: tensor<2x4xf32> {\n"),
                                   "--input", "x=" + X24, "--output", y_out], "error",
          "mlir: lowbit run on text that does not parse")
    c.add("mlir_garbage_run", [L, "run", c.write("mlir/garbage.mlir", bytes(rng.integers(0, 256, 2048, dtype=np.uint8))),
                               "--input", "x=" + X24, "--output", y_out], "error", "mlir: 2 kB of random bytes as .mlir")
    bodyless = c.write("mlir/bodyless.mlir", "func.func private @f(tensor<2x4xf32>) -> tensor<2x4xf32>\n")
    c.add("mlir_bodyless_translate", [T, "--lb-to-c", bodyless, "-o", "{tmp}/out"], "error",
          "mlir: body-less func.func private through lowbit-translate (SIGSEGV)")
    c.add("mlir_bodyless_run", [L, "run", bodyless, "--input", "x=" + X24, "--output", y_out], "error",
          "mlir: body-less func.func private through lowbit run (SIGSEGV)")
    c.add("mlir_bodyless_opt", [O, bodyless, "--lb-specialize=batch=2"], "either",
          "mlir: body-less func.func private through lowbit-opt --lb-specialize")
    empty_mod = c.write("mlir/empty_module.mlir", "module {\n}\n")
    c.add("mlir_empty_module_run", [L, "run", empty_mod, "--input", "x=" + X24, "--output", y_out], "error",
          "mlir: module without any function through lowbit run")
    c.add("mlir_empty_module_translate", [T, "--lb-to-c", empty_mod, "-o", "{tmp}/out"], "error",
          "mlir: module without any function through lowbit-translate")
    c.add("mlir_two_functions_run", [L, "run", c.write("mlir/two_funcs.mlir", TWO_FUNCS_MLIR), "--input", "x=" + X24,
                                     "--output", y_out], "either",
          "mlir: two functions in one module (which one runs must be defined or rejected)",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/relu_x_2x4.npy"), "atol": 0, "rtol": 0}])
    dres = c.write("mlir/dense_resource_short.mlir", DENSE_RESOURCE_SHORT_MLIR)
    x1k = rng.standard_normal((1, 1024)).astype(np.float32)
    X1K = c.npy("in/x_1x1024.npy", x1k)
    c.add("mlir_dense_resource_short_run", [L, "run", dres, "--input", "x=" + X1K, "--output", y_out], "error",
          "mlir: lb.constant dense_resource blob of 4 bytes for tensor<1x1024xf32> through lowbit run")
    c.add("mlir_dense_resource_short_translate", [T, "--lb-to-c", dres, "-o", "{tmp}/out"], "error",
          "mlir: dense_resource blob shorter than its type through lowbit-translate")
    c.add("mlir_dense_resource_short_calibrate", [O, dres, "--lb-calibrate=data=x:" + X1K], "error",
          "mlir: dense_resource blob shorter than its type through lb-calibrate")
    c.add("mlir_dense_resource_missing", [L, "run", c.write("mlir/dense_resource_missing.mlir",
                                                            DENSE_RESOURCE_SHORT_MLIR.split("{-#")[0]),
                                          "--input", "x=" + X1K, "--output", y_out], "error",
          "mlir: dense_resource handle with no blob in the file")
    c.add("mlir_reshape_overflow_opt", [O, c.write("mlir/reshape_overflow.mlir", RESHAPE_OVERFLOW_MLIR)], "error",
          "mlir: lb.reshape shape [2^62, 4, -1] through lowbit-opt (verifier shape inference)")
    c.add("mlir_conv_pads_huge_opt", [O, c.write("mlir/conv_pads_huge.mlir", CONV_PADS_HUGE_MLIR)], "error",
          "mlir: lb.conv2d pads 2^62 through lowbit-opt")
    c.add("mlir_specialize_dyn_overflow", [O, c.write("mlir/dyn4.mlir", DYN_MLIR), "--lb-specialize=batch=" + str(BIG62)],
          "error", "mlir: lb-specialize batch=2^62 on tensor<?x?x4xf32> (count overflows)")
    c.add("mlir_requantize_shift_63", [O, c.write("mlir/requant_shift.mlir", REQUANT_SHIFT_MLIR)], "error",
          "mlir: lb.requantize shift 63 (documented range [1, 62])")
    c.add("mlir_quantize_scale_zero", [O, c.write("mlir/quant_scale_zero.mlir", QUANT_SCALE_ZERO_MLIR)], "error",
          "mlir: lb.quantize with a constant scale of 0")
    c.add("mlir_clamp_min_gt_max", [O, c.write("mlir/clamp_min_gt_max.mlir", CLAMP_MLIR)], "error",
          "mlir: lb.clamp with min 10 > max -10")
    deep = "func.func @main(%x: tensor<2x4xf32>) -> tensor<2x4xf32> attributes {lb.deep = " + "[" * 100000 + \
           "]" * 100000 + "} {\n  return %x : tensor<2x4xf32>\n}\n"
    c.add("mlir_deep_nesting", [L, "run", c.write("mlir/deep_nesting.mlir", deep), "--input", "x=" + X24, "--output",
                                y_out], "error", "mlir: attribute nested 100k levels deep (parser stack exhaustion)")

    # ======================= accumulator overflow (silent wrong answers) =======================
    K = 70000
    qmm = c.write("mlir/qmatmul_k70000.mlir", QMATMUL_K_MLIR.replace("KK", str(K)))
    XQ = c.npy("in/x_1x70000_255.npy", np.full((1, K), 255.0, np.float32))
    c.npy("ref/qmatmul_k70000.npy", np.array([[float(255 * 255 * K)]], np.float32))
    c.add("qmatmul_k70000_mlir", [L, "run", qmm, "--input", "x=" + XQ, "--output", y_out], "either",
          "accumulator: lb.qmatmul K=70000 with (a-zp)=(b-zp)=255: sum 4.55e9 overflows int32",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/qmatmul_k70000.npy"), "atol": 0, "rtol": 1e-6}])
    c.add("qmatmul_k70000_translate", [T, "--lb-to-c", qmm, "-o", "{tmp}/out"], "error",
          "accumulator: lowbit-translate must refuse a qmatmul whose int32 accumulator can overflow")
    gk = mk([helper.make_node("Gemm", ["x", "w"], ["y"], name="g")], [vi("x", ["N", K])], [vi("y", ["N", 1])],
            [init("w", np.ones((K, 1), np.float32))])
    GK = c.model("acc/gemm_k70000.onnx", gk)
    calk = np.zeros((2, K), np.float32)
    calk[0] = 1.0
    CALK = c.npy("in/calib_2x70000.npy", calk)
    XK = c.npy("in/x_1x70000_ones.npy", np.ones((1, K), np.float32))
    c.npy("ref/gemm_k70000.npy", np.array([[float(K)]], np.float32))
    c.add("gemm_k70000_w8a8", [L, "run", GK, "--calib", "x=" + CALK, "--quant", "w8a8", "--input", "x=" + XK,
                               "--output", y_out], "ok",
          "accumulator: W8A8 Gemm K=70000 of ones: 255*127*70000 overflows int32 (expected 70000 within 1%)",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/gemm_k70000.npy"), "atol": 0, "rtol": 0.01}])
    cc_ = 4375  # 4375 * 4 * 4 = 70000 taps
    ck = mk([helper.make_node("Conv", ["x", "w"], ["y"], name="conv")], [vi("x", [1, cc_, 4, 4])], [vi("y", None)],
            [init("w", np.ones((1, cc_, 4, 4), np.float32))])
    CK = c.model("acc/conv_k70000.onnx", ck)
    calc = np.ones((1, cc_, 4, 4), np.float32)  # the conv's output is calibrated to [0, 70000]
    calc[0, 0, 0, 0] = 0.0  # input range [0, 1] (one pixel of 70000 taps)
    c.add("conv_k70000_w8a8", [L, "run", CK, "--calib", "x=" + c.npy("in/calib_conv_k70000.npy", calc),
                               "--quant", "w8a8", "--input", "x=" + c.npy("in/x_conv_k70000.npy",
                                                                          np.ones((1, cc_, 4, 4), np.float32)),
                               "--output", y_out], "ok",
          "accumulator: W8A8 Conv 4375x4x4 = 70000 taps of ones overflows int32 (expected 70000 within 1%)",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/conv_k70000.npy"), "atol": 0, "rtol": 0.01}])
    c.npy("ref/conv_k70000.npy", np.full((1, 1, 1, 1), float(K), np.float32))

    # ======================= calibration data =======================
    def calib_with(fname, values):
        a = calib.copy()
        a.flat[: len(values)] = values
        return c.npy("cal/" + fname, a)

    for nm_, vals, why in [("calib_pos_inf", [np.inf], "+Inf"), ("calib_neg_inf", [-np.inf], "-Inf"),
                           ("calib_nan", [0.5, np.nan], "NaN")]:
        f = calib_with(nm_ + ".npy", vals)
        c.add(nm_ + "_run", run(gemm, "--calib", "x=" + f, "--quant", "w8a8"), "error",
              "calibration: data contains %s (silently falls back to scale 1.0)" % why)
    INF = c.d("cal/calib_pos_inf.npy")
    c.add("calib_pos_inf_compile", [L, "compile", gemm, "--calib", "x=" + INF, "--quant", "w8a8", "--emit", "c", "-o",
                                    "{tmp}/out"], "error", "calibration: +Inf through lowbit compile")
    c.add("calib_pos_inf_opt", [O, c.write("mlir/calib_relu.mlir", CALIB_MLIR), "--lb-calibrate=data=x:" + INF],
          "error", "calibration: +Inf through lowbit-opt --lb-calibrate")
    z = c.npy("cal/calib_zeros.npy", np.zeros((64, 4), np.float32))
    c.npy("ref/zeros_2x3.npy", np.zeros((2, 3), np.float32))
    c.add("calib_all_zero", run(gemm, "--calib", "x=" + z, "--quant", "w8a8",
                                inp=c.npy("in/zeros_2x4.npy", np.zeros((2, 4), np.float32))), "ok",
          "calibration: all-zero data needs a documented scale and a warning (today silent scale 1.0)",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/zeros_2x3.npy"), "atol": 1e-6, "rtol": 0},
                  {"kind": "stderr_contains", "text": "warning"}])
    c.add("calib_float64", run(gemm, "--calib", "x=" + c.npy("cal/calib_f64.npy", calib.astype(np.float64)), "--quant",
                               "w8a8"), "error", "calibration: float64 .npy")
    c.add("calib_int8", run(gemm, "--calib", "x=" + c.npy("cal/calib_i8.npy", np.ones((64, 4), np.int8)), "--quant",
                            "w8a8"), "error", "calibration: int8 .npy for a float input")
    c.add("calib_wrong_shape", run(gemm, "--calib", "x=" + c.npy("cal/calib_64x5.npy", np.ones((64, 5), np.float32)),
                                   "--quant", "w8a8"), "error", "calibration: shape (64, 5) for input [N, 4]")
    c.add("calib_unknown_name", run(gemm, "--calib", "x=" + CAL, "--calib", "bogus=" + CAL, "--quant", "w8a8"), "error",
          "calibration: --calib for an input the model does not have")
    c.add("calib_duplicate_name", run(gemm, "--calib", "x=" + CAL, "--calib", "x=" + INF, "--quant", "w8a8"), "error",
          "calibration: --calib x given twice")

    # ======================= Clip semantics =======================
    clip = c.model("sem/clip_min_gt_max.onnx", mk([helper.make_node("Clip", ["x", "lo", "hi"], ["y"], name="clip")],
                                                   [vi("x", ["N", 4])], [vi("y", ["N", 4])],
                                                   [f32("lo", 2.0), f32("hi", 1.0)]))
    c.npy("ref/clip_all_max.npy", np.full((2, 4), 1.0, np.float32))
    c.add("clip_min_gt_max", run(clip), "ok", "semantics: Clip min 2 > max 1: ONNX says every output equals max (1)",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/clip_all_max.npy"), "atol": 0, "rtol": 0}])
    gclip = c.model("sem/gemm_clip_min_gt_max.onnx", mk(
        [helper.make_node("Gemm", ["x", "w"], ["g"], name="g"), helper.make_node("Clip", ["g", "lo", "hi"], ["y"],
                                                                                  name="clip")],
        [vi("x", ["N", 4])], [vi("y", ["N", 3])], [init("w", w43), f32("lo", 0.5), f32("hi", 0.25)]))
    c.npy("ref/gemm_clip_all_max.npy", np.full((2, 3), 0.25, np.float32))
    c.add("clip_min_gt_max_w8a8", run(gclip, "--calib", "x=" + CAL, "--quant", "w8a8"), "ok",
          "semantics: Gemm + Clip(min 0.5 > max 0.25) quantized (fused clamp): every output equals 0.25",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/gemm_clip_all_max.npy"), "atol": 0.01,
                   "rtol": 0}])

    # ======================= command line =======================
    X24b = c.npy("in/x_2x4_b.npy", (x24 * 3).astype(np.float32))
    c.add("cli_duplicate_input", [L, "run", relu, "--input", "x=" + X24, "--input", "x=" + X24b, "--output", y_out],
          "error", "cli: --input x given twice (one is silently ignored)")
    c.add("cli_unknown_input", [L, "run", relu, "--input", "x=" + X24, "--input", "bogus=" + X24, "--output", y_out],
          "error", "cli: --input for a name the model does not have")
    c.add("cli_input_missing_file", run(relu, inp="{dir}/in/nope.npy"), "error", "cli: --input file does not exist")
    two = c.model("cli/two_inputs.onnx", mk([helper.make_node("Add", ["x", "z"], ["y"], name="a")],
                                            [vi("x", ["N", 4]), vi("z", [1, 4])], [vi("y", ["N", 4])]))
    z14 = rng.standard_normal((1, 4)).astype(np.float32)
    Z14 = c.npy("in/z_1x4.npy", z14)
    c.npy("ref/two_inputs.npy", x24 + z14)
    c.add("cli_batch_from_model_first_input", [L, "run", two, "--input", "z=" + Z14, "--input", "x=" + X24, "--output",
                                               y_out], "ok",
          "cli: batch must come from the model's first input x (2), not the first --input flag z (1)",
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/two_inputs.npy"), "atol": 1e-6, "rtol": 0}])
    c.add("opt_specialize_bogus_option", [O, tiny, "--lb-specialize=batch=2 bogus=1"], "error",
          "cli: unknown pass option bogus=1 for lb-specialize is ignored")
    c.add("opt_specialize_only_bogus", [O, tiny, "--lb-specialize=bogus=1"], "error",
          "cli: lb-specialize with only an unknown option")
    c.add("opt_fold_bogus_option", [O, tiny, "--lb-fold-batchnorm=bogus=1"], "error",
          "cli: lb-fold-batchnorm takes no options but accepts bogus=1")
    c.add("opt_pipeline_bogus_option", [O, tiny, "--pass-pipeline=builtin.module(lb-lower-quantized{bogus=1})"],
          "error", "cli: unknown option in a --pass-pipeline")
    c.add("opt_quantize_bad_mode", [O, tiny, "--lb-quantize=mode=w9a4"], "error", "cli: lb-quantize mode=w9a4")
    c.add("opt_specialize_batch_text_overflow", [O, tiny, "--lb-specialize=batch=99999999999999999999"], "error",
          "cli: lb-specialize batch beyond int64")
    c.add("opt_calibrate_missing_file", [O, c.d("mlir/calib_relu.mlir"), "--lb-calibrate=data=x:{dir}/in/nope.npy"],
          "error", "cli: lb-calibrate data file does not exist")

    c.add("io_import_dev_full", [L, "import", relu, "-o", "/dev/full"], "error",
          "io: lowbit import -o /dev/full (write error must not be exit 0)")
    c.add("io_run_dev_full", [L, "run", relu, "--input", "x=" + X24, "--output", "/dev/full"], "error",
          "io: lowbit run --output /dev/full")
    c.add("io_opt_dev_full", [O, tiny, "-o", "/dev/full"], "error", "io: lowbit-opt -o /dev/full")

    # ======================= .npy inputs =======================
    f4_8 = np.arange(8, dtype=np.float32).tobytes()
    for nm_, data, why in [
        ("npy_empty", b"", "empty file"),
        ("npy_bad_magic", b"\x93NUMPZ\x01\x00" + b"\0" * 100, "bad magic"),
        ("npy_truncated_data", npy_raw("<f4", "(2, 4)", f4_8[:8]), "header (2, 4), 8 bytes of data"),
        ("npy_truncated_header", npy_raw("<f4", "(2, 4)", b"")[:30], "cut inside the header"),
        ("npy_absurd_shape", npy_raw("<f4", "(%d, %d)" % (BIG62, BIG62), f4_8), "shape (2^62, 2^62)"),
        ("npy_shape_overflow", npy_raw("<f4", "(%d, 4)" % BIG62, f4_8), "shape (2^62, 4): byte count overflows"),
        ("npy_shape_beyond_int64", npy_raw("<f4", "(99999999999999999999999, 4)", f4_8), "dim beyond int64"),
        ("npy_negative_dim", npy_raw("<f4", "(-2, -4)", f4_8), "negative dims"),
        ("npy_shape_garbage", npy_raw("<f4", "(2, abc)", f4_8), "shape (2, abc)"),
        ("npy_rank_9", npy_raw("<f4", "(1, 1, 1, 1, 1, 1, 1, 2, 4)", f4_8), "rank 9"),
        ("npy_header_len_beyond", npy_raw("<f4", "(2, 4)", f4_8, hlen=0xFFFF), "v1 header length 65535 > file"),
        ("npy_v2_header_4g", npy_raw("<f4", "(2, 4)", f4_8, major=2, hlen=0xFFFFFFF0), "v2 header length 4 GiB"),
        ("npy_version_9", npy_raw("<f4", "(2, 4)", f4_8, major=1).replace(b"NUMPY\x01", b"NUMPY\x09", 1), "version 9"),
        ("npy_float64", npy_raw("<f8", "(2, 4)", np.zeros(8).tobytes()), "float64 data"),
        ("npy_big_endian", npy_raw(">f4", "(2, 4)", f4_8), "big-endian float32"),
        ("npy_fortran", npy_raw("<f4", "(2, 4)", f4_8, fortran="True"), "Fortran order"),
        ("npy_no_shape", b"\x93NUMPY\x01\x00" + struct.pack("<H", 54) + ("{'descr': '<f4', 'fortran_order': False}" +
                                                                           " " * 13 + "\n").encode() + f4_8,
         "header without 'shape'"),
        ("npy_int8", npy_raw("|i1", "(2, 4)", b"\1" * 8), "int8 data for a float input"),
        ("npy_rank0", npy_raw("<f4", "()", f4_8[:4]), "0-d array for a [N, 4] input"),
        ("npy_nul_in_header", npy_raw("<f4", "(2, 4)", f4_8).replace(b"{'descr'", b"\0{'descr", 1)[:-1], "NUL in header"),
    ]:
        c.add(nm_, run(relu, inp=c.write("npy/%s.npy" % nm_, data)), "error", "npy: " + why)

    # ======================= names that reach files and code =======================
    def named(in_name, out_name):
        return mk([helper.make_node("Relu", [in_name], [out_name], name="r")], [vi(in_name, ["N", 4])],
                  [vi(out_name, ["N", 4])])

    esc = c.model("n/out_dotdot.onnx", named("x", "../escaped"))
    c.add("output_dir_dotdot", [L, "run", esc, "--input", "x=" + X24, "--output-dir", "{tmp}"], "either",
          "escape: output named '../escaped' with --output-dir writes outside the directory",
          checks=[{"kind": "file_absent", "path": "{tmp}/../escaped.npy"}])
    esc2 = c.model("n/out_dotdot2.onnx", named("x", "../../escaped2"))
    c.add("output_dir_dotdot_deep", [L, "run", esc2, "--input", "x=" + X24, "--output-dir", "{tmp}"], "either",
          "escape: output named '../../escaped2' with --output-dir")
    c.add("output_dir_absolute", [L, "run", c.model("n/out_abs.onnx", named("x", "/dev/null/x")), "--input",
                                  "x=" + X24, "--output-dir", "{tmp}"], "either",
          "escape: output named '/dev/null/x' with --output-dir")
    c.add("output_dir_long_name", [L, "run", c.model("n/out_long.onnx", named("x", "y" * 100000)), "--input",
                                   "x=" + X24, "--output-dir", "{tmp}"], "either",
          "names: 100 kB output name with --output-dir (path buffer truncation)")
    inj_in = "x */ int %s_in(void) { return 1337; } /* " % MARK
    inj_out = "y */\n#define %s_out 1\nint %s_nl(void) { return 1337; }\n/* " % (MARK, MARK)
    inj = c.model("n/c_inject.onnx", named(inj_in, inj_out))
    c.add("c_comment_injection", [L, "compile", inj, "--emit", "c", "-o", "{tmp}/out"], "either",
          "escape: input/output names with '*/' and newlines are pasted into C comments (code injection)",
          checks=[{"kind": "c_compiles_clean", "dir": "{tmp}/out", "name": "model", "marker": MARK}])
    c.add("c_comment_open", [L, "compile", c.model("n/c_comment_open.onnx", named("x/*a", "y//b")), "--emit", "c",
                             "-o", "{tmp}/out"], "either",
          "names: '/*' in a name breaks -Werror (-Wcomment) of the generated header",
          checks=[{"kind": "c_compiles_clean", "dir": "{tmp}/out", "name": "model", "marker": MARK}])
    c.add("c_quotes_backslash", [L, "compile", c.model("n/c_quotes.onnx", named("x\"'\\", "y\\")), "--emit", "c", "-o",
                                 "{tmp}/out"], "either", "names: quotes and a trailing backslash in names",
          checks=[{"kind": "c_compiles_clean", "dir": "{tmp}/out", "name": "model", "marker": MARK}])
    c.add("c_translate_injection", [T, "--lb-to-c", c.write("mlir/inject_names.mlir", INJECT_MLIR.replace("MARK", MARK)),
                                    "-o", "{tmp}/out"], "either",
          "escape: lb.input_names with '*/' through lowbit-translate",
          checks=[{"kind": "c_compiles_clean", "dir": "{tmp}/out", "name": "model", "marker": MARK}])
    c.add("c_name_header_guard", [L, "compile", relu, "--emit", "c", "-o", "{tmp}/out", "--name", "lb_kernels"],
          "either", "names: --name lb_kernels makes the header guard LB_KERNELS_H hide the embedded kernels",
          checks=[{"kind": "c_compiles_clean", "dir": "{tmp}/out", "name": "lb_kernels", "marker": MARK}])
    c.add("c_name_long", [L, "compile", relu, "--emit", "c", "-o", "{tmp}/out", "--name", "n" * 300], "either",
          "names: --name of 300 characters (upper-case copy truncated at 256)",
          checks=[{"kind": "c_compiles_clean", "dir": "{tmp}/out", "name": "n" * 300, "marker": MARK}])
    c.add("c_name_path", [L, "compile", relu, "--emit", "c", "-o", "{tmp}/out", "--name", "../x"], "error",
          "escape: --name '../x' (not an identifier, would be a path)")
    # non-UTF-8 names: placeholder bytes replaced after serialization (same length keeps the protobuf valid)
    data = named("NONUTF8X", "NONUTF8Y").SerializeToString()
    data = data.replace(b"NONUTF8X", b"\xff\xfe\x80xx\xc0xx").replace(b"NONUTF8Y", b"\xc3\x28y\xed\xa0\x80\xf8y")
    nonutf = c.write("n/non_utf8.onnx", data)
    c.add("names_non_utf8_import", [L, "import", nonutf], "either", "names: tensor names that are not UTF-8")
    c.add("names_non_utf8_compile", [L, "compile", nonutf, "--emit", "c", "-o", "{tmp}/out"], "either",
          "names: non-UTF-8 names reaching generated C",
          checks=[{"kind": "c_compiles_clean", "dir": "{tmp}/out", "name": "model", "marker": MARK}])
    longm = c.model("n/long_names.onnx", named("x" * 100000, "y" * 100000))
    c.add("names_100k_import", [L, "import", longm], "either", "names: 100 kB input and output names")
    c.add("names_100k_compile", [L, "compile", longm, "--emit", "c", "-o", "{tmp}/out"], "either",
          "names: 100 kB names reaching generated C",
          checks=[{"kind": "c_compiles_clean", "dir": "{tmp}/out", "name": "model", "marker": MARK}])
    c.add("names_100k_node_name", [L, "import", c.model("n/long_node_name.onnx", mk(
        [helper.make_node("Sin", ["x"], ["y"], name="n" * 100000)], [vi("x", ["N", 4])], [vi("y", ["N", 4])]))],
        "error", "names: unsupported op in a node with a 100 kB name (error message must stay bounded, one line)")
    c.add("names_newline_error", [L, "import", c.model("n/newline_node_name.onnx", mk(
        [helper.make_node("Sin", ["x"], ["y"], name="evil\nerror: forged second line")], [vi("x", ["N", 4])],
        [vi("y", ["N", 4])]))], "error", "names: node name with a newline must not split the error message")

    # ======================= shape arithmetic =======================
    def cshape(name, v):
        return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.array(v, np.int64), name))
    for which, dims in (("10g", [100000, 100000]), ("2p80", [2 ** 40, 2 ** 40]), ("neg", [2, -3])):
        c.add("constofshape_%s" % which, [L, "import", c.model("shape/constofshape_%s.onnx" % which, mk(
            [cshape("s", dims), helper.make_node("ConstantOfShape", ["s"], ["c"], name="cos"),
             helper.make_node("Add", ["x", "c"], ["y"])], [vi("x", [1])], [vi("y", None)], opset=17))], "error",
              "shape arithmetic: a ConstantOfShape too large, overflowing or negative is an error naming the node, "
              "never a huge allocation")
    c.add("shape_int_overflow", [L, "import", c.model("shape/int_overflow.onnx", mk(
        [cshape("a", [2 ** 62]), cshape("b", [4]), helper.make_node("Mul", ["a", "b"], ["m"]),
         helper.make_node("Reshape", ["x", "m"], ["y"])], [vi("x", [2, 3])], [vi("y", None)], opset=17))], "error",
          "shape arithmetic: int64 products wrap like onnxruntime's and the absurd shape is refused, no UB")
    c.add("shape_div_zero", [L, "import", c.model("shape/div_zero.onnx", mk(
        [helper.make_node("Shape", ["x"], ["s"]), cshape("z", [0, 1]), helper.make_node("Div", ["s", "z"], ["d"]),
         helper.make_node("Reshape", ["x", "d"], ["y"])], [vi("x", [2, 3])], [vi("y", None)], opset=17))], "error",
          "shape arithmetic: integer division by zero is an error naming the node, not SIGFPE")
    c.add("shape_div_min", [L, "import", c.model("shape/div_min.onnx", mk(
        [cshape("a", [-2 ** 63]), cshape("b", [-1]), helper.make_node("Div", ["a", "b"], ["d"]),
         helper.make_node("Reshape", ["x", "d"], ["y"])], [vi("x", [2, 3])], [vi("y", None)], opset=17))], "error",
          "shape arithmetic: INT64_MIN / -1 must not trap")

    # ======================= size and time =======================
    n = 100000
    nodes = [helper.make_node("Relu", ["x" if i == 0 else "t%d" % (i - 1)], ["t%d" % i if i < n - 1 else "y"])
             for i in range(n)]
    chain = c.model("big/relu_chain_100k.onnx", mk(nodes, [vi("x", ["N", 4])], [vi("y", ["N", 4])]))
    c.add("chain_100k_run", run(chain), "ok",
          "resources: 100k-node Relu chain through lowbit run must be (near) linear in time",
          time_limit=5, timeout=30,
          checks=[{"kind": "npy_close", "file": y_out, "ref": c.d("ref/relu_x_2x4.npy"), "atol": 0, "rtol": 0}])
    c.add("chain_100k_import", [L, "import", chain, "-o", "{tmp}/chain.mlir"], "ok",
          "resources: 100k-node Relu chain through lowbit import", time_limit=5, timeout=30)


TINY_MLIR = """\
func.func @tiny(%x: tensor<?x4xf32>) -> tensor<?x2xf32> {
  %s = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.quantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<?x4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<?x4xi8>
  %w = "lb.constant"() {value = dense<[[1, -2], [3, -4], [5, -6], [7, -8]]> : tensor<4x2xi8>} : () -> tensor<4x2xi8>
  %acc = "lb.qmatmul"(%q, %w, %z, %z) : (tensor<?x4xi8>, tensor<4x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x2xi32>
  %m = "lb.constant"() {value = dense<1073741824> : tensor<1xi32>} : () -> tensor<1xi32>
  %sh = "lb.constant"() {value = dense<33> : tensor<1xi32>} : () -> tensor<1xi32>
  %r = "lb.requantize"(%acc, %m, %sh, %z) {axis = -1 : i64} : (tensor<?x2xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi8>) -> tensor<?x2xi8>
  %d = "lb.dequantize"(%r, %s, %z) {axis = -1 : i64} : (tensor<?x2xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<?x2xf32>
  return %d : tensor<?x2xf32>
}
"""

VERIFY_FAIL_MLIR = """\
func.func @main(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %b = "lb.constant"() {value = dense<1.0> : tensor<5x3xf32>} : () -> tensor<5x3xf32>
  %0 = "lb.matmul"(%x, %b) : (tensor<2x4xf32>, tensor<5x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
"""

TWO_FUNCS_MLIR = """\
func.func @main(%x: tensor<2x4xf32>) -> tensor<2x4xf32> attributes {lb.input_names = ["x"], lb.output_names = ["y"]} {
  %0 = "lb.relu"(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
func.func @other(%x: tensor<3x3xf32>) -> tensor<3x3xf32> attributes {lb.input_names = ["x"], lb.output_names = ["y"]} {
  return %x : tensor<3x3xf32>
}
"""

DENSE_RESOURCE_SHORT_MLIR = """\
func.func @main(%x: tensor<1x1024xf32>) -> tensor<1x1024xf32> attributes {lb.input_names = ["x"], lb.output_names = ["y"]} {
  %c = "lb.constant"() {value = dense_resource<blob1> : tensor<1x1024xf32>} : () -> tensor<1x1024xf32>
  %0 = "lb.add"(%x, %c) : (tensor<1x1024xf32>, tensor<1x1024xf32>) -> tensor<1x1024xf32>
  return %0 : tensor<1x1024xf32>
}
{-#
  dialect_resources: {
    builtin: {
      blob1: "0x040000000000803F"
    }
  }
#-}
"""

RESHAPE_OVERFLOW_MLIR = """\
func.func @main(%x: tensor<2x4xf32>) -> tensor<4611686018427387904x4x1xf32> {
  %0 = "lb.reshape"(%x) {shape = array<i64: 4611686018427387904, 4, -1>} : (tensor<2x4xf32>) -> tensor<4611686018427387904x4x1xf32>
  return %0 : tensor<4611686018427387904x4x1xf32>
}
"""

CONV_PADS_HUGE_MLIR = """\
func.func @main(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  %w = "lb.constant"() {value = dense<1.0> : tensor<1x1x1x1xf32>} : () -> tensor<1x1x1x1xf32>
  %0 = "lb.conv2d"(%x, %w) {strides = array<i64: 1, 1>, pads = array<i64: 4611686018427387904, 4611686018427387904, 4611686018427387904, 4611686018427387904>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}
"""

DYN_MLIR = """\
func.func @main(%x: tensor<?x?x4xf32>) -> tensor<?x?x4xf32> {
  %0 = "lb.relu"(%x) : (tensor<?x?x4xf32>) -> tensor<?x?x4xf32>
  return %0 : tensor<?x?x4xf32>
}
"""

REQUANT_SHIFT_MLIR = """\
func.func @main(%a: tensor<2x2xi32>) -> tensor<2x2xi8> {
  %m = "lb.constant"() {value = dense<1073741824> : tensor<1xi32>} : () -> tensor<1xi32>
  %sh = "lb.constant"() {value = dense<63> : tensor<1xi32>} : () -> tensor<1xi32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %r = "lb.requantize"(%a, %m, %sh, %z) {axis = -1 : i64} : (tensor<2x2xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi8>) -> tensor<2x2xi8>
  return %r : tensor<2x2xi8>
}
"""

QUANT_SCALE_ZERO_MLIR = """\
func.func @main(%x: tensor<2x4xf32>) -> tensor<2x4xi8> {
  %s = "lb.constant"() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.quantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<2x4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<2x4xi8>
  return %q : tensor<2x4xi8>
}
"""

CLAMP_MLIR = """\
func.func @main(%x: tensor<2x4xi8>) -> tensor<2x4xi8> {
  %0 = "lb.clamp"(%x) {min = 10 : i64, max = -10 : i64} : (tensor<2x4xi8>) -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}
"""

QMATMUL_K_MLIR = """\
func.func @main(%x: tensor<1xKKxf32>) -> tensor<1x1xf32> attributes {lb.input_names = ["x"], lb.output_names = ["y"]} {
  %s = "lb.constant"() {value = dense<1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.quantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<1xKKxf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1xKKxi8>
  %w = "lb.constant"() {value = dense<127> : tensor<KKx1xi8>} : () -> tensor<KKx1xi8>
  %acc = "lb.qmatmul"(%q, %w, %z, %z) : (tensor<1xKKxi8>, tensor<KKx1xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x1xi32>
  %z32 = "lb.constant"() {value = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %d = "lb.dequantize"(%acc, %s, %z32) {axis = -1 : i64} : (tensor<1x1xi32>, tensor<1xf32>, tensor<1xi32>) -> tensor<1x1xf32>
  return %d : tensor<1x1xf32>
}
"""

CALIB_MLIR = """\
func.func @f(%x: tensor<?x4xf32>) -> tensor<?x4xf32> attributes {lb.input_names = ["x"], lb.output_names = ["y"]} {
  %r = "lb.relu"(%x) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}
"""

INJECT_MLIR = """\
func.func @f(%x: tensor<1x4xf32>) -> tensor<1x4xf32> attributes {lb.input_names = ["x */ int MARK_t(void) { return 1337; } /*"], lb.output_names = ["y\\n*/ #define MARK_u 1 /*"]} {
  %r = "lb.relu"(%x) : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %r : tensor<1x4xf32>
}
"""


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_hostile.py OUTDIR")
    out = sys.argv[1]
    if os.path.isdir(out) and os.listdir(out):
        # start clean so that symlinks and stale files never linger, but only
        # ever delete a directory that holds a corpus written by this script
        if not os.path.isfile(os.path.join(out, "cases.json")):
            sys.exit("make_hostile: %s is not empty and holds no cases.json; refusing to overwrite it" % out)
        shutil.rmtree(out)
    c = Corpus(out)
    build(c)
    c.finish()
    print("make_hostile: %d cases in %s" % (len(c.cases), out))


if __name__ == "__main__":
    main()
