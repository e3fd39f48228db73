//! End-to-end tests: the `reviewsift` binary on fixtures written for these tests, outputs read back with polars.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use polars::prelude::*;
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `reviewsift run` from the repository root (where models/ lives) with the given arguments.
fn reviewsift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reviewsift"))
        .current_dir(repo())
        .arg("run")
        .arg("--quiet")
        .args(args)
        .output()
        .expect("binary runs")
}

fn run_ok(args: &[&str]) {
    let out = reviewsift(args);
    assert!(out.status.success(), "reviewsift failed: {}", String::from_utf8_lossy(&out.stderr));
}

fn parquet(path: &Path) -> DataFrame {
    ParquetReader::new(fs::File::open(path).unwrap()).finish().unwrap()
}

fn manifest(out: &Path) -> Value {
    serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

fn quarantine(out: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(out.join("quarantine.csv")).unwrap().records().map(|r| r.unwrap()).collect()
}

fn strs(df: &DataFrame, column: &str) -> Vec<String> {
    df.column(column).unwrap().str().unwrap().iter().map(|s| s.unwrap_or("").to_string()).collect()
}

/// A CSV with one row of every kind of damage, CRLF line ends in part, and good rows after each bad one.
fn damaged_csv(dir: &Path) -> PathBuf {
    let mut bytes = b"\xEF\xBB\xBFreview_id,provider,rating,date,text\r\n".to_vec();
    bytes.extend_from_slice(b"g1,Rogers,5,2025-01-02,The network is great in Toronto\r\n"); // line 2
    bytes.extend_from_slice(b"b1,Rogers,5,2025-01-02\r\n"); // 3: wrong field count
    bytes.extend_from_slice(b"b2,Bell,five,2025-01-02,Rating is a word\n"); // 4: rating not a number
    bytes.extend_from_slice(b"b3,Bell,4,2025-01-02,   \n"); // 5: empty text
    bytes.extend_from_slice(b"b4,Bell,4,someday,Date is a word\n"); // 6: date
    bytes.extend_from_slice(b"b5,Bell,9,2025-01-02,Rating out of range\n"); // 7: rating range
    bytes.extend_from_slice(b"b6,Telus,2,2025-01-02,Bad bytes \xff\xfe here\n"); // 8: invalid UTF-8
    bytes.extend_from_slice(b"b7,Telus,1,2025-01-02,\"Quote opens and never closes\n"); // 9: unbalanced quote
    bytes.extend_from_slice(b"g2,Telus,1,2025-01-03,The app crashes and support never answers\n"); // 10
    bytes.extend_from_slice(b"g3,Telus,3,2025-01-04,\"A quoted, multi-line\ntext that is fine\"\n"); // 11-12
    bytes.extend_from_slice(b"g4,Bell,4,2025-01-05,Good value\n"); // 13
    let path = dir.join("damaged.csv");
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn every_row_is_accounted_for_and_each_quarantine_reason_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let csv = damaged_csv(dir.path());
    let jsonl = dir.path().join("more.jsonl");
    fs::write(
        &jsonl,
        "{\"review_id\": \"j1\", \"provider\": \"Bell\", \"text\": \"信号很差\", \"rating\": 1}\n\
         {\"review_id\": \"j2\", \"text\": \"broken json\n\
         [1, 2]\n\
         \n\
         {\"review_id\": \"j3\", \"provider\": \"Bell\", \"text\": 42}\n\
         {\"review_id\": \"j4\", \"text\": \"Pas de réseau depuis deux jours\", \"rating\": \"4,5\"}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    // The rating and date columns named: a value they cannot give quarantines its row (see the next test for the
    // columns found by their built-in names).
    let named = ["--rating-column", "rating", "--date-column", "date"];
    run_ok(
        &[&["-i", csv.to_str().unwrap(), "-i", jsonl.to_str().unwrap(), "-o", out.to_str().unwrap()], &named[..]]
            .concat(),
    );

    let m = manifest(&out);
    assert_eq!(m["counts"]["rows_in"], 16);
    assert_eq!(m["counts"]["analysed"], 6);
    assert_eq!(m["counts"]["quarantined"], 10);
    for input in m["inputs"].as_array().unwrap() {
        let (rows, a, q) = (
            input["rows"].as_u64().unwrap(),
            input["analysed"].as_u64().unwrap(),
            input["quarantined"].as_u64().unwrap(),
        );
        assert_eq!(rows, a + q);
        assert_eq!(input["sha256"].as_str().unwrap().len(), 64);
    }
    // Which weights made the outputs: every trained model file read, with its SHA-256.
    let trained: Vec<&str> =
        m["models"]["trained"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    for name in ["sentiment-en.bin", "deception-en.bin", "category-billing.bin", "telecom.bin"] {
        assert!(trained.iter().any(|p| p.ends_with(name)), "{name} not in {trained:?}");
    }
    assert!(m["models"]["trained"].as_array().unwrap().iter().all(|f| f["sha256"].as_str().unwrap().len() == 64));

    let q = quarantine(&out);
    let found: Vec<(String, String, String)> =
        q.iter().map(|r| (r[1].to_string(), r[2].to_string(), r[3].to_string())).collect();
    let expect = [
        ("3", "", "wrong field count: expected 5 fields, found 4"),
        ("4", "rating", "rating `five` is not a number"),
        ("5", "text", "empty text"),
        ("6", "date", "date `someday` is not a date"),
        ("7", "rating", "rating 9 outside 1–5"),
        ("8", "text", "invalid UTF-8"),
        ("9", "", "unbalanced quote"),
        ("2", "", "invalid JSON"),
        ("3", "", "expected a JSON object"),
        ("5", "text", "expected a string, found a number"),
    ];
    assert_eq!(found.len(), expect.len(), "{found:?}");
    for ((line, column, reason), (want_line, want_column, want_reason)) in found.iter().zip(expect) {
        assert_eq!((line.as_str(), column.as_str()), (want_line, want_column), "{reason}");
        assert!(reason.starts_with(want_reason), "{reason} does not start with {want_reason}");
    }
    assert!(q.iter().all(|r| r[0].ends_with("damaged.csv") || r[0].ends_with("more.jsonl")));

    let reviews = parquet(&out.join("reviews.parquet"));
    assert_eq!(strs(&reviews, "review_id"), ["g1", "g2", "g3", "g4", "j1", "j4"]);
    let lines: Vec<u64> = reviews.column("source_line").unwrap().u64().unwrap().into_no_null_iter().collect();
    assert_eq!(lines, [2, 10, 11, 13, 1, 6]);
    assert_eq!(strs(&reviews, "text")[2], "A quoted, multi-line\ntext that is fine");
    assert_eq!(strs(&reviews, "provider")[5], "unknown");
    let ratings: Vec<Option<f64>> = reviews.column("rating").unwrap().f64().unwrap().iter().collect();
    assert_eq!(ratings[5], Some(4.5));

    // The report says what was left out and why: per file, by column, and the first rows.
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    // The provider links are separated by white space, so that a long list wraps instead of widening the page.
    let nav = &html[html.find("<nav>").unwrap()..html.find("</nav>").unwrap()];
    assert_eq!(nav.matches("</a> <a href=").count(), nav.matches("<a href=").count() - 1, "{nav}");
    let section = &html[html.find("Inputs and quarantined rows</h2>").expect("an inputs section")..];
    assert!(section.contains("damaged.csv</td><td class=\"l\">csv</td><td class=\"l\">UTF-8</td>"), "{section}");
    assert!(section.contains("<code>rating</code> "), "{section}");
    assert!(section.contains("wrong field count: expected 5 fields, found 4"), "{section}");
}

#[test]
fn a_rating_or_date_the_run_did_not_name_is_left_empty_and_warned_of_not_quarantined() {
    // The same damaged file, its rating and date columns found by their built-in names only: a guess about the
    // file, which must not cost the analysis of rows whose text is fine (the FCC's `Date` holds "22-04-15").
    let dir = tempfile::tempdir().unwrap();
    let csv = damaged_csv(dir.path());
    let out = dir.path().join("out");
    let run = reviewsift(&["-i", csv.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(run.status.success());
    let m = manifest(&out);
    let count = |k: &str| m["counts"][k].as_u64().unwrap();
    assert_eq!((count("rows_in"), count("analysed"), count("quarantined")), (11, 7, 4), "{m}");
    assert_eq!((count("unread_ratings"), count("unread_dates")), (2, 1));
    let reasons: Vec<String> = quarantine(&out).iter().map(|r| r[3].to_string()).collect();
    assert!(reasons.iter().all(|r| !r.contains("rating") && !r.contains("date")), "{reasons:?}");
    let reviews = parquet(&out.join("reviews.parquet"));
    assert_eq!(strs(&reviews, "review_id"), ["g1", "b2", "b4", "b5", "g2", "g3", "g4"]);
    let ratings: Vec<Option<f64>> = reviews.column("rating").unwrap().f64().unwrap().iter().collect();
    assert_eq!(ratings[..4], [Some(5.0), None, Some(4.0), None]);
    assert!(reviews.column("date").unwrap().get(2).unwrap().is_null(), "b4's date `someday` is left empty");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("2 review(s) have a value in the rating column") && stderr.contains("\"five\", \"9\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 review(s) have a value in the date column") && stderr.contains("\"someday\""),
        "{stderr}"
    );
}

#[test]
fn a_header_line_repeated_by_joined_exports_is_quarantined_not_read_as_a_review() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("joined.csv");
    let export = "review_id,provider,rating,text\nr1,Bell,1,Dropped calls all week\n";
    fs::write(&input, format!("{export}{}", export.replace("r1", "r2"))).unwrap();
    let out = dir.path().join("o");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(strs(&parquet(&out.join("reviews.parquet")), "review_id"), ["r1", "r2"]);
    let q = quarantine(&out);
    assert_eq!((q.len(), &q[0][1], &q[0][4]), (1, "3", ""), "{q:?}");
    assert!(q[0][3].starts_with("the header line again"), "{q:?}");
    let providers = strs(&parquet(&out.join("providers.parquet")), "provider");
    assert!(!providers.contains(&"provider".to_string()), "{providers:?}");
}

#[test]
fn missing_ids_get_stable_generated_ones_and_exact_duplicates_are_flagged_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("noid.csv");
    fs::write(&input, "text,provider\nThe hotline kept me on hold for an hour today,Bell\nOk,Bell\nThe  hotline kept me on hold for an hour today,Rogers\n").unwrap();
    let ids = |out: &Path| {
        run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        parquet(&out.join("reviews.parquet"))
    };
    let a = ids(&dir.path().join("a"));
    let b = ids(&dir.path().join("b"));
    assert_eq!(strs(&a, "review_id"), strs(&b, "review_id"));
    let id = strs(&a, "review_id");
    assert!(id.iter().all(|i| i.starts_with("gen-")) && id[0] != id[1]);
    let dup = strs(&a, "duplicate_of");
    assert_eq!(dup, ["", "", id[0].as_str()]);
}

#[test]
fn the_seed_like_article_is_flagged_for_contact_and_vague_praise_and_mentions_the_channels() {
    let dir = tempfile::tempdir().unwrap();
    let article = fs::read_to_string(repo().join("tests/fixtures/seed_like.txt")).unwrap();
    let input = dir.path().join("seed.jsonl");
    fs::write(&input, serde_json::json!({"review_id": "seed", "text": article}).to_string()).unwrap();
    let out = dir.path().join("out");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let r = parquet(&out.join("reviews.parquet"));
    assert_eq!(strs(&r, "lang"), ["zh"]);
    assert!(r.column("suspicious").unwrap().bool().unwrap().get(0).unwrap());
    let reasons = r.column("suspicion_reasons").unwrap().list().unwrap().get_as_series(0).unwrap();
    let reasons: Vec<&str> = reasons.str().unwrap().iter().flatten().collect();
    assert_eq!(&reasons[..2], ["contact", "vague_praise"], "{reasons:?}");
    let mentions = r.column("mentions").unwrap().list().unwrap().get_as_series(0).unwrap();
    let mentions: Vec<&str> = mentions.str().unwrap().iter().flatten().collect();
    for category in ["online_support", "phone_support", "store_service", "refund_return"] {
        assert!(mentions.contains(&category), "{category} not in {mentions:?}");
    }
    assert!(!r.column("is_complaint").unwrap().bool().unwrap().get(0).unwrap(), "praise is not a complaint");

    // The contact evidence quotes the original (full-width) handle at its offsets in the text.
    let evidence = r.column("suspicion_evidence").unwrap().list().unwrap().get_as_series(0).unwrap();
    let evidence = evidence.struct_().unwrap();
    let field = |name: &str| evidence.field_by_name(name).unwrap();
    let chars: Vec<char> = article.chars().collect();
    let quotes: Vec<String> = field("quote").str().unwrap().iter().flatten().map(str::to_string).collect();
    let starts: Vec<u32> = field("start").u32().unwrap().into_no_null_iter().collect();
    let ends: Vec<u32> = field("end").u32().unwrap().into_no_null_iter().collect();
    let handle = quotes.iter().position(|q| q.contains("ｍａｐｌｅ")).expect("handle quoted");
    assert_eq!(chars[starts[handle] as usize..ends[handle] as usize].iter().collect::<String>(), quotes[handle]);
}

#[test]
fn complaint_evidence_says_which_categories_the_learned_models_named_and_the_report_shows_cue_examples_first() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let rows = [
        // No cue names a category: the learned fallback does, quoting the most negative sentence.
        serde_json::json!({"review_id": "guess", "provider": "Rogers", "text": "Rubbish. Does nothing."}),
        serde_json::json!({"review_id": "cue", "provider": "Rogers", "text": "The app keeps crashing on login, useless."}),
        serde_json::json!({"review_id": "cue2", "provider": "Rogers", "text": "Since the update the app will not open at all."}),
    ];
    fs::write(&input, rows.iter().map(|r| r.to_string() + "\n").collect::<String>()).unwrap();
    let out = dir.path().join("out");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let r = parquet(&out.join("reviews.parquet"));
    let ids = strs(&r, "review_id");
    let evidence = r.column("complaint_evidence").unwrap().list().unwrap();
    let app = |row: usize| {
        let e = evidence.get_as_series(row).unwrap();
        let e = e.struct_().unwrap();
        let categories: Vec<String> =
            e.field_by_name("category").unwrap().str().unwrap().iter().flatten().map(str::to_string).collect();
        let k = categories
            .iter()
            .position(|c| c == "app_website")
            .unwrap_or_else(|| panic!("{}: {categories:?}", ids[row]));
        let learned = e.field_by_name("learned").unwrap().bool().unwrap().get(k).unwrap();
        let complaint = e.field_by_name("complaint").unwrap().bool().unwrap().get(k).unwrap();
        (learned, complaint)
    };
    let row = |id: &str| ids.iter().position(|x| x == id).unwrap();
    assert_eq!(app(row("guess")), (true, true), "the fallback's category is marked learned");
    assert_eq!(app(row("cue")), (false, true), "a cue's category is not");
    // The CSV copy carries the same flag in its evidence JSON.
    let mut csv = csv::Reader::from_path(out.join("reviews.csv")).unwrap();
    let column = csv.headers().unwrap().iter().position(|h| h == "complaint_evidence").unwrap();
    let cells: Vec<String> = csv.records().map(|r| r.unwrap()[column].to_string()).collect();
    assert!(cells[row("guess")].contains(r#""learned":true"#), "{cells:?}");
    assert!(cells[row("cue")].contains(r#""learned":false"#), "{cells:?}");
    // Two cue-evidenced complaints fill the category's examples: the guess is not one of them.
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("keeps crashing on login") && html.contains("will not open"), "cue examples missing");
    assert!(!html.contains("(learned)"), "a learned example shown although two cue ones exist");
}

#[test]
fn a_providers_e_mail_quoted_in_a_complaint_is_not_the_complainants_call_to_action() {
    let dir = tempfile::tempdir().unwrap();
    let offer = "Please feel free to contact me directly at 888-966-7794, call now for a free upgrade!";
    let input = dir.path().join("threads.jsonl");
    let rows = [
        serde_json::json!({"review_id": "quoting", "text": format!(
            "Comcast billed me twice for a modem I returned and nobody fixes it.\n--------\nFrom: \"Comcast Relations\" \
            <exec@cable.comcast.com>\nSent: Wednesday, April 29, 2015 4:08 PM\nSubject: your bill\n{offer}")}),
        serde_json::json!({"review_id": "own", "text": format!("Best internet deal in town. {offer}")}),
    ];
    fs::write(&input, rows.iter().map(|r| format!("{r}\n")).collect::<String>()).unwrap();
    let out = dir.path().join("out");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let r = parquet(&out.join("reviews.parquet"));
    let reasons = |i: usize| -> Vec<String> {
        let list = r.column("suspicion_reasons").unwrap().list().unwrap().get_as_series(i).unwrap();
        list.str().unwrap().iter().flatten().map(str::to_string).collect()
    };
    assert!(reasons(0).is_empty(), "the quoted e-mail counted: {:?}", reasons(0));
    assert!(reasons(1).contains(&"call_to_action".to_string()), "{:?}", reasons(1));
    assert!(reasons(1).contains(&"contact".to_string()), "{:?}", reasons(1));
}

/// Three providers with unambiguous texts, so every aggregate can be computed by hand.
const AGGREGATE_FIXTURE: &str = "review_id,provider,rating,date,text
a1,Alpha,5,2025-01-01,Excellent and wonderful service
a2,Alpha,1,2025-01-02,The app crashes every time and it is terrible
a3,Alpha,,2025-02-01,Does the plan include roaming?
a4,Alpha,x,2025-02-01,Rating is broken here
b1,Beta,2,2025-01-01,Le réseau est nul et la facture est fausse
b2,Beta,4,2025-01-01,Très bon service
c1,Gamma,3,2025-03-01,信号太差了，经常断网，非常失望
";

fn providers_by_name(out: &Path) -> std::collections::HashMap<String, Vec<AnyValue<'static>>> {
    let p = parquet(&out.join("providers.parquet"));
    let names = strs(&p, "provider");
    names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), p.get(i).unwrap().into_iter().map(|v| v.into_static()).collect()))
        .collect()
}

