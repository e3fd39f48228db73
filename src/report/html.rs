//! `report.html`: one self-contained page an analyst can read and print — no network, no scripts, no external fonts;
//! charts are inline SVG. Review text is written by strangers, so every piece of it is HTML-escaped.

use std::collections::HashMap;
use std::fmt::Write;

use anyhow::Result;
use polars::prelude::*;

use super::manifest::Manifest;
use super::samples::{Quote, Samples};
use crate::aggregate::Tables;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A table column read back as optional floats (integers widened).
fn floats(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
    df.column(name)
        .and_then(|c| c.cast(&DataType::Float64))
        .map(|c| c.f64().map(|a| a.iter().collect()).unwrap_or_default())
        .unwrap_or_default()
}

/// A table column read back as text (dates as `YYYY-MM-DD`).
fn strings(df: &DataFrame, name: &str) -> Vec<String> {
    df.column(name)
        .and_then(|c| c.cast(&DataType::String))
        .map(|c| c.str().map(|a| a.iter().map(|s| s.unwrap_or("").to_string()).collect()).unwrap_or_default())
        .unwrap_or_default()
}

/// The columns the per-provider sections read, taken out of a table once, with each provider's rows.
struct Columns {
    floats: HashMap<&'static str, Vec<Option<f64>>>,
    strings: HashMap<&'static str, Vec<String>>,
    rows: HashMap<String, Vec<usize>>,
}

impl Columns {
    fn read(df: &DataFrame, floats: &[&'static str], strings_: &[&'static str]) -> Columns {
        let mut rows: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, p) in strings(df, "provider").into_iter().enumerate() {
            rows.entry(p).or_default().push(k);
        }
        Columns {
            floats: floats.iter().map(|&n| (n, self::floats(df, n))).collect(),
            strings: strings_.iter().map(|&n| (n, strings(df, n))).collect(),
            rows,
        }
    }

    fn f(&self, name: &str) -> &[Option<f64>] {
        &self.floats[name]
    }

    fn s(&self, name: &str) -> &[String] {
        &self.strings[name]
    }

    /// The provider's rows, in table order.
    fn of(&self, provider: &str) -> &[usize] {
        self.rows.get(provider).map_or(&[], Vec::as_slice)
    }
}

fn num(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.digits$}"))
}

/// A share as a percentage to one decimal; a share that is not zero never reads "0.0 %" (one review in 4 000).
fn pct(v: Option<f64>) -> String {
    match v {
        None => "–".to_string(),
        Some(v) if v > 0.0 && v < 0.0005 => "< 0.1 %".to_string(),
        Some(v) => format!("{:.1} %", v * 100.0),
    }
}

