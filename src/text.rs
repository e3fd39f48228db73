//! Text preparation, done once per review and shared by every analysis.
//!
//! Scraped text arrives with full-width characters, mathematical look-alike digits, HTML and Markdown debris,
//! zero-width characters and ragged whitespace — often on purpose, to slip contact handles past filters. This stage
//! folds all of that into one clean form (Unicode NFKC, markup stripped, whitespace folded), detects the language
//! (zh, en, fr, else other), splits sentences and tokenises (jieba-rs words for Chinese, word tokens for English and
//! French). Sentences are what the writer typed, not what the page did to it: a line the complaint form wrapped goes
//! on, and line breaks a scraper flattened to a bare "n" are read as breaks (`split_sentences`,
//! `restore_line_breaks`).
//!
//! Evidence must quote the *original* text, so every byte of the clean text remembers the character of the original
//! it came from; [`Doc::span`] turns a match in the clean text back into offsets into the review's own fields.
//! The stage only prepares text: it never decides anything about the review.
//!
//! Not every word of a record is the customer's. An answer the provider appended under a heading is cut off
//! ([`customer_part`]); text a complaint portal or a scraper inserts into every record (the FCC's notice to the
//! carrier, with its URL and e-mail address) is blanked where the analyst's `text.boilerplate` patterns match it,
//! in place, so that offsets into the original stay true. E-mails a complainant pastes into a thread are blanked the
//! same way for the suspicion stage alone ([`quoted_correspondence`]): a provider's "contact me at 888-…" is not the
//! complainant advertising, while sentiment and categories read the quoted complaint with the rest.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use anyhow::{Context, Result};
use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::review::{Lang, Span};

/// The jieba dictionary, built once per process: about 70 ms, half of a run's start-up.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The headings under which review sites append the provider's answer to a review ("宾馆反馈2008年3月27日：感谢您入住…
/// 给您带来不便", in 415 of ChnSentiCorp's 7 766 hotel reviews; "Developer Response" in app stores).
const RESPONSE_HEADINGS: &[&str] = &[
    "宾馆反馈",
    "酒店反馈",
    "酒店回复",
    "商家回复",
    "掌柜回复",
    "卖家回复",
    "店家回复",
    "response from the owner",
    "owner's response",
    "developer response",
    "réponse du propriétaire",
    "réponse de l'établissement",
];

static RESPONSES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(RESPONSE_HEADINGS).expect("fixed phrases")
});

/// What the customer wrote: the text before an appended answer's heading. The answer is the provider speaking — its
/// apologies and thanks would count in the review's sentiment, its "给您带来不便" make the review look like a reply —
/// so every analysis reads the customer's part (the outputs keep the whole text). A heading is one when it starts a
/// line or a colon follows it within a few characters ("宾馆反馈 2008年3月27日 ：", "Developer Response:"), so that a
/// customer's "the developer response was useless" stays the customer's. A text that opens with a heading is all
/// answer and is kept whole.
pub fn customer_part(text: &str) -> &str {
    let heading = |m: &aho_corasick::Match| {
        let line_start = text[..m.start()].trim_end_matches([' ', '\t']).ends_with('\n');
        let colon = text[m.end()..].chars().take(HEADING_TO_COLON).any(|c| c == ':' || c == '：');
        line_start || colon
    };
    match RESPONSES.find_iter(text).find(heading) {
        Some(m) if !text[..m.start()].trim().is_empty() => &text[..m.start()],
        _ => text,
    }
}

/// How far after an answer's heading its colon may come: past a date, "宾馆反馈 2008年12月31日 ：".
const HEADING_TO_COLON: usize = 20;

/// The text stage's settings: `[text]` in reviewsift.toml, where each key is documented.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextConfig {
    pub boilerplate: Vec<String>,
}

impl TextConfig {
    pub fn validate(&self) -> Result<()> {
        boilerplate(&self.boilerplate).map(|_| ())
    }
}

/// The `text.boilerplate` patterns as one regular expression (none when the list is empty).
fn boilerplate(patterns: &[String]) -> Result<Option<regex::Regex>> {
    for p in patterns {
        regex::Regex::new(p).with_context(|| format!("text.boilerplate: `{p}` is not a regular expression"))?;
    }
    if patterns.is_empty() {
        return Ok(None);
    }
    let joined = patterns.iter().map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|");
    Ok(Some(regex::Regex::new(&joined).context("text.boilerplate")?))
}

/// The text stage's runtime. Creating it starts building the jieba dictionary on a thread of its own, so that the
/// build overlaps the loading of the models and the cross-review pass; the first Chinese review waits for it only
/// if it is not done yet.
pub struct Text {
    boilerplate: Option<regex::Regex>,
}

/// A token: a byte range of [`Doc::folded`] and the sentence it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub sentence: u32,
}

/// One review's prepared text.
pub struct Doc {
    /// NFKC, markup stripped, zero-width characters removed, whitespace folded (a run containing a line break becomes
    /// one `\n`, any other run one space), case kept.
    pub clean: String,
    /// `clean` lower-cased character by character wherever that keeps the UTF-8 length, so that byte offsets into
    /// `folded` are byte offsets into `clean`. Matchers read this.
    pub folded: String,
    pub lang: Lang,
    pub tokens: Vec<Token>,
    /// Byte ranges of `folded`, split at sentence punctuation and at line breaks that do not wrap a sentence.
    pub sentences: Vec<Range<usize>>,
    /// For each byte of `clean`, the character offset in the original text it came from.
    origin: Vec<u32>,
    original: Vec<char>,
    title_prefix: usize,
}

impl Doc {
    /// The folded text of a token.
    pub fn word(&self, t: &Token) -> &str {
        &self.folded[t.start as usize..t.end as usize]
    }

    /// The clean (case-kept) text of a token.
    pub fn surface(&self, t: &Token) -> &str {
        &self.clean[t.start as usize..t.end as usize]
    }