#[test]
fn aggregates_match_hand_computed_values() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("agg.csv");
    fs::write(&input, AGGREGATE_FIXTURE).unwrap();
    let out = dir.path().join("out");
    // The rating column named: a4's rating `x` quarantines the row.
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--rating-column", "rating"]);
    let p = parquet(&out.join("providers.parquet"));
    assert_eq!(strs(&p, "provider"), ["Alpha", "Beta", "Gamma"], "sorted by reviews, then name");
    let u = |c: &str| p.column(c).unwrap().u64().unwrap().into_no_null_iter().collect::<Vec<_>>();
    let f = |c: &str| p.column(c).unwrap().f64().unwrap().iter().collect::<Vec<_>>();
    assert_eq!(u("reviews"), [3, 2, 1]);
    assert_eq!(u("quarantined"), [1, 0, 0]);
    assert_eq!(u("rated_reviews"), [2, 2, 1]);
    assert_eq!(f("mean_rating"), [Some(3.0), Some(3.0), Some(3.0)]);
    assert_eq!(f("share_en"), [Some(1.0), Some(0.0), Some(0.0)]);
    assert_eq!(f("share_fr"), [Some(0.0), Some(1.0), Some(0.0)]);
    assert_eq!(f("share_zh"), [Some(0.0), Some(0.0), Some(1.0)]);
    let third = 1.0 / 3.0;
    assert_eq!(f("share_positive"), [Some(third), Some(0.5), Some(0.0)]);
    assert_eq!(f("share_neutral"), [Some(third), Some(0.0), Some(0.0)]);
    assert_eq!(f("share_negative"), [Some(third), Some(0.5), Some(1.0)]);
    assert_eq!(u("complaints"), [1, 1, 1]);
    assert_eq!(f("complaints_per_1000"), [Some(1000.0 / 3.0), Some(500.0), Some(1000.0)]);
    assert_eq!(u("uncategorised_complaints"), [0, 0, 0], "each complaint names a category");

    let c = parquet(&out.join("provider_categories.parquet"));
    assert_eq!(c.height(), 3 * 14, "every provider × every category");
    let row = |provider: &str, category: &str| {
        let ps = strs(&c, "provider");
        let cs = strs(&c, "category");
        let i = (0..c.height()).find(|&i| ps[i] == provider && cs[i] == category).unwrap();
        (
            c.column("complaints").unwrap().u64().unwrap().get(i).unwrap(),
            c.column("complaints_per_1000").unwrap().f64().unwrap().get(i),
        )
    };
    assert_eq!(row("Alpha", "app_website"), (1, Some(1000.0 / 3.0)));
    assert_eq!(row("Beta", "network_quality"), (1, Some(500.0)));
    assert_eq!(row("Beta", "billing"), (1, Some(500.0)));
    assert_eq!(row("Gamma", "network_quality"), (1, Some(1000.0)));
    assert_eq!(row("Gamma", "billing"), (0, Some(0.0)));
    let top = p.column("top_categories").unwrap().list().unwrap().get_as_series(1).unwrap();
    assert_eq!(top.str().unwrap().iter().flatten().collect::<Vec<_>>(), ["billing", "network_quality"]);
    // In the report, a category's monthly line for a provider with dated reviews in two months or more: Alpha's one
    // app complaint of January, over the three reviews of January and February (a4 is quarantined).
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("peak 333 complaints / 1 000 in the three months around 2025-01"), "no sparkline");
    // The trend's January: one complaint in two reviews, with its 95 % interval (drawn as the band).
    assert!(html.contains("2025-01: 2 reviews, 500 complaints / 1 000 (95 % interval 95–905)"), "trend tooltip");
    assert_eq!(html.matches("<th class=\"l\">by month (3-month window)</th>").count(), 1, "Alpha only");
}

