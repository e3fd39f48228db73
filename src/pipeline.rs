//! The pipeline: wires the stages, chunk by chunk. It holds no analysis logic of its own.
//!
//! ```text
//!          pass one: cross-review entries (near-duplicates, authors, bursts, provider means)
//! ingest ──chunk──▶ text ▶ sentiment ▶ complaints ▶ suspicion ▶ conclude ──▶ aggregate (partials) ──▶ report
//!                  (per review, in parallel with rayon)        (+ cross)     merged at the end      streamed, then moved
//! ```
//! Memory is bounded by `input.chunk_rows` plus what must outlive a chunk: per-provider partial aggregates, one
//! hash per distinct text for exact-duplicate flagging, and the cross-review summary (docs/BENCH.md).
//!
//! Three ways to run: [`run`] on one machine; [`run_shard`] analyses a deterministic 1/N of the chunks and writes a
//! shard folder; [`merge`] concludes the shards' reviews with the merged cross-review data and writes exactly what
//! [`run`] writes (src/shard.rs says why it works that way).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::ScopedJoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::aggregate::Totals;
use crate::complaints::Taxonomy;
use crate::config::Config;
use crate::crossreview::{self, Collector, CrossReview};
use crate::ingest::{spreadsheet_rounded, Chunk, Ingest, InputFile, ProviderSpellings, SkippedFile};
use crate::report::manifest::{InputRecord, Manifest, Models, MostlyQuarantined, NamesakeAuthor, Quoted, ReplyAuthor};
use crate::report::samples::Samples;
use crate::report::{tables, Writer};
use crate::review::Review;
use crate::sentiment::SentimentModel;
use crate::shard::{ShardManifest, ShardSpec, ShardWriter, Shards};
use crate::suspicion::{self, Detector};
use crate::text::Text;

/// The analysis stages' runtimes, loaded once and shared by all threads.
pub struct Analyser {
    pub text: Text,
    pub sentiment: SentimentModel,
    pub taxonomy: Taxonomy,
    pub suspicion: Detector,
}

impl Analyser {
    pub fn load(config: &Config) -> Result<Analyser> {
        let taxonomy = Taxonomy::load(&config.complaints)?;
        for (i, source) in config.input.sources.iter().enumerate() {
            if let Some(subject) = source.subject.as_deref().map(str::trim) {
                let what = format!("input.sources #{} (`{}`): subject", i + 1, source.files);
                taxonomy.check_subject(subject, &what, &config.complaints.taxonomy)?;
            }
        }
        Ok(Analyser {
            text: Text::load(&config.text)?,
            sentiment: SentimentModel::load(&config.sentiment)?,
            taxonomy,
            suspicion: Detector::load(&config.suspicion)?,
        })
    }

    /// Runs every analysis on one review: [`Analyser::read`], then [`Analyser::conclude`].
    pub fn analyse(&self, review: &mut Review, cross: &CrossReview) {
        self.read(review);
        self.conclude(review, cross);
    }

    /// What the review itself says, in order: text, sentiment, complaints, and the suspicion evidence in its text
    /// and rating.
    pub fn read(&self, review: &mut Review) {
        let analysed = review.analysed_text();
        // Suspicion weighs the author's own words: not the e-mails a complaint quotes (`own`, when it quotes any).
        let (doc, own) = self.text.prepare_with_unquoted(&analysed, review.title_prefix_chars());
        review.lang = doc.lang;
        review.token_count = doc.tokens.len() as u32;
        let reading = self.sentiment.read(&doc);
        review.sentiment = reading.review;
        let sentence_model = |s| self.sentiment.sentence_score(&doc, &reading, s);
        review.complaints = self.taxonomy.classify(
            &doc,
            &reading,
            sentence_model,
            review.rating,
            review.author.as_deref(),
            review.subject.as_deref(),
        );
        let context = suspicion::Context { reading: &reading, rating: review.rating };
        review.suspicion = self.suspicion.assess(own.as_ref().unwrap_or(&doc), &context);
    }

