//! All settings, in one place.
//!
//! The keys, their defaults and their documentation live once, in `reviewsift.toml` at the repository root, which is
//! compiled in as the defaults. A user's file and `--set key=value` overrides are merged over it as TOML tables and
//! the result is deserialised with unknown keys rejected, then validated before the first row is read. The structs
//! here mirror that file; each stage owns its own section.

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

/// The documented default configuration (`reviewsift.toml`).
pub const DEFAULT_TOML: &str = include_str!("../reviewsift.toml");

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub input: crate::ingest::IngestConfig,
    pub text: crate::text::TextConfig,
    pub sentiment: crate::sentiment::SentimentConfig,
    pub complaints: crate::complaints::ComplaintsConfig,
    pub crossreview: crate::crossreview::CrossReviewConfig,
    pub suspicion: crate::suspicion::SuspicionConfig,
    pub output: crate::report::OutputConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config::from_layers(None, &[]).expect("the built-in reviewsift.toml is valid")
    }
}

/// Reads a text file an analyst edits (configuration, taxonomy, lexicon supplement). One saved in another encoding
/// than UTF-8 is refused with the line of its first offending byte, rather than "stream did not contain valid UTF-8".
pub fn read_text(path: &Path, what: &str) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {what} {}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        anyhow::anyhow!("{what} {}: line {line} is not UTF-8 text (save the file as UTF-8)", path.display())
    })
}

impl Config {
    /// Builds the configuration: built-in defaults, then `file` (if any), then `overrides` (`section.key=value`).
    pub fn from_layers(file: Option<&Path>, overrides: &[String]) -> Result<Config> {
        let mut table: toml::Table = DEFAULT_TOML.parse().context("built-in reviewsift.toml")?;
        let built_in = table.get("input").cloned();
        if let Some(path) = file {
            let text = read_text(path, "config file")?;
            let user: toml::Table = text.parse().map_err(|e| anyhow::anyhow!("config file {}: {e}", path.display()))?;
            merge(&mut table, user);
        }
        let mut on_command_line = Vec::new();
        for item in overrides {
            let (key, value) = parse_override(item)?;
            set_key(&mut table, &key, value)?;
            on_command_line.push(key);
        }
        // The run names a rating or date column when a flag or `--set` gives one of its keys, or a config file gives
        // one a value other than the built-in one (a copy of the built-in file, such as the repository's
        // reviewsift.toml, names nothing).
        let changed = |keys: &[&str]| {
            let (before, after) = (built_in.as_ref(), table.get("input"));
            keys.iter().any(|k| {
                on_command_line.iter().any(|c| c.strip_prefix("input.") == Some(*k))
                    || before.and_then(|t| t.get(k)) != after.and_then(|t| t.get(k))
            })
        };
        let named = crate::ingest::NamedColumns {
            rating: changed(&["rating_column", "rating_min", "rating_max"]),
            date: changed(&["date_column", "date_formats"]),
        };
        let mut config: Config = table.try_into().map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?;
        config.input.named = named;
        config.validate()?;
        config.locate_models();
        Ok(config)
    }

    /// Model, lexicon and taxonomy paths that are relative and not found from the working directory are looked up
    /// next to the executable and up to three folders above it (where `target/release/reviewsift` finds the
    /// repository's `models/`), so that the tool runs from the analyst's own folder. A path found so is written back
    /// absolute, and the manifest records it.
    fn locate_models(&mut self) {
        let Some(exe_dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf)) else {
            return;
        };
        let locate = |p: &mut String| {
            let path = Path::new(p.as_str());
            if path.is_absolute() || path.exists() {
                return;
            }
            if let Some(found) = exe_dir.ancestors().take(4).map(|d| d.join(path)).find(|c| c.exists()) {
                *p = found.to_string_lossy().into_owned();
            }
        };
        locate(&mut self.sentiment.lexicon_dir);
        locate(&mut self.sentiment.supplement);
        locate(&mut self.sentiment.model_dir);
        locate(&mut self.complaints.taxonomy);
        locate(&mut self.complaints.model_dir);
        self.suspicion.deception_models.iter_mut().for_each(locate);
    }

    /// Checks the values the types cannot: ranges, non-empty lists.
    pub fn validate(&self) -> Result<()> {
        self.input.validate()?;
        self.text.validate()?;
        self.sentiment.validate()?;
        self.complaints.validate()?;
        self.crossreview.validate()?;
        self.suspicion.validate()?;
        self.output.validate()?;
        Ok(())
    }

    /// The resolved configuration as JSON, for the run manifest.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("config serialises")
    }
}

/// Splits `section.key=value`; the value is read as TOML, or as a plain string when it is not valid TOML.
fn parse_override(item: &str) -> Result<(String, toml::Value)> {
    let Some((key, raw)) = item.split_once('=') else {
        bail!("--set expects section.key=value, got `{item}`");
    };
    let key = key.trim().to_string();
    let raw = raw.trim();
    let value = format!("v = {raw}")
        .parse::<toml::Table>()
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(raw.to_string()));
    Ok((key, value))
}

