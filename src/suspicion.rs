//! Suspicion: how likely a review is promotional, paid or fake, and why.
//!
//! Each signal measures one kind of evidence, gives a strength in [0, 1] and quotes where it found it. The score is a
//! noisy-OR of weighted strengths, `1 - Π(1 - weight × strength)`: monotone (more evidence never lowers it), bounded
//! by 1, and each reason's contribution (`weight × strength`) orders the reasons strongest first.
//!
//! The archetype is the SEO article in `../shared/seed/`: vague superlatives about after-sales service, no concrete
//! detail, ending in a Telegram handle. The counter-example the signals must spare is the angry genuine customer
//! who pastes a support number: contact and call-to-action signals weigh little in negative text, and the e-mails a
//! complaint quotes are not read at all (the pipeline passes the second document of
//! [`crate::text::Text::prepare_with_unquoted`]).

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{bail, Result};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::classifier::Model;
use crate::review::{Lang, Review, Span, STARS};
use crate::sentiment::Reading;
use crate::text::{self, Doc};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuspicionConfig {
    pub threshold: f64,
    pub deception_models: Vec<String>,
    pub weights: Weights,
}

/// The most each signal can add on its own (see `reviewsift.toml`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub contact: f64,
    pub call_to_action: f64,
    pub vague_praise: f64,
    pub superlatives: f64,
    pub exclamations: f64,
    pub rating_mismatch: f64,
    pub empty_extreme: f64,
    pub support_number_ad: f64,
    pub advert: f64,
    pub evasive_spelling: f64,
    pub promotion: f64,
    pub marketing_voice: f64,
    pub near_duplicate: f64,
    pub burst: f64,
    pub author_activity: f64,
    pub rating_outlier: f64,
    pub deceptive: f64,
}

/// Every reason code, in the order of the [`Weights`] fields (each reason has the weight of its name).
pub const REASON_CODES: [&str; 17] = [
    "contact",
    "call_to_action",
    "vague_praise",
    "superlatives",
    "exclamations",
    "rating_mismatch",
    "empty_extreme",
    "support_number_ad",
    "advert",
    "evasive_spelling",
    "promotion",
    "marketing_voice",
    "near_duplicate",
    "burst",
    "author_activity",
    "rating_outlier",
    "deceptive",
];

impl Weights {
    /// Each weight with its reason code.
    pub fn named(&self) -> impl Iterator<Item = (&'static str, f64)> {
        let values = [
            self.contact,
            self.call_to_action,
            self.vague_praise,
            self.superlatives,
            self.exclamations,
            self.rating_mismatch,
            self.empty_extreme,
            self.support_number_ad,
            self.advert,
            self.evasive_spelling,
            self.promotion,
            self.marketing_voice,
            self.near_duplicate,
            self.burst,
            self.author_activity,
            self.rating_outlier,
            self.deceptive,
        ];
        REASON_CODES.into_iter().zip(values)
    }
}

fn reason_code<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    crate::review::intern(d, &REASON_CODES)
}

impl SuspicionConfig {
    pub fn validate(&self) -> Result<()> {
        if !(0.0..=1.0).contains(&self.threshold) {
            bail!("suspicion.threshold must be in [0, 1], got {}", self.threshold);
        }
        for (name, v) in self.weights.named() {
            if !(0.0..=1.0).contains(&v) {
                bail!("suspicion.weights.{name} must be in [0, 1], got {v}");
            }
        }
        Ok(())
    }
}

/// A review's suspicion.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Suspicion {
    /// max(P(opinion spam), P(machine-generated)) from the deception models; English reviews only.
    pub deceptive_score: Option<f64>,
    pub score: f64,
    pub suspicious: bool,
    /// Strongest first.
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reason {
    /// One of [`REASON_CODES`].
    #[serde(deserialize_with = "reason_code")]
    pub code: crate::review::StaticStr,
    /// weight × strength: what this reason alone adds.
    pub contribution: f64,
    pub evidence: Vec<Span>,
}

/// What the suspicion stage reads about a review besides its text.
pub struct Context<'a> {
    pub reading: &'a Reading,
    pub rating: Option<f64>,
}

/// Off-platform contact channels, one pattern each (run on the folded text, where full-width and mathematical
/// digits are already ASCII and zero-width characters gone).
const CONTACT_PATTERNS: &[(&str, &str)] = &[
    (
        "telegram",
        r"(?:telegram|电报|纸飞机|飞机号|(?:加|联系|找|搜)飞机)(?:\s*(?:号|id)?\s*[:：]?\s*@?[a-z0-9][a-z0-9_\-]{3,})?|t\.me/[a-z0-9_]+|飞机[^\p{L}\p{N}\n]{0,4}[:：@]\s*@?[a-z0-9_]*|(?-u:\b)tg(?-u:\b)[^a-z0-9\n]{0,6}@?[a-z0-9_]{3,}|(?-u:\b)tg\s*[:：]",
    ),
    (
        "wechat",
        r"(?:wechat|weixin|微信|威信|薇信|v信|加v|加微信?|(?-u:\b)(?:vx|wx)(?-u:\b))(?:\s*(?:号|id)?\s*[:：]?\s*[a-z0-9][a-z0-9_\-]{3,})?",
    ),
    ("whatsapp", r"whatsapp(?:\s*[:：]?\s*\+?[\d\s\-]{7,}\d)?|wa\.me/\S+"),
    ("qq", r"(?-u:\b)qq(?-u:\b)\s*(?:号|群|[:：])?\s*\d{5,}|qq号|qq群"),
    ("line", r"(?-u:\b)line\s*(?:id|[:：])\s*[:：]?\s*[a-z0-9_\-]*"),
    ("email", r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}"),
    (
        "url",
        r"https?://[^\s)\]]+|www\.[^\s)\]]+|(?-u:\b)[a-z0-9-]+\.(?:com|net|org|cn|ca|io|me|ly|co|fr|shop|top|xyz)(?-u:\b)(?:/[^\s)\]]*)?",
    ),
    ("handle", r"(?:^|[^a-z0-9_.@])(@[a-z0-9_]{3,})"),
    ("phone", r"\+?\d(?:[\s\-·⊹|./()]{0,2}\d){7,14}"),
];