    /// What the other reviews say (the cross-review signals), and the suspicion score that weighs both.
    pub fn conclude(&self, review: &mut Review, cross: &CrossReview) {
        review.cross = cross.signals(review);
        self.suspicion.conclude(review);
    }
}

/// What a run did, for the command line's closing lines.
pub struct Summary {
    pub rows_in: u64,
    pub analysed: u64,
    pub quarantined: u64,
    /// `None` for a shard: providers are counted by `merge`.
    pub providers: Option<u64>,
    pub outputs: Vec<PathBuf>,
    pub wall: Duration,
    /// What the analyst should know before reading the outputs, one line each (printed after the counts).
    pub warnings: Vec<String>,
}

impl Summary {
    /// The closing lines: counts on stderr (after `what`, e.g. "merged 3 shards: "), then each output path on stdout.
    pub fn print(&self, what: &str) {
        eprintln!(
            "reviewsift: {what}{} rows in, {} analysed, {} quarantined{}, {:.2} s",
            self.rows_in,
            self.analysed,
            self.quarantined,
            self.providers.map(|n| format!(", {n} providers")).unwrap_or_default(),
            self.wall.as_secs_f64()
        );
        for warning in &self.warnings {
            eprintln!("reviewsift: warning: {warning}");
        }
        for path in &self.outputs {
            println!("{}", path.display());
        }
    }
}

/// Pass one: reads the input once for the cross-review stage (near-duplicates, authors, bursts, provider means),
/// through a second pass over `input`'s files.
pub fn cross_review(input: &Ingest, config: &Config, text: &Text, bar: &ProgressBar) -> Result<CrossReview> {
    let mut ingest = input.second_pass();
    let mut collector = Collector::new(&config.crossreview);
    std::thread::scope(|scope| -> Result<()> {
        let (chunks, _) = read_ahead(scope, &mut ingest, bar);
        for chunk in chunks {
            collector.add(&crossreview::entries(&chunk?.reviews, &config.crossreview, text))?;
        }
        Ok(())
    })?;
    Ok(collector.finish())
}

/// Reads the input's chunks on a thread of their own, one chunk ahead of the consumer, so that parsing overlaps
/// the analysis. The thread ends after the last chunk or the first error (which it passes on), or when the receiver
/// is dropped; its handle tells how long reading took.
fn read_ahead<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    ingest: &'scope mut Ingest,
    bar: &'scope ProgressBar,
) -> (Receiver<Result<Chunk>>, ScopedJoinHandle<'scope, Duration>) {
    let (tx, rx) = sync_channel(0);
    let reader = scope.spawn(move || {
        let mut reading = Duration::ZERO;
        loop {
            let t = Instant::now();
            let chunk = ingest.next_chunk();
            reading += t.elapsed();
            bar.set_position(ingest.bytes_read.load(Ordering::Relaxed));
            match &chunk {
                Ok(c) if c.reviews.is_empty() && c.quarantined.is_empty() => return reading, // end of input
                Ok(_) => {}
                Err(_) => {
                    let _ = tx.send(chunk); // passed on; nothing is read after an error
                    return reading;
                }
            }
            if tx.send(chunk).is_err() {
                return reading; // the consumer stopped
            }
        }
    });
    (rx, reader)
}

/// Feeds analysed chunks to the sink on a thread of its own (aggregation and writing overlap the analysis of the
/// next chunk); the handle gives the sink back when the sender is dropped, or its first error.
fn drain<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    mut sink: Sink,
) -> (SyncSender<Chunk>, ScopedJoinHandle<'scope, Result<Sink>>) {
    let (tx, rx) = sync_channel::<Chunk>(0);
    let writer = scope.spawn(move || {
        for chunk in rx {
            sink.add(&chunk)?;
        }
        Ok(sink)
    });
    (tx, writer)
}