    /// Evidence for the byte range `[start, end)` of `folded`, as offsets into the review's original fields; white
    /// space at its ends (the line break that ends a sentence) is left out.
    pub fn span(&self, start: usize, end: usize) -> Span {
        // Byte by byte: callers may pass the first byte of a wider character as a one-byte range ("。" at i..i + 1).
        let bytes = self.folded.as_bytes();
        let (mut start, mut end) = (start, end.min(bytes.len()));
        while start < end && bytes[start].is_ascii_whitespace() {
            start += 1;
        }
        while end > start && bytes[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        if self.origin.is_empty() || start >= end {
            return Span::locate(&self.original, self.title_prefix, 0, 0);
        }
        let first = self.origin[start.min(self.origin.len() - 1)] as usize;
        let last = self.origin[(end - 1).min(self.origin.len() - 1)] as usize;
        Span::locate(&self.original, self.title_prefix, first, last + 1)
    }

    /// Index of the sentence that contains byte `pos` of `folded`.
    pub fn sentence_of(&self, pos: usize) -> usize {
        self.sentences.partition_point(|s| s.end <= pos).min(self.sentences.len().saturating_sub(1))
    }
}

impl Default for Text {
    fn default() -> Self {
        Self::new()
    }
}

impl Text {
    /// The stage without boilerplate patterns.
    pub fn new() -> Text {
        std::thread::spawn(|| LazyLock::force(&JIEBA));
        Text { boilerplate: None }
    }

    pub fn load(config: &TextConfig) -> Result<Text> {
        let mut text = Text::new();
        text.boilerplate = boilerplate(&config.boilerplate)?;
        Ok(text)
    }

    /// Prepares `original` (a review's [`crate::review::Review::analysed_text`]); `title_prefix` is the number of
    /// characters of it that belong to the title.
    pub fn prepare(&self, original: &str, title_prefix: usize) -> Doc {
        let customer = customer_part(original);
        self.prepare_blanked(customer, self.boilerplate_in(customer).map(|m| m.range()).collect(), title_prefix)
    }

    /// `original` prepared as [`Text::prepare`] does, and, when it quotes e-mails ([`quoted_correspondence`]), prepared
    /// again with them blanked too; the customer's part and the boilerplate are found once for both. Suspicion reads
    /// the second: a provider's "please feel free to contact me at 888-…", pasted into a customer's complaint, is not
    /// the customer advertising.
    pub fn prepare_with_unquoted(&self, original: &str, title_prefix: usize) -> (Doc, Option<Doc>) {
        let customer = customer_part(original);
        let boilerplate: Vec<Range<usize>> = self.boilerplate_in(customer).map(|m| m.range()).collect();
        let quoted = quoted_correspondence(customer);
        let unquoted = (!quoted.is_empty()).then(|| {
            let mut blanked = boilerplate.clone();
            blanked.extend(quoted);
            blanked.sort_by_key(|r| r.start);
            self.prepare_blanked(customer, blanked, title_prefix)
        });
        (self.prepare_blanked(customer, boilerplate, title_prefix), unquoted)
    }

    /// Prepares `customer` with the byte ranges `blanked` (sorted by start) turned into spaces.
    fn prepare_blanked(&self, customer: &str, blanked: Vec<Range<usize>>, title_prefix: usize) -> Doc {
        let original: Vec<char> = customer.chars().collect();
        let (clean, origin) = normalise(&restore_line_breaks(blank(customer, &original, &blanked)));
        let folded = fold_case(&clean);
        let lang = detect_language(&clean, &folded);
        // The title's line break: the first one that stands for a character of the text after the title.
        let title_break = (title_prefix > 0)
            .then(|| clean.char_indices().find(|&(i, c)| c == '\n' && origin[i] as usize + 1 >= title_prefix))
            .flatten()
            .map(|(i, _)| i);
        let sentences = split_sentences(&clean, title_break);
        let has_han = folded.chars().any(is_han);
        let mut tokens = if has_han { self.jieba_tokens(&folded) } else { latin_tokens(&folded, lang) };
        let mut s = 0;
        for t in &mut tokens {
            while s + 1 < sentences.len() && sentences[s].end <= t.start as usize {
                s += 1;
            }
            t.sentence = s as u32;
        }
        Doc { clean, folded, lang, tokens, sentences, origin, original, title_prefix }
    }

    /// What of `original` the analyses do not read, for `explain`: the characters of an answer appended under a
    /// heading ([`customer_part`]), and each passage the boilerplate patterns blank.
    pub fn left_out<'a>(&'a self, original: &'a str) -> (usize, Vec<&'a str>) {
        let customer = customer_part(original);
        let appended = original[customer.len()..].chars().count();
        (appended, self.boilerplate_in(customer).map(|m| m.as_str()).collect())
    }

    /// `text` with each passage the boilerplate patterns match replaced by one space, for the near-duplicate
    /// signatures (`crossreview`): texts that share a portal's template and nothing else are not alike.
    pub fn without_boilerplate<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match &self.boilerplate {
            Some(re) => re.replace_all(text, |c: &regex::Captures| if c[0].is_empty() { "" } else { " " }),
            None => Cow::Borrowed(text),
        }
    }

    /// The passages of `text` the boilerplate patterns match.
    fn boilerplate_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = regex::Match<'a>> + 'a {
        self.boilerplate.iter().flat_map(move |re| re.find_iter(text)).filter(|m| !m.is_empty())
    }

    fn jieba_tokens(&self, folded: &str) -> Vec<Token> {
        JIEBA
            .cut(folded, true)
            .into_iter()
            .filter(|w| w.word.chars().any(char::is_alphanumeric))
            .map(|w| Token { start: w.byte_start as u32, end: w.byte_end as u32, sentence: 0 })
            .collect()
    }
}

