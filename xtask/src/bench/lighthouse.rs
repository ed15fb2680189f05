//! The Lighthouse part of `cargo xtask bench` (`BENCH_PARTS=lighthouse` runs it alone): Lighthouse 12.2.3 from
//! npm (the last major that runs on Node 20), mobile preset (its default: a simulated mid-range phone on a slow
//! 4G link), against Debian's Chromium in headless mode, on three pages: the demo as `cargo xtask serve` serves
//! it, the page of ten maps the browser bench loads (the demo with ten pre-rendered maps, `bench/pages.mjs`,
//! written into the bench's copy of the site with its precompressed siblings), and `dist/example.html` as
//! `cargo xtask serve --dist` serves it. Each page is audited
//! [`runs`] times; the run with the median performance score is reported, with its metrics and every audit it
//! fails, into its own section of `bench/RESULTS.md` ([`merge_section`]).

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::serve::Background;
use crate::tools::{self, cmd, probe};

/// The Lighthouse release the figures are taken with.
pub const VERSION: &str = "12.2.3";
/// The section's heading in `bench/RESULTS.md`.
pub const HEADING: &str = "## 6. Lighthouse (mobile preset)";

/// Runs per page: `BENCH_LIGHTHOUSE_RUNS`, 3 unless set (Lighthouse's own advice is the median of several).
fn runs() -> usize {
    std::env::var("BENCH_LIGHTHOUSE_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(3)
}

/// `target/lighthouse/node_modules/.bin/lighthouse`: installed apart from the project's npm packages, since only
/// this benchmark needs it (about 70 MB that `cargo xtask test`'s `npm ci` need not fetch).
fn binary() -> PathBuf {
    prefix().join("node_modules/.bin/lighthouse")
}

fn prefix() -> PathBuf {
    tools::target_dir().join("lighthouse")
}

/// Installs Lighthouse [`VERSION`] unless it is there.
fn ensure() -> Result<(), String> {
    let found = probe(cmd(binary()).arg("--version"));
    if found.as_deref().map(str::trim) == Some(VERSION) {
        println!("✓ lighthouse {VERSION} present");
        return Ok(());
    }
    println!(
        "→ installing lighthouse {VERSION} (npm, into {})",
        prefix().display()
    );
    fs::create_dir_all(prefix())
        .map_err(|e| format!("cannot create {}: {e}", prefix().display()))?;
    tools::run(
        cmd("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(prefix())
            .arg(format!("lighthouse@{VERSION}")),
    )?;
    match probe(cmd(binary()).arg("--version")) {
        Some(v) if v.trim() == VERSION => Ok(()),
        other => Err(format!(
            "installed lighthouse {VERSION}, but `{} --version` says {other:?}",
            binary().display()
        )),
    }
}

/// A page to audit: its name in file names, how the report calls it, and its URL.
struct Page {
    key: &'static str,
    label: &'static str,
    url: String,
}

/// Audits the demo and the page of ten maps (served from `site`, the bench's copy) and the example page (served
/// from `dist`), writes each run's report into `dir` and returns the section for `bench/RESULTS.md`.
pub fn run(dir: &Path, site: &Path, dist: &Path, load_before: &str) -> Result<String, String> {
    ensure()?;
    tools::run(
        cmd("node")
            .arg(tools::repo_root().join("bench/pages.mjs"))
            .arg(site),
    )?;
    let demo = Background::start(site.to_path_buf())?;
    let example = Background::start(dist.to_path_buf())?;
    let pages = [
        Page {
            key: "demo",
            label: "demo (`cargo xtask serve`)",
            url: demo.url.clone(),
        },
        Page {
            key: "ten",
            label: "ten maps (the demo with ten pre-rendered maps, as the load bench)",
            url: format!("{}ten-maps.html", demo.url),
        },
        Page {
            key: "dist",
            label: "`dist/example.html` (`cargo xtask serve --dist`)",
            url: format!("{}example.html", example.url),
        },
    ];
    let audited: Result<Vec<_>, String> = pages
        .iter()
        .map(|page| audit(dir, page).map(|report| (page, report)))
        .collect();
    demo.stop();
    example.stop();
    let audited = audited?;
    let summary: Vec<Value> = audited
        .iter()
        .map(|(page, (median, runs))| {
            let scores: Vec<f64> = runs.iter().map(|r| r.score).collect();
            let indices: Vec<Option<f64>> = runs.iter().map(|r| r.benchmark_index).collect();
            serde_json::json!({ "page": page.key, "url": page.url, "performance_runs": scores,
                "benchmark_index_runs": indices, "median_run": summarise(median) })
        })
        .collect();
    let path = dir.join("lighthouse.json");
    fs::write(
        &path,
        serde_json::to_string_pretty(&summary).unwrap_or_default(),
    )
    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(section(&audited, load_before))
}

/// One run's figures beside its score: its simulated LCP, and what that depends on, as observed unthrottled on
/// this machine: when the wasm's download ended and when the largest paint came. Lighthouse's simulation
/// replays every download that had ended before the observed paint. The loader asks for the wasm after a
/// pre-rendered page's first paint so that it never does (README, "Deploying"); these figures show that it holds.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    score: f64,
    lcp_ms: Option<f64>,
    paint_ms: Option<f64>,
    wasm_end_ms: Option<f64>,
    /// Lighthouse's own measure of the CPU it ran on (`environment.benchmarkIndex`, higher is faster): the
    /// simulated timings scale with what the CPU does, and under [`SLOW_CPU_INDEX`] Lighthouse warns that the
    /// machine is slower than it expects.
    benchmark_index: Option<f64>,
}

/// The benchmark index under which Lighthouse 12 warns that the CPU seems slower than it expects, which lowers
/// the performance score (`SLOW_CPU_BENCHMARK_INDEX_THRESHOLD` in its `core/gather/driver/environment.js`).
const SLOW_CPU_INDEX: f64 = 1000.0;

impl Run {
    fn of(report: &Value) -> Run {
        let wasm_end_ms = report
            .pointer("/audits/network-requests/details/items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|r| {
                r.get("url")
                    .and_then(Value::as_str)
                    .is_some_and(|u| u.ends_with(".wasm"))
            })
            .and_then(|r| r.get("networkEndTime"))
            .and_then(Value::as_f64);
        Run {
            score: category(report, "performance").unwrap_or(-1.0),
            lcp_ms: metric(report, "largest-contentful-paint"),
            paint_ms: report
                .pointer("/audits/metrics/details/items/0/observedLargestContentfulPaint")
                .and_then(Value::as_f64),
            wasm_end_ms,
            benchmark_index: report
                .pointer("/environment/benchmarkIndex")
                .and_then(Value::as_f64),
        }
    }

    /// "1281", or "952 (slow)" under [`SLOW_CPU_INDEX`].
    fn benchmark_text(&self) -> String {
        match self.benchmark_index {
            Some(index) if index < SLOW_CPU_INDEX => format!("{index:.0} (slow)"),
            Some(index) => format!("{index:.0}"),
            None => "–".to_owned(),
        }
    }

    /// "2.6 s (the wasm's download ended at 50 ms, before the paint at 63 ms)".
    fn lcp_text(&self) -> String {
        let lcp = self
            .lcp_ms
            .map_or("–".to_owned(), |v| format!("{:.1} s", v / 1000.0));
        match (self.wasm_end_ms, self.paint_ms) {
            (Some(wasm), Some(paint)) => format!(
                "{lcp} (the wasm's download ended at {wasm:.0} ms, {} the paint at {paint:.0} ms)",
                if wasm <= paint { "before" } else { "after" }
            ),
            _ => lcp,
        }
    }
}

