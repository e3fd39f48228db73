#!/usr/bin/env python3
"""Writes a CSV of five pathological reviews (and 100 ordinary ones) for checking that no single row can stall a run.

Usage: python3 scripts/pathological_rows.py OUT.csv

The rows: a million English words in one sentence, a million Chinese characters without punctuation, three million
letters without a space, half a million emoji, and 100 000 URLs, handles and phone numbers. docs/BENCH.md records
`/usr/bin/time -f "%e s %M KB" target/release/reviewsift run -i OUT.csv -o /tmp/pathological --quiet` on it.
"""
import csv
import random
import sys


def main() -> None:
    random.seed(1)
    words = "the network keeps dropping and support never answers billing wrong great service".split()
    with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["review_id", "text", "provider"])
        w.writerow(["big_en", " ".join(random.choice(words) for _ in range(1_000_000)), "A"])
        w.writerow(["big_zh", "".join(random.choice("信号很差客服不回复账单错误服务很好网络") for _ in range(1_000_000)), "A"])
        w.writerow(["no_space", "x" * 3_000_000, "A"])
        w.writerow(["emoji", "😀" * 500_000, "A"])
        w.writerow(["contacts", " ".join(f"http://t.me/x{i} @h{i} +1-888-555-{i % 10000:04d}" for i in range(100_000)), "A"])
        for i in range(100):
            w.writerow([f"n{i}", "fine network", "A"])


if __name__ == "__main__":
    main()
