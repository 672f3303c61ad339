#!/usr/bin/env python3
"""Golden data for the BDRC parity tests, made by running BDRC's own inference functions
(buda-base/tibetan-ocr-app, BDRC/Utils.py, BDRC/line_detection.py, BDRC/Inference.py) on synthetic
pages, masks and logits. This script holds no BDRC code: it imports BDRC's modules from a checkout.

Usage:
  /usr/bin/python3 bdrc_golden.py TIBETAN_OCR_APP_CHECKOUT PYCTCDECODE_CHECKOUT MODELS_DIR OUT_DIR

MODELS_DIR holds the tiny ONNX models of make_bdrc_models.py. Needs Debian's python3-opencv,
python3-numpy, python3-onnx (the models), python3-scipy and python3-pygtrie (imported by BDRC's
and pyctcdecode's modules).
"""
import json
import logging
import sys
from pathlib import Path

import cv2
import numpy as np

import bdrc_runtime

bdrc_runtime.install(sys.argv[1], sys.argv[2])
logging.disable(logging.WARNING)

from BDRC import Inference, Utils, line_detection  # noqa: E402
from BDRC.Data import (  # noqa: E402
    CharsetEncoder,
    Encoding,
    LayoutDetectionConfig,
    LineDetectionConfig,
    OCRModelConfig,
)

import make_bdrc_models  # noqa: E402
import synthetic_pages as pages  # noqa: E402

MODELS = Path(sys.argv[3])
OUT = Path(sys.argv[4])


def write_png(name, image):
    path = OUT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if image.ndim == 3:  # BDRC works on 3 equal channels; one is kept
        assert (image[:, :, 0] == image[:, :, 1]).all() and (image[:, :, 0] == image[:, :, 2]).all()
        image = image[:, :, 0]
    assert cv2.imwrite(str(path), image)
    return name


def write_json(name, value):
    path = OUT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def bgr(gray):
    """A page as cv2.imread gives it to BDRC (three channels)."""
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


def page_tiles():
    """Utils.preprocess_image, tile_image, binarize and normalize: what a line model is given."""
    cases = []
    for name, (w, h) in pages.TILE_PAGES.items():
        gray = pages.uneven_page(w, h, seed=len(cases))
        padded, pad_x, pad_y = Utils.preprocess_image(bgr(gray), 512)
        tiles, y_steps = Utils.tile_image(padded, 512)
        binarized = [Utils.binarize(t) for t in tiles]
        tensor = np.array([Utils.normalize(t) for t in binarized])
        x_steps = len(tiles) // y_steps
        mosaic = np.vstack(
            [np.hstack(binarized[r * x_steps : (r + 1) * x_steps]) for r in range(y_steps)]
        )
        assert np.array_equal(tensor[..., 0], np.array(binarized)[..., 0] / np.float32(255))
        cases.append(
            {
                "page": write_png(f"tiles/{name}-page.png", gray),
                "resized_width": padded.shape[1] - pad_x,
                "resized_height": padded.shape[0] - pad_y,
                "pad_x": pad_x,
                "pad_y": pad_y,
                "x_steps": x_steps,
                "y_steps": y_steps,
                "tensor_shape": list(np.transpose(tensor, [0, 3, 1, 2]).shape),
                "resized": write_png(f"tiles/{name}-resized.png", padded),
                "binarized_tiles": write_png(f"tiles/{name}-binarized.png", mosaic),
            }
        )
    write_json("tiles/cases.json", cases)


def line_boxes():
    """build_raw_line_data, filter_line_contours, build_line_data, sort_lines_by_threshold2 and
    extract_line_images on a hand-made mask, with line chunks merged and not."""
    gray, mask = pages.masked_page()
    cases = {"page": write_png("lines/page.png", gray), "mask": write_png("lines/mask.png", mask)}
    rot_img, rot_mask, contours, angle = line_detection.build_raw_line_data(bgr(gray), mask)
    filtered = line_detection.filter_line_contours(rot_mask, contours)
    cases["angle"] = float(angle)
    cases["contours"] = len(contours)
    cases["filtered"] = len(filtered)
    cases["rotated_mask"] = write_png("lines/rotated-mask.png", rot_mask)
    for merge in (False, True):
        for k, tolerance in ((2.5, 4.0), (1.5, 3.0)):
            data = [line_detection.build_line_data(c) for c in filtered]
            lines, threshold = line_detection.sort_lines_by_threshold2(
                rot_mask, data, group_lines=merge
            )
            images = line_detection.extract_line_images(rot_img, lines, k, tolerance)
            key = f"{'merged' if merge else 'unmerged'}-k{k}-t{tolerance}"
            cases[key] = {
                "threshold": threshold,
                "lines": [
                    {
                        "bbox": [line.bbox.x, line.bbox.y, line.bbox.w, line.bbox.h],
                        "center": [int(c) for c in line.center],
                        "image": write_png(f"lines/{key}-{i}.png", image),
                    }
                    for i, (line, image) in enumerate(zip(lines, images))
                ],
            }
    write_json("lines/cases.json", cases)


