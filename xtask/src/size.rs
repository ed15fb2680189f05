//! `cargo xtask size`: build the release bundle, then print what one embedded widget costs on the wire, file by
//! file (raw, gzip, brotli), against the budgets of issue 16: one region's whole widget at most 200 KB brotli
//! (with the distance to 150 KB, the next target), the world map's at most 40 KB above it, and the world
//! geometry at most 60 KB (issue 6). Exits non-zero above a budget.
//!
//! Not part of `cargo xtask test`: it builds the release bundle, which the tests do too, and the budgets are
//! checked where the payload is measured.

use std::fs;
use std::path::Path;

use crate::build;
use crate::files::{brotli_len, gzip_len};

/// The whole widget for one region (wasm, JS glue, loader, stylesheet, geometry, status, regions), brotli, in
/// bytes (the list, with the stylesheet the wasm carried until the loader fetched it): lighter
/// than a hand-rolled D3 + world-atlas map of the same data (219 KB, issue 16).
pub const WIDGET_BUDGET_BROTLI: usize = 200_000;
/// The next target for the same figure, which `cargo xtask size` prints the distance to without failing.
pub const WIDGET_TARGET_BROTLI: usize = 150_000;
/// How much more the world map's whole widget may weigh than the region's (its geometry is the difference).
pub const WORLD_ABOVE_REGION_BROTLI: usize = 40_000;
/// The world geometry with every state, brotli, in bytes.
pub const GEOMETRY_BUDGET_BROTLI: usize = 60_000;

/// One file a page embedding the widget downloads, by its path in `target/site/`.
struct Part {
    path: &'static str,
    what: &'static str,
}

/// Everything one embedded widget of the Americas (the demo's region) downloads in English. A region's map
/// fetches its own geometry file (its areas and the neighbours it shows muted); the world map fetches
/// `world.geo.json` instead, counted apart below. French, Spanish and Arabic add a names file and a words file
/// (`pkg/treaty_map_words-<lang>.txt`) of about 2 KB each. The host's own content file is the host's, not counted.
const PARTS: &[Part] = &[
    Part {
        path: "pkg/treaty_map_bg.wasm",
        what: "widget (wasm, after wasm-opt)",
    },
    Part {
        path: "pkg/treaty_map.js",
        what: "wasm-bindgen JS glue",
    },
    Part {
        path: "treaty-map.js",
        what: "loader",
    },
    Part {
        path: crate::prerender::STYLESHEET,
        what: "stylesheet (the loader fetches it; the pre-renders link it)",
    },
    Part {
        path: REGION_GEOMETRY,
        what: "geometry of the Americas, with muted neighbours",
    },
    Part {
        path: "data/status.json",
        what: "treaty status",
    },
    Part {
        path: "data/regions.json",
        what: "region membership",
    },
];

/// The geometry in [`PARTS`]; the world map swaps it for [`WORLD_GEOMETRY`].
const REGION_GEOMETRY: &str = "data/americas.geo.json";
const WORLD_GEOMETRY: &str = "data/world.geo.json";

/// Sizes of one file, in bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl Sizes {
    pub fn of(data: &[u8]) -> Sizes {
        Sizes {
            raw: data.len(),
            gzip: gzip_len(data),
            brotli: brotli_len(data),
        }
    }
}

impl std::ops::Add for Sizes {
    type Output = Sizes;
    fn add(self, other: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + other.raw,
            gzip: self.gzip + other.gzip,
            brotli: self.brotli + other.brotli,
        }
    }
}

/// A row of the payload table: file, what it is, sizes.
pub struct Row {
    pub file: String,
    pub what: String,
    pub sizes: Sizes,
}

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("`size` takes no arguments (got `{arg}`)"));
    }
    build::run_build()?;
    report(&build::site_dir())
}