#[test]
fn an_account_that_wrote_mostly_replies_is_warned_of_and_once_named_all_its_texts_are_the_providers() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tweets.csv");
    // The operator's account: five support replies and an outage notice, which no reply phrase finds and which
    // reads as a network complaint; and two customers.
    let mut rows = String::from(
        "review_id,provider,author,text\n\
         1,Free,alice,\"Plus de réseau depuis trois jours, la fibre est coupée, inadmissible.\"\n\
         2,Free,bob,\"Très bon débit, rien à redire.\"\n\
         3,Free,Freebox,\"Une coupure de fibre entraîne une interruption de service à Cergy. Des équipes sont sur place.\"\n",
    );
    for i in 4..9 {
        rows.push_str(&format!(
            "{i},Free,Freebox,\"Bonjour, nous en sommes désolés. Retrouvez-moi sur Messenger ({i}).\"\n"
        ));
    }
    fs::write(&input, rows).unwrap();
    let replies = |out: &Path| -> Vec<bool> {
        let r = parquet(&out.join("reviews.parquet"));
        r.column("provider_reply").unwrap().bool().unwrap().iter().map(|b| b.unwrap()).collect()
    };
    let customers =
        |out: &Path| parquet(&out.join("providers.parquet")).column("reviews").unwrap().u64().unwrap().get(0);

    let out = dir.path().join("out");
    let run = reviewsift(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(run.status.success());
    assert_eq!(replies(&out), [false, false, false, true, true, true, true, true]);
    assert_eq!(customers(&out), Some(3), "the notice counts as a customer's review");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("warning: 1 author(s) wrote mostly the provider's support replies")
            && stderr.contains("\"Freebox\" (6 texts, 5 of them replies)")
            && stderr.contains("--set 'complaints.provider_accounts=[\"Freebox\"]'"),
        "{stderr}"
    );

    // Named (any case, any surrounding space), every text of the account is the provider's own.
    let named = dir.path().join("named");
    let set = "complaints.provider_accounts=[\" freebox \"]";
    let run = reviewsift(&["-i", input.to_str().unwrap(), "-o", named.to_str().unwrap(), "--set", set]);
    assert!(run.status.success());
    assert_eq!(replies(&named), [false, false, true, true, true, true, true, true]);
    assert_eq!(customers(&named), Some(2));
    assert!(!String::from_utf8_lossy(&run.stderr).contains("author(s) wrote mostly"));
}

#[test]
fn an_author_spelt_like_the_provider_is_warned_of_once_and_not_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    let mut rows =
        String::from("review_id,provider,author,text\n1,Free Mobile,alice,\"Plus de réseau, inadmissible.\"\n");
    for i in 0..3 {
        rows.push_str(&format!("a{i},Free Mobile,free,\"Découvrez le forfait 5G à 9,99 € par mois ({i}).\"\n"));
        rows.push_str(&format!("b{i},Bell,Bella,\"The signal keeps dropping in my basement ({i}).\"\n"));
    }
    // Warned of already as the author of support replies: not again as a namesake.
    for i in 0..6 {
        rows.push_str(&format!(
            "c{i},Free Mobile,Freebox,\"Bonjour, nous en sommes désolés. Retrouvez-moi sur Messenger ({i}).\"\n"
        ));
    }
    rows.push_str("c6,Free Mobile,Freebox,\"Une coupure de fibre à Cergy, des équipes sont sur place.\"\n");
    fs::write(&input, rows).unwrap();

    let out = dir.path().join("out");
    let run = reviewsift(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    let line = stderr.lines().find(|l| l.contains("spelt like the provider")).unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        line.contains("1 author(s)") && line.contains("\"free\" (3 of their 3 texts, about Free Mobile)"),
        "{line}"
    );
    assert!(line.contains("--set 'complaints.provider_accounts=[\"free\"]'"), "{line}");
    assert!(!line.contains("Freebox") && !line.contains("Bella"), "{line}");
    let manifest = manifest(&out);
    assert!(manifest["warnings"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().contains("spelt like")));

    let named = dir.path().join("named");
    let set = "complaints.provider_accounts=[\"free\", \"Freebox\"]";
    let run = reviewsift(&["-i", input.to_str().unwrap(), "-o", named.to_str().unwrap(), "--set", set]);
    assert!(run.status.success());
    assert!(!String::from_utf8_lossy(&run.stderr).contains("spelt like"));
}

#[test]
fn the_providers_own_replies_are_marked_and_left_out_of_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("thread.csv");
    // Two customers and four copies of the operator's templated reply: a near-duplicate cluster of one author's,
    // suspicion score 0.545 — flagged suspicious before replies were told apart.
    let reply =
        "Bonjour, nous en sommes désolés. Retrouvez-moi dès à présent sur Messenger pour vérifier votre facture.";
    let rows = format!(
        "review_id,provider,author,rating,date,text\n\
         1,Free,alice,1,2025-03-01,\"Plus de réseau depuis trois jours, la fibre est coupée, inadmissible.\"\n\
         2,Free,bob,5,2025-03-01,\"Très bon débit, rien à redire.\"\n\
         3,Free,free_support,,2025-03-01,\"{reply}\"\n4,Free,free_support,,2025-03-01,\"{reply}\"\n\
         5,Free,free_support,,2025-03-01,\"{reply}\"\n6,Free,free_support,,2025-03-01,\"{reply}\"\n"
    );
    fs::write(&input, rows).unwrap();
    let out = dir.path().join("out");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let r = parquet(&out.join("reviews.parquet"));
    let replies: Vec<bool> = r.column("provider_reply").unwrap().bool().unwrap().iter().map(|b| b.unwrap()).collect();
    assert_eq!(replies, [false, false, true, true, true, true]);
    let flagged: Vec<bool> = r.column("suspicious").unwrap().bool().unwrap().iter().map(|b| b.unwrap()).collect();
    assert_eq!(&flagged[2..], [false; 4], "a signed reply is not a fake review");
    let scores: Vec<f64> = r.column("suspicion_score").unwrap().f64().unwrap().into_no_null_iter().collect();
    assert!(scores[2] >= 0.5, "its score is kept: {scores:?}");
    let p = parquet(&out.join("providers.parquet"));
    let u = |c: &str| p.column(c).unwrap().u64().unwrap().get(0).unwrap();
    assert_eq!((u("reviews"), u("provider_replies"), u("complaints"), u("suspicious")), (2, 4, 1, 0));
    let f = |c: &str| p.column(c).unwrap().f64().unwrap().get(0).unwrap();
    assert_eq!(f("complaints_per_1000"), 500.0, "one complaint in two customer reviews, not in six texts");
    let m = parquet(&out.join("provider_months.parquet"));
    assert_eq!(m.column("reviews").unwrap().u64().unwrap().get(0), Some(2));
    // One complaint in the month's two reviews: the 95 % Wilson interval is 94.5–905.5 per 1 000.
    let month = |c: &str| m.column(c).unwrap().f64().unwrap().get(0).unwrap();
    assert!((month("complaints_per_1000_low") - 94.53).abs() < 0.01, "{}", month("complaints_per_1000_low"));
    assert!((month("complaints_per_1000_high") - 905.47).abs() < 0.01, "{}", month("complaints_per_1000_high"));
    let c = parquet(&out.join("provider_categories.parquet"));
    let mentions: u64 = c.column("mentions").unwrap().u64().unwrap().into_no_null_iter().sum();
    let billing = strs(&c, "category").iter().position(|x| x == "billing").unwrap();
    assert_eq!(c.column("mentions").unwrap().u64().unwrap().get(billing), Some(0), "the replies' \"facture\"");
    assert!(mentions >= 1, "the customer's network complaint is a mention");
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("4 of the texts are the provider's own: support replies"), "{html}");
    assert!(!html.contains("Retrouvez-moi"), "no reply quoted as an example");
}

#[test]
fn author_values_that_name_nobody_do_not_make_one_prolific_author() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("export.csv");
    // A spreadsheet export: four buyers' ids rounded to one value, two hidden accounts, and one real author who
    // posts three five-star reviews in a day. Before, all nine were flagged for author activity.
    let texts = [
        "信号很好，网速很快",
        "客服态度很好，办理很顺利",
        "资费便宜，推荐",
        "流量够用，很满意",
        "Works well abroad",
        "Fast activation",
        "Great coverage",
        "Cheap plan",
        "Easy top-up",
    ];
    let authors = [
        "1.00008E+11",
        "1.00008E+11",
        "1.00008E+11",
        "1.00008E+11",
        "A Google user",
        "A Google user",
        "wang",
        "wang",
        "wang",
    ];
    let mut rows = String::from("review_id,provider,author,rating,date,text\n");
    for (i, (a, t)) in authors.iter().zip(texts).enumerate() {
        rows.push_str(&format!("{i},JD,{a},5,2025-05-01,{t}\n"));
    }
    fs::write(&input, rows).unwrap();
    let activity = |out: &Path| -> Vec<bool> {
        let r = parquet(&out.join("reviews.parquet"));
        let reasons = r.column("suspicion_reasons").unwrap().list().unwrap().clone();
        (0..r.height())
            .map(|i| {
                let codes = reasons.get_as_series(i).unwrap();
                let busy = codes.str().unwrap().iter().flatten().any(|c| c == "author_activity");
                busy
            })
            .collect()
    };
    let out = dir.path().join("out");
    let run = reviewsift(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(run.status.success());
    assert_eq!(activity(&out), [false, false, false, false, false, false, true, true, true]);
    let r = parquet(&out.join("reviews.parquet"));
    let counted: Vec<Option<u32>> = r.column("author_reviews").unwrap().u32().unwrap().iter().collect();
    assert_eq!(counted, [None, None, None, None, None, None, Some(3), Some(3), Some(3)]);
    let m = manifest(&out);
    assert_eq!(m["counts"]["anonymous_authors"], 6);
    let warnings = m["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].as_str().unwrap().contains("(such as \"1.00008E+11\", \"A Google user\")"), "{warnings:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("warning: 6 review(s) have an author value that names nobody"), "{stderr}");
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains(
            "Warning: 6 review(s) have an author value that names nobody in particular (such as &quot;1.00008E+11&quot;"
        ),
        "{html}"
    );
    // The placeholders are the analyst's to edit: with none, the hidden accounts count as one author again.
    let out = dir.path().join("none");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--set", "crossreview.anonymous_authors=[]"]);
    assert_eq!(manifest(&out)["counts"]["anonymous_authors"], 4);
    // The same rounded numbers as review ids: kept as read, and warned of.
    let out = dir.path().join("ids");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--id-column", "author"]);
    let m = manifest(&out);
    assert_eq!(m["counts"]["rounded_ids"], 4);
    assert!(m["warnings"][1].as_str().unwrap().starts_with("4 review id(s) are numbers a spreadsheet rounded"), "{m}");
    assert_eq!(strs(&parquet(&out.join("reviews.parquet")), "review_id")[0], "1.00008E+11");
}

#[test]
fn review_ids_that_several_reviews_carry_are_warned_of_in_single_and_sharded_runs() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    // Two exports that each number their rows from 1.
    fs::write(dir.path().join("a.csv"), "id,text\n1,Great network\n2,The app crashes\n").unwrap();
    fs::write(dir.path().join("b.csv"), "id,text\n1,Slow data all week\n3,Fine\n").unwrap();
    let inputs = ["-i", &at("a.csv"), "-i", &at("b.csv"), "--id-column", "id", "--chunk-rows", "1"];
    run_ok(&[&inputs[..], &["-o", &at("single")]].concat());
    let m = manifest(&dir.path().join("single"));
    assert_eq!(m["counts"]["shared_ids"], 2, "{m}");
    let warning = m["warnings"][0].as_str().unwrap();
    assert!(warning.starts_with("2 review(s) share their review id with another review (such as \"1\")"), "{m}");
    // Ids are kept as read; the rows stay apart by file and line.
    let reviews = parquet(&dir.path().join("single").join("reviews.parquet"));
    assert_eq!(strs(&reviews, "review_id"), ["1", "2", "1", "3"]);
    // Shards see the other shards' ids only at the merge: the same count there.
    for i in 0..2 {
        run_ok(&[&inputs[..], &["-o", &at(&format!("s{i}")), "--shard", &format!("{i}/2")]].concat());
    }
    let merged = command(&["merge", "--quiet", &at("s0"), &at("s1"), "-o", &at("merged")]);
    assert!(merged.status.success(), "merge failed: {}", String::from_utf8_lossy(&merged.stderr));
    assert_eq!(manifest(&dir.path().join("merged"))["counts"], m["counts"]);
    // Without the id column, generated ids are unique: nothing to warn of.
    run_ok(&["-i", &at("a.csv"), "-i", &at("b.csv"), "-o", &at("generated")]);
    let m = manifest(&dir.path().join("generated"));
    assert_eq!((m["counts"]["shared_ids"].as_u64(), m["warnings"].as_array().unwrap().len()), (Some(0), 0), "{m}");
}

