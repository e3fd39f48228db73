#!/usr/bin/env python3
"""Check reviewsift's outputs with the tools researchers and analysts use.

Reads every Parquet output with pyarrow and with DuckDB, checks column types against the documented schema and row
counts against manifest.json, checks that the HTML report is self-contained and that hostile review text in it is
escaped, and — when Chromium is installed — renders the report headless and saves a screenshot.
usage: check_outputs.py OUT_DIR [--partitioned OUT_DIR2] [--screenshot FILE.png]
(OUT_DIR2: the same input run with --partition-by provider; DuckDB must read back the same rows per provider.)"""
import json, os, shutil, subprocess, sys, tempfile

import duckdb
import pyarrow.parquet as pq

REVIEWS = {
    'review_id': 'string', 'provider': 'string', 'source_file': 'string', 'source_line': 'uint64', 'title': 'string',
    'text': 'string', 'rating': 'double', 'date': 'timestamp[ms]', 'author': 'string', 'duplicate_of': 'string',
    'lang': 'string', 'token_count': 'uint32', 'sentiment_score': 'double', 'sentiment_label': 'string',
    'suspicion_score': 'double', 'suspicious': 'bool', 'suspicion_reasons': 'list<string>',
    'provider_reply': 'bool', 'is_complaint': 'bool', 'categories': 'list<string>', 'mentions': 'list<string>', 'deceptive_score': 'double',
    'dup_cluster_id': 'uint64', 'dup_cluster_size': 'uint32', 'author_reviews': 'uint32', 'burst_day': 'bool',
    'rating_deviation': 'double',
}
PROVIDERS = {
    'provider': 'string', 'reviews': 'uint64', 'provider_replies': 'uint64', 'quarantined': 'uint64', 'mean_rating': 'double',
    'adjusted_rating': 'double', 'adjusted_rating_low': 'double', 'adjusted_rating_high': 'double',
    'share_suspicious': 'double', 'complaints_per_1000': 'double', 'top_categories': 'list<string>',
    'near_duplicate_reviews': 'uint64', 'largest_cluster_size': 'uint32', 'largest_cluster_sample': 'string',
}
CATEGORIES = {'provider': 'string', 'category': 'string', 'complaints': 'uint64', 'complaints_per_1000': 'double',
              'complaints_per_1000_low': 'double', 'complaints_per_1000_high': 'double', 'net_sentiment': 'double'}
SCHEMA_VERSION = '5'
MONTHS = {'provider': 'string', 'month': 'date32', 'reviews': 'uint64', 'complaints_per_1000': 'double',
          'complaints_per_1000_low': 'double', 'complaints_per_1000_high': 'double'}


def fail(msg):
    print(f'check_outputs: FAIL: {msg}', file=sys.stderr)
    sys.exit(1)


def arrow_type(t):
    s = str(t)
    return s.replace('large_string', 'string').replace('string_view', 'string').replace('large_list', 'list') \
            .replace('list<item: string>', 'list<string>').replace('list<element: string>', 'list<string>').replace('date32[day]', 'date32')


def check_table(path, expected, rows=None):
    table = pq.read_table(path)
    meta = pq.read_metadata(path).metadata or {}
    if meta.get(b'reviewsift.schema_version') != SCHEMA_VERSION.encode():
        fail(f'{path}: no reviewsift.schema_version={SCHEMA_VERSION} in the Parquet metadata ({list(meta)})')
    for name, want in expected.items():
        if name not in table.schema.names:
            fail(f'{path}: column {name} missing')
        got = arrow_type(table.schema.field(name).type)
        if got != want:
            fail(f'{path}: column {name} is {got}, expected {want}')
    if rows is not None and table.num_rows != rows:
        fail(f'{path}: {table.num_rows} rows, manifest says {rows}')
    n = duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchall()[0][0]
    if n != table.num_rows:
        fail(f'{path}: DuckDB reads {n} rows, pyarrow {table.num_rows}')
    return table