/// Prints the payload of the assembled `site` per file and a line per budget; an error names each budget that
/// does not hold. `cargo xtask size`, and `cargo xtask test` once it has built the site.
pub fn report(site: &Path) -> Result<(), String> {
    let rows = payload_rows(site)?;
    let world = world_row(site)?;
    print!("{}", table(&rows, &[&world]));
    let failures = over_budget(&rows, world.sizes);
    for line in verdicts(&rows, world.sizes) {
        println!("{line}");
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("over budget: {}", failures.join("; ")))
    }
}

/// The payload rows of an assembled site.
pub fn payload_rows(site: &Path) -> Result<Vec<Row>, String> {
    PARTS
        .iter()
        .map(|part| file_row(site, part.path, part.what))
        .collect()
}

/// The world map's geometry, which it loads in place of the region's.
pub fn world_row(site: &Path) -> Result<Row, String> {
    file_row(
        site,
        WORLD_GEOMETRY,
        "world geometry (the world map, in place of the region's)",
    )
}

/// The sizes of `file` in the site.
fn file_row(site: &Path, file: &str, what: &str) -> Result<Row, String> {
    row_of(&site.join(file), file, what)
}

fn row_of(path: &Path, file: &str, what: &str) -> Result<Row, String> {
    let data = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(Row {
        file: file.to_owned(),
        what: what.to_owned(),
        sizes: Sizes::of(&data),
    })
}

pub fn total(rows: &[Row]) -> Sizes {
    rows.iter().fold(Sizes::default(), |sum, r| sum + r.sizes)
}

/// The payload table as Markdown (it reads well in a terminal too).
pub fn table(rows: &[Row], notes: &[&Row]) -> String {
    let mut out = String::new();
    out.push_str("| file | what | raw B | gzip B | brotli B |\n|---|---|---:|---:|---:|\n");
    let line = |r: &Row| {
        format!(
            "| {} | {} | {} | {} | {} |\n",
            r.file, r.what, r.sizes.raw, r.sizes.gzip, r.sizes.brotli
        )
    };
    for row in rows {
        out.push_str(&line(row));
    }
    let sum = total(rows);
    out.push_str(&format!(
        "| **total** | whole widget, the Americas | **{}** | **{}** | **{}** |\n",
        sum.raw, sum.gzip, sum.brotli
    ));
    for row in notes {
        out.push_str(&line(row));
    }
    out.push_str("\n(bytes; gzip = flate2 level 9, brotli = quality 11, window 22; each file compressed alone)\n\n");
    out
}

/// The whole widget for the world map: the region's geometry swapped for the world's.
fn world_map(rows: &[Row], world: Sizes) -> usize {
    let region = rows
        .iter()
        .find(|r| r.file == REGION_GEOMETRY)
        .map_or(0, |r| r.sizes.brotli);
    total(rows).brotli - region + world.brotli
}

/// A budget: what it is for, the brotli figure and the budget; above it, `cargo xtask size` fails.
struct Check {
    name: String,
    brotli: usize,
    budget: usize,
}

fn checks(rows: &[Row], world: Sizes) -> [Check; 3] {
    let region = total(rows).brotli;
    [
        Check {
            name: "whole widget, the Americas".to_owned(),
            brotli: region,
            budget: WIDGET_BUDGET_BROTLI,
        },
        Check {
            name: format!(
                "whole widget, the world map (at most {WORLD_ABOVE_REGION_BROTLI} B above the Americas')"
            ),
            brotli: world_map(rows, world),
            budget: region + WORLD_ABOVE_REGION_BROTLI,
        },
        Check {
            name: "world geometry".to_owned(),
            brotli: world.brotli,
            budget: GEOMETRY_BUDGET_BROTLI,
        },
    ]
}