#[test]
fn a_text_file_is_one_review_per_line_and_a_folder_skips_its_text_files_and_names_its_empty_ones() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    fs::write(
        dir.path().join("dump.txt"),
        "Great network, fast data\n\n   \n\u{3000}\u{3000}\n信号很差，客服也不回复\nok",
    )
    .unwrap();
    run_ok(&["-i", &at("dump.txt"), "-o", &at("out")]);
    let reviews = parquet(&dir.path().join("out").join("reviews.parquet"));
    assert_eq!(strs(&reviews, "text"), ["Great network, fast data", "信号很差，客服也不回复", "ok"]);
    let lines: Vec<u64> = reviews.column("source_line").unwrap().u64().unwrap().into_no_null_iter().collect();
    assert_eq!(lines, [1, 5, 6]);
    let m = manifest(&dir.path().join("out"));
    assert_eq!((m["counts"]["rows_in"].as_u64(), m["inputs"][0]["format"].as_str()), (Some(3), Some("lines")));
    // In a folder, a .txt file is more likely a note than reviews: only the CSV is read.
    fs::create_dir(dir.path().join("crawl")).unwrap();
    fs::write(dir.path().join("crawl").join("a.csv"), "text\nBad app\n").unwrap();
    fs::write(dir.path().join("crawl").join("README.txt"), "Scraped on 2025-03-31\n").unwrap();
    // So are a workbook and an archive beside the exports: each is listed with why, and a warning names them.
    fs::write(dir.path().join("crawl").join("export.xlsx"), b"PK\x03\x04").unwrap();
    fs::write(dir.path().join("crawl").join(".DS_Store"), b"\0").unwrap();
    // A scrape that failed: an empty file and a header alone are read, and a warning names them.
    fs::write(dir.path().join("crawl").join("b.csv"), "").unwrap();
    fs::write(dir.path().join("crawl").join("c.csv"), "text\n").unwrap();
    let out = reviewsift(&["-i", &at("crawl"), "-o", &at("folder")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m = manifest(&dir.path().join("folder"));
    assert_eq!((m["counts"]["rows_in"].as_u64(), m["inputs"].as_array().unwrap().len()), (Some(1), 3), "{m}");
    let skipped: Vec<(String, String)> = m["skipped_inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap().rsplit('/').next().unwrap().to_string(), f["reason"].to_string()))
        .collect();
    assert_eq!(skipped.len(), 2, "hidden files are not listed: {skipped:?}");
    assert_eq!((skipped[0].0.as_str(), skipped[1].0.as_str()), ("README.txt", "export.xlsx"));
    assert!(skipped[0].1.contains("notes") && skipped[1].1.contains("export the sheet as CSV"), "{skipped:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: 2 file(s) in the input folders were not read") && stderr.contains("export.xlsx"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: 2 input file(s) held no rows:") && stderr.contains("b.csv (0 bytes)"),
        "{stderr}"
    );
    assert!(stderr.contains("c.csv (5 bytes)"), "{stderr}");
}

#[test]
fn bzip2_xz_and_misnamed_compressed_files_are_read_and_archives_refused_by_what_they_are() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("dump");
    fs::create_dir(&inputs).unwrap();
    let csv = |id: &str, text: &str| format!("review_id,text\n{id},{text}\n");
    let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    bz.write_all(csv("b1", "Le réseau coupe tous les soirs").as_bytes()).unwrap();
    fs::write(inputs.join("a.csv.bz2"), bz.finish().unwrap()).unwrap();
    let mut xz = liblzma::write::XzEncoder::new(Vec::new(), 6);
    xz.write_all(csv("x1", "网速太慢了").as_bytes()).unwrap();
    fs::write(inputs.join("b.csv.xz"), xz.finish().unwrap()).unwrap();
    // A gzip file saved without its .gz: the bytes decide.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(csv("g1", "Billing charged me twice").as_bytes()).unwrap();
    fs::write(inputs.join("c.csv"), gz.finish().unwrap()).unwrap();
    let out = dir.path().join("o");
    run_ok(&["-i", inputs.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let reviews = parquet(&out.join("reviews.parquet"));
    assert_eq!(strs(&reviews, "review_id"), ["b1", "x1", "g1"]);
    assert_eq!(strs(&reviews, "text")[1], "网速太慢了");
    let m = manifest(&out);
    let compression: Vec<&str> =
        m["inputs"].as_array().unwrap().iter().map(|i| i["compression"].as_str().unwrap()).collect();
    assert_eq!(compression, ["bzip2", "xz", "gzip"]);

    // A workbook saved under a .csv name is refused, saying what it is, before anything is written.
    fs::write(inputs.join("d.csv"), b"PK\x03\x04\x14\x00\x06\x00").unwrap();
    let out = reviewsift(&["-i", inputs.to_str().unwrap(), "-o", dir.path().join("o2").to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("d.csv is a ZIP archive"), "{stderr}");
    assert!(!dir.path().join("o2").join("reviews.parquet").exists());
}

#[test]
fn a_file_mostly_quarantined_is_warned_of_with_its_column_and_first_reason() {
    let dir = tempfile::tempdir().unwrap();
    // Day-first dates the built-in forms refuse, beside a clean file.
    let day_first = dir.path().join("day_first.csv");
    fs::write(&day_first, "id,date,text\n1,04/03/2020,Great network\n2,05/03/2020,Bad app\n3,2020-03-06,Fine\n")
        .unwrap();
    let clean = dir.path().join("clean.csv");
    fs::write(&clean, "id,date,text\n1,2020-03-04,Great network\n2,05/03/2020,Bad app\n3,2020-03-06,Fine\n").unwrap();
    let out = dir.path().join("out");
    let (d, c, o) = (day_first.to_str().unwrap(), clean.to_str().unwrap(), out.to_str().unwrap());
    // The date column named, so that a date it cannot give quarantines the row.
    let run = reviewsift(&["-i", d, "-i", c, "-o", o, "--date-column", "date"]);
    assert!(run.status.success());
    let warnings = manifest(&out)["warnings"].as_array().unwrap().clone();
    assert_eq!(warnings.len(), 1, "only the file with most rows quarantined: {warnings:?}");
    let w = warnings[0].as_str().unwrap();
    assert!(
        w.contains(
            "day_first.csv: 2 of its 3 rows were quarantined, 2 of them for date (first at line 2: date `04/03/2020`"
        ),
        "{w}"
    );
    assert!(String::from_utf8_lossy(&run.stderr).contains("warning: "), "on stderr too");
}

#[test]
fn complaints_that_name_no_category_are_counted_per_provider() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("u.csv");
    let rows = "review_id,provider,rating,text\n1,A,1,\"Worst experience of my life, never again.\"\n\
                2,A,1,The app crashes every time and it is terrible\n3,A,5,Excellent and wonderful service\n";
    fs::write(&input, rows).unwrap();
    let out = dir.path().join("out");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let p = parquet(&out.join("providers.parquet"));
    let u = |c: &str| p.column(c).unwrap().u64().unwrap().get(0).unwrap();
    assert_eq!((u("complaints"), u("uncategorised_complaints")), (2, 1));
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("1 of the 2 complaints (50.0 %) name no category"), "{html}");
}

#[test]
fn chunk_size_does_not_change_any_aggregate() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("agg.csv");
    fs::write(&input, AGGREGATE_FIXTURE).unwrap();
    let run = |chunk: &str| {
        let out = dir.path().join(format!("out{chunk}"));
        run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--chunk-rows", chunk]);
        (providers_by_name(&out), parquet(&out.join("provider_categories.parquet")))
    };
    let (one, one_c) = run("1");
    let (all, all_c) = run("1000");
    assert_eq!(one, all);
    assert!(one_c.equals_missing(&all_c));
}

#[test]
fn the_outputs_are_byte_identical_whatever_the_thread_count() {
    // The bundled dataset, on one thread and on four: every Parquet and CSV output the same bytes.
    let dir = tempfile::tempdir().unwrap();
    let run = |threads: &str| {
        let out = dir.path().join(format!("t{threads}"));
        let status = Command::new(env!("CARGO_BIN_EXE_reviewsift"))
            .current_dir(repo())
            .env("RAYON_NUM_THREADS", threads)
            .args(["run", "--quiet", "-o", out.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(status.success());
        out
    };
    let (one, four) = (run("1"), run("4"));
    let mut compared = 0;
    for entry in fs::read_dir(&one).unwrap() {
        let name = entry.unwrap().file_name();
        let name = name.to_str().unwrap();
        if name.ends_with(".parquet") || name.ends_with(".csv") {
            assert!(fs::read(one.join(name)).unwrap() == fs::read(four.join(name)).unwrap(), "{name} differs");
            compared += 1;
        }
    }
    assert_eq!(compared, 11, "every table in both formats, and the quarantine");
}

#[test]
fn parquet_and_tsv_inputs_are_read_like_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut df = df!(
        "id" => ["p1", "p2", "p3"],
        "body" => [Some("The hotline was rude and useless"), None, Some("Great coverage everywhere")],
        "stars" => [Some(1.0), Some(3.0), Some(7.0)],
        "carrier" => ["Bell", "Bell", "Rogers"],
    )
    .unwrap();
    // pandas writes tz-aware datetimes as zoned timestamps: read as UTC instants (2025-03-01 17:30 UTC here).
    let millis = Int64Chunked::new("when".into(), [1_740_850_200_000i64; 3]);
    df.with_column(millis.into_datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC)).into_column()).unwrap();
    let pq = dir.path().join("in.parquet");
    ParquetWriter::new(fs::File::create(&pq).unwrap()).finish(&mut df).unwrap();
    let tsv = dir.path().join("in.tsv");
    fs::write(&tsv, "id\tbody\tstars\tcarrier\nt1\tSignal \"dead\" again\t2\tFido\n").unwrap();
    let out = dir.path().join("out");
    run_ok(&[
        "-i",
        pq.to_str().unwrap(),
        "-i",
        tsv.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--id-column",
        "id",
        "--text-column",
        "body",
        "--rating-column",
        "stars",
        "--provider-column",
        "carrier",
        "--date-column",
        "when",
    ]);
    let r = parquet(&out.join("reviews.parquet"));
    assert_eq!(strs(&r, "review_id"), ["p1", "t1"]);
    let dates = r.column("date").unwrap().cast(&DataType::String).unwrap();
    assert_eq!(dates.str().unwrap().get(0), Some("2025-03-01 17:30:00.000"));
    assert_eq!(strs(&r, "text")[1], "Signal \"dead\" again", "TSV fields are not quoted");
    let q = quarantine(&out);
    assert_eq!(q.len(), 2);
    assert_eq!((&q[0][1], &q[0][2], &q[0][3]), ("2", "body", "empty text"));
    assert_eq!((&q[1][1], &q[1][2]), ("3", "stars"));

    // Spark and pyarrow nest records in struct columns: a dotted name reaches into them, at any depth.
    let body = Series::new("body".into(), [Some("Slow data every evening"), None]);
    let score = Series::new("score".into(), [Some(2.0), Some(5.0)]);
    let review = StructChunked::from_series("review".into(), 2, [body, score].iter()).unwrap().into_series();
    let data = StructChunked::from_series("data".into(), 2, [review].iter()).unwrap().into_series();
    let mut nested = DataFrame::new(2, vec![Series::new("id".into(), ["n1", "n2"]).into(), data.into()]).unwrap();
    let pq = dir.path().join("nested.parquet");
    ParquetWriter::new(fs::File::create(&pq).unwrap()).finish(&mut nested).unwrap();
    let out = dir.path().join("nested");
    let (p, o) = (pq.to_str().unwrap(), out.to_str().unwrap());
    run_ok(&[
        "-i",
        p,
        "-o",
        o,
        "--id-column",
        "id",
        "--text-column",
        "data.review.body",
        "--rating-column",
        "data.review.score",
    ]);
    let r = parquet(&out.join("reviews.parquet"));
    assert_eq!(
        (strs(&r, "text"), r.column("rating").unwrap().f64().unwrap().get(0)),
        (vec!["Slow data every evening".to_string()], Some(2.0))
    );
    assert_eq!(&quarantine(&out)[0][2], "data.review.body");
}

