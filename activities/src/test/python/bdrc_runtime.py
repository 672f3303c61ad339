"""Stand-ins for the modules BDRC's inference code imports but that golden data does not need
(Qt, thin-plate-spline, pyewts) or that Debian does not package (onnxruntime), so that BDRC's own
functions can be imported from a checkout and run offline.

The onnxruntime stand-in evaluates the few operators of make_bdrc_models.py with numpy.
"""
import sys
import types

import numpy as np
import onnx
from onnx import numpy_helper


def _module(name, **attributes):
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    sys.modules[name] = module
    return module


class _Anything:
    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        return _Anything


class _NoWylie:
    """pyewts is not installable here: Wylie to Unicode is checked with ewts-converter instead."""

    def toUnicode(self, text):
        raise NotImplementedError("pyewts is not available: run with Wylie output")

    toWylie = toUnicode


def _conv(x, w, b, strides, pads):
    t, l, bt, r = pads
    x = np.pad(x, ((0, 0), (0, 0), (t, bt), (l, r)))
    n, c, h, wd = x.shape
    m, _, kh, kw = w.shape
    sh, sw = strides
    oh, ow = (h - kh) // sh + 1, (wd - kw) // sw + 1
    out = np.zeros((n, m, oh, ow), dtype=np.float32)
    for i in range(kh):
        for j in range(kw):
            patch = x[:, :, i : i + sh * (oh - 1) + 1 : sh, j : j + sw * (ow - 1) + 1 : sw]
            out += np.einsum("nchw,mc->nmhw", patch, w[:, :, i, j]).astype(np.float32)
    if b is not None:
        out += b.reshape(1, m, 1, 1)
    return out


def _max_pool(x, kernel, pads):
    t, l, bt, r = pads
    x = np.pad(x, ((0, 0), (0, 0), (t, bt), (l, r)), constant_values=-np.inf)
    windows = np.lib.stride_tricks.sliding_window_view(x, kernel, axis=(2, 3))
    return windows.max(axis=(-2, -1))


class InferenceSession:
    def __init__(self, path, providers=None):
        self.model = onnx.load(path)
        self.constants = {
            t.name: numpy_helper.to_array(t) for t in self.model.graph.initializer
        }

    def _run(self, feeds):
        values = dict(self.constants)
        values.update(feeds)
        for node in self.model.graph.node:
            a = {x.name: onnx.helper.get_attribute_value(x) for x in node.attribute}
            args = [values[i] for i in node.input]
            if node.op_type == "Conv":
                out = _conv(
                    args[0],
                    args[1],
                    args[2] if len(args) > 2 else None,
                    a.get("strides", [1, 1]),
                    a.get("pads", [0, 0, 0, 0]),
                )
            elif node.op_type == "MaxPool":
                out = _max_pool(args[0], tuple(a["kernel_shape"]), a.get("pads", [0, 0, 0, 0]))
            elif node.op_type == "Squeeze":
                out = np.squeeze(args[0], axis=tuple(args[1]))
            elif node.op_type == "Transpose":
                out = np.transpose(args[0], a["perm"])
            else:
                raise NotImplementedError(node.op_type)
            values[node.output[0]] = out
        return values

    def run(self, outputs, feeds):
        values = self._run(feeds)
        return [values[o] for o in outputs]

    def run_with_ort_values(self, outputs, feeds):
        values = self._run({k: v.numpy() for k, v in feeds.items()})
        return [_OrtValue(values[o]) for o in outputs]


class _OrtValue:
    def __init__(self, array):
        self.array = array

    def numpy(self):
        return self.array

    @staticmethod
    def ortvalue_from_numpy(array):
        return _OrtValue(array)


def install(bdrc_checkout, pyctcdecode_checkout):
    """Stubs in sys.modules, then BDRC's checkout and pyctcdecode's on the path."""
    qt = _module("PySide6")
    qt.QtWidgets = _module("PySide6.QtWidgets", QApplication=_Anything)
    qt.QtGui = _module("PySide6.QtGui", QImage=_Anything, Qt=_Anything())
    qt.QtCore = _module(
        "PySide6.QtCore", QObject=_Anything, Signal=_Anything, QRunnable=_Anything
    )
    _module("tps", ThinPlateSpline=_Anything)
    _module("pyewts", pyewts=_NoWylie)
    _module(
        "onnxruntime",
        InferenceSession=InferenceSession,
        OrtValue=_OrtValue,
        get_available_providers=lambda: ["CPUExecutionProvider"],
    )
    sys.path.insert(0, str(pyctcdecode_checkout))
    sys.path.insert(0, str(bdrc_checkout))