def recognizer_inputs():
    """OCRInference._pre_pad and _prepare_ocr_line: a wide and a narrow line at BDRC's 2000x80."""
    config = ocr_config(MODELS / "TinyWylie/rec.onnx", 2000, 80)
    inference = Inference.OCRInference(None, config)
    cases = []
    for name, (w, h) in pages.RECOGNIZER_LINES.items():
        line = pages.line_crop(w, h, seed=w)
        padded = inference._pad_ocr_line(inference._pre_pad(bgr(line)))
        prepared = inference._prepare_ocr_line(inference._pre_pad(bgr(line)))
        assert prepared.dtype == np.float32 and prepared.shape == (1, 80, 2000)
        binarized = np.rint((prepared[0].astype(np.float64) + 1.0) * 127.5).astype(np.uint8)
        assert np.array_equal((binarized / 127.5 - 1.0).astype(np.float32), prepared[0])
        cases.append(
            {
                "line": write_png(f"recognizer/{name}-line.png", line),
                "padded": write_png(f"recognizer/{name}-padded.png", padded),
                "input": write_png(f"recognizer/{name}-input.png", binarized),
            }
        )
    write_json("recognizer/cases.json", cases)


def ocr_config(model, width, height):
    return OCRModelConfig(
        str(model),
        None,
        width,
        height,
        "input",
        "output",
        False,
        False,
        CharsetEncoder.Wylie,
        make_bdrc_models.REC_CHARSET,
        True,
        "1",
    )


def decoding():
    """CTCDecoder.ctc_decode (pyctcdecode's beam search, width 100, no language model) on seeded
    logits over a Wylie charset with "_" and "§"; greedy decoding is given beside it."""
    charset = ["k", "a", "g", "s", "§", "_", "/"]
    decoder = Inference.CTCDecoder(charset, True)
    rng = np.random.default_rng(25)
    cases = []
    while len(cases) < 12:
        steps = int(rng.integers(8, 40))
        logits = (rng.normal(size=(steps, len(charset) + 1)) * rng.uniform(0.5, 3)).astype(
            np.float32
        )
        if len(cases) % 4 == 3:  # probabilities rather than logits
            logits = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
            logits = logits.astype(np.float32)
        text = decoder.ctc_decode(logits)
        greedy = greedy_text(logits, decoder.ctc_vocab)
        differs = text != greedy
        if len(cases) < 6 and not differs and len(cases) % 2 == 0:
            continue  # the first cases are ones where beam search and greedy decoding differ
        name = f"ctc/case-{len(cases)}.npy"
        np.save(OUT / name, logits)
        cases.append({"logits": name, "text": text, "greedy": greedy})
    write_json("ctc/cases.json", {"charset": charset, "add_blank": True, "cases": cases})


def greedy_text(logits, vocab):
    best = logits.argmax(axis=1)
    out, previous = [], None
    for c in best:
        if c != previous and vocab[c] not in (" ", "_"):
            out.append(vocab[c])
        previous = c
    return "".join(out)


def whole_pipeline():
    """OCRPipeline.run_ocr with the tiny models, as BDRC's cli.py runs it (k 2.5, tolerance 4,
    no merging, no dewarping), Wylie output; and the line masks of LineDetection and
    LayoutDetection; on pages BDRC reads at their size and scales."""
    rec = ocr_config(
        MODELS / "TinyWylie/rec.onnx", make_bdrc_models.REC_WIDTH, make_bdrc_models.REC_HEIGHT
    )
    configs = {
        "lines": LineDetectionConfig(str(MODELS / "TinyLines/lines.onnx"), 512),
        "layout": LayoutDetectionConfig(
            str(MODELS / "TinyLayout/layout.onnx"), 512, make_bdrc_models.LAYOUT_CLASSES
        ),
    }
    result = {}
    for page_name, (width, height, repeat) in pages.TINY_PAGES.items():
        gray = pages.tiny_model_page(width, height, repeat)
        prefix = "" if page_name == "page" else page_name + "-"
        case = {"page": write_png(f"pipeline/{prefix}page.png", gray)}
        for name, config in configs.items():
            if page_name != "page" and name == "layout":
                continue  # the layout model's mask goes the same way
            pipeline = Inference.OCRPipeline(None, rec, config)
            mask = pipeline.line_inference.predict(bgr(gray))
            if mask.ndim == 3:
                mask = np.ascontiguousarray(mask[:, :, 2])
            status, value = pipeline.run_ocr(
                bgr(gray),
                k_factor=2.5,
                bbox_tolerance=4.0,
                merge_lines=False,
                use_tps=False,
                target_encoding=Encoding.Wylie,
            )
            assert status.name == "SUCCESS", value
            _, sorted_lines, ocr_lines, angle = value
            case[name] = {
                "mask": write_png(f"pipeline/{prefix}{name}-mask.png", mask),
                "angle": float(angle),
                "text": [line.text for line in ocr_lines],
                "bboxes": [[l.bbox.x, l.bbox.y, l.bbox.w, l.bbox.h] for l in sorted_lines],
            }
        if page_name == "page":
            result.update(case)
        else:
            result[page_name] = case
    write_json("pipeline/result.json", result)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ctc").mkdir(exist_ok=True)
    page_tiles()
    line_boxes()
    recognizer_inputs()
    decoding()
    whole_pipeline()
