//! `bench/RESULTS.md` from the figures the benchmark steps wrote into `target/bench/`.

use std::fmt::Write;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::size::{self, Row};
use crate::tools::{cmd, probe};

pub struct Inputs<'a> {
    pub dir: &'a Path,
    pub payload: &'a [Row],
    /// The world map's geometry, in place of the region's.
    pub world: &'a Row,
    pub load_before: String,
    pub load_after: String,
}

const SCALES: [&str; 3] = ["110m", "50m", "10m"];

/// The report's Markdown.
pub fn write(inputs: &Inputs) -> Result<String, String> {
    let read = |name: &str| -> Result<Value, String> {
        let path = inputs.dir.join(name);
        let text = fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let sizes = read("inputs.json")?;
    let native = read("native.json")?;
    let node = read("node.json")?;
    let browser = read("browser.json")?;
    let criterion = |id: &str| criterion_median_ms(&inputs.dir.join("../criterion"), id);

    let mut md = String::new();
    let w = &mut md;
    w.push_str("# Benchmark results\n\n");
    let _ = writeln!(
        w,
        "Written by `cargo xtask bench` on {}. Figures are medians; ratios are d3-geo's time over ours (above 1: \
         we are faster). Issue 6's goal is ≥ 3× for projection + paths.\n",
        probe(cmd("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])).unwrap_or_default()
    );
    machine(w, inputs, &node, &browser);

    w.push_str("\n## 1. Projection + SVG paths: native Rust vs d3-geo in node\n\n");
    w.push_str(
        "Same GeoJSON, same work: Equal Earth, fitted to 1000 × 500 px with 8 px padding, one decimal. Rust: \
         `benches/workload` under criterion (`opt-level = 3`, LTO). d3-geo 3.1.2: `geoEqualEarth().fitExtent` + \
         `geoPath().digits(1)`, with resampling off (`precision(0)`: the same points as ours) and with d3's default \
         adaptive resampling.\n\n",
    );
    w.push_str("| input | positions | Rust | d3, no resampling | ratio | d3, default | ratio |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for scale in SCALES {
        let rust = criterion(&format!("paths_{scale}"));
        let d3 = num(
            &node,
            &["scales", scale, "paths_no_resampling", "median_ms"],
        );
        let d3d = num(&node, &["scales", scale, "paths_default", "median_ms"]);
        let _ = writeln!(
            w,
            "| {scale} | {} | {} | {} | {} | {} | {} |",
            int(&sizes, &[scale, "positions"]),
            ms(rust),
            ms(d3),
            ratio(d3, rust),
            ms(d3d),
            ratio(d3d, rust)
        );
    }
    let _ = writeln!(
        w,
        "\nFit check (scale, translate x, translate y), 1:50m: Rust {} · d3-geo {}",
        triple(&native, &["50m", "fit"]),
        triple(&node, &["scales", "50m", "fit"])
    );

    w.push_str("\n## 2. Projection + SVG paths: wasm vs d3-geo in the same Chromium page\n\n");
    w.push_str(
        "`bench/wasm` (the same workload, the widget's release profile: `opt-level = \"z\"`, LTO, wasm-opt as the widget) \
         and d3-geo timed alternately in one page (`bench/page.html`).\n\n",
    );
    w.push_str("| input | wasm | d3, no resampling | ratio | d3, default | ratio |\n|---|---:|---:|---:|---:|---:|\n");
    for scale in SCALES {
        let p = |k: &str| {
            num(
                &browser,
                &["compare", "scales", scale, "paths", k, "median_ms"],
            )
        };
        let (wasm, d3, d3d) = (p("wasm"), p("d3_no_resampling"), p("d3_default"));
        let _ = writeln!(
            w,
            "| {scale} | {} | {} | {} | {} | {} |",
            ms(wasm),
            ms(d3),
            ratio(d3, wasm),
            ms(d3d),
            ratio(d3d, wasm)
        );
    }
    let _ = writeln!(
        w,
        "\nPath data length, 1:50m: wasm {} characters, d3-geo {} (d3 writes an `L` per point and keeps points \
         that round to the previous one; it also clips the few rings that cross the antimeridian).",
        int(&browser, &["compare", "scales", "50m", "path_length_wasm"]),
        int(&browser, &["compare", "scales", "50m", "path_length_d3"])
    );

    w.push_str("\n## 3. Parsing the geometry\n\n");
    w.push_str(
        "Rust: `read_areas` (serde_json, then validation into `Area`s). JavaScript: `JSON.parse` of the same \
         GeoJSON, and `JSON.parse` of the TopoJSON + `topojson.feature` (d3's usual input). In Chromium the wasm \
         figure includes copying the text into wasm memory.\n\n",
    );
    w.push_str("| input | GeoJSON bytes | Rust native | node JSON.parse | node TopoJSON + feature | wasm | Chromium JSON.parse | Chromium TopoJSON + feature |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for scale in SCALES {
        let c = |k: &str| {
            num(
                &browser,
                &["compare", "scales", scale, "parse", k, "median_ms"],
            )
        };
        let _ = writeln!(
            w,
            "| {scale} | {} | {} | {} | {} | {} | {} | {} |",
            int(&sizes, &[scale, "geojson_bytes"]),
            ms(criterion(&format!("parse_{scale}"))),
            ms(num(&node, &["scales", scale, "parse_geojson", "median_ms"])),
            ms(num(
                &node,
                &["scales", scale, "parse_topojson_feature", "median_ms"]
            )),
            ms(c("wasm_read_areas")),
            ms(c("json_parse_geojson")),
            ms(c("json_parse_topojson_feature"))
        );
    }

    w.push_str("\n## Scale: memory\n\n");
    w.push_str(
        "Rust: a counting allocator in `benches/core.rs` (peak heap above what was live before the call; the areas \
         kept afterwards). node: heap held by the parsed GeoJSON after a full GC (a rough figure).\n\n",
    );
    w.push_str("| input | Rust parse peak | Rust areas held | Rust paths peak | node parsed GeoJSON held |\n|---|---:|---:|---:|---:|\n");
    for scale in SCALES {
        let _ = writeln!(
            w,
            "| {scale} | {} | {} | {} | {} |",
            mib(num(&native, &[scale, "parse_peak_bytes"])),
            mib(num(&native, &[scale, "areas_bytes"])),
            mib(num(&native, &[scale, "paths_peak_bytes"])),
            mib(num(&node, &["scales", scale, "geojson_heap_bytes"]))
        );
    }

    w.push_str("\n## The widget's scene (`Scene::build`, shipped data)\n\n");
    w.push_str("| region | native | wasm (Chromium) |\n|---|---:|---:|\n");
    for region in treaty_map::core::region::Region::ALL.map(|r| r.key()) {
        let _ = writeln!(
            w,
            "| {region} | {} | {} |",
            ms(criterion(&format!("scene_{region}"))),
            ms(num(&browser, &["compare", "scenes", region, "median_ms"]))
        );
    }
    let _ = writeln!(
        w,
        "| world, 1:50m geometry | {} | – |",
        ms(criterion("scene_world-50m"))
    );

    interaction(w, &browser);
    stages(w, &browser);
    worst(w, &browser);
    time(w, &browser);

    w.push_str("\n## 5. Payload (`cargo xtask size`)\n\n");
    w.push_str(&size::table(inputs.payload, &[inputs.world]));
    for line in size::verdicts(inputs.payload, inputs.world.sizes) {
        let _ = writeln!(w, "- {line}");
    }
    Ok(md)
}

fn machine(w: &mut String, inputs: &Inputs, node: &Value, browser: &Value) {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    let memory = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("").to_owned())
        })
        .and_then(|kib| kib.parse::<f64>().ok())
        .map_or_else(
            || "unknown".to_owned(),
            |kib| format!("{:.1} GiB", kib / 1_048_576.0),
        );
    let os = fs::read_to_string("/etc/debian_version")
        .map_or_else(|_| String::new(), |v| format!("Debian {}", v.trim()));
    let _ = writeln!(
        w,
        "Machine: {os}, {} cores (`nproc`), {model}, {memory} RAM. {}; node {}; Chromium {} (headless). \
         Load average (1, 5, 15 min) before: {}, after: {} — other jobs on this machine inflate the figures; \
         ratios taken in the same run are the robust part.",
        probe(&mut cmd("nproc")).unwrap_or_default().trim(),
        probe(cmd("rustc").arg("-V")).unwrap_or_default().trim(),
        node.get("node").and_then(Value::as_str).unwrap_or("?"),
        browser.get("chromium").and_then(Value::as_str).unwrap_or("?"),
        inputs.load_before,
        inputs.load_after
    );
}