const STYLE: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2330;line-height:1.45}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #dde3ee;padding-bottom:.2rem;margin-top:2.5rem}h3{margin-top:1.6rem}
.meta{color:#5b6475;font-size:.9rem}.warning{font-size:.9rem;border-left:4px solid #d08c00;background:#fff8e6;padding:.4rem .7rem}table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.9rem}
th,td{border-bottom:1px solid #e4e8f0;padding:.3rem .45rem;text-align:right;vertical-align:top}th{background:#f4f6fa}
td.l,th.l{text-align:left}.heat td{text-align:center;min-width:2.2rem}.heat td,.heat th{padding:.3rem .2rem}.heat th{text-align:center}.heat th.l{text-align:left}.heat td.l{text-align:left}.quote{border-left:3px solid #c9d2e3;padding:.3rem .7rem;margin:.6rem 0;background:#fafbfd;white-space:pre-wrap;overflow-wrap:anywhere}
.quote .h{display:block;font-size:.8rem;color:#5b6475;margin-bottom:.2rem;white-space:normal}
mark{background:#ffe08a;padding:0 .1rem;border-radius:2px}mark.c{background:#ffc2b8}.tag{display:inline-block;background:#eef1f7;border-radius:3px;padding:0 .35rem;margin:0 .2rem .1rem 0;font-size:.8rem}
.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}.sw{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
nav a{margin-right:.8rem}@media print{nav{display:none}h2{page-break-before:always}.quote{page-break-inside:avoid}}
"#;

/// Renders the report.
pub fn render(
    tables: &Tables,
    samples: &Samples,
    manifest: &Manifest,
    names: &HashMap<String, String>,
    max_providers: usize,
) -> Result<String> {
    let p = &tables.providers;
    let providers = strings(p, "provider");
    // The providers with the most reviews (ties: table order), shown in table order.
    let reviews = floats(p, "reviews");
    let mut shown: Vec<usize> = (0..providers.len()).collect();
    shown.sort_by(|&a, &b| reviews[b].unwrap_or(0.0).total_cmp(&reviews[a].unwrap_or(0.0)).then(a.cmp(&b)));
    shown.truncate(max_providers);
    shown.sort_unstable();
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>reviewsift report</title><style>{STYLE}</style></head><body><h1>Review report</h1>"
    );
    let c = &manifest.counts;
    let mut inputs: Vec<String> = manifest.inputs.iter().take(INPUTS_LISTED).map(|i| escape(&i.file.path)).collect();
    if manifest.inputs.len() > INPUTS_LISTED {
        inputs.push(format!("and {} more (below)", manifest.inputs.len() - INPUTS_LISTED));
    }
    let _ = write!(
        h,
        "<p class=\"meta\">reviewsift {} · {} · {} rows read from {} file(s): {} analysed, {} quarantined · {} suspicious · \
         {} complaints · {} providers</p><p class=\"meta\">Inputs: {}</p>",
        manifest.version,
        escape(&manifest.started_at),
        c.rows_in,
        manifest.inputs.len(),
        c.analysed,
        c.quarantined,
        c.suspicious,
        c.complaints,
        c.providers,
        inputs.join(", ")
    );
    for warning in &manifest.warnings {
        let _ = write!(h, "<p class=\"warning\">Warning: {}.</p>", escape(warning));
    }
    if shown.len() < providers.len() {
        let _ = write!(
            h,
            "<p class=\"meta\">This report shows the {} providers with the most reviews, of {}; every provider is in \
             providers.parquet / providers.csv (<code>output.report_providers</code>).</p>",
            shown.len(),
            providers.len()
        );
    }
    h.push_str("<nav>");
    for &i in &shown {
        let _ = write!(h, "<a href=\"#p{i}\">{}</a> ", escape(&providers[i]));
    }
    h.push_str("<a href=\"#inputs\">· inputs and quarantined rows</a></nav>");
    overview(&mut h, p, &providers, &shown);
    let shown_names: Vec<String> = shown.iter().map(|&i| providers[i].clone()).collect();
    heatmap(&mut h, tables, &shown_names, names);
    let sections = Sections {
        providers: Columns::read(
            p,
            &[
                "reviews",
                "provider_replies",
                "complaints",
                "uncategorised_complaints",
                "mean_rating",
                "adjusted_rating",
                "share_suspicious",
                "complaints_per_1000",
                "share_zh",
                "share_en",
                "share_fr",
                "share_other",
                "share_positive",
                "share_neutral",
                "share_negative",
            ],
            &[],
        ),
        categories: Columns::read(
            &tables.provider_categories,
            &[
                "complaints_per_1000",
                "net_sentiment",
                "mentions",
                "complaints_per_1000_low",
                "complaints_per_1000_high",
            ],
            &["category"],
        ),
        months: Columns::read(
            &tables.provider_months,
            &["reviews", "complaints_per_1000", "complaints_per_1000_low", "complaints_per_1000_high"],
            &["month"],
        ),
        category_months: Columns::read(&tables.provider_category_months, &["complaints"], &["category", "month"]),
    };
    for &i in &shown {
        provider_section(&mut h, i, &providers[i], &sections, samples, names);
    }
    inputs_section(&mut h, manifest, samples);
    h.push_str(
        "<p class=\"meta\">Scores: sentiment in [-1, 1] (2 P(positive) − 1 from the trained model of the review's \
        language; the lexicon's score for other languages), suspicion in [0, 1] (reasons strongest first). \
        Adjusted rating: mean rating of the reviews not flagged as suspicious, with a 95 % interval. \
        Complaint rates are per 1 000 reviews. Column definitions: README, section Outputs.</p></body></html>",
    );
    Ok(h)
}

/// How many input files the report names at the top, and lists in its inputs table.
const INPUTS_LISTED: usize = 10;
const FILES_LISTED: usize = 50;

/// What was read: each input file (format, encoding, rows, analysed, quarantined), the quarantined rows by the column
/// at fault, and the first of them, so that an analyst sees what was left out and why without opening
/// quarantine.csv.
fn inputs_section(h: &mut String, manifest: &Manifest, samples: &Samples) {
    h.push_str("<h2 id=\"inputs\">Inputs and quarantined rows</h2><table><tr><th class=\"l\">file</th><th class=\"l\">format</th>\
        <th class=\"l\">read as</th><th>rows</th><th>analysed</th><th>quarantined</th></tr>");
    for i in manifest.inputs.iter().take(FILES_LISTED) {
        let f = &i.file;
        let read_as = f.read_as();
        let read_as = if read_as.is_empty() { "–".to_string() } else { read_as.join(", ") };
        let _ = write!(
            h,
            "<tr><td class=\"l\">{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&f.path),
            f.format_name(),
            escape(&read_as),
            i.rows,
            i.analysed,
            i.quarantined
        );
    }
    h.push_str("</table>");
    if manifest.inputs.len() > FILES_LISTED {
        let _ = write!(
            h,
            "<p class=\"meta\">The first {FILES_LISTED} of {} files; manifest.json lists every one.</p>",
            manifest.inputs.len()
        );
    }
    if samples.first_quarantined.is_empty() {
        return;
    }
    let by_column: Vec<String> = samples
        .quarantined_by_column
        .iter()
        .map(|(c, n)| {
            format!(
                "{} {n}",
                if c.is_empty() { "whole row".to_string() } else { format!("<code>{}</code>", escape(c)) }
            )
        })
        .collect();
    let _ = write!(
        h,
        "<p class=\"meta\">Quarantined rows by the column at fault: {}. Every one is in quarantine.csv with its file, \
         line, column, reason and raw content; the first {}:</p><table><tr><th class=\"l\">file</th><th>line</th>\
         <th class=\"l\">column</th><th class=\"l\">reason</th></tr>",
        by_column.join(" · "),
        samples.first_quarantined.len()
    );
    for (file, line, column, reason) in &samples.first_quarantined {
        let _ = write!(
            h,
            "<tr><td class=\"l\">{}</td><td>{line}</td><td class=\"l\">{}</td><td class=\"l\">{}</td></tr>",
            escape(file),
            escape(column),
            escape(reason)
        );
    }
    h.push_str("</table>");
}

fn overview(h: &mut String, p: &DataFrame, providers: &[String], shown: &[usize]) {
    let (adj, low, high) =
        (floats(p, "adjusted_rating"), floats(p, "adjusted_rating_low"), floats(p, "adjusted_rating_high"));
    let (reviews, quarantined, kept) =
        (floats(p, "reviews"), floats(p, "quarantined"), floats(p, "adjusted_rated_reviews"));
    let (mean, susp, rate) =
        (floats(p, "mean_rating"), floats(p, "share_suspicious"), floats(p, "complaints_per_1000"));
    let mut order = shown.to_vec();
    order.sort_by(|&a, &b| adj[b].unwrap_or(-1.0).total_cmp(&adj[a].unwrap_or(-1.0)).then(a.cmp(&b)));
    h.push_str("<h2>Providers by adjusted rating</h2><table><tr><th class=\"l\">provider</th><th>reviews</th><th>quarantined</th>\
        <th>mean rating</th><th>adjusted rating (95 % interval)</th><th class=\"l\">1 ★ — 5 ★</th><th>rated, kept</th><th>suspicious</th><th>complaints / 1 000</th></tr>");
    for i in order {
        let x = |v: f64| 4.0 + (v.clamp(1.0, 5.0) - 1.0) / 4.0 * 192.0;
        let mut svg = String::from("<svg width=\"200\" height=\"14\" role=\"img\"><line x1=\"4\" y1=\"7\" x2=\"196\" y2=\"7\" stroke=\"#e4e8f0\"/>");
        if let (Some(l), Some(u)) = (low[i], high[i]) {
            let _ = write!(
                svg,
                "<line x1=\"{:.1}\" y1=\"7\" x2=\"{:.1}\" y2=\"7\" stroke=\"#6b7a99\" stroke-width=\"3\"/>",
                x(l),
                x(u)
            );
        }
        if let Some(a) = adj[i] {
            let _ = write!(svg, "<circle cx=\"{:.1}\" cy=\"7\" r=\"4\" fill=\"#1f4fa3\"/>", x(a));
        }
        svg.push_str("</svg>");
        let interval = match (adj[i], low[i], high[i]) {
            (Some(a), Some(l), Some(u)) => format!("{a:.2} ({l:.2}–{u:.2})"),
            (a, _, _) => num(a, 2),
        };
        let _ = write!(
            h,
            "<tr><td class=\"l\"><a href=\"#p{i}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"l\">{svg}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&providers[i]),
            num(reviews[i], 0),
            num(quarantined[i], 0),
            num(mean[i], 2),
            interval,
            num(kept[i], 0),
            pct(susp[i]),
            num(rate[i], 0)
        );
    }
    h.push_str("</table>");
}

fn heatmap(h: &mut String, tables: &Tables, providers: &[String], names: &HashMap<String, String>) {
    let c = &tables.provider_categories;
    let (cp, cc, rate, net) =
        (strings(c, "provider"), strings(c, "category"), floats(c, "complaints_per_1000"), floats(c, "net_sentiment"));
    let mut categories: Vec<String> = Vec::new();
    for cat in &cc {
        if !categories.contains(cat) {
            categories.push(cat.clone());
        }
    }
    let cell: HashMap<(&str, &str), usize> = (0..cp.len()).map(|i| ((cp[i].as_str(), cc[i].as_str()), i)).collect();
    let max = rate.iter().flatten().cloned().fold(0.0, f64::max).max(1.0);
    h.push_str("<h2>Complaints per 1 000 reviews</h2><p class=\"meta\">Rows: providers; columns: complaint categories. \
        Darker is a higher complaint rate; hover a cell for the net sentiment of the category's mentions (−100 … 100).</p>\
        <div style=\"overflow-x:auto\"><table class=\"heat\"><tr><th class=\"l\">provider</th>");
    for cat in &categories {
        let name = names.get(cat).unwrap_or(cat);
        let _ = write!(h, "<th title=\"{}\" style=\"font-size:.75rem\">{}</th>", escape(name), escape(name));
    }
    h.push_str("</tr>");
    for p in providers {
        let _ = write!(h, "<tr><td class=\"l\">{}</td>", escape(p));
        for cat in &categories {
            let (r, n) = cell.get(&(p.as_str(), cat.as_str())).map_or((None, None), |&i| (rate[i], net[i]));
            let alpha = r.map_or(0.0, |r| (r / max).sqrt() * 0.85);
            let color = if alpha > 0.45 { "#fff" } else { "#1d2330" };
            let _ = write!(
                h,
                "<td style=\"background:rgba(196,48,43,{alpha:.2});color:{color}\" title=\"{}: net sentiment {}\">{}</td>",
                escape(names.get(cat).unwrap_or(cat)),
                num(n, 0),
                r.filter(|r| *r > 0.0).map_or(String::new(), |r| if r < 0.5 { "&lt;1".to_string() } else { format!("{r:.0}") })
            );
        }
        h.push_str("</tr>");
    }
    h.push_str("</table></div>");
}

/// The three tables the per-provider sections read.
struct Sections {
    providers: Columns,
    categories: Columns,
    months: Columns,
    category_months: Columns,
}

fn provider_section(
    h: &mut String,
    i: usize,
    name: &str,
    sections: &Sections,
    samples: &Samples,
    names: &HashMap<String, String>,
) {
    let get = |c: &str| sections.providers.f(c)[i];
    let _ = write!(h, "<h2 id=\"p{i}\">{}</h2>", escape(name));
    let _ = write!(
        h,
        "<p>{} reviews · mean rating {} · adjusted {} · {} suspicious · {} complaints per 1 000 · languages: zh {}, en {}, fr {}, other {}</p>",
        num(get("reviews"), 0),
        num(get("mean_rating"), 2),
        num(get("adjusted_rating"), 2),
        pct(get("share_suspicious")),
        num(get("complaints_per_1000"), 0),
        pct(get("share_zh")),
        pct(get("share_en")),
        pct(get("share_fr")),
        pct(get("share_other"))
    );
    if let Some(replies) = get("provider_replies").filter(|&n| n > 0.0) {
        let _ = write!(
            h,
            "<p class=\"meta\">{} of the texts are the provider's own: support replies (\"sorry to hear that, please \
             DM us\") and any texts of the accounts named in <code>complaints.provider_accounts</code>. They are left \
             out of every figure and example here, kept in reviews.parquet with <code>provider_reply</code>.</p>",
            num(Some(replies), 0)
        );
    }
    // Sentiment distribution: one stacked bar.
    let shares = [
        ("positive", get("share_positive"), "#3b8f5a"),
        ("neutral", get("share_neutral"), "#a9b3c4"),
        ("negative", get("share_negative"), "#c4302b"),
    ];
    h.push_str("<h3>Sentiment</h3><svg width=\"600\" height=\"22\" role=\"img\">");
    let mut x = 0.0;
    for (_, v, color) in shares {
        let w = v.unwrap_or(0.0) * 600.0;
        let _ = write!(h, "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"22\" fill=\"{color}\"/>");
        x += w;
    }
    h.push_str("</svg><div class=\"legend\">");
    for (label, v, color) in shares {
        let _ = write!(h, "<span><i class=\"sw\" style=\"background:{color}\"></i>{label} {}</span>", pct(v));
    }
    h.push_str("</div>");

    // Categories: rate bars with net sentiment.
    let c = &sections.categories;
    let cc = c.s("category");
    let (rate, net, mentions) = (c.f("complaints_per_1000"), c.f("net_sentiment"), c.f("mentions"));
    let (low, high) = (c.f("complaints_per_1000_low"), c.f("complaints_per_1000_high"));
    let mut rows: Vec<usize> = c.of(name).iter().copied().filter(|&k| mentions[k].unwrap_or(0.0) > 0.0).collect();
    rows.sort_by(|&a, &b| rate[b].unwrap_or(0.0).total_cmp(&rate[a].unwrap_or(0.0)).then(a.cmp(&b)));
    if !rows.is_empty() {
        let dated = sections.months.of(name).len() >= 2;
        let trend_head = if dated { "<th class=\"l\">by month (3-month window)</th>" } else { "" };
        let _ = write!(h, "<h3>Complaint categories</h3><table><tr><th class=\"l\">category</th><th>mentions</th><th>complaints / 1 000 (95 % interval)</th><th class=\"l\"></th>{trend_head}<th>net sentiment</th></tr>");
        // One scale for every provider's bars (the largest rate of any provider and category), so that a provider
        // with almost no complaints does not get bars as long as one with hundreds per 1 000.
        let max = rate.iter().flatten().fold(0.0, |m: f64, &r| m.max(r)).max(1.0);
        for k in rows {
            let w = rate[k].unwrap_or(0.0) / max * 240.0;
            let _ = write!(
                h,
                "<tr><td class=\"l\">{}</td><td>{}</td><td>{} ({}–{})</td><td class=\"l\"><svg width=\"240\" height=\"12\"><rect width=\"{w:.1}\" height=\"12\" fill=\"#c4302b\"/></svg></td>",
                escape(names.get(&cc[k]).unwrap_or(&cc[k])),
                num(mentions[k], 0),
                num(rate[k], 0),
                num(low[k], 0),
                num(high[k], 0),
            );
            if dated {
                sparkline(h, name, &cc[k], sections);
            }
            let _ = write!(h, "<td>{}</td></tr>", num(net[k], 0));
        }
        h.push_str("</table>");
    }
    if let (Some(n), Some(all)) = (get("uncategorised_complaints"), get("complaints")) {
        if n > 0.0 {
            let _ = write!(
                h,
                "<p class=\"meta\">{} of the {} complaints ({}) name no category the taxonomy knows.</p>",
                num(Some(n), 0),
                num(Some(all), 0),
                pct(Some(n / all))
            );
        }
    }
    trend(h, name, &sections.months);

    let Some(s) = samples.providers.get(name) else { return };
    if !s.flagged.is_empty() {
        h.push_str("<h3>Most suspicious reviews</h3>");
        for (q, _) in &s.flagged {
            quote(h, q, "");
        }
    }
    let clusters = s.largest_clusters(5);
    if !clusters.is_empty() {
        h.push_str("<h3>Largest near-duplicate clusters</h3><table><tr><th>reviews</th><th>cluster</th><th class=\"l\">sample text</th></tr>");
        for (id, size, text) in clusters {
            let _ = write!(h, "<tr><td>{size}</td><td>#{id}</td><td class=\"l\">{}</td></tr>", escape(text));
        }
        h.push_str("</table><p class=\"meta\">Cluster #N: the position (from 0) of its first review in reviews.parquet; sizes count reviews of every provider.</p>");
    }
    if !s.complaints.is_empty() {
        h.push_str("<h3>Complaint examples</h3>");
        for (category, quotes) in &s.complaints {
            let _ = write!(h, "<p><b>{}</b></p>", escape(names.get(category).unwrap_or(category)));
            for (q, _) in quotes {
                quote(h, q, "c");
            }
        }
        if s.complaints.values().flatten().any(|(_, learned)| *learned) {
            h.push_str("<p class=\"meta\">(learned): no cue phrase named the category; the learned category models did, or the subject the run gives the review's source (an app store's complaints are about the app), and the highlighted sentence is the review's most negative one. Cue-evidenced complaints are shown first where there are any.</p>");
        }
    }
}

/// A table cell with one category's complaints per 1 000 of the provider's reviews, month by month on the months of
/// the provider's trend chart (a month without a complaint is 0), each over the three months around it so that a
/// month of two reviews does not make a peak; scaled to its own peak, which the tooltip gives.
fn sparkline(h: &mut String, name: &str, category: &str, sections: &Sections) {
    let (months, cm) = (&sections.months, &sections.category_months);
    let (axis, month, reviews) = (months.of(name), months.s("month"), months.f("reviews"));
    let (cat, cat_month, complaints) = (cm.s("category"), cm.s("month"), cm.f("complaints"));
    let by_month: HashMap<&str, f64> = cm
        .of(name)
        .iter()
        .filter(|&&k| cat[k] == category)
        .map(|&k| (cat_month[k].as_str(), complaints[k].unwrap_or(0.0)))
        .collect();
    let counts: Vec<(f64, f64)> = axis
        .iter()
        .map(|&k| (by_month.get(month[k].as_str()).copied().unwrap_or(0.0), reviews[k].unwrap_or(0.0)))
        .collect();
    let rates: Vec<f64> = (0..counts.len())
        .map(|j| {
            let window = &counts[j.saturating_sub(1)..(j + 2).min(counts.len())];
            let (c, n) = window.iter().fold((0.0, 0.0), |(c, n), &(a, b)| (c + a, n + b));
            if n > 0.0 {
                c / n * 1000.0
            } else {
                0.0
            }
        })
        .collect();
    let (peak_at, peak) =
        rates.iter().enumerate().fold((0, 0.0), |(j, m), (i, &r)| if r > m { (i, r) } else { (j, m) });
    let (w, hgt) = (160.0, 18.0);
    let step = w / (rates.len() - 1).max(1) as f64;
    let points: Vec<String> = rates
        .iter()
        .enumerate()
        .map(|(j, r)| format!("{:.1},{:.1}", j as f64 * step, hgt - 1.0 - r / peak.max(1.0) * (hgt - 2.0)))
        .collect();
    let when = &month[axis[peak_at]];
    let _ = write!(
        h,
        "<td class=\"l\"><svg width=\"{w}\" height=\"{hgt}\" role=\"img\"><title>peak {} complaints / 1 000 in the three months around {}</title>\
         <polyline points=\"{}\" fill=\"none\" stroke=\"#c4302b\" stroke-width=\"1.5\"/></svg></td>",
        num(Some(peak), 0),
        escape(&when[..7.min(when.len())]),
        points.join(" ")
    );
}

/// Reviews per month (bars) and complaint rate (line) with its 95 % interval (band), when the reviews have dates. A
/// month of a handful of reviews swings the rate by hundreds per 1 000; the band's width says which swings to trust.
fn trend(h: &mut String, name: &str, months: &Columns) {
    let month = months.s("month");
    let (reviews, rate) = (months.f("reviews"), months.f("complaints_per_1000"));
    let (low, high) = (months.f("complaints_per_1000_low"), months.f("complaints_per_1000_high"));
    let rows = months.of(name);
    if rows.len() < 2 {
        return;
    }
    let (w, hgt, n) = (640.0, 120.0, rows.len() as f64);
    let max = rows.iter().filter_map(|&k| reviews[k]).fold(1.0, f64::max);
    let step = w / n;
    let y = |per_1000: Option<f64>| hgt - per_1000.unwrap_or(0.0) / 1000.0 * hgt;
    let _ = write!(h, "<h3>Monthly trend</h3><svg width=\"{w}\" height=\"{}\" role=\"img\">", hgt + 18.0);
    let (mut line, mut upper, mut lower) = (String::new(), Vec::new(), Vec::new());
    for (j, &k) in rows.iter().enumerate() {
        let bh = reviews[k].unwrap_or(0.0) / max * hgt;
        let x = j as f64 * step;
        let _ = write!(h, "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"#b9c6e0\"><title>{}: {} reviews, {} complaints / 1 000 (95 % interval {}–{})</title></rect>",
            x + 1.0, hgt - bh, (step - 2.0).max(1.0), escape(&month[k][..7.min(month[k].len())]), num(reviews[k], 0), num(rate[k], 0), num(low[k], 0), num(high[k], 0));
        let _ = write!(line, "{:.1},{:.1} ", x + step / 2.0, y(rate[k]));
        upper.push(format!("{:.1},{:.1}", x + step / 2.0, y(high[k])));
        lower.push(format!("{:.1},{:.1}", x + step / 2.0, y(low[k])));
    }
    lower.reverse();
    let _ = write!(
        h,
        "<polygon points=\"{} {}\" fill=\"#c4302b\" fill-opacity=\"0.15\" stroke=\"none\"/>",
        upper.join(" "),
        lower.join(" ")
    );
    let _ = write!(h, "<polyline points=\"{line}\" fill=\"none\" stroke=\"#c4302b\" stroke-width=\"2\"/>");
    let (first, last) = (&month[rows[0]], &month[*rows.last().expect("two rows")]);
    let _ = write!(h, "<text x=\"0\" y=\"{}\" font-size=\"11\">{}</text><text x=\"{w}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text></svg>",
        hgt + 14.0, escape(&first[..7.min(first.len())]), hgt + 14.0, escape(&last[..7.min(last.len())]));
    h.push_str("<div class=\"legend\"><span><i class=\"sw\" style=\"background:#b9c6e0\"></i>reviews per month</span><span><i class=\"sw\" style=\"background:#c4302b\"></i>complaints per 1 000 (scale 0–1 000)</span><span><i class=\"sw\" style=\"background:#c4302b;opacity:.15\"></i>its 95 % interval: wide where a month has few reviews</span></div>");
}

/// A quoted review with its evidence highlighted.
fn quote(h: &mut String, q: &Quote, class: &str) {
    let tags: String = q.labels.iter().map(|l| format!("<span class=\"tag\">{}</span>", escape(l))).collect();
    let rating = q.rating.map_or(String::new(), |r| format!(" · {r:.0} ★"));
    let _ = write!(
        h,
        "<div class=\"quote\"><span class=\"h\">{}{rating} · score {:.2} {tags}</span>",
        escape(&q.review_id),
        q.score
    );
    h.push_str(&highlight(&q.text, &q.marks, class));
    if q.cut {
        h.push('…');
    }
    h.push_str("</div>");
}

/// The text with each span wrapped in `<mark>`; overlapping spans keep the first.
pub fn highlight(text: &str, marks: &[(String, crate::review::Span)], class: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<(usize, usize, &str)> =
        marks.iter().map(|(l, s)| (s.start as usize, (s.end as usize).min(chars.len()), l.as_str())).collect();
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let mut out = String::new();
    let mut at = 0;
    for (start, end, label) in spans {
        if start < at || start >= end {
            continue;
        }
        out.push_str(&escape(&chars[at..start].iter().collect::<String>()));
        let class = if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") };
        let _ = write!(
            out,
            "<mark{class} title=\"{}\">{}</mark>",
            escape(label),
            escape(&chars[start..end].iter().collect::<String>())
        );
        at = end;
    }
    out.push_str(&escape(&chars[at..].iter().collect::<String>()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Span;

    #[test]
    fn a_share_that_is_not_zero_never_reads_zero() {
        assert_eq!(pct(Some(1.0 / 4060.0)), "< 0.1 %");
        assert_eq!(pct(Some(0.0)), "0.0 %");
        assert_eq!(pct(Some(0.0005)), "0.1 %");
        assert_eq!(pct(None), "–");
    }

    #[test]
    fn hostile_text_is_escaped_and_marks_stay_inside_the_text() {
        let text = "<script>alert(1)</script> call \"><img src=x onerror=alert(1)> @evil";
        let start = text.chars().position(|c| c == '@').unwrap() as u32;
        let span = Span { field: "text", start, end: start + 5, quote: "@evil".into() };
        let html = highlight(text, &[("contact\"><b>".into(), span)], "");
        assert!(!html.contains("<script>") && !html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;") && html.contains("&quot;&gt;&lt;img"));
        assert!(html.contains("<mark title=\"contact&quot;&gt;&lt;b&gt;\">@evil</mark>"), "{html}");
    }
}
