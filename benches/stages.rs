//! Stage kernels, one benchmark each, on the bundled dataset (`datasets/telecom_reviews/`: 305 reviews in en, fr
//! and zh, read by the real ingest). Throughput is in reviews (elements) per second on one thread; the end-to-end
//! figures against the parse floor and the Python peer come from `scripts/bench.sh` (docs/BENCH.md).
//!
//! Run: `bash scripts/setup.sh && cargo bench --bench stages` (after `cargo bench`, `target/criterion/` holds the
//! estimates; `-- --save-baseline before` / `-- --baseline before` compare two commits).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use reviewsift::aggregate::Totals;
use reviewsift::config::Config;
use reviewsift::crossreview::{self, Collector};
use reviewsift::ingest::Ingest;
use reviewsift::pipeline::Analyser;
use reviewsift::report::tables;
use reviewsift::review::Review;
use reviewsift::suspicion::Context;

fn bundled(config: &Config) -> Vec<Review> {
    let mut ingest = Ingest::open(&config.input).expect("the bundled dataset opens");
    let mut reviews = Vec::new();
    loop {
        let chunk = ingest.next_chunk().expect("the bundled dataset reads");
        if chunk.reviews.is_empty() && chunk.quarantined.is_empty() {
            break;
        }
        reviews.extend(chunk.reviews);
    }
    reviews
}

fn stages(c: &mut Criterion) {
    let config = Config::default();
    let analyser = Analyser::load(&config).expect("models load (run scripts/setup.sh first)");
    let raw = bundled(&config);
    let texts: Vec<String> = raw.iter().map(|r| r.analysed_text()).collect();
    let docs: Vec<_> = texts.iter().map(|t| analyser.text.prepare(t, 0)).collect();
    let readings: Vec<_> = docs.iter().map(|d| analyser.sentiment.read(d)).collect();
    let n = raw.len() as u64;

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Elements(n));
    g.bench_function("ingest (csv, tsv, jsonl)", |b| b.iter(|| bundled(&config)));
    g.bench_function("text (normalise, language, tokens)", |b| {
        b.iter(|| texts.iter().map(|t| analyser.text.prepare(t, 0).tokens.len()).sum::<usize>())
    });
    g.bench_function("sentiment (lexicon + model)", |b| {
        b.iter(|| docs.iter().map(|d| analyser.sentiment.read(d).review.score).sum::<f64>())
    });
    g.bench_function("complaints (cues + category models)", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&readings)
                .map(|(d, r)| {
                    let sentence_model = |s| analyser.sentiment.sentence_score(d, r, s);
                    analyser.taxonomy.classify(d, r, sentence_model, Some(3.0), None, None).mentions.len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("suspicion (text evidence + deception)", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&readings)
                .map(|(d, r)| analyser.suspicion.assess(d, &Context { reading: r, rating: Some(5.0) }).reasons.len())
                .sum::<usize>()
        })
    });
    g.bench_function("crossreview (minhash, lsh, union-find)", |b| {
        b.iter(|| {
            let mut collector = Collector::new(&config.crossreview);
            collector.add(&crossreview::entries(&raw, &config.crossreview, &analyser.text)).unwrap();
            collector.finish()
        })
    });
    let mut analysed = raw.clone();
    let mut collector = Collector::new(&config.crossreview);
    collector.add(&crossreview::entries(&raw, &config.crossreview, &analyser.text)).unwrap();
    let cross = collector.finish();
    g.bench_function("analyse (all per-review stages)", |b| {
        b.iter_batched(
            || raw.clone(),
            |mut reviews| {
                reviews.iter_mut().for_each(|r| analyser.analyse(r, &cross));
                reviews
            },
            BatchSize::LargeInput,
        )
    });
    analysed.iter_mut().for_each(|r| analyser.analyse(r, &cross));
    g.bench_function("aggregate (reviews frame + partial sums)", |b| {
        b.iter(|| {
            let frame = tables::reviews_frame(&analysed).unwrap();
            let mut totals = Totals::new();
            totals.add(&frame, &analysed, &[]).unwrap();
            totals
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = stages
}
criterion_main!(benches);