const CALLS_TO_ACTION: &[&str] = &[
    "dm me",
    "dm us",
    "message me",
    "contact me",
    "contact us",
    "call now",
    "order now",
    "buy now",
    "add me",
    "inbox me",
    "text me",
    "reach me",
    "reach us",
    "hit me up",
    "whatsapp me",
    "free product for review",
    "free sim for review",
    "use my code",
    "use code",
    "referral code",
    "call us",
    "message us",
    "visit our website",
    "visit our site",
    "click here",
    "contactez-nous",
    "contactez nous",
    "contactez-moi",
    "écrivez-nous",
    "appelez-nous",
    "commandez",
    "code de parrainage",
    "cliquez ici",
    "visitez notre site",
    "联系我",
    "联系我们",
    "请联系",
    "欢迎联系",
    "联系方式",
    "欢迎咨询",
    "详情咨询",
    "咨询请",
    "私信我",
    "私聊",
    "加我",
    "扫码加",
    "扫码咨询",
    "好评返现",
    "邀请码",
    "推荐码",
    // The advertiser's invitation to call or visit ("有合作意向者请来电洽谈"). Not "联系人", which is also a phone's
    // contact list ("导入联系人"), nor "call today", which customers write ("I had to call today").
    "欢迎来电",
    "请来电",
    "敬请来电",
    "来电洽谈",
    "来电咨询",
    "欢迎垂询",
    "欢迎致电",
    "详情请访问",
    "请访问",
    "请点击",
];

/// Words of a support line offered to the reader ("call our support line 24/7"), as fake-support-number posts do;
/// customers who quote a hotline tell what happened instead ("called them four times").
const SUPPORT_LINE: &[&str] = &[
    "customer service number",
    "support line",
    "support number",
    "hotline",
    "helpline",
    "help line",
    "customer care number",
    "service client",
    "客服电话",
    "客服热线",
    "专线",
    "热线",
    "客服",
];
const OFFERED_TO_READER: &[&str] = &[
    "24/7",
    "24h",
    "call now",
    "call us",
    "call our",
    "our support",
    "our experts",
    "our team",
    "we fix",
    "we help",
    "instant",
    "in minutes",
    "recover",
    "专人",
    "当天到账",
    "欢迎咨询",
    "全天",
    "秒回",
    "立即",
];

const SUPERLATIVES: &[&str] = &[
    "best",
    "amazing",
    "excellent",
    "perfect",
    "outstanding",
    "incredible",
    "fantastic",
    "awesome",
    "superb",
    "flawless",
    "wonderful",
    "exceptional",
    "unbeatable",
    "highly recommend",
    "must have",
    "five stars",
    "5 stars",
    "10/10",
    "world class",
    "top notch",
    "second to none",
    "life saver",
    "game changer",
    "meilleur",
    "meilleure",
    "parfait",
    "parfaite",
    "excellente",
    "incroyable",
    "exceptionnel",
    "exceptionnelle",
    "génial",
    "géniale",
    "formidable",
    "fantastique",
    "impeccable",
    "je recommande vivement",
    "au top",
    "merveilleux",
    "最好",
    "最佳",
    "最棒",
    "最优",
    "非常好",
    "超级",
    "强烈推荐",
    "完美",
    "一流",
    "顶级",
    "无与伦比",
    "前所未有",
    "优质",
    "极致",
    "卓越",
    "五星",
    "满分",
    "首选",
    "靠谱",
    "超值",
    "值得信赖",
    "无可挑剔",
    "贴心",
    "周到",
    "便捷",
    "高效",
    "实实在在",
    "专业",
];

const PROMOTION: &[&str] = &[
    "free",
    "win",
    "winner",
    "prize",
    "claim",
    "limited time",
    "limited offer",
    "special offer",
    "lowest price",
    "cheapest",
    "best price",
    "best deal",
    "% off",
    "discount code",
    "cash back",
    "cashback",
    "giveaway",
    "bonus",
    "gratuit",
    "gratuite",
    "offre spéciale",
    "prix imbattable",
    "réduction",
    "免费",
    "限时",
    "特价",
    "促销",
    "折扣",
    "秒杀",
    "包邮",
    "低价",
    "最低价",
    "优惠活动",
    "赠送",
    "中奖",
    "代开",
    "发票代开",
    "代开发票",
    "返利",
];

const MARKETING_VOICE: &[&str] = &[
    "we offer",
    "we provide",
    "our customers",
    "our service",
    "our team",
    "our store",
    "our shop",
    "our company",
    "nous proposons",
    "nous offrons",
    "nos clients",
    "notre équipe",
    "notre boutique",
    "我们的",
    "我们提供",
    "本店",
    "本公司",
    "我司",
    "敝司",
    "欢迎选购",
    "欢迎光临",
];

/// Texts shorter than this many words get no `deceptive` signal (the score is still written).
const DECEPTION_MIN_TOKENS: usize = 20;

/// Units that make a number concrete ("20gb", "$35", "7天").
const UNITS: &[&str] = &[
    "gb", "mb", "go", "mo", "g", "tb", "h", "hr", "hrs", "min", "mins", "km", "day", "days", "jours", "mois", "month",
    "months", "ans", "year", "years", "天", "元", "块", "月", "年", "号", "点", "分钟", "小时", "$", "€", "¥",
];