/// Line breaks that lost their backslash on the way from the scraper: the Free tweets' "perdu mes
/// identifiants.nquelle est la procédure ?nmerci", "bonjour,nnje vous écris", "… mini4k !n" (a fifth of them). An
/// `n`, or two, straight after sentence punctuation is such a break where the word after it is a common one (the
/// language vote's lists) and the word with it is not ("bonjour,nje"; "bill,now", "done.never", "fermoir,ni" stay),
/// or where a space or the end of the text follows it; a text holding one has lost all its breaks so, and there every
/// `n` after punctuation that does not begin a common word is one too (".nquelle"). Read as line breaks in place, one
/// character for one, so that evidence offsets stay true; left as they were, they glue the break onto the next word
/// ("nimpossible" is no complaint marker) and join the sentences they separated.
fn restore_line_breaks(chars: Cow<'_, [char]>) -> Cow<'_, [char]> {
    let after_punctuation = |i: usize| i > 0 && matches!(chars[i - 1], '.' | '!' | '?' | '…' | ',' | ';' | ':' | ')');
    let common = |w: &str| vote_words().contains_key(w) || GLUED_N_WORDS.contains(&w);
    // (the `n`s read as a break, whether the text's words alone say so)
    let mut breaks: Vec<(Range<usize>, bool)> = Vec::new();
    for i in (0..chars.len()).filter(|&i| chars[i] == 'n' && after_punctuation(i)) {
        let end = (i..chars.len()).find(|&j| !(chars[j].is_alphabetic() || chars[j] == '\'')).unwrap_or(chars.len());
        if end == i + 1 {
            if chars.get(end).is_none_or(|c| c.is_whitespace()) {
                breaks.push((i..i + 1, true));
            }
            continue;
        }
        let word = |from: usize| chars[from..end].iter().flat_map(|c| c.to_lowercase()).collect::<String>();
        let whole = word(i);
        if common(&whole) || (chars[i - 1] == '.' && whole == "net") {
            continue;
        }
        let double = chars[i + 1] == 'n' && end > i + 2;
        if common(&word(i + 1)) {
            breaks.push((i..i + 1, true));
        } else {
            let n = if double { 2 } else { 1 };
            breaks.push((i..i + n, double && common(&word(i + 2))));
        }
    }
    if !breaks.iter().any(|(_, sure)| *sure) {
        return chars;
    }
    let mut restored = chars.into_owned();
    for (r, _) in breaks {
        restored[r].fill('\n');
    }
    Cow::Owned(restored)
}

/// Words that begin with an `n` whose rest is a common word too ("ni" and "i", "non" and "on", "none" and "one"), and
/// that the language vote's lists do not hold: the line-break repair leaves them be.
const GLUED_N_WORDS: &[&str] = &["ni", "non", "none", "nor", "nan"];

/// `chars` (the characters of `text`) with the byte ranges `ranges` of `text` (sorted by start, possibly overlapping)
/// turned into spaces (line breaks kept, so that sentences still end there): the same length, so offsets stay true.
fn blank<'a>(text: &str, chars: &'a [char], ranges: &[Range<usize>]) -> Cow<'a, [char]> {
    if ranges.is_empty() {
        return Cow::Borrowed(chars);
    }
    let mut blanked = chars.to_vec();
    let (mut byte, mut index) = (0, 0);
    for r in ranges {
        let start = r.start.max(byte);
        if start >= r.end {
            continue;
        }
        index += text[byte..start].chars().count();
        let len = text[start..r.end].chars().count();
        for c in &mut blanked[index..index + len] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        (byte, index) = (r.end, index + len);
    }
    Cow::Owned(blanked)
}

/// Where a review starts quoting someone else's e-mail: a header ("From: … / Sent: …", "De : … / Objet : …", "发件人：…
/// / 主题：…", the second line within four of the first), an "----- Original Message -----" line, or an "On … wrote:"
/// / "Le … a écrit :" line; each may sit behind the `>` marks of an earlier reply's quoting.
static QUOTE_HEADER: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?mi)^[ \t>]*(?:-{2,}[ \t]*(?:original message|forwarded message|message d'origine|message transféré)[ \t]*-{2,}|(?:from|de|发件人)[ \t]*[:：][^\n]*\n(?:[^\n]*\n){0,3}?[ \t>]*(?:sent|date|to|subject|envoyé|objet|à|发送时间|主题|收件人)[ \t]*[:：]|on [^\n]{5,160} wrote:|le [^\n]{5,160} a écrit ?:)",
    )
    .expect("fixed pattern")
});

/// A line of five or more `-`, `=` or `_`, spaced or not: where a complaint portal's thread goes on after a quote.
static SEPARATOR_LINE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(?m)^[ \t]*(?:[-=_][ \t]*){5,}$").expect("fixed pattern"));

/// How much of their own (non-blank characters outside the quotes) a text's author must write for the quotes to be
/// set apart: a text that is nothing but a "forwarded e-mail" is its poster's words.
const OWN_WORDS: usize = 20;

/// Byte ranges of `text` that quote someone else's correspondence, each from a quote's header ([`QUOTE_HEADER`]) to
/// the next separator line or the end of the text, in order and apart. Complainants paste the provider's e-mails into
/// their complaints (the FCC's Comcast threads: "Please feel free to contact me directly at 888-966-7794", an
/// executive's signature with its office number). Empty unless the author wrote at least [`OWN_WORDS`] non-blank
/// characters outside them. Lines opening with `>` are not taken for quotes: an advert's ">>> 加微信 …" arrows would
/// hide it from suspicion, and a reply quoted that way comes under an "On … wrote:" line, which is a header.
pub fn quoted_correspondence(text: &str) -> Vec<Range<usize>> {
    let mut quoted: Vec<Range<usize>> = Vec::new();
    let mut from = 0;
    while let Some(header) = QUOTE_HEADER.find_at(text, from) {
        let end = SEPARATOR_LINE.find_at(text, header.end()).map_or(text.len(), |m| m.start());
        quoted.push(header.start()..end);
        from = end.max(header.end());
    }
    let written = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let own = written(text) - quoted.iter().map(|q| written(&text[q.clone()])).sum::<usize>();
    if own < OWN_WORDS {
        quoted.clear();
    }
    quoted
}

/// Word tokens for alphabetic scripts: runs of letters and digits; an apostrophe inside an English word stays in it
/// (`don't`, so negations match the lexicon), in French it separates the elided article (`l'appli` → `l`, `appli`).
fn latin_tokens(folded: &str, lang: Lang) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = folded.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe =
            c == '\'' && lang != Lang::Fr && start.is_some() && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        if c.is_alphanumeric() || inner_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            tokens.push(Token { start: s as u32, end: i as u32, sentence: 0 });
        }
    }
    if let Some(s) = start {
        tokens.push(Token { start: s as u32, end: folded.len() as u32, sentence: 0 });
    }
    tokens
}

/// A letter or digit of an alphabetic script: what whole-word matching of cue phrases respects (Han characters
/// have no word boundaries).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn is_kana_or_hangul(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xAC00..=0xD7AF | 0x1100..=0x11FF)
}

