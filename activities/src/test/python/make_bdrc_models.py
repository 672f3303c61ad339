#!/usr/bin/env python3
"""Write the tiny ONNX models the BDRC parity tests run (Debian's python3-onnx, no training).

  TinyLines/lines.onnx    a BDRC line model: input [N,3,512,512] (x/255 of a binarised tile),
                          output [N,1,512,512] logits: a glyph pixel (channel 0 black) scores +10,
                          paper -10, then a 9x25 max-pool joins the glyphs of a line into one blob.
  TinyLayout/layout.onnx  a BDRC layout model over classes (background, image, line, margin,
                          caption): the same blob is the "line" class, the rest background.
  TinyWylie/rec.onnx      a recogniser: input [N,1,32,512] (x/127.5 - 1), output [N,128,C]
                          logits over " " (class 0, BDRC's added blank) + REC_CHARSET. Per
                          4-column step it compares the rows 12-15 and 16-19 of the middle band
                          with the rows outside it: black in the upper rows only reads "k", in
                          the lower only "a", in both "§"; black over the whole height (the black
                          padding) or no black reads class 0.

  Each comes with the configuration BDRC reads: config.json for the line and layout models,
  model_config.json for the recogniser (as BDRC's training writes it, without add_blank and
  version).

Usage: /usr/bin/python3 make_bdrc_models.py OUT_DIR
"""
import json
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
LAYOUT_CLASSES = ["background", "image", "line", "margin", "caption"]
REC_HEIGHT, REC_WIDTH = 32, 512
# class 0 is the blank BDRC adds; "_" is pyctcdecode's blank; "§" is BDRC's tsheg
REC_CHARSET = ["k", "a", "g", "§", "_"]
UPPER, LOWER = list(range(12, 16)), list(range(16, 20))
OUTER = list(range(0, 8)) + list(range(24, 32))


def save(graph, path):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))


def tensor(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def glyph_blob_nodes():
    """x [N,3,P,P] -> blob [N,1,P,P]: +10 where a glyph is within the 9x25 window, else -10."""
    return [
        helper.make_node("Conv", ["input", "glyph_w", "glyph_b"], ["glyph"]),
        helper.make_node(
            "MaxPool", ["glyph"], ["blob"], kernel_shape=[9, 25], pads=[4, 12, 4, 12]
        ),
    ], [tensor("glyph_w", [[[[-20.0]], [[0.0]], [[0.0]]]]), tensor("glyph_b", [10.0])]


def tiles_input():
    return helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3, 512, 512])


def line_model():
    nodes, inits = glyph_blob_nodes()
    nodes[-1].output[0] = "output"
    out = helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", 1, 512, 512])
    return helper.make_graph(nodes, "tiny_lines", [tiles_input()], [out], inits)


def layout_model():
    nodes, inits = glyph_blob_nodes()
    # background = -blob, line = blob, image/margin/caption = -10
    nodes.append(helper.make_node("Conv", ["blob", "class_w", "class_b"], ["output"]))
    inits += [
        tensor("class_w", np.array([-1, 0, 1, 0, 0]).reshape(5, 1, 1, 1)),
        tensor("class_b", [0, -10, 0, -10, -10]),
    ]
    out = helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", 5, 512, 512])
    return helper.make_graph(nodes, "tiny_layout", [tiles_input()], [out], inits)


def recognizer():
    # three features per 4-column step, each a mean of x (white +1, black -1): the upper and the
    # lower half of the middle band (rows UPPER, LOWER), and the rows outside it (OUTER)
    kernel = np.zeros((3, 1, REC_HEIGHT, 4), dtype=np.float32)
    kernel[0, 0, UPPER, :] = 1 / (4 * len(UPPER))
    kernel[1, 0, LOWER, :] = 1 / (4 * len(LOWER))
    kernel[2, 0, OUTER, :] = 1 / (4 * len(OUTER))
    # logits from (upper, lower, outer): class 0 (blank) stays 0; a glyph class scores 15 when its
    # pattern is there and -5 or less otherwise; "g" and "_" never win
    w = np.zeros((1 + len(REC_CHARSET), 3, 1, 1), dtype=np.float32)
    b = np.full(1 + len(REC_CHARSET), -20.0, dtype=np.float32)
    b[0] = 0
    for label, (upper, lower) in {"k": (-10, 10), "a": (10, -10), "§": (-10, -10)}.items():
        c = 1 + REC_CHARSET.index(label)
        w[c, :, 0, 0], b[c] = [upper, lower, 10], -15
    nodes = [
        helper.make_node("Conv", ["input", "band_w"], ["features"], strides=[REC_HEIGHT, 4]),
        helper.make_node("Conv", ["features", "class_w", "class_b"], ["scores"]),
        helper.make_node("Squeeze", ["scores", "squeeze_axes"], ["per_step"]),
        helper.make_node("Transpose", ["per_step"], ["output"], perm=[0, 2, 1]),
    ]
    inits = [
        tensor("band_w", kernel),
        tensor("class_w", w),
        tensor("class_b", b),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "squeeze_axes"),
    ]
    inp = helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 1, REC_HEIGHT, REC_WIDTH])
    out = helper.make_tensor_value_info(
        "output", TensorProto.FLOAT, ["N", REC_WIDTH // 4, 1 + len(REC_CHARSET)]
    )
    return helper.make_graph(nodes, "tiny_wylie", [inp], [out], inits)


def config(path, fields):
    path.write_text(json.dumps(fields, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(out):
    save(line_model(), out / "TinyLines" / "lines.onnx")
    config(out / "TinyLines" / "config.json", {"onnx-model": "lines.onnx", "patch_size": 512})
    save(layout_model(), out / "TinyLayout" / "layout.onnx")
    config(
        out / "TinyLayout" / "config.json",
        {"onnx-model": "layout.onnx", "patch_size": 512, "classes": LAYOUT_CLASSES},
    )
    save(recognizer(), out / "TinyWylie" / "rec.onnx")
    # as BDRC's training writes it: no add_blank, no version
    config(
        out / "TinyWylie" / "model_config.json",
        {
            "onnx-model": "rec.onnx",
            "architecture": "CRNN",
            "input_width": REC_WIDTH,
            "input_height": REC_HEIGHT,
            "input_layer": "input",
            "output_layer": "output",
            "squeeze_channel_dim": "no",
            "swap_hw": "no",
            "encoder": "wylie",
            "charset": REC_CHARSET,
        },
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