fn set_key(table: &mut toml::Table, key: &str, value: toml::Value) -> Result<()> {
    let mut parts: Vec<&str> = key.split('.').collect();
    let last = parts.pop().filter(|k| !k.is_empty());
    let Some(last) = last else { bail!("--set: empty key in `{key}`") };
    let mut node = table;
    for part in parts {
        node = match node.get_mut(part) {
            Some(toml::Value::Table(t)) => t,
            _ => bail!("--set: unknown section `{part}` in `{key}`"),
        };
    }
    if !node.contains_key(last) {
        bail!("--set: unknown key `{key}` (see reviewsift.toml for every key)");
    }
    node.insert(last.to_string(), value);
    Ok(())
}

/// Deep-merges `over` into `base`: tables merge key by key, everything else is replaced.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rating_or_date_column_is_named_by_a_flag_or_a_changed_key_not_by_a_copy_of_the_defaults() {
        use crate::ingest::NamedColumns;
        let named = |file: Option<&Path>, overrides: &[&str]| {
            let overrides: Vec<String> = overrides.iter().map(|s| s.to_string()).collect();
            Config::from_layers(file, &overrides).unwrap().input.named
        };
        assert_eq!(named(None, &[]), NamedColumns { rating: false, date: false });
        // On the command line, even with the built-in name.
        assert_eq!(named(None, &["input.date_column=\"date\""]), NamedColumns { rating: false, date: true });
        assert!(named(None, &["input.date_formats=[\"%d-%m-%y\"]"]).date);
        assert_eq!(named(None, &["input.rating_max=10"]), NamedColumns { rating: true, date: false });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reviewsift.toml");
        std::fs::write(&path, DEFAULT_TOML).unwrap();
        assert_eq!(named(Some(&path), &[]), NamedColumns { rating: false, date: false }, "a copy of the defaults");
        std::fs::write(&path, "[input]\nrating_column = \"stars\"\n").unwrap();
        assert_eq!(named(Some(&path), &[]), NamedColumns { rating: true, date: false });
    }

    #[test]
    fn a_file_saved_in_another_encoding_is_refused_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reviewsift.toml");
        // "é" in Windows-1252 on line 3.
        std::fs::write(&path, b"[input]\nchunk_rows = 100\n# r\xe9seau\n").unwrap();
        let err = Config::from_layers(Some(&path), &[]).err().unwrap().to_string();
        assert!(err.ends_with("reviewsift.toml: line 3 is not UTF-8 text (save the file as UTF-8)"), "{err}");
        std::fs::write(&path, "[input]\nchunk_rows = 100\n# réseau\n").unwrap();
        assert_eq!(Config::from_layers(Some(&path), &[]).unwrap().input.chunk_rows, 100);
    }

    #[test]
    fn built_in_defaults_are_valid() {
        let c = Config::default();
        assert_eq!(c.input.text_column, "text");
        assert_eq!(c.suspicion.threshold, 0.5);
    }

    #[test]
    fn overrides_replace_keys_and_parse_toml_values() {
        let c = Config::from_layers(
            None,
            &["suspicion.threshold=0.7".into(), "input.text_column=body".into(), "input.paths=['a.csv']".into()],
        )
        .unwrap();
        assert_eq!(c.suspicion.threshold, 0.7);
        assert_eq!(c.input.text_column, "body");
        assert_eq!(c.input.paths, vec!["a.csv".to_string()]);
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = Config::from_layers(None, &["input.txt_column=body".into()]).unwrap_err();
        assert!(err.to_string().contains("unknown key `input.txt_column`"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c.toml");
        std::fs::write(&f, "[input]\nbogus = 1\n").unwrap();
        let err = Config::from_layers(Some(&f), &[]).unwrap_err();
        assert!(format!("{err:#}").contains("bogus"), "{err:#}");
    }

    #[test]
    fn invalid_values_are_rejected_before_any_row() {
        let err = Config::from_layers(None, &["suspicion.threshold=1.5".into()]).unwrap_err();
        assert!(err.to_string().contains("threshold"), "{err}");
        let err = Config::from_layers(None, &["input.chunk_rows=0".into()]).unwrap_err();
        assert!(err.to_string().contains("chunk_rows"), "{err}");
        let err =
            Config::from_layers(None, &[r#"input.provider_aliases={"Rogers Wireless" = " "}"#.into()]).unwrap_err();
        assert!(err.to_string().contains("provider_aliases"), "{err}");
        let err = Config::from_layers(None, &[r#"input.encoding="klingon""#.into()]).unwrap_err();
        assert!(err.to_string().contains("not an encoding"), "{err}");
        let err = Config::from_layers(None, &[r#"text.boilerplate=["Read (more"]"#.into()]).unwrap_err();
        assert!(err.to_string().contains("text.boilerplate: `Read (more` is not a regular expression"), "{err}");
    }
}