/// zh when Han characters carry the text (a Han character counts for about three Latin letters: "Rogers的APP太烂了" is
/// Chinese). For alphabetic text, short reviews ("It's great.", "Très bien") are decided by a vote of English and
/// French function and review words, where whatlang's trigrams are unreliable; longer ones by the share of those
/// words when it is plain, otherwise by whatlang, with a confident vote for another language making it `other`
/// unless English or French words still abound.
pub fn detect_language(clean: &str, folded: &str) -> Lang {
    let (mut han, mut cjk_other, mut latin) = (0usize, 0usize, 0usize);
    for c in clean.chars() {
        if is_han(c) {
            han += 1;
        } else if is_kana_or_hangul(c) {
            cjk_other += 1;
        } else if c.is_alphabetic() && (c as u32) < 0x250 {
            latin += 1;
        }
    }
    if cjk_other > 0 && cjk_other * 4 >= han {
        return Lang::Other;
    }
    if han > 0 && han * 3 >= latin {
        return Lang::Zh;
    }
    if latin == 0 {
        return Lang::Other;
    }
    let (mut words, mut en, mut fr, mut french) = (0usize, 0usize, 0usize, 0usize);
    let vocabulary = vote_words();
    for w in folded.split(|c: char| !c.is_alphabetic() && c != '\'').filter(|w| !w.is_empty()) {
        let kind = vocabulary.get(w).copied().unwrap_or(0);
        words += 1;
        en += (kind & EN != 0) as usize;
        french += (kind & FR_ONLY != 0) as usize;
        fr += (kind & FR != 0 || w.contains(['é', 'è', 'ê', 'à', 'ç', 'ù', 'û', 'ô', 'î', 'œ'])) as usize;
    }
    let vote = || if fr > en { Lang::Fr } else { Lang::En };
    if words <= 20 && en != fr && (en + fr) * 4 >= words {
        return vote();
    }
    // Long English text: a quarter of its words are the commonest English ones, far more than French (or Spanish,
    // German...) text ever has. whatlang was the costliest call of the analysis pass (a profile of bench runs).
    if en * 4 >= words && fr * 3 < en {
        return Lang::En;
    }
    // The same for French, counting only words that Spanish, Italian and Portuguese do not share with it: a sixth of
    // them, or a tenth when a third of all words are French ones (most French reviews that reached whatlang did).
    if (french * 6 >= words || (french * 10 >= words && fr * 3 >= words)) && en * 3 < fr {
        return Lang::Fr;
    }
    // whatlang's trigram vote settles within a few hundred characters; longer texts only cost more.
    let mut prefix = clean.len().min(WHATLANG_PREFIX_BYTES);
    while !clean.is_char_boundary(prefix) {
        prefix -= 1;
    }
    // On a few words whatlang's trigrams guess ("excellent" and "Network issues" came out French): below
    // SHORT_WORDS words only a reliable answer counts, and otherwise the vote decides (English on a tie).
    let short = words < SHORT_WORDS;
    match whatlang::detect(&clean[..prefix]).map(|i| (i.lang(), i.is_reliable())) {
        Some((whatlang::Lang::Eng, reliable)) if reliable || !short => Lang::En,
        Some((whatlang::Lang::Fra, reliable)) if reliable || !short => Lang::Fr,
        Some((_, true)) if (en + fr) * 5 < words => Lang::Other,
        _ => vote(),
    }
}

const WHATLANG_PREFIX_BYTES: usize = 320;
/// Texts of fewer words are too short for whatlang's unreliable answers.
const SHORT_WORDS: usize = 6;

/// Which vote lists a word is on (bits [`EN`], [`FR`], [`FR_ONLY`]): one lookup per word instead of three list scans
/// (the language vote runs over every word of every alphabetic review).
fn vote_words() -> &'static HashMap<&'static str, u8> {
    static WORDS: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut m = HashMap::new();
        for (list, bit) in [(EN_WORDS, EN), (FR_WORDS, FR), (FR_ONLY_WORDS, FR_ONLY)] {
            for w in list {
                *m.entry(*w).or_insert(0) |= bit;
            }
        }
        m
    })
}
const EN: u8 = 1;
const FR: u8 = 2;
const FR_ONLY: u8 = 4;

/// Frequent English words of reviews (function words and the commonest verdicts).
/// The list ends with words of short reviews and replies ("Keeps crashing", "Cannot connect way too often", "Fast
/// transaction"): none of them a French word, and a review of two or three of them has no function word to vote with.
// Packed by hand: rustfmt puts one word per line once a word is over ten characters.
#[rustfmt::skip]
const EN_WORDS: &[&str] = &[
    "the", "a", "an", "is", "it", "it's", "its", "to", "and", "my", "i", "i'm", "you", "for", "of", "this", "that",
    "with", "not", "on", "in", "don't", "doesn't", "can't", "won't", "was", "are", "be", "have", "has", "but", "so",
    "me", "they", "their", "very", "just", "no", "great", "good", "awesome", "love", "app", "bad", "terrible", "works",
    "work", "easy", "best", "nice", "useless", "crash", "crashes", "update", "please", "what", "why", "when", "can",
    "will", "would", "all", "get", "use", "we", "our", "your", "he", "she", "his", "her", "them", "there", "then",
    "than", "from", "at", "by", "or", "if", "been", "had", "were", "did", "does", "could", "should", "about", "out",
    "up", "only", "even", "after", "before", "again", "never", "always", "because", "which", "who", "how", "more",
    "some", "any", "i've", "they're", "didn't", "isn't", "am", "do", "dont", "doesnt", "cant", "wont", "didnt", "isnt",
    "im", "ive", "it'll", "that's", "what's", "there's", "you're", "let", "too", "also", "much", "many", "well",
    "really", "still", "every", "into", "over", "off", "down", "here", "now", "ever", "these", "those", "other",
    "nothing", "something", "everything", "one", "new", "like", "liked", "want", "need", "make", "makes", "made",
    "give", "gives", "keep", "keeps", "go", "going", "got", "try", "tried", "thing", "things", "way", "time", "times",
    "day", "days", "customer", "phone", "account", "bill", "bills", "pay", "paying", "payment", "money", "help",
    "helpful", "thanks", "thank", "pls", "plz", "fix", "fixed", "issue", "issues", "error", "open", "opening", "login",
    "slow", "fast", "quick", "quickly", "faster", "easier", "useful", "reliable", "cool", "amazing", "fantastic",
    "fabulous", "wonderful", "perfect", "worst", "poor", "sucks", "awful", "garbage", "hate", "happy", "glad",
    "satisfied", "friendly", "user", "experience", "working", "worked", "apps", "updates", "updated", "crashing",
    "stopped", "cannot", "unable", "network", "signal", "data", "connection", "convenient", "handy", "better", "loving",
    "recommend", "highly", "most", "lot", "alot", "yes", "okay", "ur", "gud",
];