/// The suspicion stage's runtime: compiled patterns and the configured weights.
pub struct Detector {
    deception: Vec<Model>,
    contact: Vec<(&'static str, Regex)>,
    date_like: Regex,
    /// "call +1 888 …", "拨打 400…": a number the text tells the reader to call.
    call_the_number: Regex,
    calls: AhoCorasick,
    superlatives: AhoCorasick,
    promotion: AhoCorasick,
    marketing: AhoCorasick,
    support_line: AhoCorasick,
    offered: AhoCorasick,
    evasion: Evasion,
    config: SuspicionConfig,
}

impl Detector {
    /// Compiles the patterns and loads the deception models (a missing model file is an error: the models ship in
    /// `models/`; point `suspicion.deception_models` at `[]` to run without them).
    pub fn load(config: &SuspicionConfig) -> anyhow::Result<Detector> {
        let deception = config
            .deception_models
            .iter()
            .map(|p| Model::load(std::path::Path::new(p)))
            .collect::<anyhow::Result<_>>()?;
        Ok(Detector { deception, ..Detector::new(config) })
    }

    /// The deception models loaded (`suspicion.deception_models`).
    pub fn deception_models(&self) -> &[Model] {
        &self.deception
    }

    /// The rules alone, without deception models. Ratings are read as stars (`review::STARS`).
    pub fn new(config: &SuspicionConfig) -> Detector {
        let phrases = |list: &[&str]| {
            let folded: Vec<String> = list.iter().map(|p| text::fold(p)).collect();
            AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(folded).expect("fixed phrase lists")
        };
        Detector {
            deception: Vec::new(),
            contact: CONTACT_PATTERNS.iter().map(|(k, p)| (*k, Regex::new(p).expect("fixed pattern"))).collect(),
            // A date, or a date and the hour after it ("4/17/2015 11" of the FCC's "4/17/2015 11:59:31 AM"): the
            // phone pattern's separators take both.
            date_like: Regex::new(r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})(?:[\sT]{1,2}\d{1,2})?$")
                .unwrap(),
            call_the_number: Regex::new(
                r"(?:(?-u:\b)(?:call|dial|appelez|appeler|composez|contactez)(?:\s+(?:us|nous))?(?:\s+(?:at|on|au))?|拨打|致电|请拨|速拨)\s*[:：]?\s*\+?\d",
            )
            .expect("fixed pattern"),
            calls: phrases(CALLS_TO_ACTION),
            superlatives: phrases(SUPERLATIVES),
            promotion: phrases(PROMOTION),
            marketing: phrases(MARKETING_VOICE),
            support_line: phrases(SUPPORT_LINE),
            offered: phrases(OFFERED_TO_READER),
            evasion: Evasion::new(),
            config: config.clone(),
        }
    }

    pub fn assess(&self, doc: &Doc, cx: &Context) -> Suspicion {
        let w = &self.config.weights;
        let score = cx.reading.review.score;
        let tokens = doc.tokens.len().max(1) as f64;
        // Contact and promotion words in clearly negative text are mostly customers quoting the provider's own
        // channels and offers (mildly negative scores are common on ads the sentiment models misread).
        let tone = if score <= -0.3 { 0.35 } else { 1.0 };
        let mut reasons = Vec::new();
        let mut add = |code: &'static str, weight: f64, strength: f64, evidence: Vec<Span>| {
            let contribution = weight * strength.clamp(0.0, 1.0);
            if contribution > 0.0 {
                reasons.push(Reason { code, contribution, evidence });
            }
        };

        let (strength, spans, has_phone) = self.contact(doc);
        add("contact", w.contact, strength * tone, first(&spans, 5));

        // A phone number offered as a support line, in the reader-addressed voice of an ad: the fake support number.
        // The line is named ("hotline", 客服热线) or the reader is told to call the number ("call +1 888 …").
        let mut support = phrase_spans(&self.support_line, doc);
        support.extend(self.call_the_number.find_iter(&doc.folded).map(|m| doc.span(m.start(), m.end())));
        let offered = phrase_spans(&self.offered, doc);
        if has_phone && !support.is_empty() && !offered.is_empty() {
            let evidence = spans
                .into_iter()
                .take(5)
                .chain(support.into_iter().take(1))
                .chain(offered.into_iter().take(2))
                .collect();
            add("support_number_ad", w.support_number_ad, 1.0, evidence);
        }

        // Customers rarely address calls to action to other readers, angry or not: no tone discount here.
        // Promotional words found by their sound (pinyin), whatever characters spell them: each counts as a promotion
        // phrase or a call to action; those spelt in homophones to slip past keyword filters are evidence of their own.
        let sounded = self.evasion.find(doc);
        let evasive: Vec<Span> = sounded.iter().filter(|w| w.evasive).map(|w| w.span.clone()).collect();
        let mut calls = phrase_spans(&self.calls, doc);
        calls.extend(sounded.iter().filter(|w| w.call && w.evasive).map(|w| w.span.clone()));
        let strength = match calls.len() {
            0 => 0.0,
            1 => 0.7,
            _ => 1.0,
        };
        add("call_to_action", w.call_to_action, strength, calls.clone());

        let superlatives = phrase_spans(&self.superlatives, doc);
        let n = superlatives.len() as f64;
        add(
            "superlatives",
            w.superlatives,
            (n / 3.0).min(1.0) * (n * 100.0 / tokens / 4.0).min(1.0),
            first(&superlatives, 5),
        );