/// The page's runs: the report of the run with the median performance score, and every run's figures.
fn audit(dir: &Path, page: &Page) -> Result<(Value, Vec<Run>), String> {
    let mut reports = Vec::new();
    for i in 1..=runs() {
        let out = dir.join(format!("lighthouse-{}-{i}.json", page.key));
        tools::run(
            cmd(binary())
                .arg(&page.url)
                .args(["--output=json", "--quiet"])
                .arg(format!("--output-path={}", out.display()))
                .arg("--chrome-flags=--headless=new --no-sandbox")
                .env("CHROME_PATH", tools::CHROMIUM),
        )?;
        let text =
            fs::read_to_string(&out).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
        let report: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", out.display()))?;
        if let Some(error) = report
            .pointer("/runtimeError/message")
            .and_then(Value::as_str)
        {
            return Err(format!("lighthouse on {}: {error}", page.url));
        }
        reports.push(report);
    }
    let score = |r: &Value| category(r, "performance").unwrap_or(-1.0);
    let runs: Vec<Run> = reports.iter().map(Run::of).collect();
    reports.sort_by(|a, b| score(a).total_cmp(&score(b)));
    let median = reports.swap_remove(reports.len() / 2);
    Ok((median, runs))
}

/// A category's score, 0–100.
fn category(report: &Value, id: &str) -> Option<f64> {
    report
        .pointer(&format!("/categories/{id}/score"))
        .and_then(Value::as_f64)
        .map(|s| (s * 100.0).round())
}

