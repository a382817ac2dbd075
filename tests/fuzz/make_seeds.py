#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into corpus/<target>/: real files from the golden
cases and the example lessons, plus small hand-made edge cases no real file covers (other dtypes
and byte orders, Fortran order, format versions 2 and 3, empty and scalar arrays, odd tokenizer
text, command lines, sessions with every field and with broken ones). Plain Python, no NumPy. Run it again after changing it; the output is deterministic."""
import base64
import json
import math
import pathlib
import shutil
import struct

HERE = pathlib.Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden" / "cases"
EXAMPLES = HERE.parent.parent / "resources" / "examples"


def write(target, name, data):
    folder = HERE / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data.encode() if isinstance(data, str) else data)


def npy(header, data=b"", major=1):
    text = header.encode("utf-8")
    length = struct.pack("<H" if major == 1 else "<I", len(text))
    return b"\x93NUMPY" + bytes([major, 0]) + length + text + data


def npy_header(descr, shape, fortran=False):
    dims = "".join(f"{d}, " for d in shape).rstrip(" ") if len(shape) != 1 else f"{shape[0]},"
    return f"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': ({dims}), }}\n"


def npy_seeds():
    for case, name in [("basic", "query"), ("float64_input", "query"), ("cross", "key_value"),
                       ("blocked_row", "mask"), ("broadcast4d", "mask"), ("head4d", "mask"),
                       ("padding", "mask"), ("per_head_mask", "mask")]:
        write("fuzz_npy", f"golden_{case}_{name}.npy", (GOLDEN / case / f"{name}.npy").read_bytes())
    floats = [1.5, -0.0, math.inf, math.nan, 2.5e-40, -3.0]
    write("fuzz_npy", "big_endian_f4.npy", npy(npy_header(">f4", (2, 3)), struct.pack(">6f", *floats)))
    write("fuzz_npy", "fortran_f8.npy",
          npy(npy_header("<f8", (2, 3, 2), True), struct.pack("<12d", *range(12))))
    write("fuzz_npy", "version2.npy", npy(npy_header("<f4", (1,)), struct.pack("<f", 7), 2))
    write("fuzz_npy", "version3_double_quotes.npy",
          npy('{"descr": "<f4", "shape": (2,), "fortran_order": False}', struct.pack("<2f", 1, 2), 3))
    write("fuzz_npy", "python2_long_spaces.npy",
          npy("{ 'shape' : ( 2L , 1L ) , 'descr':'<f8','fortran_order':True }\n",
              struct.pack("<2d", 1, 2)))
    write("fuzz_npy", "scalar.npy", npy(npy_header("<f4", ()), struct.pack("<f", 42)))
    write("fuzz_npy", "empty_rows.npy", npy(npy_header("<f4", (0, 4))))
    for descr, fmt in [("|b1", "B"), ("|i1", "b"), (">u2", "H"), ("<i4", "i"), ("<u8", "Q"),
                       ("<f2", "e")]:
        order = ">" if descr[0] == ">" else "<"
        values = [0, 1, 0, 2] if fmt != "e" else [0.0, -0.0, math.nan, 1.0]
        name = "mask_" + descr[1:] + ("_big" if order == ">" else "") + ".npy"
        write("fuzz_npy", name, npy(npy_header(descr, (2, 2)), struct.pack(order + "4" + fmt, *values)))
    write("fuzz_npy", "refused_complex.npy", npy(npy_header("<c8", (1,)), bytes(8)))
    write("fuzz_npy", "refused_structured.npy",
          npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }\n", bytes(4)))


def safetensors(tensors, metadata=None, pad=0):
    header, data = {}, b""
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    if metadata is not None:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode() + b" " * pad
    return struct.pack("<Q", len(text)) + text + data


def safetensors_seeds():
    for case in ["one_head", "broadcast4d", "basic"]:
        write("fuzz_safetensors", f"golden_{case}.safetensors",
              (GOLDEN / case / "weights.safetensors").read_bytes())
    halves = struct.pack("<6e", 1.0, -0.0, 6e-8, math.inf, math.nan, 65504.0)
    write("fuzz_safetensors", "dtypes.safetensors", safetensors({
        "half": ("F16", [2, 3], halves),
        "brain": ("BF16", [2], struct.pack("<2H", 0x3F80, 0xFF80)),
        "double": ("F64", [1], struct.pack("<d", 1e300)),
        "ints": ("I32", [2], struct.pack("<2i", -1, 7)),
        "fp8": ("F8_E4M3", [3], bytes(3)),
        "unknown": ("F4_NEW", [5], bytes(2)),
        "empty": ("F32", [0, 4], b""),
    }, metadata={"format": "pt"}, pad=5))
    write("fuzz_safetensors", "weights_d2_f16.safetensors", d2_weights())


def tokenizer_seeds():
    texts = {
        "english": "The cat sat on the mat. Didn't it? e.g. 3.14 and v1.2.3, cats' toys!",
        "chinese": "注意力机制很强大。AI模型,𠮷野家",
        "mixed": "I love 注意力! hi😀there 👨\u200d👩\u200d👧 🇫🇷🇩🇪 👍🏽 1\ufe0f\u20e3 info\u2139\ufe0f",
        "scripts": "cafe\u0301 au नमस्ते दुनिया 안녕하세요 こんにちは世界 コーヒー",
        "right_to_left": "\u200fשלום עולם\u200f مرحبا بالعالم \u0660\u0661 \u0600\u0661\u0662",
        "controls": "a\tb\x01c\x7fd\u0085e\u00a0f\u3000g\u2028h\ufeffi\u200dj",
        "punctuation": "\u00ab\u20ac5\u00bb Hi!! 1+1=2 snake_case 'quoted' a..b .5",
        "empty": "",
    }
    for name, text in texts.items():
        write("fuzz_tokenizer", name + ".txt", text)
    write("fuzz_tokenizer", "invalid_utf8.bin", b"ok \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82")


def command_line_seeds():
    lines = {
        "text": ["--text", "The cat sat on the mat.", "--d-model", "16", "--heads", "4", "--out", "o"],
        "cross": ["--text=注意力", "--key-value-text=hi there", "--d-model=8", "--heads=2",
                  "--seed", "18446744073709551615", "--mask", "causal", "--positional", "none"],
        "weights": ["--weights", "w.safetensors", "--query", "q.npy", "--heads", "2", "--mask=m.npy"],
        "bad_numbers": ["--text", "a", "--d-model", "-0", "--heads", "+4", "--threads", "1e3"],
        "repeated": ["--heads", "1", "--heads=2", "--help", "--help=x", "--", "stray"],
        "help": ["--help"],
    }
    for name, arguments in lines.items():
        write("fuzz_command_line", name + ".args", "\0".join(arguments))


def d2_weights():
    """The smallest weights weightsFromSafetensors accepts: d_model 2, in F16."""
    tensors = {}
    for name in ["W_q", "W_k", "W_v", "W_o"]:
        tensors[name + ".weight"] = ("F16", [2, 2], struct.pack("<4e", 0.5, -0.25, 1, 0))
        tensors[name + ".bias"] = ("F16", [2], struct.pack("<2e", 0, 0.125))
    return safetensors(tensors)


def session(**fields):
    document = {"format": "attnscope-session", "version": 1, "text": "the cat sat"}
    document.update(fields)
    return json.dumps({k: v for k, v in document.items() if v is not None}, ensure_ascii=False)


def session_seeds():
    for example in sorted(EXAMPLES.glob("*.attnscope")):
        write("fuzz_session", "example_" + example.name, example.read_bytes())
    view = {"colormap": "magma", "automatic_range": True, "average_of_heads": True,
            "focused_head": 1, "step": "scores", "step_through": "weighted_sum", "step_head": 3,
            "selected_query": 2, "selected_key": 0}
    embedded = {"safetensors_base64": base64.b64encode(d2_weights()).decode(), "format": "reference"}
    sessions = {
        # Valid: each field at work.
        "minimal": session(),
        "every_field": session(key_value_text="注意力", cross_attention=False, d_model=16, heads=4,
                               seed="18446744073709551615", positional="none", scaled=False,
                               mask={"mode": "causal", "padded_length": 0, "blocked": []},
                               weights="seed", view=view),
        "cross_attention": session(text="I love 注意力", key_value_text="hi😀there, friend",
                                   cross_attention=True, d_model=8, heads=2,
                                   mask={"mode": "key_padding", "padded_length": 6}),
        "key_padding": session(d_model=4, heads=2, mask={"mode": "key_padding", "padded_length": 7}),
        "custom_mask": session(d_model=8, heads=1, mask={"mode": "custom", "blocked": [
            [0, 0], [0, 1], [2, 2], [1, 0], [65535, 65535], [0, 1]]}),
        "embedded_weights": session(d_model=2, heads=2, weights=embedded),
        "embedded_multihead": session(d_model=2, heads=1,
                                      weights={**embedded, "format": "multihead"}),
        "weights_file": session(weights={"path": "../weights/w.safetensors", "format": "multihead"}),
        "null_view": session(view={"focused_head": None, "selected_query": None}),
        # Refused: each check of the parser.
        "newer_version": session(version=2, future_field={"x": 1}),
        "version_zero": session(version=0),
        "version_float": session(version=1.0),
        "wrong_format": session(format="attnscope-lesson"),
        "missing_text": session(text=None),
        "wrong_types": session(text=7, d_model="64", heads=True, scaled="yes", mask=[]),
        "huge_numbers": session(d_model=18446744073709551616, heads=8193, seed="18446744073709551616",
                                mask={"padded_length": 65537}),
        "negative_numbers": session(d_model=-1, view={"focused_head": -0}),
        "seed_number": session(seed=5),
        "bad_mask_cells": session(mask={"mode": "custom", "blocked": [[0], [1, 2, 3], ["0", 1]]}),
        "cell_out_of_range": session(mask={"mode": "custom", "blocked": [[65536, 0]]}),
        "unknown_mask_mode": session(mask={"mode": "diagonal"}),
        "both_weights": session(weights={"path": "w", "safetensors_base64": "AAAA",
                                         "format": "reference"}),
        "weights_no_format": session(weights={"path": "w.safetensors"}),
        "bad_base64": session(weights={"safetensors_base64": "not base64!", "format": "reference"}),
        "bad_colormap": session(view={"colormap": "Viridis Blue", "step": "softmax"}),
        "step_head_beyond_heads": session(heads=2, view={"step_head": 2, "step_through": "scores"}),
        "unknown_field": session(mask={"mode": "none", "shape": [1, 1]}),
        "nested_deeply": session(mask={"blocked": [[[0], 1]]}),
    }
    for name, text in sessions.items():
        write("fuzz_session", name + ".attnscope", text)
    # JSON escapes json.dumps would not write: NUL, a surrogate pair, a lone surrogate.
    write("fuzz_session", "escapes.attnscope",
          '{"format": "attnscope-session", "version": 1, "text": "a\\u0000b \\ud83d\\ude00 \\/"}')
    write("fuzz_session", "lone_surrogate.attnscope",
          '{"format": "attnscope-session", "version": 1, "text": "a\\udc00"}')
    write("fuzz_session", "truncated.attnscope", session()[:40])
    write("fuzz_session", "invalid_utf8.attnscope", session().encode().replace(b"cat", b"c\xc0t"))
    write("fuzz_session", "not_an_object.attnscope", "[\"attnscope-session\", 1]")


if __name__ == "__main__":
    shutil.rmtree(HERE / "corpus", ignore_errors=True)
    npy_seeds()
    safetensors_seeds()
    tokenizer_seeds()
    command_line_seeds()
    session_seeds()