fn interaction(w: &mut String, browser: &Value) {
    w.push_str("\n## 4. Interaction and load in Chromium (served demo, release build)\n\n");
    let clicks = int(browser, &["interaction", "clicks"]);
    let _ = writeln!(
        w,
        "{clicks} states in turn (`bench/browser.mjs`, inside the widget's shadow root), each timed two ways. \
         *Frame*: the event fired at the start of a frame (from a `requestAnimationFrame` callback, which is where \
         Chromium delivers real pointer moves) until a task posted right after it runs, which is after that \
         frame's style, layout and paint: the work between the event and its pixels. This is the figure issue 6's \
         goals (click 16 ms, hover 8 ms, pan 16 ms at p95) are read against. *Wall*: the event at an arbitrary \
         moment; *script* until a task posted after it runs (Yew has updated the DOM), *paint* until a task \
         posted from the next frame runs, so it adds the wait for that frame (0 to 16.7 ms at 60 Hz), which no \
         page can avoid. Seen after the event, of {} each: panels {}, closed after Escape {}, tooltips {}. Pans: \
         zoomed in once, then {} pointer moves of 12 px in drags of 20, half timed each way; moves that changed \
         the view: {}.\n",
        int(browser, &["interaction", "timed"]),
        int(browser, &["interaction", "ok", "click"]),
        int(browser, &["interaction", "ok", "escape"]),
        int(browser, &["interaction", "ok", "hover"]),
        int(browser, &["interaction", "pan_moves"]),
        int(browser, &["interaction", "ok", "pan"])
    );
    w.push_str(
        "| interaction | frame p50 | frame p95 | frame max | wall: script p50 | script p95 | paint p50 | paint p95 |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (kind, label) in [
        ("click", "click → panel"),
        ("escape", "Escape → closed"),
        ("hover", "hover → tooltip"),
        ("pan", "pan (one pointer move)"),
    ] {
        let f = |part: &str, q: &str| num(browser, &["interaction", kind, part, q]);
        let _ = writeln!(
            w,
            "| {label} | {} | {} | {} | {} | {} | {} | {} |",
            ms(f("frame", "p50_ms")),
            ms(f("frame", "p95_ms")),
            ms(f("frame", "max_ms")),
            ms(f("script", "p50_ms")),
            ms(f("script", "p95_ms")),
            ms(f("paint", "p50_ms")),
            ms(f("paint", "p95_ms")),
        );
    }
    load(w, browser);
    let _ = writeln!(
        w,
        "\nDOM work per interaction on a map of {} paths (a mutation observer on the widget; median, max): \
         `<path>` elements added plus removed: click {}, Escape {}, hover {}, pan {}; `<path>` elements whose \
         attributes changed: click {} (the state selected and the one before it at most), Escape {}, hover {}, \
         pan {}.",
        int(browser, &["interaction", "paths"]),
        median_max(browser, "paths_churned", "click"),
        median_max(browser, "paths_churned", "escape"),
        median_max(browser, "paths_churned", "hover"),
        median_max(browser, "paths_churned", "pan"),
        median_max(browser, "paths_touched", "click"),
        median_max(browser, "paths_touched", "escape"),
        median_max(browser, "paths_touched", "hover"),
        median_max(browser, "paths_touched", "pan"),
    );
    if browser.get("click_trace").is_some() {
        let f = |key: &str| ms(num(browser, &["click_trace", "median_ms", key]));
        let _ = writeln!(
            w,
            "\nThe click path phase by phase (a Chromium trace of {} clicks, each on another state so the panel \
             switches, each fired at the start of a frame so that the click and that frame's rendering are one \
             task; medians per click): the task {} (p95 {}): script (the event, Yew and the wasm) {}, style {}, \
             layout {}, pre-paint {}, paint {}, layerize and commit {}, other {}. The history entry is written \
             after the paint, in a task of its own: median {} ({} such tasks).",
            int(browser, &["click_trace", "clicks"]),
            f("task"),
            ms(num(browser, &["click_trace", "p95_task_ms"])),
            f("script"),
            f("style"),
            f("layout"),
            f("pre-paint"),
            f("paint"),
            f("layerize and commit"),
            f("other"),
            ms(num(browser, &["click_trace", "later_timer_tasks_ms"])),
            int(browser, &["click_trace", "later_timer_tasks"]),
        );
    }
    if let Some(top) = browser.pointer("/profile/top").and_then(Value::as_array) {
        let _ = writeln!(
            w,
            "\nCPU profile of 80 clicks, each on another state so the panel switches (sampling every 50 µs; \
             wasm with names, before wasm-opt), by self time, of {} busy, the history entries written after each \
             paint included. `(program)` is the browser's own work outside JavaScript and wasm (style, layout, \
             paint, event dispatch):\n",
            ms(num(browser, &["profile", "busy_ms"]))
        );
        w.push_str("| function | self | share |\n|---|---:|---:|\n");
        for entry in top.iter().take(12) {
            let name = entry.get("name").and_then(Value::as_str).unwrap_or("?");
            let _ = writeln!(
                w,
                "| `{}` | {} | {:.1} % |",
                shorten(name),
                ms(entry.get("self_ms").and_then(Value::as_f64)),
                entry.get("share").and_then(Value::as_f64).unwrap_or(0.0) * 100.0
            );
        }
    }
}