/// Frequent French words of reviews.
/// Then words of short reviews and tweets ("pareil chez moi", "Nickel", "Rapide et pratique"), none an English word;
/// last, function words of both languages, on both lists so that they vote for neither ("on paye pourquoi" is French).
// Packed by hand: rustfmt puts one word per line once a word is over ten characters.
#[rustfmt::skip]
const FR_WORDS: &[&str] = &[
    "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "je", "j'ai", "pas", "ne", "pour", "en", "c'est",
    "vous", "il", "que", "qui", "sur", "avec", "mais", "mon", "ma", "mes", "au", "aux", "ce", "cette", "bien", "bon",
    "bonne", "nul", "nulle", "rien", "plus", "tout", "tres", "appli", "merci", "depuis", "toujours", "oui", "pareil",
    "aussi", "ici", "idem", "moi", "toi", "chez", "svp", "stp", "allo", "quoi", "quand", "pourquoi", "comment", "peut",
    "peux", "faut", "fait", "faire", "suis", "avez", "avoir", "marche", "fonctionne", "jamais", "trop", "encore",
    "aucun", "aucune", "facile", "rapide", "pratique", "parfait", "parfaite", "nickel", "lent", "lente", "inutile",
    "utile", "bonjour", "salut", "dans", "sans", "donc", "alors", "comme", "car", "vraiment", "beaucoup", "peu",
    "personne", "ligne", "connexion", "forfait", "abonnement", "facture", "produit", "livraison", "prix", "conforme",
    "dommage", "nous", "votre", "vos", "notre", "leur", "elle", "ils", "elles", "ca", "sa", "ses", "lui", "tous",
    "toute", "toutes", "deux", "avant", "hier", "mieux", "pire", "n'est", "n'ai", "d'un", "d'une", "qu'il", "j'aime",
    "j'adore", "meilleur", "meilleure", "meilleurs", "ces", "cet", "cela", "assez", "petit", "beau", "belle", "joli",
    "jolie", "juste", "commande", "achat", "colis", "taille", "manque", "semble", "voici", "bof", "franchement",
    "malheureusement", "heureusement", "magnifique", "mauvais", "mauvaise", "a", "on", "me",
];

/// French function words that Spanish, Italian and Portuguese do not use (so a share of them is French).
const FR_ONLY_WORDS: &[&str] = &[
    "je", "j'ai", "est", "et", "les", "des", "pas", "une", "c'est", "vous", "avec", "mais", "très", "pour", "cette",
    "aux", "du", "au", "sont", "nous", "mon", "ça", "leur",
];

/// Folds a phrase exactly as review text is folded (NFKC, markup, whitespace, case), so cue lists written by people
/// match [`Doc::folded`].
pub fn fold(phrase: &str) -> String {
    let chars: Vec<char> = phrase.chars().collect();
    fold_case(&normalise(&chars).0)
}

/// Lower-cases character by character, keeping a character whose lower case has another UTF-8 length.
fn fold_case(clean: &str) -> String {
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        // Fast paths, same result: ASCII, and the CJK block (punctuation, kana, ideographs), which has no case.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if ('\u{3000}'..='\u{9FFF}').contains(&c) {
            out.push(c);
            continue;
        }
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// Characters that render as nothing and exist in reviews mainly to break up handles and numbers.
fn is_invisible(c: char) -> bool {
    // Soft hyphen, joiners, direction marks, variation selectors and the keycap mark (1️⃣ is "1" + U+FE0F + U+20E3).
    matches!(c as u32, 0x00AD | 0x034F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0x20E3 | 0xFEFF)
        || (c.is_control() && c != '\n' && c != '\t' && c != '\r')
}

struct Cleaner {
    out: String,
    origin: Vec<u32>,
    pending_space: bool,
    pending_break: bool,
}

impl Cleaner {
    fn push(&mut self, c: char, at: usize) {
        if is_invisible(c) {
            return;
        }
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                self.pending_break = true;
            } else {
                self.pending_space = true;
            }
            return;
        }
        if !self.out.is_empty() && (self.pending_break || self.pending_space) {
            let sep = if self.pending_break { '\n' } else { ' ' };
            self.out.push(sep);
            self.origin.push(at as u32);
        }
        self.pending_space = false;
        self.pending_break = false;
        // Typographic apostrophes (phone keyboards write "can’t", "d’internet") become the ASCII one that cue lists,
        // lexicons and function-word lists are written with.
        let c = if matches!(c, '\u{2019}' | '\u{2018}' | '\u{02BC}') { '\'' } else { c };
        self.out.push(c);
        self.origin.extend(std::iter::repeat_n(at as u32, c.len_utf8()));
    }

    fn gap(&mut self, line_break: bool) {
        if line_break {
            self.pending_break = true;
        } else {
            self.pending_space = true;
        }
    }
}