fn joined<T>(handle: ScopedJoinHandle<'_, T>) -> Result<T> {
    handle.join().map_err(|_| anyhow::anyhow!("a pipeline thread panicked"))
}

/// Runs the whole pipeline on one machine.
pub fn run(config: &Config, quiet: bool) -> Result<Summary> {
    let started = Instant::now();
    let mut ingest = Ingest::open(&config.input)?;
    let analyser = Analyser::load(config)?;
    let hashes = hash_inputs(ingest.files().to_vec());
    let mut sink = Sink::create(config, &analyser)?;
    sink.timings.insert("setup", started.elapsed());

    let bars = Bars::new(quiet, ingest.total_bytes());
    let t = Instant::now();
    let cross = cross_review(&ingest, config, &analyser.text, &bars.cross)?;
    bars.cross.finish();
    sink.timings.insert("crossreview", t.elapsed());
    let mut analysing = Duration::ZERO;
    let (mut sink, reading) = std::thread::scope(|scope| -> Result<(Sink, Duration)> {
        let (chunks, reader) = read_ahead(scope, &mut ingest, &bars.read);
        let (analysed, writer) = drain(scope, sink);
        for chunk in chunks {
            let mut chunk = chunk?;
            let t = Instant::now();
            chunk.reviews.par_iter_mut().for_each(|r| analyser.analyse(r, &cross));
            analysing += t.elapsed();
            bars.analyse.inc(chunk.reviews.len() as u64);
            bars.quarantined.inc(chunk.quarantined.len() as u64);
            if analysed.send(chunk).is_err() {
                break; // the sink failed: its error comes from the join below
            }
        }
        drop(analysed);
        Ok((joined(writer)??, joined(reader)?))
    })?;
    bars.finish();
    sink.timings.insert("ingest", reading);
    sink.timings.insert("analyse", analysing);
    let hashes = hashes.join().map_err(|_| anyhow::anyhow!("input hashing thread panicked"))??;
    sink.finish(ingest.files(), ingest.skipped(), &ingest.provider_spellings(), hashes, &analyser, started)
}

/// `run --shard I/N`: reads the whole input, analyses the chunks that are this shard's, and writes them with their
/// cross-review entries to the shard folder (`output.dir`) for [`merge`].
pub fn run_shard(config: &Config, shard: ShardSpec, quiet: bool) -> Result<Summary> {
    let started = Instant::now();
    let mut ingest = Ingest::open(&config.input)?;
    let analyser = Analyser::load(config)?;
    let hashes = (shard.index == 0).then(|| hash_inputs(ingest.files().to_vec()));
    let writer = ShardWriter::create(std::path::Path::new(&config.output.dir))?;
    let bar = progress(quiet, ingest.total_bytes(), "bytes", format!("shard {}/{}", shard.index, shard.count));
    let mut timings: BTreeMap<String, f64> = BTreeMap::new();
    let (mut chunks, mut analysed, mut quarantined) = (0u64, 0u64, 0u64);
    let reading = std::thread::scope(|scope| -> Result<Duration> {
        let (input, reader) = read_ahead(scope, &mut ingest, &bar);
        for chunk in input {
            let mut chunk = chunk?;
            let k = chunks;
            chunks += 1;
            if !shard.owns(k) {
                continue;
            }
            let t = Instant::now();
            chunk.reviews.par_iter_mut().for_each(|r| analyser.read(r));
            let entries = crossreview::entries(&chunk.reviews, &config.crossreview, &analyser.text);
            *timings.entry("analyse".into()).or_default() += t.elapsed().as_secs_f64();
            let t = Instant::now();
            writer.write_chunk(k, &entries, &chunk)?;
            *timings.entry("write".into()).or_default() += t.elapsed().as_secs_f64();
            analysed += chunk.reviews.len() as u64;
            quarantined += chunk.quarantined.len() as u64;
        }
        joined(reader)
    })?;
    timings.insert("ingest".into(), reading.as_secs_f64());
    bar.finish();
    let sha256 = match hashes {
        Some(h) => h.join().map_err(|_| anyhow::anyhow!("input hashing thread panicked"))??,
        None => Vec::new(),
    };
    timings.insert("wall".into(), started.elapsed().as_secs_f64());
    let path = writer.finish(&ShardManifest {
        version: env!("CARGO_PKG_VERSION").to_string(),
        shard,
        config: config.to_json(),
        inputs: ingest.files().to_vec(),
        skipped: ingest.skipped().to_vec(),
        provider_spellings: ingest.provider_spellings(),
        sha256,
        chunks,
        analysed,
        quarantined,
        timings_s: timings,
    })?;
    Ok(Summary {
        rows_in: analysed + quarantined,
        analysed,
        quarantined,
        providers: None,
        outputs: vec![path],
        wall: started.elapsed(),
        // Author signals are concluded by `merge`, which warns.
        warnings: Vec::new(),
    })
}

