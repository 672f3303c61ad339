#!/usr/bin/env python3
"""Write tiny TorchScript archives (.pt) without PyTorch, stdlib only.

Layout produced (same as torch.jit.save in PyTorch 2.x):
  <name>/data.pkl            pickle proto 2 of the __torch__.<Class> object
  <name>/code/__torch__.py   TorchScript source for the class
  <name>/constants.pkl       pickled empty tuple (no tensor constants)
  <name>/version             "3"  (kProducedFileFormatVersion)
  <name>/byteorder           "little"
  <name>/.data/version       "3"
  <name>/data/0              raw little-endian float32 storage of `weight`
Entries are STORED (no compression) and 64-byte aligned like PyTorchStreamWriter.

The model: x [N,1,H,W] float32 -> logits [N, T, C] (or [T, N, C]), T = W // 4,
logits = mean-over-4-column-windows(x) * 0 + weight, so argmax == 2 everywhere
for weight = [0, 0, 5, 0, 0].

Usage: python3 make_torchscript.py [outdir]   (default: directory of this script)
"""
import os
import struct
import sys
import zipfile

# ---------------------------------------------------------------- pickle ---
PROTO, STOP = b"\x80", b"."
GLOBAL, BINPUT, EMPTY_TUPLE, NEWOBJ = b"c", b"q", b")", b"\x81"
EMPTY_DICT, MARK, SETITEMS, BUILD = b"}", b"(", b"u", b"b"
TUPLE, TUPLE1, BINPERSID, REDUCE = b"t", b"\x85", b"Q", b"R"
NEWTRUE, NEWFALSE, BININT1, BININT, BINUNICODE = b"\x88", b"\x89", b"K", b"J", b"X"


def p_str(s):
    b = s.encode("utf-8")
    return BINUNICODE + struct.pack("<I", len(b)) + b


def p_int(i):
    if 0 <= i < 256:
        return BININT1 + bytes([i])
    return BININT + struct.pack("<i", i)


def p_bool(v):
    return NEWTRUE if v else NEWFALSE


def p_global(module, name):
    return GLOBAL + module.encode() + b"\n" + name.encode() + b"\n"


def p_tuple(items):
    if len(items) == 1:
        return items[0] + TUPLE1
    return MARK + b"".join(items) + TUPLE


def p_float_tensor(key, shape, numel):
    """torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())"""
    stride, acc = [], 1
    for d in reversed(shape):
        stride.insert(0, acc)
        acc *= d
    persid = p_tuple([p_str("storage"), p_global("torch", "FloatStorage"),
                      p_str(key), p_str("cpu"), p_int(numel)]) + BINPERSID
    args = p_tuple([
        persid,
        p_int(0),                                   # storage offset
        p_tuple([p_int(d) for d in shape]),         # size
        p_tuple([p_int(s) for s in stride]),        # stride
        p_bool(False),                              # requires_grad
        p_global("collections", "OrderedDict") + EMPTY_TUPLE + REDUCE,  # hooks
    ])
    return p_global("torch._utils", "_rebuild_tensor_v2") + args + REDUCE


def module_pickle(class_name, attrs):
    """__torch__.<class_name> object: GLOBAL, NEWOBJ, BUILD with attribute dict."""
    out = PROTO + b"\x02"
    out += p_global("__torch__", class_name) + BINPUT + b"\x00"
    out += EMPTY_TUPLE + NEWOBJ + EMPTY_DICT + MARK
    for k, v in attrs:
        out += p_str(k) + v
    out += SETITEMS + BUILD + STOP
    return out


CONSTANTS_PKL = PROTO + b"\x02" + EMPTY_TUPLE + STOP   # ()

# ---------------------------------------------------------------- source ---
CODE_TEMPLATE = '''class {cls}(Module):
  __parameters__ = ["weight", ]
  __buffers__ = []
  weight : Tensor
  training : bool
  def forward(self: __torch__.{cls},
    x: Tensor) -> Tensor:
    n = torch.size(x, 0)
    w = torch.size(x, 3)
    t = torch.floordiv(w, 4)
    m = torch.mean(x, [1, 2])
    m0 = torch.slice(m, 1, 0, torch.mul(t, 4))
    m1 = torch.reshape(m0, [n, t, 4])
    m2 = torch.mean(m1, [2], True)
    z = torch.mul(m2, 0.)
    out = torch.add(z, self.weight)
{extra}    return out
'''
TIME_MAJOR_EXTRA = "    out = torch.permute(out, [1, 0, 2])\n"


# ------------------------------------------------------------------- zip ---
def write_archive(path, name, files):
    """files: list of (relative name, bytes). STORED + 64-byte aligned data."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED, allowZip64=False) as zf:
        for rel, data in files:
            arcname = f"{name}/{rel}"
            zi = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED
            zi.external_attr = 0o644 << 16
            # data starts at: header_offset + 30 + len(name) + len(extra)
            start = zf.fp.tell() + 30 + len(arcname.encode()) + 4
            pad = (-start) % 64
            zi.extra = b"FB" + struct.pack("<H", pad) + b"Z" * pad
            zf.writestr(zi, data)


def make_model(outdir, name, class_name, weight, time_major=False):
    c = len(weight)
    code = CODE_TEMPLATE.format(cls=class_name,
                                extra=TIME_MAJOR_EXTRA if time_major else "")
    data_pkl = module_pickle(class_name, [
        ("training", p_bool(False)),
        ("weight", p_float_tensor("0", [c], c)),
    ])
    storage = struct.pack("<%df" % c, *weight)
    files = [
        ("data.pkl", data_pkl),
        ("code/__torch__.py", code.encode()),
        ("constants.pkl", CONSTANTS_PKL),
        ("version", b"3\n"),
        ("byteorder", b"little"),
        ("data/0", storage),
        (".data/version", b"3\n"),
    ]
    path = os.path.join(outdir, name + ".pt")
    write_archive(path, name, files)
    return path


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(outdir, exist_ok=True)
    w = [0.0, 0.0, 5.0, 0.0, 0.0]
    print(make_model(outdir, "rec_model", "RecModel", w))
    print(make_model(outdir, "rec_model_tm", "RecModelTM", w, time_major=True))


if __name__ == "__main__":
    main()