        if score >= 0.5 {
            // A number glued to letters or to URL and handle punctuation ("jx0703", "/assets/493") is an identifier,
            // not a concrete detail.
            let standalone = |t: &crate::text::Token| {
                !doc.folded[..t.start as usize]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || "@._-/:#".contains(c))
            };
            // A bare digit below 10 is a detail only with a unit after it ("7天", "5 GB"), not as list numbering ("1.").
            let detail = |t: &crate::text::Token| {
                let word = doc.word(t);
                match word.parse::<u32>() {
                    Ok(n) if n < 10 => {
                        let after = doc.folded[t.end as usize..].trim_start();
                        UNITS.iter().any(|u| {
                            after.starts_with(u) && !after[u.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
                        })
                    }
                    _ => is_specific(word),
                }
            };
            let specifics = doc.tokens.iter().filter(|t| standalone(t) && detail(t)).count() as f64;
            let positivity = ((score - 0.5) / 0.4).min(1.0);
            let vagueness = 1.0 - (specifics * 100.0 / tokens / 2.0).min(1.0);
            let length = (tokens / 40.0).min(1.0);
            let evidence = if superlatives.is_empty() {
                doc.sentences.first().map(|s| vec![doc.span(s.start, s.end)]).unwrap_or_default()
            } else {
                first(&superlatives, 3)
            };
            add("vague_praise", w.vague_praise, positivity * vagueness * length, evidence);
        }

        if score >= 0.3 {
            let bangs: Vec<Span> = doc.folded.match_indices(['!', '！']).map(|(i, _)| doc.span(i, i + 1)).collect();
            let per_sentence = bangs.len() as f64 / doc.sentences.len().max(1) as f64;
            add("exclamations", w.exclamations, per_sentence, first(&bangs, 3));
        }

        if let Some(r) = cx.rating {
            // An extreme rating that says nothing ("5 stars", "👍", "Good"): cheap to post in bulk.
            let extreme = r >= STARS.1 || r <= STARS.0;
            add("empty_extreme", w.empty_extreme, if extreme && doc.tokens.len() <= 2 { 1.0 } else { 0.0 }, Vec::new());
            let mismatch = (r >= 4.0 && score <= -0.5) || (r <= 2.0 && score >= 0.5);
            add("rating_mismatch", w.rating_mismatch, if mismatch { 1.0 } else { 0.0 }, Vec::new());
        }

        let mut promo = phrase_spans(&self.promotion, doc);
        promo.extend(sounded.iter().filter(|w| !w.call).map(|w| w.span.clone()));
        add("evasive_spelling", w.evasive_spelling, evasive.len() as f64 / 2.0, first(&evasive, 3));
        // A call to action and an offer in one text is an advertisement addressed to the reader (出国必备 … 限时促销，
        // 私聊我拿优惠码), stronger evidence together than the two apart. Two promotion phrases at least: one alone is
        // often an everyday word ("are you free now? can I call now?", UCI SMS ham).
        if !calls.is_empty() && promo.len() >= 2 {
            let evidence = first(&calls, 2).into_iter().chain(first(&promo, 2)).collect();
            add("advert", w.advert, tone, evidence);
        }
        add("promotion", w.promotion, promo.len() as f64 / 3.0 * tone, first(&promo, 3));
        let voice = phrase_spans(&self.marketing, doc);
        add("marketing_voice", w.marketing_voice, voice.len() as f64 / 2.0 * tone, first(&voice, 3));

        let deceptive_score = (doc.lang == Lang::En && !self.deception.is_empty())
            .then(|| self.deception.iter().map(|m| m.predict(&cx.reading.features)).fold(0.0, f64::max));
        // The deception models learnt from whole reviews (Ott's average 150 words); on a few words they guess.
        if let Some(d) = deceptive_score.filter(|_| doc.tokens.len() >= DECEPTION_MIN_TOKENS) {
            add("deceptive", w.deceptive, (d - 0.5) * 2.0, Vec::new());
        }