/// `merge`: combines the shard folders of one sharded run into the outputs a single [`run`] writes.
pub fn merge(shard_dirs: &[PathBuf], out: &str, quiet: bool) -> Result<Summary> {
    let started = Instant::now();
    let shards = Shards::open(shard_dirs)?;
    let config = shards.config(out)?;
    let analyser = Analyser::load(&config)?;
    let mut sink = Sink::create(&config, &analyser)?;
    sink.timings.insert("setup", started.elapsed());
    let chunks = shards.chunks();

    let t = Instant::now();
    let bar = progress(quiet, chunks, "chunks", "crossreview".into());
    let mut collector = Collector::new(&config.crossreview);
    for k in 0..chunks {
        collector.add(&shards.entries(k)?).with_context(|| format!("merging chunk {k}"))?;
        bar.inc(1);
    }
    let cross = collector.finish();
    bar.finish();
    sink.timings.insert("crossreview", t.elapsed());

    let bar = progress(quiet, chunks, "chunks", "merge".into());
    let (mut reading, mut concluding) = (Duration::ZERO, Duration::ZERO);
    let mut sink = std::thread::scope(|scope| -> Result<Sink> {
        let (concluded, writer) = drain(scope, sink);
        for k in 0..chunks {
            let t = Instant::now();
            let mut chunk = shards.chunk(k)?;
            reading += t.elapsed();
            let t = Instant::now();
            chunk.reviews.par_iter_mut().for_each(|r| analyser.conclude(r, &cross));
            concluding += t.elapsed();
            bar.inc(1);
            if concluded.send(chunk).is_err() {
                break;
            }
        }
        drop(concluded);
        joined(writer)?
    })?;
    bar.finish();
    sink.timings.insert("ingest", reading);
    sink.timings.insert("analyse", concluding);
    let first = &shards.manifests[0];
    sink.manifest.shards = Some(first.shard.count);
    sink.finish(&first.inputs, &first.skipped, &first.provider_spellings, first.sha256.clone(), &analyser, started)
}

/// The rows of one file quarantined for one column, and the first of them.
struct Fault {
    rows: u64,
    first_line: u64,
    first_reason: String,
}

/// The output side shared by [`run`] and [`merge`]: aggregates, report samples, the writers and the manifest, fed
/// one analysed chunk at a time in input order (on a thread of its own, see [`drain`]).
struct Sink {
    writer: Writer,
    totals: Totals,
    samples: Samples,
    per_file: HashMap<Arc<str>, (u64, u64)>,
    /// Per file and column at fault: its quarantined rows (for the warnings).
    faults: HashMap<Arc<str>, BTreeMap<String, Fault>>,
    manifest: Manifest,
    timings: HashMap<&'static str, Duration>,
    /// Values the manifest's warnings quote.
    quoted: Quoted,
    /// Per author of a support reply ([`crossreview::author_name`]): the spelling met first, its replies and its texts in
    /// the input (for the warning on [`ReplyAuthor`]s).
    reply_authors: HashMap<String, (String, u64, u32)>,
    /// Per author spelt like the provider of a review of theirs that counts as a customer's
    /// ([`crossreview::names_provider`]): the spelling and provider met first, those reviews and the author's texts.
    namesakes: HashMap<String, (String, String, u64, u32)>,
}