/// The stages of the demo's load, from their performance marks.
fn stages(w: &mut String, browser: &Value) {
    let Some(median) = browser
        .pointer("/stages/median_ms")
        .and_then(Value::as_object)
    else {
        return;
    };
    // In the order of the load (the JSON object's keys come sorted).
    let marks: Vec<String> = ["fetch", "parse", "scene", "render", "live"]
        .into_iter()
        .filter_map(|stage| Some(format!("{stage} {}", ms(median.get(stage)?.as_f64()))))
        .collect();
    let _ = writeln!(
        w,
        "\nThe stages of the demo's load (`treatymap:stage:*` marks, median of {} navigations, ms after navigation \
         start): {}.",
        int(browser, &["stages", "navigations"]),
        marks.join(", ")
    );
    anatomy(w, browser);
}

/// Where the demo's main thread spends a load, before the module's first stage and after it (traced loads).
fn anatomy(w: &mut String, browser: &Value) {
    let Some(anatomy) = browser.pointer("/stages/anatomy") else {
        return;
    };
    let _ = writeln!(
        w,
        "\nWhere the demo's main thread spends its load (a Chromium trace of each of {} loads through the DevTools \
         protocol, the median of each figure; those loads' first stage at {}, interactive at {}, after navigation \
         start). *Compiled on first call*: V8 compiles each of the wasm's functions on the thread that first calls \
         it, when it first runs (lazy compilation, Chromium's default). *The rest*: the scripts (the loader, the \
         glue, the widget's code and Yew's) with the DOM calls they make, garbage collection, and the browser's \
         own work besides the kinds named (committing the navigation, starting requests, instantiating the \
         module).\n\n\
         | part of the load | main thread busy | wasm compiled on first call | HTML parsing | style and layout | \
         paint | the rest |\n|---|---:|---:|---:|---:|---:|---:|",
        int(anatomy, &["loads"]),
        ms(num(anatomy, &["fetch_ms"])),
        ms(num(anatomy, &["interactive_ms"])),
    );
    for (part, label) in [
        ("before", "navigation → the module's first stage (`fetch`)"),
        ("after", "`fetch` → interactive"),
    ] {
        let figure = |kind: &str| ms(num(anatomy, &[part, kind]));
        let _ = writeln!(
            w,
            "| {label} | {} | {} ({} functions) | {} | {} | {} | {} |",
            figure("busy"),
            figure("compile_on_first_call"),
            int(anatomy, &[part, "functions_compiled"]),
            figure("parse_html"),
            figure("style_layout"),
            figure("paint"),
            figure("rest"),
        );
    }
    // Older results have no tasks.
    if anatomy.get("longest_task_ms_runs").is_some() {
        let long = long_tasks_each_load(&anatomy["long_tasks_runs"]);
        let _ = writeln!(
            w,
            "\nThe longest task of each of those loads, from the task that runs the loader on: {}; tasks over 50 ms, \
             with the stage each ran in and its costliest event: {}. The page's own longest before the loader (the \
             browser committing the navigation and parsing the page): {}.",
            each_load(anatomy, "longest_task_ms_runs", "–"),
            joined_or_none(&long),
            each_load(anatomy, "page_task_ms_runs", "–"),
        );
    }
}