        self.settle(Suspicion { deceptive_score, reasons, ..Suspicion::default() })
    }

    /// Adds what the other reviews say about the review (its `cross` signals, found by the cross-review stage) to
    /// the evidence [`Detector::assess`] found in its text, and settles the score. Kept apart from `assess` so that
    /// a sharded run can read texts on many machines and conclude once every shard's cross-review data is merged.
    pub fn conclude(&self, review: &mut Review) {
        let w = &self.config.weights;
        let x = &review.cross;
        let score = review.sentiment.score;
        let rating = review.rating;
        let mut reasons = std::mem::take(&mut review.suspicion.reasons);
        let mut add = |code: &'static str, weight: f64, strength: f64| {
            let contribution = weight * strength.clamp(0.0, 1.0);
            if contribution > 0.0 {
                reasons.push(Reason { code, contribution, evidence: Vec::new() });
            }
        };
        if let Some((_, size)) = x.cluster.filter(|_| review.token_count >= 6) {
            add("near_duplicate", w.near_duplicate, (size as f64 - 1.0) / 3.0);
        }
        let praising = rating.map_or(score >= 0.5, |r| r >= 4.0);
        if let (Some(share), true) = (x.burst_five_star_share, praising) {
            let newcomer = if x.author_reviews.is_none_or(|n| n == 1) { 1.0 } else { 0.6 };
            add("burst", w.burst, share.max(if rating.is_none() { 0.5 } else { 0.0 }) * newcomer);
        }
        let busy_day = x.author_day_reviews.is_some_and(|n| n >= 3);
        let all_five = x.author_reviews.is_some_and(|n| n >= 5) && x.author_five_star_share == Some(1.0);
        add(
            "author_activity",
            w.author_activity,
            if busy_day {
                1.0
            } else if all_five {
                0.8
            } else {
                0.0
            },
        );
        if let Some(d) = x.rating_deviation {
            add("rating_outlier", w.rating_outlier, (d - 1.0) / 2.0);
        }

        review.suspicion = self.settle(Suspicion { reasons, ..std::mem::take(&mut review.suspicion) });
        // The provider's own support reply is templated and points to a channel, but it is signed by the provider,
        // not posing as a customer: its score and reasons stay, it is not flagged.
        if review.complaints.provider_reply {
            review.suspicion.suspicious = false;
        }
    }

    /// Orders the reasons strongest first (a stable sort: equal contributions keep the order they were found in)
    /// and combines them.
    fn settle(&self, mut s: Suspicion) -> Suspicion {
        s.reasons.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
        s.score = 1.0 - s.reasons.iter().map(|r| 1.0 - r.contribution).product::<f64>();
        s.suspicious = s.score >= self.config.threshold;
        s
    }

    /// How strongly the text points off-platform, and the spans. A messaging channel with an identifier (a WeChat
    /// id, a Telegram handle, a t.me link) is the strongest evidence; a bare @handle next; a URL, e-mail or phone
    /// number (which customers also quote from the provider's own pages) less; a channel named without an id
    /// ("they answered on WhatsApp") least. Each further distinct channel adds 0.15.
    /// Also says whether one of the channels is a phone number.
    fn contact(&self, doc: &Doc) -> (f64, Vec<Span>, bool) {
        let text = doc.folded.as_str();
        // Accepted hits by start: they never overlap, so a span overlaps one of them if and only if it overlaps the
        // last that starts before its end (a list scanned per hit was quadratic on a text of thousands of contacts).
        let mut hits: BTreeMap<usize, usize> = BTreeMap::new();
        let overlaps = |hits: &BTreeMap<usize, usize>, s: usize, e: usize| {
            hits.range(..e).next_back().is_some_and(|(_, &end)| end > s)
        };
        let (mut best, mut channels, mut phone) = (0.0f64, 0, false);
        for (kind, re) in &self.contact {
            let mut found = false;
            for c in re.captures_iter(text) {
                let m = c.get(1).unwrap_or_else(|| c.get(0).unwrap());
                if *kind == "phone" && self.date_like.is_match(m.as_str()) {
                    continue;
                }
                // An e-mail's domain is not also a URL, nor its user an @handle.
                if overlaps(&hits, m.start(), m.end()) {
                    continue;
                }
                hits.insert(m.start(), m.end());
                found = true;
                phone |= *kind == "phone" || (*kind == "whatsapp" && m.as_str().chars().any(|c| c.is_ascii_digit()));
                let with_id = m.as_str().contains(|c: char| c.is_ascii_digit() || "@:：/".contains(c))
                    || m.as_str().split_whitespace().count() >= 2;
                best = best.max(match *kind {
                    "handle" => 0.8,
                    "url" | "email" | "phone" => 0.6,
                    _ if with_id => 1.0,
                    _ => 0.4,
                });
            }
            channels += found as usize;
        }
        // Phone numbers spelled out in words ("eight zero zero five five five …", "幺八零零…").
        if let Some((s, e)) = spelled_number(doc).filter(|&(s, e)| !overlaps(&hits, s, e)) {
            hits.insert(s, e);
            channels += 1;
            best = best.max(0.6);
            phone = true;
        }
        let strength = if channels == 0 { 0.0 } else { (best + 0.15 * (channels - 1) as f64).min(1.0) };
        (strength, hits.into_iter().map(|(s, e)| doc.span(s, e)).collect(), phone)
    }
}

/// Number words, read as digits when seven or more follow one another (a phone number spelled out to dodge filters).
const NUMBER_WORDS: &[&str] = &[
    "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "zéro", "un", "deux",
    "trois", "quatre", "cinq", "sept", "huit", "neuf",
];
const NUMBER_CHARS: &str = "零〇一二三四五六七八九幺两";

/// Byte range of the first run of seven or more spelled-out digits.
fn spelled_number(doc: &Doc) -> Option<(usize, usize)> {
    let text = doc.folded.as_str();
    // Chinese numerals: a run of characters.
    let mut run: Option<(usize, usize, usize)> = None;
    for (i, c) in text.char_indices() {
        if NUMBER_CHARS.contains(c) {
            let r = run.get_or_insert((i, i, 0));
            r.1 = i + c.len_utf8();
            r.2 += 1;
            if r.2 >= 7 {
                continue;
            }
        } else if let Some((s, e, n)) = run.take() {
            if n >= 7 {
                return Some((s, e));
            }
        }
    }
    if let Some((s, e, n)) = run {
        if n >= 7 {
            return Some((s, e));
        }
    }
    // Words: consecutive tokens.
    let mut start = None;
    let mut count = 0;
    for (k, t) in doc.tokens.iter().enumerate() {
        if NUMBER_WORDS.contains(&doc.word(t)) {
            start.get_or_insert(k);
            count += 1;
            if count >= 7 && doc.tokens.get(k + 1).is_none_or(|n| !NUMBER_WORDS.contains(&doc.word(n))) {
                return Some((doc.tokens[start.expect("set")].start as usize, t.end as usize));
            }
        } else {
            start = None;
            count = 0;
        }
    }
    None
}

fn first(spans: &[Span], n: usize) -> Vec<Span> {
    spans.iter().take(n).cloned().collect()
}

