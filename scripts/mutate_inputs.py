#!/usr/bin/env python3
"""Feeds reviewsift damaged inputs and reports any panic, crash or lost row (how session 6 found its input bugs).

Usage: python3 scripts/mutate_inputs.py KIND [N] [SEED]      (from the repository root, after a release build)

KIND is what gets damaged, N how many mutants (default 100), SEED the random seed (default 1):
  text        the bundled dataset's CSV, TSV and JSONL files and a one-review-per-line text file made from its
              English texts (bytes changed, inserted, deleted, repeated, cut)
  compressed  the bundled CSV gzipped, its TSV bzip2- and xz-compressed, its JSONL zstd-compressed, and a JSON
              array of its JSONL rows
  parquet     the bundled dataset's own reviews.parquet output, read back as an input
  config      reviewsift.toml, given with --config
  taxonomy    models/taxonomy.toml, given with --taxonomy
  shards      one chunk file of a 2-shard run of the bundled dataset, then `reviewsift merge`
Each mutant must end with exit status 0 or 1, no panic, and when the run succeeds rows in = analysed + quarantined
(a merge must not succeed on a damaged chunk). Prints every failure and a count of the error messages seen.
"""
import bz2
import glob
import gzip
import json
import lzma
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

BIN = os.path.abspath("target/release/reviewsift")
DATA = "datasets/telecom_reviews"


def mutate(data: bytes, edits: int) -> bytes:
    b = bytearray(data)
    for _ in range(random.randint(1, edits)):
        i = random.randrange(len(b)) if b else 0
        op = random.random()
        if op < 0.3 and b:
            b[i] = random.randrange(256)
        elif op < 0.5:
            b[i:i] = random.choice([b'"', b"\n", b"\r", b",", b"\t", b"{", b"}", b"\\", b"\x00", b"\xef\xbb\xbf",
                                    "星".encode(), b"[", b"]", b":", b"1e999", b"-", b"null", b"="])
        elif op < 0.7 and b:
            del b[i:i + random.randint(1, 200)]
        elif op < 0.85 and b:
            b[i:i] = b[i:i + random.randint(1, 200)] * random.randint(1, 3)
        else:
            del b[random.randrange(len(b) + 1):]
    return bytes(b)


def run(args):
    r = subprocess.run([BIN] + args, capture_output=True, timeout=300)
    return r.returncode, r.stderr.decode("utf-8", "replace")


def main() -> None:
    kind = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    work = tempfile.mkdtemp(prefix="reviewsift-mutants-")
    sources = {
        "text": [f"{DATA}/reviews_en.csv", f"{DATA}/reviews_fr.tsv", f"{DATA}/reviews_zh.jsonl"],
    }
    if kind == "text":
        # A plain-text file, one review per line, made from the English file's texts.
        import csv as csv_module
        with open(f"{DATA}/reviews_en.csv", newline="", encoding="utf-8", errors="replace") as f, \
                open(f"{work}/src.txt", "w", encoding="utf-8") as g:
            for row in csv_module.DictReader(f):
                g.write((row.get("text") or "").replace("\n", " ") + "\n")
        sources[kind].append(f"{work}/src.txt")
    if kind == "compressed":
        rows = []
        for line in open(f"{DATA}/reviews_zh.jsonl", encoding="utf-8"):
            try:
                rows.append(json.loads(line))
            except ValueError:
                pass
        with open(f"{work}/src.json", "w", encoding="utf-8") as f:
            json.dump(rows, f, ensure_ascii=False, indent=1)
        with open(f"{DATA}/reviews_en.csv", "rb") as f, gzip.open(f"{work}/src.csv.gz", "wb") as g:
            g.write(f.read())
        with open(f"{DATA}/reviews_fr.tsv", "rb") as f:
            tsv = f.read()
        with bz2.open(f"{work}/src.tsv.bz2", "wb") as g:
            g.write(tsv)
        with lzma.open(f"{work}/src.tsv.xz", "wb") as g:
            g.write(tsv)
        sources[kind] = [f"{work}/src.csv.gz", f"{work}/src.json", f"{work}/src.tsv.bz2", f"{work}/src.tsv.xz"]
        if shutil.which("zstd"):
            subprocess.run(["zstd", "-q", f"{DATA}/reviews_zh.jsonl", "-o", f"{work}/src.jsonl.zst"], check=True)
            sources[kind].append(f"{work}/src.jsonl.zst")
    if kind == "parquet":
        subprocess.run([BIN, "run", "--quiet", "-o", f"{work}/base"], check=True, capture_output=True)
        shutil.copy(f"{work}/base/reviews.parquet", f"{work}/src.parquet")
        sources[kind] = [f"{work}/src.parquet"]
    if kind == "shards":
        for i in range(2):
            subprocess.run([BIN, "run", "--quiet", "--shard", f"{i}/2", "--chunk-rows", "50", "-o", f"{work}/shards/{i}"],
                           check=True, capture_output=True)
    failures, messages = 0, Counter()
    for k in range(n):
        case = f"{work}/case"
        shutil.rmtree(case, ignore_errors=True)
        os.makedirs(case)
        if kind in ("text", "compressed", "parquet"):
            src = random.choice(sources[kind])
            name = os.path.basename(src)
            path = f"{case}/input{name[name.index('.'):]}"
            with open(src, "rb") as f, open(path, "wb") as g:
                g.write(mutate(f.read(), 4 if kind == "parquet" else 30))
            status, err = run(["run", "--quiet", "-i", path, "-o", f"{case}/out"])
        elif kind in ("config", "taxonomy"):
            src = "reviewsift.toml" if kind == "config" else "models/taxonomy.toml"
            path = f"{case}/file.toml"
            with open(src, "rb") as f, open(path, "wb") as g:
                g.write(mutate(f.read(), 3))
            flag = "--config" if kind == "config" else "--taxonomy"
            status, err = run(["run", "--quiet", flag, path, "-o", f"{case}/out"])
        elif kind == "shards":
            shutil.copytree(f"{work}/shards", f"{case}/shards")
            chunk = random.choice(sorted(glob.glob(f"{case}/shards/*/chunks/*")))
            with open(chunk, "rb") as f:
                data = f.read()
            with open(chunk, "wb") as f:
                f.write(mutate(data, 3))
            status, err = run(["merge", f"{case}/shards/0", f"{case}/shards/1", "--out", f"{case}/out"])
            if status == 0:
                failures += 1
                print(f"mutant {k}: merge accepted a damaged chunk ({os.path.basename(chunk)})")
                continue
        else:
            sys.exit(f"mutate_inputs: unknown kind {kind}")
        if status not in (0, 1) or "panicked" in err:
            failures += 1
            print(f"mutant {k}: exit {status}\n{err[-800:]}")
        elif status == 1:
            messages[err.strip().splitlines()[-1].replace(case, "")[:110]] += 1
        else:
            counts = json.load(open(f"{case}/out/manifest.json"))["counts"]
            if counts["rows_in"] != counts["analysed"] + counts["quarantined"]:
                failures += 1
                print(f"mutant {k}: rows lost {counts}")
            else:
                messages["(run succeeded, rows in = analysed + quarantined)"] += 1
    shutil.rmtree(work, ignore_errors=True)
    for message, count in messages.most_common(12):
        print(f"{count:5d}  {message}")
    print(f"mutate_inputs {kind}: {n} mutants, {failures} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