/// NFKC per character cluster (a base and its combining marks), HTML tags and entities, Markdown emphasis and
/// heading marks removed, whitespace folded. Returns the clean text and, per byte, the original character offset.
fn normalise(chars: &[char]) -> (String, Vec<u32>) {
    let mut c = Cleaner {
        out: String::with_capacity(chars.len() + 8),
        origin: Vec::with_capacity(chars.len() + 8),
        pending_space: false,
        pending_break: false,
    };
    let mut i = 0;
    let mut line_start = true;
    while i < chars.len() {
        let ch = chars[i];
        if ch == '<' {
            if let Some((end, href, block)) = html_tag(chars, i) {
                c.gap(block);
                if let Some(r) = href {
                    for j in r {
                        c.push(chars[j], j);
                    }
                    c.gap(false);
                }
                i = end;
                continue;
            }
        }
        if ch == '&' {
            if let Some((decoded, end)) = html_entity(chars, i) {
                c.push(decoded, i);
                i = end;
                line_start = false;
                continue;
            }
        }
        if ch == '*' && chars.get(i + 1) == Some(&'*') || ch == '`' || (ch == '#' && line_start) {
            while i < chars.len() && chars[i] == ch {
                i += 1;
            }
            continue;
        }
        let mut end = i + 1;
        // Combining marks start at U+0300: the table lookup only for characters that could be one.
        while end < chars.len() && chars[end] >= '\u{300}' && is_combining_mark(chars[end]) {
            end += 1;
        }
        if end == i + 1 && (ch.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&ch)) {
            // NFKC leaves a lone ASCII character or CJK unified ideograph as it is: skip the normaliser (most of
            // the text; this loop was a tenth of the analysis time).
            c.push(ch, i);
        } else {
            for n in chars[i..end].iter().copied().nfkc() {
                c.push(n, i);
            }
        }
        line_start = ch == '\n' || (line_start && ch.is_whitespace());
        i = end;
    }
    (c.out, c.origin)
}

/// Recognises an HTML tag starting at `i`: returns where it ends, the character range of an `href` value to keep
/// (links are evidence), and whether the tag breaks a line.
fn html_tag(chars: &[char], i: usize) -> Option<(usize, Option<Range<usize>>, bool)> {
    let next = *chars.get(i + 1)?;
    if !(next.is_ascii_alphabetic() || next == '/' || next == '!') {
        return None;
    }
    let close = chars[i..chars.len().min(i + 1000)].iter().position(|&c| c == '>')? + i;
    let inner: String = chars[i + 1..close].iter().collect();
    let lower = inner.to_ascii_lowercase();
    let name: String = lower.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let block = matches!(name.as_str(), "br" | "p" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "ul" | "ol");
    let href = lower.find("href=").map(|p| {
        let start = i + 1 + p + 5;
        let quoted = matches!(chars.get(start), Some('"') | Some('\''));
        let s = if quoted { start + 1 } else { start };
        let e = (s..close).find(|&j| chars[j] == '"' || chars[j] == '\'' || chars[j].is_whitespace()).unwrap_or(close);
        s..e
    });
    Some((close + 1, href, block))
}

fn html_entity(chars: &[char], i: usize) -> Option<(char, usize)> {
    let semi = chars[i..chars.len().min(i + 12)].iter().position(|&c| c == ';')? + i;
    let name: String = chars[i + 1..semi].iter().collect();
    let c = match name.as_str() {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        n if n.starts_with("#x") || n.starts_with("#X") => char::from_u32(u32::from_str_radix(&n[2..], 16).ok()?)?,
        n if n.starts_with('#') => char::from_u32(n[1..].parse().ok()?)?,
        _ => return None,
    };
    Some((c, semi + 1))
}

/// Shortest line, in characters, whose line break may wrap a sentence rather than end it (see [`split_sentences`]).
const WRAPPED_LINE: usize = 60;

