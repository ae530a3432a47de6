#!/usr/bin/python3
"""Shape arithmetic as torch.onnx writes it (the shufflenet channel split,
the ViT class-token Expand, the LR-ASPP Resize to the input's size), with
inputs and numpy references; and integer arithmetic on run-time tensors,
which lowbit refuses. usage: make_shape_models.py OUTDIR"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh


def const(name, v, dt=np.int64):
    return h.make_node("Constant", [], [name], value=nh.from_array(np.array(v, dtype=dt), name))


def save(out, name, nodes, inputs, outputs, x=None, y=None, inits=()):
    g = h.make_graph(nodes, name, inputs, outputs, initializer=list(inits))
    m = h.make_model(g, opset_imports=[h.make_opsetid("", 17)])
    onnx.save(m, os.path.join(out, name + ".onnx"))
    if x is not None:
        np.save(os.path.join(out, name + "_x.npy"), x)
        np.save(os.path.join(out, name + "_ref.npy"), y)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    f = lambda n, s: h.make_tensor_value_info(n, T.FLOAT, s) if s else h.make_empty_tensor_value_info(n)

    # channel split: ends = (C + 1) / 2 * 1 (integer division), from Shape
    x = rng.standard_normal((1, 6, 3, 3)).astype(np.float32)
    save(out, "split_half", [
        const("i", 1), h.make_node("Shape", ["x"], ["s"]), h.make_node("Gather", ["s", "i"], ["c"], axis=0),
        const("one", 1), h.make_node("Add", ["c", "one"], ["c1"]), const("two", 2),
        h.make_node("Div", ["c1", "two"], ["half"]), h.make_node("Mul", ["half", "one"], ["m"]),
        const("z", [0]), h.make_node("Unsqueeze", ["m", "z"], ["end"]), const("ax", [1]),
        h.make_node("Slice", ["x", "z", "end", "ax"], ["y"])],
        [f("x", [1, 6, 3, 3])], [f("y", None)], x, x[:, :3])

    # class token: Expand to Where(Equal(shape, -1), ConstantOfShape(1), shape)
    tok = rng.standard_normal((1, 1, 4)).astype(np.float32)
    save(out, "class_token", [
        const("shape", [2, -1, -1]), const("n", [3]),
        h.make_node("ConstantOfShape", ["n"], ["ones"], value=nh.from_array(np.array([1], np.int64))),
        const("neg", -1), h.make_node("Mul", ["ones", "neg"], ["negs"]), h.make_node("Equal", ["shape", "negs"], ["e"]),
        h.make_node("Where", ["e", "ones", "shape"], ["w"]), h.make_node("Expand", ["x", "w"], ["y"])],
        [f("x", [1, 1, 4])], [f("y", None)], tok, np.broadcast_to(tok, (2, 1, 4)).copy())

    # Resize to sizes = Concat(Shape(x)[0:2], [H', W'])
    x = rng.standard_normal((1, 2, 2, 3)).astype(np.float32)
    ref = x.repeat(2, axis=2).repeat(2, axis=3)
    save(out, "resize_sizes", [
        h.make_node("Shape", ["x"], ["s"]), const("b", [0]), const("e", [2]), const("a", [0]),
        h.make_node("Slice", ["s", "b", "e", "a"], ["nc"]), const("hw", [4, 6]),
        h.make_node("Concat", ["nc", "hw"], ["sizes"], axis=0),
        h.make_node("Resize", ["x", "", "", "sizes"], ["y"], mode="nearest")],
        [f("x", [1, 2, 2, 3])], [f("y", None)], x, ref)

    # ConstantOfShape without a value: float zeros; Min of integer constants
    x = rng.standard_normal((2, 3)).astype(np.float32)
    save(out, "zeros_add", [
        const("a", [2, 7]), const("b", [5, 3]), h.make_node("Min", ["a", "b"], ["n"]),
        h.make_node("ConstantOfShape", ["n"], ["z"]), h.make_node("Add", ["x", "z"], ["y"])],
        [f("x", [2, 3])], [f("y", None)], x, x.copy())

    # Resize to twice the input's own symbolic H and W (an FPN's upsampling): static with --shape
    x = rng.standard_normal((2, 2, 3, 5)).astype(np.float32)
    save(out, "resize_symbolic", [
        h.make_node("Shape", ["x"], ["s"]), const("b", [2]), const("e", [4]), const("a", [0]),
        h.make_node("Slice", ["s", "b", "e", "a"], ["hw"]), const("two", [2]), h.make_node("Mul", ["hw", "two"], ["hw2"]),
        const("b0", [0]), h.make_node("Slice", ["s", "b0", "b", "a"], ["nc"]),
        h.make_node("Concat", ["nc", "hw2"], ["sizes"], axis=0),
        h.make_node("Resize", ["x", "", "", "sizes"], ["y"], mode="nearest")],
        [h.make_tensor_value_info("x", T.FLOAT, ["N", 2, "H", "W"])], [f("y", None)], x,
        x.repeat(2, axis=2).repeat(2, axis=3))

    # integer arithmetic on a run-time input is refused, not computed as float
    save(out, "int_runtime_add", [const("one", [1]), h.make_node("Add", ["i", "one"], ["y"])],
         [h.make_tensor_value_info("i", T.INT64, [2])], [h.make_tensor_value_info("y", T.INT64, [2])])
    # integer division by a zero constant
    save(out, "int_div_zero", [
        h.make_node("Shape", ["x"], ["s"]), const("zero", [0, 0]), h.make_node("Div", ["s", "zero"], ["d"]),
        h.make_node("Reshape", ["x", "d"], ["y"])], [f("x", [2, 3])], [f("y", None)])


if __name__ == "__main__":
    main()
