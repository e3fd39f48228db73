//! reviewsift: a batch pipeline for review analytics.
//!
//! One [`review::Review`] flows through the stages, each a module with its settings and its work side by side:
//! [`ingest`] → [`crossreview`] (a first pass over all reviews) → [`text`] → [`sentiment`] → [`complaints`] →
//! [`suspicion`] → [`aggregate`] → [`report`]. [`pipeline`] wires them; [`config`] holds every setting; [`cli`] is
//! the thin command line. [`classifier`] is the trained-model machinery the analyses share; [`training`] and
//! [`evaluation`] are `reviewsift train` and `eval`.

pub mod aggregate;
pub mod classifier;
pub mod cli;
pub mod complaints;
pub mod config;
pub mod crossreview;
#[cfg(feature = "encoder")]
pub mod encoder;
pub mod evaluation;
pub mod ingest;
pub mod pipeline;
pub mod report;
pub mod review;
pub mod sentiment;
pub mod shard;
pub mod suspicion;
pub mod text;
pub mod training;