/// Sentence byte ranges of `clean` (and of `folded`, byte for byte): split after . ! ? … (followed by a space or the
/// end), after 。！？；; and at line breaks — but for a break that wraps a sentence: one after a comma (a letter's
/// "Hello,\n I am writing …", the Free tweets' "bonjour,\nje …"), or after a line of at least [`WRAPPED_LINE`]
/// characters ending in a letter or a digit, before a lower-case letter. The FCC's complaint form wrapped what
/// consumers typed at about a hundred characters ("Consumer states that he is having issues\n with his internet
/// because the speed it gets slow"), a fifth of its texts; split there, a sentence loses its subject or its
/// complaint, and a narrative its count of sentences. A line break used as a full stop comes after a short line (a
/// title) or before a capital ("… needed to be replaced\nI am waiting …") and still ends one; so does the break after
/// a review's title, at byte `title_break`. A break right after a full stop makes no sentence of its own.
fn split_sentences(clean: &str, title_break: Option<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut line = 0;
    let mut previous = '\n';
    let bytes = clean.as_bytes();
    for (i, c) in clean.char_indices() {
        let end = i + c.len_utf8();
        let split = match c {
            '\n' => {
                let wraps = title_break != Some(i)
                    && (previous == ','
                        || line >= WRAPPED_LINE
                            && previous.is_alphanumeric()
                            && clean[end..].chars().next().is_some_and(char::is_lowercase));
                line = 0;
                !wraps
            }
            '。' | '！' | '？' | '；' | ';' | '…' => true,
            '.' | '!' | '?' => end >= bytes.len() || bytes[end] == b' ' || bytes[end] == b'\n',
            _ => false,
        };
        if c != '\n' {
            line += 1;
        }
        previous = c;
        if split {
            // A line break after a full stop ends no sentence of its own.
            if clean[start..end].chars().any(|c| !c.is_whitespace()) {
                out.push(start..end);
            }
            start = end;
        }
    }
    if start < clean.len() || out.is_empty() {
        out.push(start..clean.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(s: &str) -> Doc {
        Text::new().prepare(s, 0)
    }

    #[test]
    fn quoted_e_mails_are_found_up_to_the_threads_next_separator_and_a_text_all_quote_is_its_posters() {
        let text = "My bill went from $120 to $180 without notice.\n--------\nFrom: \"Comcast Executive Relations\" \
            <exec@cable.comcast.com>\nTo: me\nSent: Wednesday, April 29, 2015 4:08 PM\nSubject: your bill\nPlease \
            feel free to contact me directly at 888-966-7794.\n - - - - - - - - - -\nFollow-up message by Consumer: \
            they never called.\n>>> Call us at 1-800-555-0101\nStill waiting.";
        let quoted: Vec<&str> = quoted_correspondence(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(quoted.len(), 1, "{quoted:?}");
        assert!(quoted[0].starts_with("From: ") && quoted[0].ends_with("888-966-7794.\n"), "{quoted:?}");
        let nested =
            "My modem has been broken for six weeks now.\n > On Jun 22, Lorraine wrote:\n >> Please, contact me.";
        let quoted: Vec<&str> = quoted_correspondence(nested).into_iter().map(|r| &nested[r]).collect();
        assert_eq!(quoted, [" > On Jun 22, Lorraine wrote:\n >> Please, contact me."], "a header behind > marks");
        for (text, why) in [
            ("Le 3 mai 2015, Free a écrit :\nVotre forfait est prêt.", "French reply line, nothing of the poster's"),
            ("From: a@b.c\nSubject: promo\nBest SIM ever, add me on Telegram @cansim", "all quote"),
            ("I moved from: Lyon to Paris and the network is great", "one line is not a header"),
        ] {
            assert!(quoted_correspondence(text).is_empty(), "{why}: {text}");
        }
        let prepared = Text::new().prepare_with_unquoted(text, 0).1.unwrap();
        assert!(!prepared.folded.contains("888") && prepared.folded.contains("they never called"));
        assert!(prepared.folded.contains(">>> call us at 1-800-555-0101"), "an arrow line is the poster's own");
        // Blanked in place: evidence found in what is left still quotes the original at its offsets.
        let at = prepared.folded.find("still waiting").unwrap();
        let span = prepared.span(at, at + "still waiting".len());
        assert_eq!((span.quote.as_str(), span.start as usize), ("Still waiting", text.chars().count() - 14));
        assert!(Text::new().prepare_with_unquoted("No quotes here at all, just a review.", 0).1.is_none());
    }

    #[test]
    fn an_answer_appended_under_its_heading_is_not_the_customers_text() {
        let review = "房间太旧，晚上吵死了！宾馆反馈2008年3月27日：感谢您入住，给您带来不便我们深表歉意！";
        assert_eq!(customer_part(review), "房间太旧，晚上吵死了！");
        assert_eq!(prep(review).original.iter().collect::<String>(), "房间太旧，晚上吵死了！");
        assert_eq!(customer_part("Crashes on login. DEVELOPER RESPONSE: sorry, fixed in 2.1"), "Crashes on login. ");
        // A text that opens with the heading is all answer; a text without one is all the customer's.
        assert_eq!(customer_part("宾馆反馈：感谢您的入住"), "宾馆反馈：感谢您的入住");
        assert_eq!(customer_part("  Response from the owner: thanks"), "  Response from the owner: thanks");
        assert_eq!(customer_part("No answer here."), "No answer here.");
        // Not a heading: neither at a line's start nor followed by a colon.
        let story = "Crashes on login. I wrote twice and the developer response was useless, still broken.";
        assert_eq!(customer_part(story), story);
        assert_eq!(customer_part("Crashes on login.\n Developer response\nThanks, fixed."), "Crashes on login.\n ");
    }

    #[test]
    fn nfkc_folds_full_width_and_math_digits() {
        let d = prep("ＴＧ：１８𝟙𝟴 ①②");
        assert_eq!(d.clean, "TG:1818 12");
        assert_eq!(d.folded, "tg:1818 12");
    }

    #[test]
    fn typographic_apostrophes_become_ascii_and_spans_still_quote_the_original() {
        let d = prep("plus d’internet, can’t log in");
        assert_eq!(d.folded, "plus d'internet, can't log in");
        let at = d.folded.find("can't").unwrap();
        assert_eq!(d.span(at, at + 5).quote, "can’t");
    }

    #[test]
    fn markup_is_stripped_but_links_are_kept() {
        let d = prep("<p>Great &amp; cheap</p><a href=\"https://t.me/x\">link</a> **bold**\n### head");
        assert_eq!(d.clean, "Great & cheap\nhttps://t.me/x link bold\nhead");
    }

    #[test]
    fn zero_width_characters_disappear_and_whitespace_folds() {
        let d = prep("1\u{200B}8\u{200D}0\u{FEFF}0   call\t\tnow\n\n\nok");
        assert_eq!(d.clean, "1800 call now\nok");
        assert_eq!(prep("1️⃣8️⃣0️⃣0️⃣").clean, "1800");
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let original = "ＴＧ： @ｊｘ0703 <b>now</b>";
        let d = prep(original);
        let pos = d.folded.find("@jx0703").unwrap();
        let span = d.span(pos, pos + "@jx0703".len());
        assert_eq!(span.quote, "@ｊｘ0703");
        let chars: Vec<char> = original.chars().collect();
        assert_eq!(chars[span.start as usize..span.end as usize].iter().collect::<String>(), "@ｊｘ0703");
    }

    #[test]
    fn spans_in_the_title_say_so() {
        let d = Text::new().prepare("Best SIM\nCall 555", 9);
        let p = d.folded.find("best").unwrap();
        let s = d.span(p, p + 4);
        assert_eq!((s.field, s.start, s.end, s.quote.as_str()), ("title", 0, 4, "Best"));
        let p = d.folded.find("555").unwrap();
        let s = d.span(p, p + 3);
        assert_eq!((s.field, s.start, s.end), ("text", 5, 8));
        // A title's sentence ends at its line break: its evidence is the title, without the break.
        let s = d.span(d.sentences[0].start, d.sentences[0].end);
        assert_eq!((s.field, s.start, s.end, s.quote.as_str()), ("title", 0, 8, "Best SIM"));
        // A span running from the title into the text quotes what its offsets cover: the title.
        let s = d.span(0, d.folded.len());
        assert_eq!((s.field, s.start, s.end, s.quote.as_str()), ("title", 0, 8, "Best SIM"));
        // A one-byte range at the start of a wider character is that character.
        let d = prep("好。 ok");
        let p = d.folded.find('。').unwrap();
        assert_eq!(d.span(p, p + 1).quote, "。");
    }

    #[test]
    fn boilerplate_is_blanked_in_place_and_evidence_still_quotes_the_original() {
        let notice = "This constitutes a notice of informal complaint filed with the FCC against your company. \
                      If you have any questions, please contact the FCC at carriersupport@fcc.gov.";
        let original = format!("Data cap at 300 GB.\n - - - - -\n Follow-up message by FCC on 4/20/2015 3:37 PM:\n {notice}\n Follow-up message by Consumer on 4/21/2015 9:00 AM:\n Still capped, 50 € fee");
        let text = Text::load(&crate::config::Config::default().text).unwrap();
        let d = text.prepare(&original, 0);
        for gone in ["notice", "fcc", "carriersupport", "follow-up", "4/20/2015"] {
            assert!(!d.folded.contains(gone), "{gone} in {:?}", d.folded);
        }
        assert!(d.folded.contains("data cap at 300 gb") && d.folded.contains("still capped"), "{:?}", d.folded);
        // Offsets after the blanked notice still point into the original text.
        let p = d.folded.find("fee").unwrap();
        let s = d.span(p, p + 3);
        let chars: Vec<char> = original.chars().collect();
        assert_eq!(
            (s.quote.as_str(), chars[s.start as usize..s.end as usize].iter().collect::<String>()),
            ("fee", "fee".into())
        );
        // The same text without the patterns keeps the notice; a text without a match is left as it is.
        assert!(Text::new().prepare(&original, 0).folded.contains("carriersupport@fcc.gov"));
        assert_eq!(text.prepare("Great value", 0).folded, "great value");
        // The placeholder of a complaint sent by post goes, alone or heading a thread; the words around it stay.
        assert_eq!(text.prepare("Postal Mail Ticket Ready For Data Entry", 0).folded.trim(), "");
        let thread =
            "Postal Mail Ticket Ready For Data Entry\n - - - - -\n Follow-up message by Consumer on 5/1/2015:\n \
                      Still no refund";
        let words = text.prepare(thread, 0).folded.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(words, "- - - - - still no refund");
    }

    #[test]
    fn languages_of_the_first_market() {
        assert_eq!(prep("信号太差了，客服也不回复").lang, Lang::Zh);
        assert_eq!(prep("Rogers的APP太烂了").lang, Lang::Zh);
        assert_eq!(prep("The app keeps crashing whenever I try to pay my bill").lang, Lang::En);
        assert_eq!(prep("Great app").lang, Lang::En);
        assert_eq!(prep("Le réseau est nul, aucune réponse du service client depuis deux semaines").lang, Lang::Fr);
        assert_eq!(prep("Die App stürzt ständig ab und der Kundendienst antwortet nicht").lang, Lang::Other);
        assert_eq!(prep("このアプリは使いにくいです").lang, Lang::Other);
        assert_eq!(prep("👍👍").lang, Lang::Other);
        // Short reviews: whatlang's unreliable guesses no longer decide them.
        assert_eq!(prep("Excellent").lang, Lang::En);
        assert_eq!(prep("Network issues again").lang, Lang::En);
        assert_eq!(prep("Keeps crashing, fix it pls").lang, Lang::En);
        assert_eq!(prep("Pareil pour moi").lang, Lang::Fr);
        assert_eq!(prep("on attend pourquoi").lang, Lang::Fr);
        assert_eq!(prep("Nickel, rapide").lang, Lang::Fr);
    }

    #[test]
    fn tokens_and_sentences() {
        let d = prep("I don't like it. Really!");
        let words: Vec<&str> = d.tokens.iter().map(|t| d.word(t)).collect();
        assert_eq!(words, ["i", "don't", "like", "it", "really"]);
        assert_eq!(d.tokens.iter().map(|t| t.sentence).collect::<Vec<_>>(), [0, 0, 0, 0, 1]);
        let d = prep("l'application ne marche pas");
        let words: Vec<&str> = d.tokens.iter().map(|t| d.word(t)).collect();
        assert_eq!(words, ["l", "application", "ne", "marche", "pas"]);
        let d = prep("客服态度很差。退款一直没到");
        let words: Vec<&str> = d.tokens.iter().map(|t| d.word(t)).collect();
        assert!(words.contains(&"客服") && words.contains(&"退款"), "{words:?}");
        assert_eq!(d.sentences.len(), 2);
        // A line break after a full stop is no sentence of its own.
        let d = prep("Can't log in.\nCan't pay.");
        assert_eq!(d.sentences.len(), 2);
        assert_eq!(d.tokens.iter().map(|t| t.sentence).collect::<Vec<_>>(), [0, 0, 0, 1, 1]);
    }

    #[test]
    fn a_line_break_that_lost_its_backslash_is_read_as_one_and_a_word_that_begins_with_n_is_not() {
        let d = prep("perdu mes identifiants.nquelle est la procédure ?nmerci");
        assert_eq!(d.folded, "perdu mes identifiants.\nquelle est la procédure ?\nmerci");
        assert_eq!(d.sentences.len(), 3);
        // Evidence still quotes the original, offsets and all.
        let p = d.folded.find("quelle").unwrap();
        let span = d.span(p, p + "quelle".len());
        assert_eq!((span.start, span.quote.as_str()), (24, "quelle"));
        assert_eq!(prep("bonjour,nnje vous écris").folded, "bonjour,\nje vous écris");
        assert_eq!(prep("disponible sur le canal 101 !n").folded, "disponible sur le canal 101 !");
        for kept in ["i paid my bill,now it says overdue. done.never again", "ni le fermoir,ni le cuir", "see free.net"]
        {
            assert_eq!(prep(kept).folded, kept);
        }
    }

    #[test]
    fn a_line_wrapped_inside_a_sentence_does_not_end_it_and_a_line_break_used_as_a_full_stop_does() {
        let sentences =
            |d: &Doc| d.sentences.iter().map(|r| d.folded[r.clone()].trim().to_string()).collect::<Vec<_>>();
        // The FCC form's wrapping: a long line, no punctuation, the sentence going on in lower case.
        let d = prep(
            "Consumer states that he is having issues with Comcast. Consumer states that he is having issues\n \
                      with his internet because the speed gets slow after 5 p.m.",
        );
        assert_eq!(
            sentences(&d),
            [
                "consumer states that he is having issues with comcast.",
                "consumer states that he is having issues\nwith his internet because the speed gets slow after 5 p.m."
            ]
        );
        assert_eq!(d.tokens.last().map(|t| t.sentence), Some(1));
        // A break before a capital, after a short line, or after a title, ends its sentence.
        let d = prep("My phone (an iPhone 5) was defective and needed to be replaced by the store\nI am still waiting");
        assert_eq!(d.sentences.len(), 2);
        assert_eq!(prep("Worst provider ever\nmy internet is down").sentences.len(), 2);
        // A line that ends in a comma goes on: a letter's greeting opens its first sentence.
        assert_eq!(prep("Hello,\nI am having serious problems with Comcast.").sentences.len(), 1);
        let title = "Worst provider I have ever had to deal with in all my years of living here";
        let d = Text::new().prepare(&format!("{title}\nthe internet drops every night"), title.chars().count() + 1);
        assert_eq!(d.sentences.len(), 2);
    }
}