#[test]
fn a_parquet_file_is_read_a_row_group_at_a_time_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let n = 2_500;
    let ids: Vec<String> = (0..n).map(|i| format!("r{i}")).collect();
    let texts: Vec<Option<String>> =
        (0..n).map(|i| (i % 1000 != 7).then(|| format!("Review number {i}: the signal drops every evening"))).collect();
    // A column the run does not map, of a type that cannot be text: left alone (only mapped columns are decoded).
    let unmapped = ListChunked::full("tags".into(), &Series::new("".into(), [1i32, 2]), n);
    let mut df = df!("id" => ids, "text" => texts, "provider" => vec!["Koodo"; n]).unwrap();
    df.with_column(unmapped.into_column()).unwrap();
    let pq = dir.path().join("groups.parquet");
    ParquetWriter::new(fs::File::create(&pq).unwrap()).with_row_group_size(Some(1_000)).finish(&mut df).unwrap();
    let out = dir.path().join("out");
    run_ok(&["-i", pq.to_str().unwrap(), "-o", out.to_str().unwrap(), "--id-column", "id"]);
    let r = parquet(&out.join("reviews.parquet"));
    let want: Vec<String> = (0..n).filter(|i| i % 1000 != 7).map(|i| format!("r{i}")).collect();
    assert_eq!(strs(&r, "review_id"), want, "every row of the three row groups, in order");
    let lines: Vec<u64> = r.column("source_line").unwrap().u64().unwrap().into_no_null_iter().collect();
    assert_eq!((lines[0], lines[1_000], *lines.last().unwrap()), (1, 1_002, 2_500));
    let q = quarantine(&out);
    let quarantined: Vec<&str> = q.iter().map(|row| &row[1]).collect();
    assert_eq!(quarantined, ["8", "1008", "2008"], "row numbers count across row groups");
}

#[test]
fn semicolon_csv_from_a_french_spreadsheet_is_read_like_comma_csv() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("avis.csv");
    let rows = "review_id;provider;rating;text\n1;Free;4;\"Très bon réseau; rapide\"\n2;Orange;1\n3;Orange;1;Service client nul\n";
    fs::write(&input, rows).unwrap();
    let out = dir.path().join("o");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let reviews = parquet(&out.join("reviews.parquet"));
    assert_eq!(strs(&reviews, "text"), ["Très bon réseau; rapide", "Service client nul"]);
    assert_eq!(strs(&reviews, "provider"), ["Free", "Orange"]);
    let q = quarantine(&out);
    assert_eq!((q.len(), &q[0][1], &q[0][5]), (1, "3", "2;Orange;1"), "{q:?}");
}

#[test]
fn legacy_encodings_and_compressed_files_are_read_and_recorded() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("crawl");
    fs::create_dir(&inputs).unwrap();
    // Chinese Excel saves CSV in GBK, French Excel in Windows-1252; crawls come gzipped; an empty file holds no rows.
    let gbk = "review_id,provider,rating,text\nz1,中国移动,1,信号很差，客服态度恶劣\nz2,中国移动,★★★★☆,网速很快\n";
    fs::write(inputs.join("a_gbk.csv"), encoding_rs::GBK.encode(gbk).0).unwrap();
    let latin = "review_id,provider,rating,text\nf1,Free,1,Très déçu du réseau\n";
    fs::write(inputs.join("b_latin.csv"), encoding_rs::WINDOWS_1252.encode(latin).0).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"review_id\":\"j1\",\"provider\":\"Bell\",\"text\":\"Great coverage\"}\n{\"review_id\":\"j2\"}\n")
        .unwrap();
    fs::write(inputs.join("c.jsonl.gz"), gz.finish().unwrap()).unwrap();
    fs::write(inputs.join("d_empty.csv"), "").unwrap();
    let out = dir.path().join("o");
    run_ok(&["-i", inputs.to_str().unwrap(), "-o", out.to_str().unwrap()]);

    let reviews = parquet(&out.join("reviews.parquet"));
    assert_eq!(strs(&reviews, "text"), ["信号很差，客服态度恶劣", "网速很快", "Très déçu du réseau", "Great coverage"]);
    assert_eq!(strs(&reviews, "lang"), ["zh", "zh", "fr", "en"]);
    let ratings: Vec<Option<f64>> = reviews.column("rating").unwrap().f64().unwrap().iter().collect();
    assert_eq!(ratings, [Some(1.0), Some(4.0), Some(1.0), None]);
    // The JSONL row without text is quarantined at its line in the decompressed file.
    let q = quarantine(&out);
    assert_eq!((q.len(), q[0][0].ends_with("c.jsonl.gz"), &q[0][1], &q[0][2]), (1, true, "2", "text"), "{q:?}");
    let m = manifest(&out);
    let how: Vec<(String, String, String, u64)> = m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or("").to_string();
            (
                s("path").rsplit('/').next().unwrap().to_string(),
                s("encoding"),
                s("compression"),
                i["rows"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("a_gbk.csv", "GBK", "", 2),
        ("b_latin.csv", "windows-1252", "", 1),
        ("c.jsonl.gz", "UTF-8", "gzip", 2),
        ("d_empty.csv", "UTF-8", "", 0),
    ];
    assert_eq!(how, want.map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d)));

    // Named, the encoding is used for every file: read as UTF-8, the GBK rows are quarantined with a hint.
    let out = dir.path().join("utf8");
    let gbk_file = inputs.join("a_gbk.csv");
    run_ok(&["-i", gbk_file.to_str().unwrap(), "-o", out.to_str().unwrap(), "--encoding", "utf-8"]);
    let q = quarantine(&out);
    assert_eq!(q.len(), 2);
    assert!(q[0][3].contains("input.encoding names another"), "{q:?}");
}

#[test]
fn mojibake_in_text_and_provider_is_repaired_as_read_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("scraped.csv");
    let rows =
        "review_id,provider,text\nm1,VidÃ©otron,Le rÃ©seau coupe tous les soirs\nm2,Vidéotron,Réseau très lent\n";
    fs::write(&input, rows).unwrap();
    let out = dir.path().join("o");
    let run = reviewsift(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(run.status.success());
    let reviews = parquet(&out.join("reviews.parquet"));
    assert_eq!(strs(&reviews, "text")[0], "Le réseau coupe tous les soirs");
    assert_eq!(strs(&reviews, "provider"), ["Vidéotron", "Vidéotron"], "one provider, not two spellings");
    assert_eq!(manifest(&out)["counts"]["mojibake"], 1);
    assert!(String::from_utf8_lossy(&run.stderr).contains("1 review(s) held mojibake"));
}

#[test]
fn a_json_array_from_a_scraper_is_read_element_by_element() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("items.json");
    let items = r#"[
  {"review_id": "s1", "provider": "Bell", "text": "Great coverage, [really] {fast}", "meta": {"stars": [5]}},
  42,
  {"review_id": "s3", "text": "missing comma" "here"},
  {"review_id": "s4", "provider": "Bell",
   "text": "Billing \"error\" again, called twice"},
  {"review_id": "s5", "text": "cut short
"#;
    fs::write(&input, items).unwrap();
    let out = dir.path().join("o");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let reviews = parquet(&out.join("reviews.parquet"));
    assert_eq!(strs(&reviews, "review_id"), ["s1", "s4"]);
    assert_eq!(strs(&reviews, "text"), ["Great coverage, [really] {fast}", "Billing \"error\" again, called twice"]);
    let lines: Vec<u64> = reviews
        .column("source_line")
        .unwrap()
        .cast(&DataType::UInt64)
        .unwrap()
        .u64()
        .unwrap()
        .into_no_null_iter()
        .collect();
    assert_eq!(lines, [2, 5]);
    let q = quarantine(&out);
    let got: Vec<(&str, bool)> =
        q.iter().map(|r| (&r[1], r[3].contains("array element") || r[3].contains("invalid JSON"))).collect();
    assert_eq!(got, [("3", true), ("4", true), ("7", true)], "{q:?}");
    let m = manifest(&out);
    assert_eq!((m["counts"]["rows_in"].as_u64(), m["counts"]["quarantined"].as_u64()), (Some(5), Some(3)));

    // Review sites nest the text and the author: a dotted column name reaches into the objects.
    let nested = dir.path().join("nested.json");
    let items = r#"[{"id": "t1", "review": {"text": "Slow internet", "rating": 2}, "consumer": {"name": "ana"}}]"#;
    fs::write(&nested, items).unwrap();
    let out = dir.path().join("nested");
    let args = ["--id-column", "id", "--text-column", "review.text", "--rating-column", "review.rating"];
    let mut all = vec!["-i", nested.to_str().unwrap(), "-o", out.to_str().unwrap(), "--author-column", "consumer.name"];
    all.extend(args);
    run_ok(&all);
    let reviews = parquet(&out.join("reviews.parquet"));
    assert_eq!(
        (strs(&reviews, "text"), strs(&reviews, "author")),
        (vec!["Slow internet".to_string()], vec!["ana".to_string()])
    );
    assert_eq!(reviews.column("rating").unwrap().f64().unwrap().get(0), Some(2.0));
}

#[test]
fn an_api_response_and_pretty_printed_objects_are_read_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, body: &str| {
        let input = dir.path().join(name);
        fs::write(&input, body).unwrap();
        let out = dir.path().join(format!("{name}.out"));
        run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        (parquet(&out.join("reviews.parquet")), manifest(&out), quarantine(&out))
    };
    // An API response: the records are the arrays of objects among its members, at any depth; paging, counts and
    // arrays of other things are not rows.
    let (reviews, m, q) = run(
        "response.json",
        r#"{"meta": {"count": 3, "tags": ["a", "b"], "pages": [[1, 2], [3]]},
 "data": {"reviews": [
   {"review_id": "w1", "text": "Network keeps dropping", "replies": [{"text": "Sorry!"}]},
   {"review_id": "w2", "text": "Great coverage"},
   "not a record"
 ]},
 "more": [{"review_id": "w3", "text": "Billing charged me twice"}]}"#,
    );
    assert_eq!(strs(&reviews, "review_id"), ["w1", "w2", "w3"]);
    let lines: Vec<u64> = reviews.column("source_line").unwrap().u64().unwrap().into_no_null_iter().collect();
    assert_eq!(lines, [3, 4, 7]);
    assert_eq!((m["counts"]["rows_in"].as_u64(), q.len(), &q[0][1]), (Some(4), 1, "5"), "{q:?}");
    // Pretty-printed objects one after another: each is one record, not lines cut apart.
    let (reviews, m, _) = run(
        "pretty.json",
        "{\n  \"review_id\": \"p1\",\n  \"text\": \"Slow data\"\n}\n{\n  \"review_id\": \"p2\",\n  \"text\": \"Fine\"\n}\n",
    );
    assert_eq!(
        (strs(&reviews, "review_id"), m["counts"]["quarantined"].as_u64()),
        (vec!["p1".into(), "p2".into()], Some(0))
    );
    // A minified array puts every record on line 1: their generated ids still differ.
    let (reviews, _, _) = run("minified.json", r#"[{"text":"Slow data"},{"text":"Slow data too"},{"text":"Fine"}]"#);
    let ids = strs(&reviews, "review_id");
    assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2], "{ids:?}");
}