/// An audit's numeric value (milliseconds for times, unitless for layout shift).
fn metric(report: &Value, id: &str) -> Option<f64> {
    report
        .pointer(&format!("/audits/{id}/numericValue"))
        .and_then(Value::as_f64)
}

const CATEGORIES: [(&str, &str); 4] = [
    ("performance", "performance"),
    ("accessibility", "accessibility"),
    ("best-practices", "best practices"),
    ("seo", "SEO"),
];

const METRICS: [(&str, &str); 5] = [
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "Speed Index"),
];

fn summarise(report: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for (id, _) in CATEGORIES {
        out.insert(id.to_owned(), category(report, id).into());
    }
    for (id, _) in METRICS {
        out.insert(id.to_owned(), metric(report, id).into());
    }
    out.insert(
        "failing".to_owned(),
        failing(report)
            .into_iter()
            .map(|(cat, id, title, value)| serde_json::json!([cat, id, title, value]))
            .collect(),
    );
    Value::Object(out)
}

/// The audits a report fails, by category: those that count towards a category's score (or, for performance,
/// every opportunity and diagnostic outside the metrics) with a score below 1. (category, id, title, figure).
fn failing(report: &Value) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for (cat, label) in CATEGORIES {
        let refs = report
            .pointer(&format!("/categories/{cat}/auditRefs"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for r in refs {
            let id = r.get("id").and_then(Value::as_str).unwrap_or("");
            let weight = r.get("weight").and_then(Value::as_f64).unwrap_or(0.0);
            let group = r.get("group").and_then(Value::as_str).unwrap_or("");
            // Outside performance, an audit of weight 0 (such as `valid-source-maps`) does not move the score
            // but is still listed as failed; it is marked so.
            let counts = if cat == "performance" {
                group != "metrics" && group != "hidden"
            } else {
                true
            };
            let Some(audit) = report.pointer(&format!("/audits/{id}")) else {
                continue;
            };
            let mode = audit.get("scoreDisplayMode").and_then(Value::as_str);
            let score = audit.get("score").and_then(Value::as_f64);
            let shown = matches!(mode, Some("binary" | "numeric" | "metricSavings"));
            if counts && shown && score.is_some_and(|s| s < 1.0) {
                let title = audit.get("title").and_then(Value::as_str).unwrap_or(id);
                let mut value = audit
                    .get("displayValue")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                if cat != "performance" && weight == 0.0 {
                    value = format!("{value} (weight 0: not in the score)")
                        .trim()
                        .to_owned();
                }
                out.push((label.to_owned(), id.to_owned(), title.to_owned(), value));
            }
        }
    }
    out
}

fn section(audited: &[(&Page, (Value, Vec<Run>))], load_before: &str) -> String {
    let mut w = String::new();
    let chromium = audited
        .first()
        .and_then(|(_, (r, _))| r.pointer("/environment/hostUserAgent"))
        .and_then(Value::as_str)
        .and_then(|ua| ua.split_whitespace().find(|p| p.contains("Chrome/")))
        .unwrap_or("Chrome/?");
    let _ = writeln!(
        w,
        "{HEADING}\n\nWritten by `cargo xtask bench` (`BENCH_PARTS=lighthouse` runs this part alone) on {}: \
         Lighthouse {VERSION} from npm, mobile preset (simulated throttling), Debian's Chromium ({chromium}, \
         `--headless=new --no-sandbox`), {} runs a page; the run with the median performance score is shown, \
         every run's score in brackets. Load average (1, 5, 15 min) before: {load_before}, after: {} — \
         Lighthouse's simulated timings scale with the CPU this machine's other jobs leave it.\n",
        probe(cmd("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])).unwrap_or_default(),
        runs(),
        tools::load_average()
    );
    w.push_str("| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | Speed Index |\n");
    w.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (page, (report, runs)) in audited {
        let score = |id: &str| category(report, id).map_or("–".to_owned(), |s| format!("{s:.0}"));
        let secs = |id: &str| {
            metric(report, id).map_or("–".to_owned(), |v| format!("{:.1} s", v / 1000.0))
        };
        let all: Vec<String> = runs.iter().map(|r| format!("{:.0}", r.score)).collect();
        let _ = writeln!(
            w,
            "| {} | {} ({}) | {} | {} | {} | {} | {} | {} | {} | {} |",
            page.label,
            score("performance"),
            all.join(", "),
            score("accessibility"),
            score("best-practices"),
            score("seo"),
            secs("first-contentful-paint"),
            secs("largest-contentful-paint"),
            metric(report, "total-blocking-time")
                .map_or("–".to_owned(), |v| format!("{v:.0} ms")),
            metric(report, "cumulative-layout-shift")
                .map_or("–".to_owned(), |v| format!("{v:.3}")),
            secs("speed-index"),
        );
    }
    w.push_str(
        "\nThe simulated LCP, run by run, with what it depends on as observed on this machine: Lighthouse \
         replays every download that had ended before the largest paint it observed, so a run in which \
         the wasm's download ended first would count it on the simulated slow link; the loader asks for it \
         after a pre-rendered page's first paint (README, \"Deploying\").\n\n",
    );
    for (page, (_, runs)) in audited {
        let each: Vec<String> = runs.iter().map(Run::lcp_text).collect();
        let _ = writeln!(w, "- {}: {}", page.label, each.join("; "));
    }
    let _ = writeln!(
        w,
        "\nLighthouse's measure of the CPU, run by run (`benchmarkIndex`, higher is faster): the simulated \
         timings, TBT most, scale with what the CPU does, so a slower evening of this machine gives lower \
         scores for the same page; under {SLOW_CPU_INDEX:.0} Lighthouse warns that the CPU is slower than it \
         expects (\"slow\").\n"
    );
    for (page, (_, runs)) in audited {
        let each: Vec<String> = runs.iter().map(Run::benchmark_text).collect();
        let _ = writeln!(w, "- {}: {}", page.label, each.join(", "));
    }
    for (page, (report, _)) in audited {
        let _ = writeln!(w, "\nFailing audits, {} (median run):\n", page.label);
        let failing = failing(report);
        if failing.is_empty() {
            w.push_str("- none\n");
        }
        for (cat, id, title, value) in failing {
            let value = if value.is_empty() {
                String::new()
            } else {
                format!(": {value}")
            };
            let _ = writeln!(w, "- {cat}: {title} (`{id}`){value}");
        }
    }
    w
}

/// `existing` (the whole of `bench/RESULTS.md`) with the section that starts at `heading` replaced by `section`
/// (which starts with that heading), or `section` appended if there is none. A section runs to the next `## `
/// heading or the end.
pub fn merge_section(existing: &str, heading: &str, section: &str) -> String {
    let section = section.trim_end();
    let Some(start) = existing
        .match_indices(heading)
        .map(|(i, _)| i)
        .find(|&i| i == 0 || existing[..i].ends_with('\n'))
    else {
        return format!("{}\n\n{section}\n", existing.trim_end());
    };
    let rest = &existing[start + heading.len()..];
    let end = rest
        .find("\n## ")
        .map_or(existing.len(), |i| start + heading.len() + i + 1);
    let after = existing[end..].trim_start_matches('\n');
    let before = existing[..start].trim_end();
    let mut out = String::new();
    if !before.is_empty() {
        out.push_str(before);
        out.push_str("\n\n");
    }
    out.push_str(section);
    out.push('\n');
    if !after.is_empty() {
        out.push('\n');
        out.push_str(after);
    }
    out
}

/// The section `heading` of `existing`, if it has one, to carry over into a report that did not rerun it.
pub fn take_section(existing: &str, heading: &str) -> Option<String> {
    let start = existing
        .match_indices(heading)
        .map(|(i, _)| i)
        .find(|&i| i == 0 || existing[..i].ends_with('\n'))?;
    let rest = &existing[start..];
    let end = rest[heading.len()..]
        .find("\n## ")
        .map_or(rest.len(), |i| heading.len() + i + 1);
    Some(rest[..end].trim_end().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "## 6. Lighthouse (mobile preset)";

    #[test]
    fn a_section_is_appended_then_replaced_in_place() {
        let first = merge_section(
            "# Results\n\n## 5. Payload\n\nrows\n",
            H,
            &format!("{H}\n\nold\n"),
        );
        assert_eq!(
            first,
            format!("# Results\n\n## 5. Payload\n\nrows\n\n{H}\n\nold\n")
        );
        let second = merge_section(&first, H, &format!("{H}\n\nnew\n"));
        assert_eq!(
            second,
            format!("# Results\n\n## 5. Payload\n\nrows\n\n{H}\n\nnew\n")
        );
        // A section in the middle keeps what follows it.
        let middle = format!("# R\n\n{H}\n\nold\n\n## 7. Later\n\nkept\n");
        assert_eq!(
            merge_section(&middle, H, &format!("{H}\n\nnew")),
            format!("# R\n\n{H}\n\nnew\n\n## 7. Later\n\nkept\n")
        );
        assert_eq!(take_section(&middle, H), Some(format!("{H}\n\nold")));
        assert_eq!(take_section("# R\n", H), None);
    }

    #[test]
    fn a_run_says_whether_the_wasm_s_download_ended_before_the_observed_paint() {
        let report = |wasm_end: f64| {
            serde_json::json!({
                "categories": { "performance": { "score": 0.97 } },
                "audits": {
                    "largest-contentful-paint": { "numericValue": 2612.0 },
                    "metrics": { "details": { "items": [ { "observedLargestContentfulPaint": 63.2 } ] } },
                    "network-requests": { "details": { "items": [
                        { "url": "http://127.0.0.1:1/index.html", "networkEndTime": 5.0 },
                        { "url": "http://127.0.0.1:1/pkg/treaty_map_bg.wasm", "networkEndTime": wasm_end } ] } }
                }
            })
        };
        assert_eq!(
            Run::of(&report(50.4)).lcp_text(),
            "2.6 s (the wasm's download ended at 50 ms, before the paint at 63 ms)"
        );
        assert_eq!(
            Run::of(&report(75.0)).lcp_text(),
            "2.6 s (the wasm's download ended at 75 ms, after the paint at 63 ms)"
        );
    }

    #[test]
    fn a_run_gives_lighthouse_s_measure_of_the_cpu_and_says_when_it_is_slow() {
        let report = |index: f64| serde_json::json!({ "environment": { "benchmarkIndex": index } });
        assert_eq!(Run::of(&report(1281.0)).benchmark_text(), "1281");
        assert_eq!(Run::of(&report(951.5)).benchmark_text(), "952 (slow)");
        assert_eq!(Run::of(&serde_json::json!({})).benchmark_text(), "–");
    }

    #[test]
    fn failing_audits_are_those_that_count_and_score_below_one() {
        let report = serde_json::json!({
            "categories": {
                "seo": { "score": 0.9, "auditRefs": [
                    { "id": "meta-description", "weight": 1 },
                    { "id": "structured-data", "weight": 0 },
                    { "id": "http-status-code", "weight": 1 } ] },
                "performance": { "score": 0.74, "auditRefs": [
                    { "id": "largest-contentful-paint", "weight": 25, "group": "metrics" },
                    { "id": "unused-javascript", "weight": 0 } ] }
            },
            "audits": {
                "meta-description": { "title": "Has a meta description", "score": 0, "scoreDisplayMode": "binary" },
                "structured-data": { "title": "Structured data", "score": null, "scoreDisplayMode": "manual" },
                "http-status-code": { "title": "200", "score": 1, "scoreDisplayMode": "binary" },
                "largest-contentful-paint": { "score": 0.2, "scoreDisplayMode": "numeric", "numericValue": 6200.0 },
                "unused-javascript": { "title": "Reduce unused JavaScript", "score": 0.5,
                    "scoreDisplayMode": "metricSavings", "displayValue": "Est savings of 20 KiB" }
            }
        });
        let failing = failing(&report);
        let ids: Vec<&str> = failing.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(ids, ["unused-javascript", "meta-description"]);
        let mut weightless = report.clone();
        weightless["audits"]["structured-data"] =
            serde_json::json!({ "title": "S", "score": 0, "scoreDisplayMode": "binary" });
        let failing_too = super::failing(&weightless);
        assert_eq!(failing_too[2].1, "structured-data");
        assert_eq!(failing_too[2].3, "(weight 0: not in the score)");
        assert_eq!(failing[0].3, "Est savings of 20 KiB");
        assert_eq!(category(&report, "performance"), Some(74.0));
        let run = Run::of(&report);
        assert_eq!(
            (run.score, run.lcp_ms, run.wasm_end_ms),
            (74.0, Some(6200.0), None)
        );
        assert_eq!(run.lcp_text(), "6.2 s");
        assert_eq!(metric(&report, "largest-contentful-paint"), Some(6200.0));
    }
}