def main():
    out = sys.argv[1]
    shot = sys.argv[sys.argv.index('--screenshot') + 1] if '--screenshot' in sys.argv else None
    manifest = json.load(open(os.path.join(out, 'manifest.json'), encoding='utf-8'))
    if manifest['schema_version'] != SCHEMA_VERSION:
        fail('manifest schema_version')
    counts = manifest['counts']
    if counts['rows_in'] != counts['analysed'] + counts['quarantined']:
        fail('rows_in != analysed + quarantined')
    reviews = check_table(os.path.join(out, 'reviews.parquet'), REVIEWS, counts['analysed'])
    providers = check_table(os.path.join(out, 'providers.parquet'), PROVIDERS, counts['providers'])
    check_table(os.path.join(out, 'provider_categories.parquet'), CATEGORIES)
    check_table(os.path.join(out, 'provider_months.parquet'), MONTHS)
    check_table(os.path.join(out, 'provider_category_months.parquet'),
                {'provider': 'string', 'category': 'string', 'month': 'date32', 'complaints': 'uint64'})
    if sum(providers.column('reviews').to_pylist()) + sum(providers.column('provider_replies').to_pylist()) \
            != counts['analysed']:
        fail('providers.reviews + provider_replies do not add up to the analysed count')
    if sum(reviews.column('provider_reply').to_pylist()) != sum(providers.column('provider_replies').to_pylist()):
        fail('providers.provider_replies does not count the reviews with provider_reply')
    nameless = duckdb.sql(f"select count(*) from read_parquet('{out}/reviews.parquet') where author is not null and author_reviews is null").fetchall()[0][0]
    if nameless != counts['anonymous_authors']:
        fail(f"counts.anonymous_authors {counts['anonymous_authors']}, reviews with an author and no author_reviews {nameless}")
    # Rows whose id another row carries too (rounded ids are counted apart: checked only without them).
    shared = duckdb.sql(f"select count(*) from read_parquet('{out}/reviews.parquet') where review_id in (select review_id from read_parquet('{out}/reviews.parquet') group by 1 having count(*) > 1)").fetchall()[0][0]
    if counts['rounded_ids'] == 0 and shared != counts['shared_ids']:
        fail(f"counts.shared_ids {counts['shared_ids']}, rows whose review_id another row carries {shared}")
    evidence = duckdb.sql(f"select count(*) from (select unnest(suspicion_evidence) as e from read_parquet('{out}/reviews.parquet')) where e.quote is null").fetchall()[0][0]
    if evidence:
        fail('evidence spans without a quote')

    if '--partitioned' in sys.argv:
        parts = sys.argv[sys.argv.index('--partitioned') + 1]
        glob = os.path.join(parts, 'reviews', '*', '*.parquet')
        hive = duckdb.sql(f"select provider, count(*) from read_parquet('{glob}', hive_partitioning = true) group by 1 order by 1").fetchall()
        flat = duckdb.sql(f"select provider, count(*) from read_parquet('{out}/reviews.parquet') group by 1 order by 1").fetchall()
        if hive != flat:
            fail(f'partitioned reviews differ from reviews.parquet: {hive} vs {flat}')

    html = open(os.path.join(out, 'report.html'), encoding='utf-8').read()
    for needle in ('<script', 'http-equiv', '<link ', '@import', 'src="http', "src='http"):
        if needle in html.lower():
            fail(f'report.html is not self-contained or not escaped: found {needle!r}')
    if shot:
        browser = shutil.which('chromium') or shutil.which('chromium-browser') or shutil.which('google-chrome')
        if not browser:
            print('check_outputs: chromium not installed, no screenshot taken', file=sys.stderr)
        else:
            with tempfile.TemporaryDirectory() as profile:
                cmd = [browser, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                       '--disable-background-networking', '--disable-component-update', '--disable-sync',
                       f'--user-data-dir={profile}', '--hide-scrollbars', '--window-size=1200,2400',
                       f'--screenshot={os.path.abspath(shot)}', 'file://' + os.path.abspath(os.path.join(out, 'report.html'))]
                r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
                if r.returncode != 0 or not os.path.exists(shot) or os.path.getsize(shot) < 10000:
                    fail(f'chromium could not render report.html: {r.stderr[-2000:]}')
    print(f"check_outputs: ok: {counts['analysed']} reviews, {counts['providers']} providers, types and counts agree (pyarrow {pq.__name__}, duckdb {duckdb.__version__})")


if __name__ == '__main__':
    main()