#[test]
fn provider_aliases_report_one_provider_under_its_several_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("a.csv");
    let rows = "provider,text\nRogers,Great coverage\n rogers  WIRELESS ,Billing error\nBell,Slow internet\nRogers Wireless,\n";
    fs::write(&csv, rows).unwrap();
    let jsonl = dir.path().join("b.jsonl");
    fs::write(&jsonl, "{\"provider\": \"Rogers Wireless\", \"text\": \"Dropped calls\"}\n").unwrap();
    let out = dir.path().join("o");
    let aliases = r#"input.provider_aliases={"Rogers Wireless" = "Rogers"}"#;
    run_ok(&[
        "-i",
        csv.to_str().unwrap(),
        "-i",
        jsonl.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--set",
        aliases,
    ]);
    let reviews = parquet(&out.join("reviews.parquet"));
    assert_eq!(strs(&reviews, "provider"), ["Rogers", "Rogers", "Bell", "Rogers"]);
    let providers = parquet(&out.join("providers.parquet"));
    let names = strs(&providers, "provider");
    let column = |name: &str| -> Vec<u64> {
        providers.column(name).unwrap().cast(&DataType::UInt64).unwrap().u64().unwrap().into_no_null_iter().collect()
    };
    let by_name: std::collections::BTreeMap<_, _> =
        names.iter().cloned().zip(column("reviews").into_iter().zip(column("quarantined"))).collect();
    // The row without text is quarantined and counted against the provider its spelling names.
    assert_eq!(by_name, [("Bell".to_string(), (1, 0)), ("Rogers".to_string(), (3, 1))].into_iter().collect());

    // Without aliases, spellings that differ only in case or spacing are still one provider, under the first met
    // (its spaces made one), and the manifest lists the others; a quarantined row counts under it too.
    let rows = "provider,text\nFree  Mobile,Plus de réseau\nfree mobile,Débit nul\nFREE MOBILE,\nFree,Ok\n";
    fs::write(&csv, rows).unwrap();
    let out = dir.path().join("spellings");
    run_ok(&["-i", csv.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let providers = parquet(&out.join("providers.parquet"));
    assert_eq!(strs(&providers, "provider"), ["Free Mobile", "Free"], "\"Free\" is another name, not a spelling");
    let quarantined: Vec<u64> = providers.column("quarantined").unwrap().u64().unwrap().into_no_null_iter().collect();
    assert_eq!(quarantined, [1, 0]);
    let m = manifest(&out);
    assert_eq!(m["provider_spellings"][0]["provider"], "Free Mobile");
    assert_eq!(m["provider_spellings"][0]["also"], serde_json::json!(["FREE MOBILE", "free mobile"]));
}

#[test]
fn sources_with_their_own_column_names_are_read_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    // An app-store export in the run's names, an FCC-style export of one provider, and a JD-style JSONL export.
    let apps = dir.path().join("apps.csv");
    fs::write(&apps, "review_id,provider,text,rating\na1,Rogers,The app crashes at login,1\n").unwrap();
    let fcc = dir.path().join("fcc_2015.csv");
    fs::write(
        &fcc,
        "Ticket,Description,Date\nt1,Billed twice for the same month,22-04-15\nt2,No internet for three days,31-02-15\n",
    )
    .unwrap();
    let jd = dir.path().join("jd.jsonl");
    // JD-style ratings on 1–10.
    let jd_rows = "{\"评论内容\": \"信号很差，经常断网\", \"得分\": 8, \"店铺\": \"JD自营\"}\n\
                   {\"评论内容\": \"不错\", \"得分\": 11, \"店铺\": \"JD自营\"}\n";
    fs::write(&jd, jd_rows).unwrap();
    let config = dir.path().join("sources.toml");
    fs::write(
        &config,
        r#"[input]
provider_aliases = { "jd自营" = "JD.com" }

[[input.sources]]
files = "fcc_*.csv"
id_column = "Ticket"
text_column = "Description"
date_column = "Date"
date_formats = ["%d-%m-%y"]
provider = "Comcast"

[[input.sources]]
files = "*/jd.jsonl"
text_column = "评论内容"
rating_column = "得分"
provider_column = "店铺"
rating_min = 1.0
rating_max = 10.0
"#,
    )
    .unwrap();
    let out = dir.path().join("o");
    let files = [&apps, &fcc, &jd].map(|p| p.to_str().unwrap());
    run_ok(&[
        "-c",
        config.to_str().unwrap(),
        "-i",
        files[0],
        "-i",
        files[1],
        "-i",
        files[2],
        "-o",
        out.to_str().unwrap(),
    ]);
    let reviews = parquet(&out.join("reviews.parquet"));
    assert_eq!(strs(&reviews, "review_id")[..2], ["a1", "t1"]);
    assert_eq!(strs(&reviews, "provider"), ["Rogers", "Comcast", "JD.com"]);
    assert_eq!(strs(&reviews, "text")[1], "Billed twice for the same month");
    // 8 on 1–10 is 1 + 7 × 4 / 9 stars.
    let rating = reviews.column("rating").unwrap().f64().unwrap().get(2).unwrap();
    assert!((rating - (1.0 + 7.0 * 4.0 / 9.0)).abs() < 1e-9, "{rating}");
    // The impossible date is quarantined under the source's own column name, against the source's provider; the
    // rating beyond the source's scale names that scale.
    let q = quarantine(&out);
    assert_eq!(q.len(), 2);
    assert_eq!((&q[0][2], &q[0][4]), ("Date", "Comcast"));
    assert_eq!((&q[1][2], &q[1][3]), ("得分", "rating 11 outside 1–10 (its input.sources entry's rating_min/max)"));
    let m = manifest(&out);
    let sources: Vec<Option<&str>> = m["inputs"].as_array().unwrap().iter().map(|i| i["source"].as_str()).collect();
    assert_eq!(sources, [None, Some("fcc_*.csv"), Some("*/jd.jsonl")]);
    let report = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains("UTF-8, input.sources `fcc_*.csv`"), "the report says how each file was read");
}