/// The loads of the worst inputs the limits allow: the longest main-thread task of each (goal: under 50 ms).
fn worst(w: &mut String, browser: &Value) {
    let Some(cases) = browser.get("worst").and_then(Value::as_object) else {
        return;
    };
    w.push_str(
        "\n## The worst inputs the limits allow (`core::limits`)\n\nEach loaded into a page of its own, served as files, \
         in a Chromium started for it and traced from its start (`--trace-startup`; no DevTools protocol attached, whose \
         network instrumentation would decode every response body as text on the page's main thread: about 55 ms for \
         16 MiB): Chromium's `RunTask` events on the page's main thread, from the task that runs the loader until a \
         second after the map is live (or its error). Three such loads of each: the longest task of the median one \
         (goal: under 50 ms) and of each, and each load's tasks over 50 ms with the stage of the load each ran in (the \
         last `treatymap:stage:*` mark before it) and its costliest event. Before the loader runs, the browser commits \
         the navigation and parses the page (a heading and the map's element), as for any page: the longest of those \
         tasks in each load is given apart, as the page's own.\n\n\
         | input | files | longest task (median load) | each load's | tasks over 50 ms, each load | the page's own, before the loader | map |\n|---|---|---:|---|---|---|---|\n",
    );
    for (name, case) in cases {
        let files = case
            .get("bytes")
            .and_then(Value::as_object)
            .map(|files| {
                files
                    .iter()
                    .map(|(file, bytes)| format!("{file} {}", mib(bytes.as_f64())))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        // Each load's tasks over 50 ms (older results have the median load's only).
        let long: Vec<String> = match case.get("long_tasks_runs") {
            Some(loads) => long_tasks_each_load(loads),
            None => case.get("long_tasks").map(long_tasks).unwrap_or_default(),
        };
        let map = match case.get("error").and_then(Value::as_str) {
            Some(error) => format!("error: {error}"),
            None => format!(
                "{} shapes, {} dots, {} notes, in {}",
                int(case, &["shapes"]),
                int(case, &["dots"]),
                int(case, &["notes"]),
                ms(num(case, &["to_live_ms"]))
            ),
        };
        let _ = writeln!(
            w,
            "| {name} | {files} | {} | {} | {} | {} | {map} |",
            ms(num(case, &["longest_task_ms"])),
            each_load(case, "longest_task_ms_runs", ""),
            joined_or_none(&long),
            each_load(case, "page_task_ms_runs", "–")
        );
    }
}

/// Each load's tasks over 50 ms, one load after another, or "none" where there are none to list.
fn joined_or_none(long: &[String]) -> String {
    if long.is_empty() {
        "none".to_owned()
    } else {
        long.join("; ")
    }
}

/// A load's tasks over 50 ms: "61.50 ms (render: Layout 60.0 ms)", with the stage each ran in and its costliest
/// event.
fn long_tasks(tasks: &Value) -> Vec<String> {
    tasks
        .as_array()
        .map(|tasks| {
            tasks
                .iter()
                .map(|t| {
                    format!(
                        "{} ({}: {})",
                        ms(num(t, &["ms"])),
                        t.get("stage").and_then(Value::as_str).unwrap_or("?"),
                        t.get("doing").and_then(Value::as_str).unwrap_or("?")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Each load's tasks over 50 ms, "load 1: none", "load 2: 61.50 ms (…)", from a list of loads' lists.
fn long_tasks_each_load(loads: &Value) -> Vec<String> {
    loads
        .as_array()
        .map(|loads| {
            loads
                .iter()
                .enumerate()
                .map(|(i, tasks)| match long_tasks(tasks) {
                    tasks if tasks.is_empty() => format!("load {}: none", i + 1),
                    tasks => format!("load {}: {}", i + 1, tasks.join(", ")),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The figure of each load under `key` (ms), or `empty` for results without them.
fn each_load(value: &Value, key: &str, empty: &str) -> String {
    let figures: Vec<String> = value
        .get(key)
        .and_then(Value::as_array)
        .map(|runs| runs.iter().map(|r| ms(r.as_f64())).collect())
        .unwrap_or_default();
    if figures.is_empty() {
        empty.to_owned()
    } else {
        figures.join(", ")
    }
}

/// "p50, max" of a per-interaction count.
fn median_max(browser: &Value, key: &str, kind: &str) -> String {
    format!(
        "{}, {}",
        int(browser, &["interaction", &format!("{key}_p50"), kind]),
        int(browser, &["interaction", &format!("{key}_max"), kind])
    )
}

const LOAD_PAGES: [&str; 5] = [
    "1 widget",
    "10 widgets",
    "world map, shipped geometry",
    "world map, 1:50m geometry",
    "world map, 1:10m geometry",
];

/// Navigation to interactive, per page: paints, the `treatymap:interactive` mark, long tasks and memory.
fn load(w: &mut String, browser: &Value) {
    w.push_str(
        "\nLoad (median of five navigations, three for 1:10m; ms after navigation start). The demo and the \
         ten-widget page carry the static pre-render `cargo xtask build` writes (a declarative shadow root); \
         the world maps have none, and load the shipped status and regions with the geometry at that scale. \
         *Pre-render shown*: the first animation frame in which every host's pre-rendered map is laid out; \
         *live*: the first frame in which every host shows its live map (`.tm-mount .tm-map path.tm-shape`) \
         and no pre-render is left; *painted*: that frame done. *Interactive*: the `treatymap:interactive` \
         performance mark (issue 6's goal: ≤ 300 ms), the last instance's on a page of several. The longest \
         task is the longest of all navigations (a `longtask` PerformanceObserver; goal: none over 200 ms). \
         *Wasm memory*: array buffers outside the JS heap (CDP `Runtime.getHeapUsage`), mostly the module's \
         linear memory, one per page. The harness waits for the marks through the DevTools protocol, so that no \
         script of its own is compiled in the page during the load (Playwright's utility script took 8 ms).\n\n",
    );
    w.push_str("| page | first contentful paint | pre-render shown | live map | live painted | interactive | longest task | JS heap | wasm memory | DOM nodes |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for page in LOAD_PAGES {
        let f = |k: &str| num(browser, &["load", page, k]);
        let _ = writeln!(
            w,
            "| {page} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            ms(f("first_contentful_paint_ms")),
            ms(f("prerender_shown_ms")),
            ms(f("live_drawn_ms")),
            ms(f("map_painted_ms")),
            ms(f("interactive_ms")),
            // The long-task observer reports only tasks over 50 ms; none at all reads as 0.
            match f("longest_task_ms") {
                Some(longest) if longest > 0.0 => ms(Some(longest)),
                Some(_) => "none over 50 ms".to_owned(),
                None => ms(None),
            },
            mib(f("js_heap_used_bytes")),
            mib(f("backing_store_bytes")),
            f("nodes").map_or_else(|| "–".to_owned(), |n| format!("{n:.0}"))
        );
    }
    for page in ["1 widget", "10 widgets"] {
        let f = |k: &str| int(browser, &["load", page, k]);
        let _ = writeln!(
            w,
            "\n{page}: the pre-rendered map(s) were in the page's first frame with content (the frame of the \
             first contentful paint) in {} of {} navigations.",
            f("prerender_in_first_frame"),
            f("navigations")
        );
    }
    let ten = |k: &str| num(browser, &["load", "10 widgets", k]);
    let one = |k: &str| num(browser, &["load", "1 widget", k]);
    let _ = writeln!(
        w,
        "\n1 → 10 instances: first interactive {} → {} (first of ten), all interactive {} → {}; JS heap {} → {}; \
         wasm memory {} → {}.",
        ms(one("interactive_first_ms")),
        ms(ten("interactive_first_ms")),
        ms(one("interactive_ms")),
        ms(ten("interactive_ms")),
        mib(one("js_heap_used_bytes")),
        mib(ten("js_heap_used_bytes")),
        mib(one("backing_store_bytes")),
        mib(ten("backing_store_bytes"))
    );
    let both: Vec<&str> = LOAD_PAGES
        .into_iter()
        .filter(|page| {
            browser
                .pointer(&format!("/load/{page}/both_shown"))
                .and_then(Value::as_bool)
                .unwrap_or(false)
        })
        .collect();
    if both.is_empty() {
        w.push_str("\nNo frame showed a pre-render and the live map together.\n");
    } else {
        let _ = writeln!(
            w,
            "\nA frame showed a pre-render and the live map together on: {}.",
            both.join(", ")
        );
    }
    if let Some(failures) = browser.pointer("/load/failures").and_then(Value::as_array) {
        for failure in failures.iter().filter_map(Value::as_str) {
            let _ = writeln!(w, "\n- Load not counted: {failure}");
        }
    }
}

/// criterion's median for a benchmark id (its directory name), in ms.
fn criterion_median_ms(dir: &Path, id: &str) -> Option<f64> {
    let text = fs::read_to_string(dir.join(id).join("new/estimates.json")).ok()?;
    let value: Value = serde_json::from_str(&text).ok()?;
    Some(value.pointer("/median/point_estimate")?.as_f64()? / 1e6)
}

/// Issue 15's figures: a date step on the world map and playback.
fn time(w: &mut String, browser: &Value) {
    if browser.get("time").is_none() {
        return;
    }
    let f = |path: &[&str]| num(browser, &[&["time"], path].concat());
    let _ = writeln!(
        w,
        "\n### Time: a date step and playback on the world map\n\n\
         {} date steps on the world map ({} `<path>` elements; the slider's ArrowRight then ArrowLeft, each fired \
         at the start of a frame and timed until that frame has painted; {} changed the date): frame p50 {}, \
         p95 {}, max {} (issue 15's goal: p95 ≤ 16 ms). `<path>` elements whose attributes changed per step: \
         median {}, max {}; writes to a path's `d` in all the steps: {} (a date step recolours only). Playback \
         for {} s from {} (reached {}): {} frames, interval p50 {}, p95 {}, max {}; frames later than 25 ms: {}.",
        int(browser, &["time", "steps"]),
        int(browser, &["time", "paths"]),
        int(browser, &["time", "changed"]),
        ms(f(&["step_frame", "p50_ms"])),
        ms(f(&["step_frame", "p95_ms"])),
        ms(f(&["step_frame", "max_ms"])),
        int(browser, &["time", "touched_p50"]),
        int(browser, &["time", "touched_max"]),
        int(browser, &["time", "d_writes"]),
        int(browser, &["time", "playback", "seconds"]),
        browser.pointer("/time/playback/from").and_then(Value::as_str).unwrap_or("?"),
        browser.pointer("/time/playback/to").and_then(Value::as_str).unwrap_or("?"),
        int(browser, &["time", "playback", "frames"]),
        ms(f(&["playback", "interval", "p50_ms"])),
        ms(f(&["playback", "interval", "p95_ms"])),
        ms(f(&["playback", "interval", "max_ms"])),
        int(browser, &["time", "playback", "late_frames"]),
    );
}

fn num(value: &Value, path: &[&str]) -> Option<f64> {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(Value::as_f64)
}

fn int(value: &Value, path: &[&str]) -> String {
    num(value, path).map_or_else(|| "–".to_owned(), |n| format!("{n:.0}"))
}

fn triple(value: &Value, path: &[&str]) -> String {
    let items = path
        .iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(Value::as_array);
    items.map_or_else(
        || "–".to_owned(),
        |a| {
            a.iter()
                .filter_map(Value::as_f64)
                .map(|x| format!("{x:.3}"))
                .collect::<Vec<_>>()
                .join(", ")
        },
    )
}

fn ms(value: Option<f64>) -> String {
    match value {
        Some(v) if v >= 100.0 => format!("{v:.0} ms"),
        Some(v) if v >= 1.0 => format!("{v:.2} ms"),
        Some(v) => format!("{v:.3} ms"),
        None => "–".to_owned(),
    }
}

fn mib(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{:.2} MiB", v / 1_048_576.0))
}

fn ratio(theirs: Option<f64>, ours: Option<f64>) -> String {
    match (theirs, ours) {
        (Some(t), Some(o)) if o > 0.0 => format!("{:.2}×", t / o),
        _ => "–".to_owned(),
    }
}

/// A Rust symbol without its hash suffix, and at most 100 characters.
fn shorten(name: &str) -> String {
    let name = match name.rsplit_once("::h") {
        Some((head, hash)) if hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()) => {
            head
        }
        _ => name,
    };
    let name = name.replace('|', "\\|");
    if name.chars().count() > 100 {
        format!("{}…", name.chars().take(99).collect::<String>())
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_read_as_how_many_times_faster_we_are() {
        assert_eq!(ratio(Some(30.0), Some(10.0)), "3.00×");
        assert_eq!(ratio(None, Some(10.0)), "–");
    }

    #[test]
    fn the_load_table_shows_the_interactive_mark_and_says_what_was_not_counted() {
        let browser = serde_json::json!({ "load": {
            "1 widget": { "first_contentful_paint_ms": 120.0, "prerender_shown_ms": 101.2,
                          "live_drawn_ms": 250.0, "map_painted_ms": 262.0, "interactive_ms": 251.0,
                          "longest_task_ms": 90.0, "backing_store_bytes": 2097152.0, "both_shown": false },
            "10 widgets": { "interactive_ms": 900.0, "both_shown": true, "longest_task_ms": 0.0 },
            "failures": ["world map, 1:10m geometry: not all live maps drawn within 60 s"]
        }});
        let mut md = String::new();
        load(&mut md, &browser);
        assert!(md.contains(
            "| 1 widget | 120 ms | 101 ms | 250 ms | 262 ms | 251 ms | 90.00 ms | – | 2.00 MiB | – |"
        ));
        assert!(md.contains("all interactive 251 ms → 900 ms"));
        assert!(md.contains("| 10 widgets | – | – | – | – | 900 ms | none over 50 ms |"));
        assert!(md.contains("together on: 10 widgets."));
        assert!(md.contains("- Load not counted: world map, 1:10m geometry"));
    }

    #[test]
    fn the_interaction_table_leads_with_the_frame_figures_and_counts_the_paths_touched() {
        let timing = |frame: f64, paint: f64| {
            serde_json::json!({
                "frame": { "p50_ms": frame, "p95_ms": frame + 2.0, "max_ms": frame + 5.0 },
                "script": { "p50_ms": 1.0, "p95_ms": 2.0 },
                "paint": { "p50_ms": paint, "p95_ms": paint + 9.0 },
            })
        };
        let browser = serde_json::json!({ "interaction": {
            "clicks": 100, "timed": 200, "pan_moves": 120, "paths": 79,
            "ok": { "click": 200, "escape": 199, "hover": 200, "pan": 120 },
            "click": timing(7.5, 21.0), "escape": timing(7.0, 17.0), "hover": timing(3.0, 11.0),
            "pan": timing(6.0, 11.0),
            "paths_churned_p50": { "click": 0, "escape": 0, "hover": 0, "pan": 0 },
            "paths_churned_max": { "click": 0, "escape": 0, "hover": 0, "pan": 0 },
            "paths_touched_p50": { "click": 2, "escape": 1, "hover": 0, "pan": 0 },
            "paths_touched_max": { "click": 2, "escape": 1, "hover": 0, "pan": 0 },
        }});
        let mut md = String::new();
        interaction(&mut md, &browser);
        assert!(md.contains(
            "| click → panel | 7.50 ms | 9.50 ms | 12.50 ms | 1.00 ms | 2.00 ms | 21.00 ms | 30.00 ms |"
        ));
        assert!(md.contains("closed after Escape 199"));
        assert!(md.contains("attributes changed: click 2, 2"));
    }

    /// The median stage marks of five navigations, as `bench/browser.mjs` writes them.
    fn stage_marks() -> Value {
        serde_json::json!({ "fetch": 120.5, "parse": 180.0, "scene": 200.25, "render": 230.0, "live": 260.0 })
    }

    #[test]
    fn the_stages_line_lists_each_mark_in_order() {
        let browser =
            serde_json::json!({ "stages": { "navigations": 5, "median_ms": stage_marks() } });
        let mut md = String::new();
        stages(&mut md, &browser);
        assert!(md.contains("median of 5 navigations"), "{md}");
        assert!(
            md.contains("fetch 120 ms, parse 180 ms, scene 200 ms, render 230 ms, live 260 ms."),
            "{md}"
        );
    }

    #[test]
    fn the_load_anatomy_gives_a_row_for_each_part_of_the_load() {
        let part = |busy: f64, compile: f64, functions: f64| {
            serde_json::json!({ "busy": busy, "compile_on_first_call": compile, "functions_compiled": functions,
                "parse_html": 12.25, "style_layout": 44.9, "paint": 7.5, "rest": 122.1 })
        };
        let browser = serde_json::json!({ "stages": { "navigations": 5, "median_ms": stage_marks(),
            "anatomy": { "loads": 3, "fetch_ms": 234.1, "interactive_ms": 340.8,
                "before": part(195.6, 8.2, 359.0), "after": part(99.1, 23.3, 1076.0),
                "longest_task_ms_runs": [41.0, 73.5, 38.25], "page_task_ms_runs": [25.0, 49.9, 12.0],
                "long_tasks_runs": [[], [{ "ms": 73.5, "stage": "render", "doing": "Layout 60.0 ms" }], []] } } });
        let mut md = String::new();
        stages(&mut md, &browser);
        assert!(md.contains("each of 3 loads"), "{md}");
        assert!(
            md.contains("first stage at 234 ms, interactive at 341 ms"),
            "{md}"
        );
        assert!(md.contains("| navigation → the module's first stage (`fetch`) | 196 ms | 8.20 ms (359 functions) | 12.25 ms | 44.90 ms | 7.50 ms | 122 ms |"), "{md}");
        assert!(
            md.contains("| `fetch` → interactive | 99.10 ms | 23.30 ms (1076 functions) |"),
            "{md}"
        );
        assert!(
            md.contains("from the task that runs the loader on: 41.00 ms, 73.50 ms, 38.25 ms;"),
            "{md}"
        );
        assert!(
            md.contains("load 1: none; load 2: 73.50 ms (render: Layout 60.0 ms); load 3: none."),
            "{md}"
        );
        assert!(md.contains("before the loader (the browser committing the navigation and parsing the page): 25.00 ms, 49.90 ms, 12.00 ms."), "{md}");
        // Without traced loads, the stages line stands alone.
        let mut md = String::new();
        stages(
            &mut md,
            &serde_json::json!({ "stages": { "navigations": 5, "median_ms": { "fetch": 1.0 } } }),
        );
        assert!(!md.contains("main thread"), "{md}");
    }

    #[test]
    fn the_worst_inputs_table_names_each_long_task_with_its_stage() {
        let browser = serde_json::json!({ "worst": { "bad": {
            "bytes": { "world.geo.json": 16_000_000.0 }, "longest_task_ms": 61.5, "to_live_ms": 900.0,
            "longest_task_ms_runs": [70.0, 61.5, 40.0],
            "long_tasks": [{ "ms": 61.5, "stage": "render", "doing": "Layout 60.0 ms" }],
            "shapes": 0, "dots": 0, "notes": 51, "error": null
        } } });
        let mut md = String::new();
        worst(&mut md, &browser);
        assert!(md.contains("| bad | world.geo.json 15.26 MiB | 61.50 ms | 70.00 ms, 61.50 ms, 40.00 ms | 61.50 ms (render: Layout 60.0 ms) | – | 0 shapes, 0 dots, 51 notes, in 900 ms |"), "{md}");
        let browser = serde_json::json!({ "worst": { "bad": {
            "bytes": { "world.geo.json": 16_000_000.0 }, "longest_task_ms": 40.0, "to_live_ms": 900.0,
            "longest_task_ms_runs": [70.0, 40.0, 30.0],
            "long_tasks_runs": [[{ "ms": 70.0, "stage": "fetch", "doing": "Layout 60.0 ms" }], [], []],
            "page_task_ms_runs": [61.0, 20.0, 18.5],
            "shapes": 0, "dots": 0, "notes": 51, "error": null
        } } });
        let mut md = String::new();
        worst(&mut md, &browser);
        assert!(
            md.contains("| load 1: 70.00 ms (fetch: Layout 60.0 ms); load 2: none; load 3: none |"),
            "{md}"
        );
        let mut none = String::new();
        worst(&mut none, &serde_json::json!({}));
        assert!(none.is_empty());
    }

    #[test]
    fn symbols_lose_their_hash() {
        assert_eq!(
            shorten("yew::scheduler::start::h0123456789abcdef"),
            "yew::scheduler::start"
        );
        assert_eq!(shorten("(program)"), "(program)");
    }
}