/// Promotional and reader-directed Chinese words that spam spells in homophones to slip past keyword filters (领娶
/// for 领取, 宫中号 for 公众号, 犹慧卷 for 优惠券, 刘览器 for 浏览器: seen in JD.com reviews), with their honest
/// misspellings (优惠卷 is how many people write 优惠券) and whether the word is a call to action. Only words of
/// distinctive sound: most two-syllable words collide with everyday ones across a word boundary (返现 fan xian in
/// 炒饭咸死, 红包 hong bao in 红宝书, 优惠 you hui in 有回复; measured on 35 000 genuine Chinese reviews: waimai,
/// ChnSentiCorp, MARC zh), 领取 did not.
const SOUNDED_WORDS: &[(&str, &[&str], bool)] = &[
    ("领取", &[], true),
    ("公众号", &[], true),
    ("优惠券", &["优惠卷", "优惠劵"], false),
    ("代金券", &["代金卷", "代金劵"], false),
    ("活动券", &["活动卷", "活动劵"], false),
    ("浏览器", &[], false),
];

/// A [`SOUNDED_WORDS`] word found in a text.
struct Sounded {
    span: Span,
    call: bool,
    /// Spelt with other characters than the word or its honest misspellings.
    evasive: bool,
}

/// Finds [`SOUNDED_WORDS`] by pinyin: the text's Han characters become toneless syllables (punctuation and
/// separators between them skipped, so 活.动蜷 still reads huo dong quan; letters, digits and sentence ends break
/// the run), and an automaton finds the words' syllable sequences.
struct Evasion {
    automaton: AhoCorasick,
    /// Per automaton pattern: the index into SOUNDED_WORDS, and the number of syllables.
    word: Vec<(usize, usize)>,
}

impl Evasion {
    fn new() -> Evasion {
        let mut patterns = Vec::new();
        let mut word = Vec::new();
        for (i, (canonical, variants, _)) in SOUNDED_WORDS.iter().enumerate() {
            for spelling in std::iter::once(canonical).chain(variants.iter()) {
                let sound: String = spelling.chars().filter_map(syllable).map(|p| format!(" {p}")).collect();
                if !patterns.contains(&format!("{sound} ")) {
                    patterns.push(format!("{sound} "));
                    word.push((i, spelling.chars().count()));
                }
            }
        }
        Evasion { automaton: AhoCorasick::new(&patterns).expect("fixed patterns"), word }
    }

    fn find(&self, doc: &Doc) -> Vec<Sounded> {
        let text = doc.folded.as_str();
        if !text.chars().any(text::is_han) {
            return Vec::new();
        }
        // " syl syl syl " with, per syllable, its offset there and its character's byte range in the text.
        let (mut sound, mut syllables) = (String::from(" "), Vec::<(usize, usize, usize)>::new());
        for (i, c) in text.char_indices() {
            if let Some(p) = syllable(c) {
                syllables.push((sound.len() - 1, i, i + c.len_utf8()));
                sound.push_str(p);
                sound.push(' ');
            } else if c.is_alphanumeric() || "\n。！？!?".contains(c) {
                sound.push_str("| ");
            }
        }
        let mut found = Vec::new();
        for m in self.automaton.find_overlapping_iter(&sound) {
            let (word, count) = self.word[m.pattern().as_usize()];
            let Ok(first) = syllables.binary_search_by_key(&m.start(), |s| s.0) else { continue };
            let after = first + count;
            let (canonical, variants, call) = SOUNDED_WORDS[word];
            let spelt: String = syllables[first..after].iter().map(|&(_, s, e)| &text[s..e]).collect();
            let evasive = spelt != canonical && !variants.contains(&spelt.as_str());
            found.push(Sounded { span: doc.span(syllables[first].1, syllables[after - 1].2), call, evasive });
        }
        found
    }
}

/// The toneless pinyin of a Han character (its commonest reading).
fn syllable(c: char) -> Option<&'static str> {
    use pinyin::ToPinyin;
    if text::is_han(c) {
        c.to_pinyin().map(|p| p.plain())
    } else {
        None
    }
}

/// Matches of a phrase list that stand as whole words (for phrases in Latin letters).
fn phrase_spans(ac: &AhoCorasick, doc: &Doc) -> Vec<Span> {
    let text = doc.folded.as_str();
    let word = text::is_word_char;
    ac.find_iter(text)
        .filter(|m| {
            let latin = text[m.start()..].chars().next().is_some_and(word);
            !latin
                || (!text[..m.start()].chars().next_back().is_some_and(word)
                    && !text[m.end()..].chars().next().is_some_and(word))
        })
        .map(|m| doc.span(m.start(), m.end()))
        .collect()
}