#[test]
fn a_sources_subject_names_what_its_complaints_without_a_category_are_about() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("apps.csv");
    fs::write(
        &apps,
        "review_id,provider,text,rating\na1,Rogers,Doesn't work on my phone. Useless.,1\n\
         a2,Rogers,Worst company ever. Useless.,1\na3,Rogers,Works great on my phone.,5\n",
    )
    .unwrap();
    let config = dir.path().join("c.toml");
    // The learned models off, so that only the source's subject can name a category the words do not.
    let learned_off = ["--set", "complaints.learned_threshold=1.0", "--set", "complaints.fallback_threshold=1.0"];
    let categories = |subject: &str| {
        fs::write(&config, format!("[[input.sources]]\nfiles = \"apps.csv\"\n{subject}\n")).unwrap();
        let out = dir.path().join("o");
        let _ = fs::remove_dir_all(&out);
        let (c, i, o) = (config.to_str().unwrap(), apps.to_str().unwrap(), out.to_str().unwrap());
        run_ok(&[&["-c", c, "-i", i, "-o", o][..], &learned_off[..]].concat());
        let r = parquet(&out.join("reviews.parquet"));
        let lists = r.column("categories").unwrap().list().unwrap().clone();
        (0..3)
            .map(|row| {
                let s = lists.get_as_series(row).unwrap();
                s.str().unwrap().iter().flatten().map(str::to_string).collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    let with = categories("subject = \"app_website\"");
    assert_eq!(with[0], ["app_website"], "a bare app-store complaint is the app's");
    assert!(with[1].is_empty() && with[2].is_empty(), "the company's and the praise's are not: {with:?}");
    let without = categories("provider = \"Rogers\"");
    assert!(without[0].is_empty(), "without a subject no category: {without:?}");
    // A subject the taxonomy does not have is refused, naming the entry and the categories it could be.
    fs::write(&config, "[[input.sources]]\nfiles = \"apps.csv\"\nsubject = \"app\"\n").unwrap();
    let out = reviewsift(&[
        "-c",
        config.to_str().unwrap(),
        "-i",
        apps.to_str().unwrap(),
        "-o",
        dir.path().join("o2").to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("input.sources #1 (`apps.csv`): subject `app` is not a category") && err.contains("app_website"),
        "{err}"
    );
}

#[test]
fn a_source_entry_that_sets_nothing_or_a_bad_pattern_is_refused() {
    for (entry, expected) in [
        ("files = \"*.csv\"", "input.sources #1 (`*.csv`) changes nothing"),
        ("files = \"a[.csv\"\ntext_column = \"t\"", "`a[.csv` is not a glob pattern"),
        ("files = \"*.csv\"\ntext_column = \" \"", "input.sources #1 (`*.csv`): `text_column` is empty"),
        ("files = \"*.csv\"\ndate_formats = [\"%Y\"]", "has no day of the month"),
        (
            "files = \"*.csv\"\nrating_min = 10.0\nrating_max = 5.0",
            "input.rating_min (10) must be below input.rating_max (5)",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("c.toml");
        fs::write(&config, format!("[[input.sources]]\n{entry}\n")).unwrap();
        let out = reviewsift(&["-c", config.to_str().unwrap(), "-o", dir.path().join("o").to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(expected), "{entry}: {err}");
    }
}

#[test]
fn check_shows_how_each_file_would_be_read_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.csv");
    fs::write(&good, "review_id,provider,text,rating\nr1,Bell,Roaming pack never activated,1\nr2,Bell,Fine,9\n")
        .unwrap();
    let other = dir.path().join("fcc.csv");
    fs::write(&other, "Ticket,Description\nt1,Billed twice\n").unwrap();
    let out = dir.path().join("o");
    let (g, o) = (good.to_str().unwrap(), out.to_str().unwrap());
    let shown = reviewsift(&["-i", g, "-o", o, "--check", "--rating-column", "rating"]);
    let stdout = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.status.success(), "{}", String::from_utf8_lossy(&shown.stderr));
    assert!(stdout.contains("good.csv (csv, UTF-8, the run's columns)"), "{stdout}");
    assert!(stdout.contains("line 2: review r1, provider Bell, rating 1.00"), "{stdout}");
    assert!(stdout.contains("line 3: quarantined (rating): rating 9 outside 1–5"), "{stdout}");
    // Found by its built-in name only, the column's unreadable value is shown, and the review kept.
    let shown = reviewsift(&["-i", g, "-o", o, "--check"]);
    let stdout = String::from_utf8_lossy(&shown.stdout);
    assert!(stdout.contains("line 3: review r2, provider Bell, rating – (`9` not read)"), "{stdout}");
    assert!(!out.exists(), "--check writes nothing");
    // A file the run could not read is named, the others still shown, and the exit status says so.
    let failed = reviewsift(&["-i", other.to_str().unwrap(), "-i", g, "-o", o, "--check"]);
    let stdout = String::from_utf8_lossy(&failed.stdout);
    assert!(!failed.status.success());
    assert!(stdout.contains("cannot be read:") && stdout.contains("no text column `text`"), "{stdout}");
    assert!(stdout.contains("line 2: review r1"), "{stdout}");
    assert!(String::from_utf8_lossy(&failed.stderr).contains("1 of 2 input files cannot be read"));
}

#[cfg(unix)]
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    // `true` exits at once: the pipe is closed before `--check` prints its first line.
    let script = format!("'{}' run --check | true", env!("CARGO_BIN_EXE_reviewsift"));
    let out = Command::new("sh").arg("-c").arg(&script).current_dir(repo()).output().expect("sh runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn ratings_on_another_scale_are_written_as_stars() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tens.csv");
    fs::write(&input, "text,rating\nPerfect coverage,10\nNo signal at all,0\nAverage,5\nToo high,11\n").unwrap();
    let out = dir.path().join("o");
    let o = out.to_str().unwrap();
    run_ok(&["-i", input.to_str().unwrap(), "-o", o, "--set", "input.rating_min=0", "--set", "input.rating_max=10"]);
    let ratings: Vec<Option<f64>> =
        parquet(&out.join("reviews.parquet")).column("rating").unwrap().f64().unwrap().iter().collect();
    assert_eq!(ratings, [Some(5.0), Some(1.0), Some(3.0)]);
    let q = quarantine(&out);
    assert_eq!(&q[0][3], "rating 11 outside 0–10 (input.rating_min/max)");
}

#[cfg(unix)]
#[test]
fn a_file_named_twice_or_reached_through_a_link_loop_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("crawl");
    fs::create_dir_all(folder.join("a")).unwrap();
    fs::write(folder.join("a/x.csv"), "text\nThe network drops calls\n").unwrap();
    std::os::unix::fs::symlink(&folder, folder.join("a/back")).unwrap();
    let out = dir.path().join("o");
    let again = folder.join("a/../a/x.csv");
    run_ok(&["-i", folder.to_str().unwrap(), "-i", again.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let m = manifest(&out);
    let inputs: Vec<&str> = m["inputs"].as_array().unwrap().iter().map(|i| i["path"].as_str().unwrap()).collect();
    assert_eq!(inputs, [folder.join("a/x.csv").to_str().unwrap()]);
    assert_eq!(m["counts"]["rows_in"].as_u64(), Some(1));
}

#[test]
fn a_header_without_rows_gives_empty_outputs_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("empty.csv");
    fs::write(&input, "review_id,provider,text\n").unwrap();
    let out = dir.path().join("o");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let m = manifest(&out);
    assert_eq!((m["counts"]["rows_in"].as_u64(), m["counts"]["analysed"].as_u64()), (Some(0), Some(0)));
    assert_eq!(parquet(&out.join("reviews.parquet")).height(), 0);
    assert_eq!(parquet(&out.join("providers.parquet")).height(), 0);
    assert!(fs::read_to_string(out.join("report.html")).unwrap().contains("0 rows read"));
}

#[test]
fn a_missing_text_column_fails_fast_with_the_columns_found() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.csv");
    fs::write(&input, "id,comment\n1,hello\n").unwrap();
    let out = reviewsift(&["-i", input.to_str().unwrap(), "-o", dir.path().join("o").to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no text column `text` (columns: id, comment)") && err.contains("--text-column"), "{err}");
    assert!(err.contains("`comment` looks like the text: --text-column 'comment'"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn day_first_dates_are_quarantined_with_a_hint_until_the_analyst_names_their_format() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("fcc.csv");
    fs::write(&input, "id,date,text\n1,22-04-15,Speeds drop every evening\n2,5/7/2015,Billed twice for the modem\n")
        .unwrap();
    let out = dir.path().join("o");
    // The column found by its built-in name only: the reviews are analysed, their dates left empty.
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(quarantine(&out).is_empty());
    assert_eq!(manifest(&out)["counts"]["unread_dates"], 2);
    // Named, the column's dates must be read: the rows are quarantined with the hint.
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--date-column", "date"]);
    let q = quarantine(&out);
    assert_eq!(q.len(), 2);
    assert!(q[1][3].contains("date `5/7/2015` is not a date") && q[1][3].contains("input.date_formats"), "{:?}", q[1]);
    let args = ["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--date-format", "%d-%m-%y"];
    run_ok(&[&args[..], &["--date-format", "%d/%m/%Y"]].concat());
    assert!(quarantine(&out).is_empty());
    let reviews = parquet(&out.join("reviews.parquet"));
    let dates: Vec<String> = reviews
        .column("date")
        .unwrap()
        .cast(&DataType::String)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|d| d.unwrap_or("").to_string())
        .collect();
    assert!(dates[0].starts_with("2015-04-22") && dates[1].starts_with("2015-07-05"), "{dates:?}");
    // %Y under a two-digit year reads the year 15: quarantined as implausible, not misdated.
    let wrong = ["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--date-format", "%d-%m-%Y"];
    run_ok(&wrong);
    let q = quarantine(&out);
    assert!(q[0][3].contains("date read as 0015-04-22, outside 1970–2100"), "{:?}", q[0]);
    let bad = reviewsift(&[&args[..], &["--date-format", "%Y-%m"]].concat());
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("`%Y-%m` has no day of the month"));
}

#[test]
fn runs_from_any_folder_with_the_models_found_next_to_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("r.csv"), "id,text\n1,Le réseau est nul depuis une semaine\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_reviewsift"))
        .current_dir(dir.path())
        .args(["run", "--quiet", "-i", "r.csv", "-o", "out"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m = manifest(&dir.path().join("out"));
    let lexicons = m["config"]["sentiment"]["lexicon_dir"].as_str().unwrap();
    assert!(Path::new(lexicons).is_absolute() && lexicons.ends_with("models/lexicons"), "{lexicons}");
    let mut rows = csv::Reader::from_path(dir.path().join("out/reviews.csv")).unwrap();
    let at = rows.headers().unwrap().iter().position(|h| h == "categories").unwrap();
    let row = rows.records().next().unwrap().unwrap();
    assert_eq!(&row[at], "network_quality", "the French cues and models were found: {row:?}");
}

#[test]
fn a_failed_run_leaves_the_previous_outputs_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ok.csv");
    fs::write(&input, "text\nGood service\n").unwrap();
    let out = dir.path().join("out");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let before = fs::read(out.join("reviews.parquet")).unwrap();
    fs::write(&input, "text\nOther text\n").unwrap();
    let failed = reviewsift(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--taxonomy", "nope.toml"]);
    assert!(!failed.status.success());
    assert_eq!(fs::read(out.join("reviews.parquet")).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn csv_outputs_neutralise_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("evil.csv");
    fs::write(&input, "review_id,provider,text\n=cmd,@evil,=HYPERLINK(\"http://x\")\n").unwrap();
    let out = dir.path().join("out");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_path(out.join("reviews.csv")).unwrap().records().map(|r| r.unwrap()).collect();
    assert_eq!(&rows[0][0], "'=cmd");
    assert_eq!(&rows[0][1], "'@evil");
    assert_eq!(&rows[0][5], "'=HYPERLINK(\"http://x\")");
    let providers = fs::read_to_string(out.join("providers.csv")).unwrap();
    assert!(providers.contains("\n'@evil,"), "{providers}");
    // Parquet keeps the text as it was.
    assert_eq!(strs(&parquet(&out.join("reviews.parquet")), "text"), ["=HYPERLINK(\"http://x\")"]);
}

#[test]
fn the_default_run_reads_the_bundled_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_ok(&["-o", out.to_str().unwrap()]);
    let m = manifest(&out);
    let analysed = m["counts"]["analysed"].as_u64().unwrap();
    assert!(analysed >= 300, "{analysed}");
    assert_eq!(m["counts"]["rows_in"].as_u64().unwrap(), analysed + m["counts"]["quarantined"].as_u64().unwrap());
    assert!(m["counts"]["providers"].as_u64().unwrap() >= 6);
    assert_eq!(m["schema_version"], "5");
    for key in ["setup", "ingest", "analyse", "aggregate", "write", "wall"] {
        assert!(m["timings_s"][key].is_number(), "{key}");
    }
    let r = parquet(&out.join("reviews.parquet"));
    let langs = strs(&r, "lang");
    for lang in ["zh", "en", "fr"] {
        assert!(langs.iter().filter(|l| *l == lang).count() >= 50, "{lang}");
    }
}

#[test]
fn the_report_shows_the_largest_providers_when_there_are_too_many() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run_ok(&["-o", out.to_str().unwrap(), "--set", "output.report_providers=2"]);
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    let providers = parquet(&out.join("providers.parquet"));
    let all = providers.height();
    assert!(html.contains(&format!("shows the 2 providers with the most reviews, of {all}")), "{all}");
    assert_eq!(html.matches("<h2 id=\"p").count(), 2);
    // The two largest (the table's first two): the bundled dataset's Bell and Rogers, 30 reviews each.
    let names = strs(&providers, "provider");
    assert_eq!(names[..2], ["Bell", "Rogers"]);
    for name in &names[..2] {
        assert!(html.contains(&format!("\">{name}</h2>")), "{name}");
    }
    assert!(!html.contains(&format!("\">{}</h2>", names[2])));
}

#[test]
fn hostile_review_text_is_escaped_in_the_html_report() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("evil.jsonl");
    let evil = [
        "Best SIM ever!!! <script>alert('x')</script> telegram @evil_sim",
        "Amazing!!! \"><img src=x onerror=alert(1)> contact us on WhatsApp +1 604 555 0199",
    ];
    let lines: Vec<String> = evil
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::json!({"review_id": format!("e{i}"), "provider": "<b>Evil</b>", "rating": 5, "text": t})
                .to_string()
        })
        .collect();
    fs::write(&input, lines.join("\n")).unwrap();
    let out = dir.path().join("out");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(!html.contains("<script"), "a script tag reached the report");
    assert!(!html.contains("<img"), "an img tag reached the report");
    assert!(!html.contains("<b>Evil</b>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "the text is shown, escaped");
    assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt;"));
    assert!(html.contains("<mark"), "evidence is highlighted");
}

#[test]
fn partition_by_provider_writes_hive_folders_that_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("agg.csv");
    fs::write(&input, AGGREGATE_FIXTURE.replace("Gamma", "Gamma Télécom/加")).unwrap();
    let out = dir.path().join("out");
    run_ok(&[
        "-i",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--partition-by",
        "provider",
        "--chunk-rows",
        "2",
        "--rating-column",
        "rating",
    ]);
    assert!(!out.join("reviews.parquet").exists());
    let mut folders: Vec<String> = fs::read_dir(out.join("reviews"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert_eq!(folders, ["provider=Alpha", "provider=Beta", "provider=Gamma%20T%C3%A9l%C3%A9com%2F%E5%8A%A0"]);
    let alpha = parquet(&out.join("reviews/provider=Alpha/part-0.parquet"));
    assert_eq!(strs(&alpha, "review_id"), ["a1", "a2", "a3"]);
    assert!(alpha.column("provider").is_err(), "the folder carries the provider");
    let m = manifest(&out);
    assert!(m["outputs"].as_array().unwrap().iter().any(|o| o == "reviews"));
}

#[test]
fn multi_line_quoted_text_with_many_commas_is_one_good_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("multi.csv");
    fs::write(
        &input,
        "review_id,provider,rating,text\n\
         m1,Bell,2,\"First line.\nSecond line, with, many, commas, in, it, like, a, row\nThird line\"\n\
         m2,Bell,4,Fine\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(quarantine(&out).is_empty());
    assert_eq!(strs(&parquet(&out.join("reviews.parquet")), "review_id"), ["m1", "m2"]);
}

fn command(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reviewsift")).current_dir(repo()).args(args).output().expect("binary runs")
}

#[test]
fn templated_reviews_form_a_cluster_in_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ring.csv");
    let t = "Best Canada SIM ever, amazing after-sales service, perfect coverage everywhere, highly recommend";
    fs::write(
        &input,
        format!(
            "review_id,provider,author,date,rating,text\n\
             r1,Maple,a1,2025-08-14,5,\"{t}! telegram @maple1\"\n\
             r2,Maple,a2,2025-08-14,5,\"{t}!! telegram @maple2\"\n\
             r3,Maple,a3,2025-08-14,5,\"Really {t}. telegram @maple3\"\n\
             r4,Maple,b1,2025-03-01,2,The network drops every evening in Toronto and support never calls back.\n"
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    run_ok(&["-i", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let r = parquet(&out.join("reviews.parquet"));
    let sizes: Vec<u32> = r.column("dup_cluster_size").unwrap().u32().unwrap().into_no_null_iter().collect();
    assert_eq!(sizes, [3, 3, 3, 1]);
    let ids: Vec<Option<u64>> = r.column("dup_cluster_id").unwrap().u64().unwrap().iter().collect();
    assert_eq!(ids, [Some(0), Some(0), Some(0), None]);
    let reasons = r.column("suspicion_reasons").unwrap().list().unwrap().get_as_series(1).unwrap();
    assert!(reasons.str().unwrap().iter().flatten().any(|x| x == "near_duplicate"));
    let p = parquet(&out.join("providers.parquet"));
    assert_eq!(p.column("largest_cluster_size").unwrap().u32().unwrap().get(0), Some(3));
}

#[test]
fn eval_scores_labelled_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("gold.jsonl");
    let rows = [
        serde_json::json!({"text": "Best eSIM ever!!! DM me on Telegram @cheap_sims for a discount", "label": 1,
                           "is_complaint": false, "categories": []}),
        serde_json::json!({"text": "The app crashes every time I open it, useless.", "label": 0,
                           "is_complaint": true, "categories": ["app_website"]}),
        serde_json::json!({"text": "No signal downtown and the data speed is awful.", "label": 0,
                           "is_complaint": true, "categories": ["network_quality"]}),
    ];
    fs::write(&input, rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("\n")).unwrap();
    let out = command(&["eval", "--task", "suspicion", "--data", input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("accuracy 1.0000") && text.contains("rows: 3 analysed"), "{text}");
    let out = command(&["eval", "--task", "categories", "--data", input.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("micro-F1 1.0000 over all categories; no category has ≥ 10 gold examples"), "{text}");
    let out = command(&["eval", "--task", "sentiment", "--data", input.to_str().unwrap(), "--label-column", "nope"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no row had a usable label"));

    // Star labels: the sign of the score, the label with neutral as a miss, and three classes with 3 stars neutral.
    let stars = dir.path().join("stars.csv");
    fs::write(
        &stars,
        "text,stars\n\"Absolutely love it, works perfectly and the quality is great\",5\n\
         \"Broke after one day, a total waste of money, terrible\",1\nIt is okay I guess,3\n",
    )
    .unwrap();
    let args = ["eval", "--task", "sentiment", "--data", stars.to_str().unwrap(), "--label-column", "stars"];
    let out = command(&[&args[..], &["--label-scale", "stars"]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("accuracy 1.0000, macro-F1 1.0000, n = 2"), "{text}");
    assert!(
        text.contains("by `sentiment_label`: accuracy 1.0000 with neutral counted as a miss; 0 of the 2"),
        "{text}"
    );
    assert!(text.contains("three classes") && text.contains("n = 3"), "{text}");
}

#[test]
fn eval_scores_language_identification_by_length() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("languages.jsonl");
    let rows = [
        serde_json::json!({"text": "Excellent", "lang": "en"}),
        serde_json::json!({"text": "Nickel, rapide", "lang": "fr"}),
        serde_json::json!({"text": "网络信号太差了", "lang": "zh"}),
        serde_json::json!({"text": "The bill went up again this month and nobody at the store could explain why", "lang": "en"}),
        // A wrong gold label, so that the figures are not all perfect.
        serde_json::json!({"text": "Le réseau ne marche plus depuis hier soir", "lang": "en"}),
    ];
    fs::write(&input, rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("\n")).unwrap();
    let out = command(&["eval", "--task", "language", "--data", input.to_str().unwrap(), "--label-column", "lang"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "accuracy 0.8000, n = 5",
        "| en | 1.000 | 0.667 | 0.800 | 3 |",
        "| en | 2 | 1 | 0 |",
        "| 1 word | 1.000 | 1 |",
        "| 4–8 words | 0.500 | 2 |",
        "| 9 words or more | 1.000 | 1 |",
    ] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
    fs::write(&input, serde_json::json!({"text": "hola", "lang": "es"}).to_string()).unwrap();
    let out = command(&["eval", "--task", "language", "--data", input.to_str().unwrap(), "--label-column", "lang"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected zh, en, fr or other"));
}

#[test]
fn explain_shows_the_evidence_behind_each_score() {
    let out = command(&[
        "explain",
        "--text",
        "Best eSIM ever!!! Amazing service, DM me on Telegram @cheap_sims",
        "--rating",
        "5",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in
        ["language: en", "sentiment: +", "model features", "suspicion:", "contact", "\"Telegram @cheap_sims\""]
    {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
    let out =
        command(&["explain", "--text", "So sorry to hear that! Please DM us your account number and we'll fix it."]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("the provider's own support reply"), "{text}");
    // What the analyses do not read is said: a portal's notice, an answer appended under a heading.
    let fcc = "Data caps again.\n Follow-up message by FCC on 4/20/2015 3:37 PM:\n This constitutes a notice of \
               informal complaint filed with the FCC against your company. Questions: carriersupport@fcc.gov.";
    let text = String::from_utf8_lossy(&command(&["explain", "--text", fcc]).stdout).to_string();
    assert!(text.contains("not read: \"Follow-up message by FCC on 4/20/2015 3:37 PM:\" (text.boilerplate)"), "{text}");
    assert!(text.contains("not read: \"This constitutes a notice of informal complaint filed with t…\""), "{text}");
    assert!(!text.contains("carriersupport"), "{text}");
    let hotel = "房间很小，隔音差。\n宾馆反馈 2008年3月27日：感谢您的入住";
    let text = String::from_utf8_lossy(&command(&["explain", "--text", hotel]).stdout).to_string();
    assert!(text.contains("not read: the last 22 characters, an answer appended under a heading"), "{text}");
    // Whether the learned categories may speak: they learnt from telecom text only.
    let pump = "Very annoying to use. It gets stuck and you can't use the pump. I threw it away the next day.";
    let text = String::from_utf8_lossy(&command(&["explain", "--text", pump]).stdout).to_string();
    assert!(text.contains("learned categories stay silent: P(about a telecom provider) 0.0"), "{text}");
    let app = "The app keeps stalling since the update, worst ever.";
    let text = String::from_utf8_lossy(&command(&["explain", "--text", app]).stdout).to_string();
    assert!(text.contains("learned categories speak: P(about a telecom provider)"), "{text}");
    // The learned category models' likeliest answers, so that a fallback category can be traced to its model: a
    // complaint with no cue at all gets the likeliest one.
    let text = String::from_utf8_lossy(&command(&["explain", "--text", "Rubbish. Does nothing."]).stdout).to_string();
    let line = text.lines().find(|l| l.contains("learned category models: ")).unwrap_or_else(|| panic!("{text}"));
    let likeliest = line.split("learned category models: ").nth(1).and_then(|l| l.split(' ').next()).unwrap();
    assert!(
        text.contains(&format!("\n  {likeliest:<18} negative complaint")),
        "{likeliest} not the complaint:\n{text}"
    );
    assert!(line.contains("≥ 0.60") && line.contains("≥ 0.25"), "{line}");
    assert!(text.contains("(learned: no cue named it"), "{text}");
    // A source's subject: given with --subject, checked against the taxonomy.
    let bare = "Doesn't work on my Samsung S3. Useless.";
    let out = command(&["explain", "--text", bare, "--subject", "app_website"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("app_website        negative complaint"), "{text}");
    assert!(text.contains("(learned or the source's subject: no cue named it"), "{text}");
    let out = command(&["explain", "--text", bare, "--subject", "app"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--subject `app` is not a category of the taxonomy"));
}

/// Every file under `dir`, relative path → bytes.
fn files(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn sharded_runs_merge_into_exactly_the_single_run_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    // Small chunks, so that the bundled dataset's template clusters, bursts and authors span all three shards.
    let common = ["--chunk-rows", "23", "--partition-by", "provider"];
    run_ok(&[&["-o", &at("single")], &common[..]].concat());
    for i in 0..3 {
        let shard = format!("{i}/3");
        run_ok(&[&["-o", &at(&format!("shard{i}")), "--shard", &shard], &common[..]].concat());
    }
    // Shards in any order.
    let merged = command(&["merge", "--quiet", &at("shard2"), &at("shard0"), &at("shard1"), "-o", &at("merged")]);
    assert!(merged.status.success(), "merge failed: {}", String::from_utf8_lossy(&merged.stderr));

    let (single, merged) = (files(&dir.path().join("single")), files(&dir.path().join("merged")));
    assert_eq!(single.keys().collect::<Vec<_>>(), merged.keys().collect::<Vec<_>>());
    let mut compared = 0;
    for (path, bytes) in &single {
        let name = path.to_str().unwrap();
        if name.ends_with(".parquet") || name.ends_with(".csv") {
            assert!(bytes == &merged[path], "{name} differs between the single run and the merge");
            compared += 1;
        }
    }
    assert!(compared >= 10, "only {compared} Parquet and CSV files compared");
    let (one, many) = (manifest(&dir.path().join("single")), manifest(&dir.path().join("merged")));
    assert_eq!(one["counts"], many["counts"]);
    assert_eq!(one["inputs"], many["inputs"]);
    assert_eq!(many["shards"], 3);
    assert!(one["counts"]["suspicious"].as_u64().unwrap() > 30, "the bundled astroturf ring is found");
}

#[test]
fn merge_refuses_an_incomplete_or_mixed_set_of_shards() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    for i in [0, 2] {
        run_ok(&["-o", &at(&format!("s{i}")), "--shard", &format!("{i}/3")]);
    }
    let out = command(&["merge", "--quiet", &at("s0"), &at("s2"), "-o", &at("m")]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("shard 1/3 is missing"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    run_ok(&["-o", &at("other1"), "--shard", "1/3", "--set", "suspicion.threshold=0.7"]);
    let out = command(&["merge", "--quiet", &at("s0"), &at("other1"), &at("s2"), "-o", &at("m")]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("shards of different runs"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = command(&["merge", "--quiet", &at("s0"), &at("nowhere"), "-o", &at("m")]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a finished shard folder"));
    assert!(!dir.path().join("m").join("manifest.json").exists());
}