impl Sink {
    fn create(config: &Config, analyser: &Analyser) -> Result<Sink> {
        Ok(Sink {
            writer: Writer::create(&config.output)?,
            totals: Totals::new(),
            samples: Samples::default(),
            per_file: HashMap::new(),
            faults: HashMap::new(),
            manifest: Manifest::start(config.to_json(), models(config, analyser)),
            timings: HashMap::new(),
            quoted: Quoted::default(),
            reply_authors: HashMap::new(),
            namesakes: HashMap::new(),
        })
    }

    fn add(&mut self, chunk: &Chunk) -> Result<()> {
        for r in &chunk.reviews {
            self.per_file.entry(r.source_file.clone()).or_default().0 += 1;
        }
        for q in &chunk.quarantined {
            self.per_file.entry(q.file.clone()).or_default().1 += 1;
            let column = q.column.clone().unwrap_or_else(|| "the whole row".to_string());
            let fault = self.faults.entry(q.file.clone()).or_default().entry(column);
            fault.or_insert(Fault { rows: 0, first_line: q.line, first_reason: q.reason.clone() }).rows += 1;
        }
        self.samples.add(&chunk.reviews);
        self.samples.add_quarantined(&chunk.quarantined);

        let t = Instant::now();
        let frame = tables::reviews_frame(&chunk.reviews)?;
        self.totals.add(&frame, &chunk.reviews, &chunk.quarantined)?;
        *self.timings.entry("aggregate").or_default() += t.elapsed();

        let t = Instant::now();
        self.writer.write_chunk(&frame, &chunk.reviews, &chunk.quarantined)?;
        *self.timings.entry("write").or_default() += t.elapsed();

        let c = &mut self.manifest.counts;
        c.analysed += chunk.reviews.len() as u64;
        c.quarantined += chunk.quarantined.len() as u64;
        c.exact_duplicates += chunk.reviews.iter().filter(|r| r.duplicate_of.is_some()).count() as u64;
        c.suspicious += chunk.reviews.iter().filter(|r| r.suspicion.suspicious).count() as u64;
        c.complaints += chunk.reviews.iter().filter(|r| r.complaints.is_complaint).count() as u64;
        c.provider_replies += chunk.reviews.iter().filter(|r| r.complaints.provider_reply).count() as u64;
        for r in &chunk.reviews {
            if r.cross.anonymous_author {
                c.anonymous_authors += 1;
                self.quoted.anonymous_authors.offer(r.author.as_deref().unwrap_or_default());
            }
            if let Some(v) = &r.notes.unread_rating {
                c.unread_ratings += 1;
                self.quoted.unread_ratings.offer(v);
            }
            if let Some(v) = &r.notes.unread_date {
                c.unread_dates += 1;
                self.quoted.unread_dates.offer(v);
            }
            if let Some(v) = &r.notes.mojibake {
                c.mojibake += 1;
                self.quoted.mojibake.offer(v);
            }
            // Authors who may be the provider's own accounts (the warnings on ReplyAuthor and NamesakeAuthor).
            if let (Some(author), Some(texts)) = (&r.author, r.cross.author_reviews) {
                if r.complaints.provider_reply {
                    let entry = self
                        .reply_authors
                        .entry(crossreview::author_name(author))
                        .or_insert_with(|| (author.trim().to_string(), 0, texts));
                    entry.1 += 1;
                } else if !r.cross.anonymous_author && crossreview::names_provider(author, &r.provider) {
                    let entry = self
                        .namesakes
                        .entry(crossreview::author_name(author))
                        .or_insert_with(|| (author.trim().to_string(), r.provider.clone(), 0, texts));
                    entry.2 += 1;
                }
            }
            if spreadsheet_rounded(&r.review_id) {
                c.rounded_ids += 1;
                self.quoted.rounded_ids.offer(&r.review_id);
            } else if r.cross.shared_id {
                c.shared_ids += 1;
                self.quoted.shared_ids.offer(&r.review_id);
            }
        }
        Ok(())
    }