/// One line per budget: the figure, the budget and whether it holds; then the distance of one region's widget
/// to [`WIDGET_TARGET_BROTLI`].
pub fn verdicts(rows: &[Row], world: Sizes) -> Vec<String> {
    let mut lines: Vec<String> = checks(rows, world)
        .iter()
        .map(|c| {
            let verdict = if c.brotli <= c.budget {
                format!("ok, {} B to spare", c.budget - c.brotli)
            } else {
                format!(
                    "OVER by {} B ({:.0} %)",
                    c.brotli - c.budget,
                    percent_over(c.brotli, c.budget)
                )
            };
            format!(
                "{}: {} B brotli, budget {} B: {verdict}",
                c.name, c.brotli, c.budget
            )
        })
        .collect();
    let region = total(rows).brotli;
    lines.push(if region <= WIDGET_TARGET_BROTLI {
        format!("next target, whole widget ≤ {WIDGET_TARGET_BROTLI} B brotli: reached ({region} B)")
    } else {
        format!(
            "next target, whole widget ≤ {WIDGET_TARGET_BROTLI} B brotli: {} B to go ({:.0} % above)",
            region - WIDGET_TARGET_BROTLI,
            percent_over(region, WIDGET_TARGET_BROTLI)
        )
    });
    lines
}

fn percent_over(value: usize, budget: usize) -> f64 {
    (value as f64 / budget as f64 - 1.0) * 100.0
}

/// The budgets that fail the command and do not hold.
fn over_budget(rows: &[Row], world: Sizes) -> Vec<String> {
    checks(rows, world)
        .iter()
        .filter(|c| c.brotli > c.budget)
        .map(|c| format!("{} {} B brotli > {} B", c.name, c.brotli, c.budget))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, brotli: usize) -> Row {
        Row {
            file: file.to_owned(),
            what: String::new(),
            sizes: Sizes {
                raw: brotli * 4,
                gzip: brotli * 2,
                brotli,
            },
        }
    }

    #[test]
    fn within_budget_passes() {
        let rows = [
            row("pkg/treaty_map_bg.wasm", 140_000),
            row(REGION_GEOMETRY, 20_000),
        ];
        let world = row(WORLD_GEOMETRY, 60_000).sizes;
        assert!(over_budget(&rows, world).is_empty());
        let lines = verdicts(&rows, world);
        assert!(lines[..3].iter().all(|v| v.contains(": ok,")), "{lines:?}");
        assert!(lines[1].starts_with("whole widget, the world map"));
        assert!(lines[1].contains(": 200000 B brotli, budget 200000 B: ok, 0 B to spare"));
        assert!(lines[3].contains("10000 B to go"), "{lines:?}");
        let light = [row("pkg/treaty_map_bg.wasm", 100_000)];
        assert!(verdicts(&light, world)[3].contains("reached (100000 B)"));
    }

    #[test]
    fn the_world_map_more_than_40_kb_above_its_region_fails() {
        let rows = [
            row("pkg/treaty_map_bg.wasm", 100_000),
            row(REGION_GEOMETRY, 10_000),
        ];
        let failures = over_budget(&rows, row(WORLD_GEOMETRY, 50_001).sizes);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].starts_with("whole widget, the world map"));
        assert!(failures[0].ends_with("150001 B brotli > 150000 B"));
    }

    #[test]
    fn a_budget_exceeded_by_one_byte_fails() {
        let rows = [
            row("pkg/treaty_map_bg.wasm", 180_000),
            row(REGION_GEOMETRY, 20_001),
        ];
        let failures = over_budget(&rows, row(WORLD_GEOMETRY, 60_001).sizes);
        assert_eq!(failures.len(), 2, "{failures:?}");
        assert!(failures[0].starts_with("whole widget, the Americas 200001 B"));
        assert!(failures[1].starts_with("world geometry 60001 B"));
    }

    #[test]
    fn the_table_totals_every_row_but_not_the_note() {
        let rows = [row("a", 10), row("b", 20)];
        let text = table(&rows, &[&row("css", 1000)]);
        assert!(
            text.contains("| **total** | whole widget, the Americas | **120** | **60** | **30** |")
        );
    }
}
