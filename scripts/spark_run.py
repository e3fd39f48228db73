#!/usr/bin/env python3
"""Run reviewsift on a Spark cluster: one Spark task per shard, then merge.

Each task runs `reviewsift run --shard I/N --out SHARDS/I ...` (the binary analyses every Nth chunk of the input and
writes a shard folder); the driver then runs `reviewsift merge SHARDS/* --out OUT`, which writes exactly the outputs
of a single-machine run. Spark only schedules the tasks (retries, placement); reviewsift does the work.

Usage (Spark local mode; --master yarn or spark://host:7077 for a cluster):
    python scripts/spark_run.py --shards 4 --out out -- --input reviews/ --provider-column carrier

Everything after `--` goes to `reviewsift run` unchanged. On a cluster, the binary, the repository folder it runs in
(models/, reviewsift.toml) and the input must be at the same paths on every worker, and --shard-root must be shared
storage the driver can read (docs/SPARK.md).
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shards", type=int, required=True, help="number of shards (= Spark tasks)")
    p.add_argument("--out", required=True, help="output folder of the merged run")
    p.add_argument("--shard-root", help="where the shard folders go (default: OUT/../.reviewsift-shards)")
    p.add_argument("--binary", default=str(REPO / "target" / "release" / "reviewsift"), help="reviewsift binary")
    p.add_argument("--workdir", default=str(REPO), help="folder the binary runs in (models/, reviewsift.toml)")
    p.add_argument("--master", default=None, help="Spark master URL, e.g. yarn or spark://host:7077 (default: local[SHARDS])")
    p.add_argument("--keep-shards", action="store_true", help="keep the shard folders after the merge")
    p.add_argument("run_args", nargs=argparse.REMAINDER, help="-- then arguments for `reviewsift run`")
    args = p.parse_args()
    if args.shards < 1:
        p.error("--shards must be at least 1")
    if args.run_args and args.run_args[0] == "--":
        args.run_args = args.run_args[1:]
    for flag in ("--shard", "--out", "-o"):
        if flag in args.run_args:
            p.error(f"{flag} is set by spark_run.py; leave it out of the run arguments")
    return args


def shard_task(binary, workdir, shard_root, count, run_args):
    """The function Spark ships to the workers: runs one shard, returns (index, exit code, last lines of stderr)."""

    def run(index, _rows):
        out = os.path.join(shard_root, str(index))
        cmd = [binary, "run", "--quiet", "--shard", f"{index}/{count}", "--out", out, *run_args]
        done = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True)
        yield index, done.returncode, "\n".join(done.stderr.strip().splitlines()[-5:])

    return run


def main():
    args = parse_args()
    from pyspark.sql import SparkSession  # imported here so that --help works without pyspark

    out = os.path.abspath(args.out)
    shard_root = os.path.abspath(args.shard_root or os.path.join(os.path.dirname(out), ".reviewsift-shards"))
    os.makedirs(shard_root, exist_ok=True)
    spark = SparkSession.builder.appName("reviewsift").master(args.master or f"local[{args.shards}]").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        task = shard_task(os.path.abspath(args.binary), os.path.abspath(args.workdir), shard_root, args.shards, args.run_args)
        results = sorted(
            spark.sparkContext.parallelize(range(args.shards), args.shards).mapPartitionsWithIndex(task).collect()
        )
    finally:
        spark.stop()
    failed = [(i, rc, err) for i, rc, err in results if rc != 0]
    for i, rc, err in failed:
        print(f"spark_run: shard {i}/{args.shards} failed (exit {rc}):\n{err}", file=sys.stderr)
    if failed or len(results) != args.shards:
        sys.exit(1)
    print(f"spark_run: {args.shards} shards done in {shard_root}", file=sys.stderr)

    dirs = [os.path.join(shard_root, str(i)) for i in range(args.shards)]
    merge = subprocess.run([args.binary, "merge", "--quiet", *dirs, "--out", out], cwd=args.workdir)
    if merge.returncode != 0:
        sys.exit(merge.returncode)
    if not args.keep_shards:
        import shutil

        for d in dirs:
            shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