    /// Per-provider tables, the report and the manifest (`hashes`: SHA-256 of each of `files`).
    fn finish(
        mut self,
        files: &[InputFile],
        skipped: &[SkippedFile],
        spellings: &[ProviderSpellings],
        hashes: Vec<String>,
        analyser: &Analyser,
        started: Instant,
    ) -> Result<Summary> {
        let t = Instant::now();
        let tables = self.totals.finish(analyser.taxonomy.ids())?;
        *self.timings.entry("aggregate").or_default() += t.elapsed();

        let manifest = &mut self.manifest;
        for (file, sha256) in files.iter().zip(hashes) {
            let (analysed, quarantined) = self.per_file.get(file.path.as_str()).copied().unwrap_or_default();
            manifest.inputs.push(InputRecord {
                file: file.clone(),
                sha256,
                rows: analysed + quarantined,
                analysed,
                quarantined,
            });
        }
        manifest.skipped_inputs = skipped.to_vec();
        manifest.provider_spellings = spellings.to_vec();
        manifest.counts.rows_in = manifest.counts.analysed + manifest.counts.quarantined;
        manifest.counts.providers = tables.providers.height() as u64;
        let mostly_quarantined: Vec<MostlyQuarantined> = manifest
            .inputs
            .iter()
            .filter(|i| i.quarantined > 0 && 2 * i.quarantined >= i.rows)
            .filter_map(|i| {
                let faults = self.faults.get(i.file.path.as_str())?;
                // The column at fault most often (ties: the first by name).
                let (column, fault) = faults.iter().rev().max_by_key(|(_, f)| f.rows)?;
                Some(MostlyQuarantined {
                    file: i.file.path.clone(),
                    rows: i.rows,
                    quarantined: i.quarantined,
                    column: column.clone(),
                    count: fault.rows,
                    line: fault.first_line,
                    reason: fault.first_reason.clone(),
                })
            })
            .collect();
        let mut reply_authors: Vec<ReplyAuthor> = self
            .reply_authors
            .into_values()
            .filter(|&(_, replies, texts)| replies >= ReplyAuthor::MIN_REPLIES && replies < u64::from(texts))
            .filter(|&(_, replies, texts)| 2 * replies >= u64::from(texts))
            .map(|(author, replies, texts)| ReplyAuthor { author, replies, texts })
            .collect();
        reply_authors.sort_by(|a, b| b.replies.cmp(&a.replies).then_with(|| a.author.cmp(&b.author)));
        let warned: HashSet<String> = reply_authors.iter().map(|a| crossreview::author_name(&a.author)).collect();
        let mut namesakes: Vec<NamesakeAuthor> = self
            .namesakes
            .into_iter()
            .filter(|(name, (_, _, _, texts))| *texts >= NamesakeAuthor::MIN_TEXTS && !warned.contains(name))
            .map(|(_, (author, provider, reviews, texts))| NamesakeAuthor { author, provider, reviews, texts })
            .collect();
        namesakes.sort_by(|a, b| b.reviews.cmp(&a.reviews).then_with(|| a.author.cmp(&b.author)));
        manifest.warn(&self.quoted, &mostly_quarantined, &reply_authors, &namesakes);

        let mut timed: Vec<(&'static str, f64)> = self.timings.iter().map(|(k, v)| (*k, v.as_secs_f64())).collect();
        timed.push(("wall", started.elapsed().as_secs_f64()));
        manifest.timings_s = timed.into_iter().collect();
        let names = analyser
            .taxonomy
            .categories
            .iter()
            .map(|c| (c.id.clone(), c.names.get("en").cloned().unwrap_or_else(|| c.id.clone())))
            .collect();
        let outputs = self.writer.finish(tables, &self.samples, &names, manifest)?;
        Ok(Summary {
            rows_in: manifest.counts.rows_in,
            analysed: manifest.counts.analysed,
            quarantined: manifest.counts.quarantined,
            providers: Some(manifest.counts.providers),
            outputs,
            wall: started.elapsed(),
            warnings: manifest.warnings.clone(),
        })
    }
}

fn models(config: &Config, analyser: &Analyser) -> Models {
    let sources = PathBuf::from(&config.sentiment.lexicon_dir).join("SOURCES.txt");
    let taxonomy = &analyser.taxonomy;
    Models {
        lexicons: std::fs::read_to_string(sources)
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
        taxonomy_path: config.complaints.taxonomy.clone(),
        taxonomy_version: taxonomy.version.clone(),
        taxonomy_sha256: taxonomy.sha256.clone(),
        tokenizer: "jieba-rs 0.11 (bundled dictionary); word tokens for alphabetic scripts",
        language_id: "whatlang 0.18 (zh by Han-character share)",
        // Which weights made these outputs: every trained model file the analyser read, hashed as it was read.
        trained: analyser
            .sentiment
            .trained_models()
            .chain(analyser.suspicion.deception_models())
            .chain(taxonomy.trained_models())
            .filter_map(|m| m.file.clone())
            .collect(),
    }
}

fn sha256_file(path: &Path) -> Result<String> {
    let mut file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// SHA-256 of every input, computed on a thread of its own while the run reads the same files.
fn hash_inputs(files: Vec<InputFile>) -> std::thread::JoinHandle<Result<Vec<String>>> {
    std::thread::spawn(move || files.iter().map(|f| sha256_file(Path::new(&f.path))).collect())
}

/// Progress on stderr: the cross-review pass and the analysis pass over the input bytes (with rate and ETA),
/// reviews analysed, rows quarantined.
struct Bars {
    _multi: MultiProgress,
    cross: ProgressBar,
    read: ProgressBar,
    analyse: ProgressBar,
    quarantined: ProgressBar,
}

impl Bars {
    fn new(quiet: bool, total_bytes: u64) -> Bars {
        let target = if quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() };
        let multi = MultiProgress::with_draw_target(target);
        let style =
            ProgressStyle::with_template("{prefix:>11} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}")
                .expect("valid template")
                .progress_chars("=> ");
        let cross = multi.add(ProgressBar::new(total_bytes));
        cross.set_style(style.clone());
        cross.set_prefix("crossreview");
        let read = multi.add(ProgressBar::new(total_bytes));
        read.set_style(style);
        read.set_prefix("analyse");
        let counter = |prefix: &'static str, template: &str| {
            let bar = multi.add(ProgressBar::new_spinner());
            bar.set_style(ProgressStyle::with_template(template).expect("valid template"));
            bar.set_prefix(prefix);
            bar
        };
        let analyse = counter("reviews", "{prefix:>11} {human_pos} analysed, {per_sec}, {elapsed}");
        let quarantined = counter("quarantine", "{prefix:>11} {human_pos} rows");
        Bars { _multi: multi, cross, read, analyse, quarantined }
    }

    fn finish(&self) {
        self.read.finish();
        self.analyse.finish();
        self.quarantined.finish();
    }
}

/// One progress bar of `len` units on stderr (hidden when quiet): input bytes or chunks.
fn progress(quiet: bool, len: u64, units: &str, prefix: String) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(
        Some(len),
        if quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() },
    );
    let counts = if units == "bytes" { "{bytes}/{total_bytes} {bytes_per_sec}" } else { "{pos}/{len} chunks" };
    bar.set_style(
        ProgressStyle::with_template(&format!("{{prefix:>11}} [{{bar:30}}] {counts} ETA {{eta}}"))
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_prefix(prefix);
    bar
}