/// A concrete number: digits, optionally with a currency sign or a unit ("35", "20gb", "$35", "7天").
fn is_specific(word: &str) -> bool {
    if !word.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let rest = word.trim_matches(|c: char| c.is_ascii_digit() || ".,:/%$€¥".contains(c));
    rest.is_empty() || UNITS.contains(&rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crossreview::CrossSignals;
    use crate::sentiment::tests::model;
    use crate::text::Text;

    /// What `assess` finds in the text, concluded with the given cross-review signals.
    fn assess_with(text: &str, rating: Option<f64>, cross: &CrossSignals) -> Suspicion {
        let doc = Text::new().prepare(text, 0);
        let reading = model().read(&doc);
        let detector = Detector::new(&crate::config::Config::default().suspicion);
        let mut review = Review {
            rating,
            cross: cross.clone(),
            token_count: doc.tokens.len() as u32,
            sentiment: reading.review,
            suspicion: detector.assess(&doc, &Context { reading: &reading, rating }),
            ..Review::default()
        };
        detector.conclude(&mut review);
        review.suspicion
    }

    fn assess(text: &str, rating: Option<f64>, near_duplicates: u32) -> Suspicion {
        let cross =
            CrossSignals { cluster: (near_duplicates > 1).then_some((0, near_duplicates)), ..CrossSignals::default() };
        assess_with(text, rating, &cross)
    }

    fn codes(s: &Suspicion) -> Vec<&str> {
        s.reasons.iter().map(|r| r.code).collect()
    }

    #[test]
    fn every_contact_channel_is_found_even_obfuscated() {
        for text in [
            "Great SIM, Telegram simdeals88 for a discount",
            "Best service! TG: @simdeals",
            "好用，加V详聊",
            "超级好用，微信 abc123",
            "Great, WhatsApp +1 555 010 9999",
            "好评，QQ：123456789",
            "Great deal, line id: simshop",
            "Great service, write to deals@simshop.example.com",
            "Great eSIM, see https://cheap-sims.example/ca",
            "Great eSIM, follow @cheapsims",
            "Great eSIM, call 𝟏𝟖𝟎𝟎⊹𝟓𝟓𝟓⊹𝟎𝟏𝟗𝟗",
            "Great eSIM, call １８００５５５０１９９",
            "Great eSIM, call 1\u{200B}8\u{200B}0\u{200B}0 5\u{200B}5\u{200B}5 0199",
            "Great eSIM, call ①⑧⓪⓪-⑤⑤⑤-⓪①⑨⑨",
            "Great eSIM, call 1️⃣8️⃣0️⃣0️⃣5️⃣5️⃣5️⃣0️⃣1️⃣9️⃣9️⃣",
            "Great eSIM, call one eight zero zero five five five zero one nine nine",
            "超级好用，电话幺八零零五五五零幺九九",
        ] {
            let s = assess(text, None, 0);
            assert_eq!(codes(&s).first(), Some(&"contact"), "{text}: {:?}", codes(&s));
        }
    }

    #[test]
    fn a_messaging_id_in_praise_is_suspicious_a_channel_named_in_passing_is_not() {
        assert!(assess("Great SIM, add me on WeChat: simdeals88", None, 0).suspicious);
        let s = assess("Support answered on WhatsApp within five minutes, great", None, 0);
        assert_eq!(codes(&s).first(), Some(&"contact"));
        assert!(!s.suspicious, "score {}", s.score);
    }

    #[test]
    fn an_advertisers_invitation_to_call_is_a_call_to_action_and_a_customers_call_is_not() {
        let ad = "我公司长期代开各类发票，价格优惠，有合作意向者请来电洽谈！电话：13928486782";
        let s = assess(ad, None, 0);
        assert!(codes(&s).contains(&"call_to_action") && s.suspicious, "{:?} {}", codes(&s), s.score);
        for text in
            ["外观漂亮，导入联系人也很方便，拍照很赞", "I had to call today and again nobody could fix my internet"]
        {
            assert!(!codes(&assess(text, None, 0)).contains(&"call_to_action"), "{text}");
        }
    }

    #[test]
    fn dates_and_plain_numbers_are_not_phone_numbers() {
        let s = assess("Great plan, activated on 2024-03-15 with 20 GB", None, 0);
        assert!(!codes(&s).contains(&"contact"), "{:?}", codes(&s));
        // A timestamp: the phone pattern's separators reach the hour ("4/17/2015 11"), still a date.
        for text in ["Follow-up message by FCC on 4/17/2015 11:59:31 AM: great", "Updated 2015-04-17 09:30, great"] {
            let s = assess(text, None, 0);
            assert!(!codes(&s).contains(&"contact"), "{text}: {:?}", codes(&s));
        }
        // A number after a date is still a phone number when it is one.
        let s = assess("Great plan! Since 4/17/2015 call 1-888-555-0199", None, 0);
        assert!(codes(&s).contains(&"contact"), "{:?}", codes(&s));
    }

    #[test]
    fn thousands_of_contacts_in_one_text_stay_linear_and_quote_five() {
        let text: String = (0..20_000).map(|i| format!("t.me/shop{i} ")).collect();
        let s = assess(&text, None, 0);
        let contact = s.reasons.iter().find(|r| r.code == "contact").expect("contact");
        assert_eq!(contact.evidence.len(), 5);
    }

    #[test]
    fn calls_to_action_and_cashback() {
        let s = assess("Amazing eSIM, DM me for the promo code", None, 0);
        assert!(codes(&s).contains(&"call_to_action"));
        let s = assess("好评返现5元，联系我们", None, 0);
        assert!(codes(&s).contains(&"call_to_action"));
    }

    #[test]
    fn glowing_vague_praise_with_superlatives_and_exclamations() {
        let s = assess(
            "Absolutely the best provider ever! Amazing, excellent, perfect service! Highly recommend to everyone! \
             Wonderful team, fantastic support, outstanding experience, simply the best! Incredible!",
            Some(5.0),
            0,
        );
        for code in ["vague_praise", "superlatives", "exclamations"] {
            assert!(codes(&s).contains(&code), "{code} missing: {:?}", codes(&s));
        }
    }

    #[test]
    fn concrete_praise_is_not_vague() {
        let s = assess(
            "Switched to the $35 plan with 20GB last month, coverage in Montreal metro has been good and the \
             eSIM took 10 minutes to activate at the store on Ste-Catherine.",
            Some(5.0),
            0,
        );
        assert!(!codes(&s).contains(&"vague_praise"), "{:?}", codes(&s));
        assert!(!s.suspicious);
    }

    #[test]
    fn rating_mismatch_and_near_duplicates() {
        let s = assess("Terrible, awful, the worst service I have ever had", Some(5.0), 0);
        assert!(codes(&s).contains(&"rating_mismatch"));
        let s = assess("This is a long enough copied review text here", None, 4);
        assert!(codes(&s).contains(&"near_duplicate"));
        let s = assess("Good", None, 4);
        assert!(!codes(&s).contains(&"near_duplicate"), "short texts repeat naturally");
    }

    #[test]
    fn extreme_ratings_without_content() {
        assert!(codes(&assess("Good", Some(5.0), 0)).contains(&"empty_extreme"));
        assert!(!codes(&assess("Good", Some(4.0), 0)).contains(&"empty_extreme"));
        assert!(!codes(&assess("Good coverage in Montreal, fair price", Some(5.0), 0)).contains(&"empty_extreme"));
        assert!(!assess("Good", Some(5.0), 0).suspicious, "one weak signal alone never flags");
    }

    #[test]
    fn bursts_and_busy_authors() {
        let cross =
            CrossSignals { burst_five_star_share: Some(1.0), author_reviews: Some(1), ..CrossSignals::default() };
        let s = assess_with("Great service", Some(5.0), &cross);
        assert!(codes(&s).contains(&"burst"));
        let s = assess_with("Terrible service", Some(1.0), &cross);
        assert!(!codes(&s).contains(&"burst"), "a burst of complaints is an outage, not a campaign");
        let cross = CrossSignals { author_day_reviews: Some(4), author_reviews: Some(4), ..CrossSignals::default() };
        assert!(codes(&assess_with("Great service", Some(5.0), &cross)).contains(&"author_activity"));
    }

    #[test]
    fn fake_support_numbers_but_not_customers_quoting_the_hotline() {
        let s = assess("Bell customer service number call 1-855-000-1122 24/7 for refunds and billing help", None, 0);
        assert!(s.suspicious && codes(&s)[0] == "support_number_ad", "{:?} {}", codes(&s), s.score);
        let s = assess("移动客服退款专线400-000-8888，专人处理，当天到账，欢迎咨询！", None, 0);
        assert!(s.suspicious, "{:?} {}", codes(&s), s.score);
        let s = assess("Called the Rogers hotline 1-888-764-3771 four times and nobody fixed my bill.", Some(1.0), 0);
        assert!(!codes(&s).contains(&"support_number_ad") && !s.suspicious);
        // The line offered by telling the reader to call it, no "hotline" named.
        let s = assess(
            "Locked out of your Telus account? Our experts unlock it fast, call +1 844 000 7788 today!",
            None,
            0,
        );
        assert!(s.suspicious && codes(&s).contains(&"support_number_ad"), "{:?} {}", codes(&s), s.score);
        // A customer passing the number on addresses no offer to the reader.
        let s = assess("Support told me to call 1-844-000-7788 again tomorrow, still no fix.", Some(2.0), 0);
        assert!(!codes(&s).contains(&"support_number_ad") && !s.suspicious, "{:?} {}", codes(&s), s.score);
    }

    #[test]
    fn promotional_words_spelt_in_homophones_are_found_by_their_sound() {
        // Spellings in the style of JD.com coupon spam, none of them written into the code.
        let s = assess("手机很好用，送了三佰的优会劵，关.注.攻.众.号领曲", Some(5.0), 0);
        assert!(s.suspicious && codes(&s)[0] == "evasive_spelling", "{:?} {}", codes(&s), s.score);
        let quotes: Vec<&str> = s.reasons[0].evidence.iter().map(|e| e.quote.as_str()).collect();
        assert_eq!(quotes, ["优会劵", "攻.众.号", "领曲"]);
        // The honest spellings, and the common misspelling 优惠卷, are not evasion.
        let s = assess("领取了优惠卷，价格很实惠，关注了公众号，手机很好用", Some(5.0), 0);
        assert!(!codes(&s).contains(&"evasive_spelling") && !s.suspicious, "{:?} {}", codes(&s), s.score);
    }

    #[test]
    fn a_call_to_action_with_an_offer_is_an_advert() {
        let s = assess("出国旅游必备的加拿大流量卡，限时特价，私聊我领优惠码", None, 0);
        assert!(s.suspicious && codes(&s).contains(&"advert"), "{:?} {}", codes(&s), s.score);
        let s = assess("DM me for a free eSIM, limited time only", None, 0);
        assert!(codes(&s).contains(&"advert"), "{:?} {}", codes(&s), s.score);
        // A furious customer quoting the provider's offer: discounted like contact and promotion.
        let s = assess(
            "They said contact us for a free upgrade, then charged me twice. Worst service ever, I am furious.",
            Some(1.0),
            0,
        );
        assert!(!s.suspicious, "{:?} {}", codes(&s), s.score);
    }

    #[test]
    fn promotion_and_marketing_voice() {
        let s = assess(
            "Limited time offer: free SIM and 50% discount code, our team delivers to all our customers",
            None,
            0,
        );
        assert!(codes(&s).contains(&"promotion") && codes(&s).contains(&"marketing_voice"), "{:?}", codes(&s));
        let s = assess("本公司代开发票，限时特价", None, 0);
        assert!(codes(&s).contains(&"promotion") && codes(&s).contains(&"marketing_voice"), "{:?}", codes(&s));
    }

    #[test]
    fn the_angry_customer_with_a_hotline_number_is_not_suspicious() {
        let s = assess(
            "Terrible service. I called 1-888-764-3771 five times, waited hours, and nobody fixed my bill. \
             Worst carrier, I am furious.",
            Some(1.0),
            0,
        );
        assert!(codes(&s).contains(&"contact"));
        assert!(!s.suspicious, "score {}", s.score);
    }

    #[test]
    fn the_score_is_monotone_in_the_evidence() {
        let base = assess("Great service, very happy", None, 0).score;
        let more = assess("Great service, very happy, telegram @simdeals", None, 0).score;
        let most = assess("Great service, very happy, telegram @simdeals, DM me", None, 0).score;
        assert!(base < more && more < most, "{base} {more} {most}");
        assert!(most <= 1.0);
    }
}
