//! Native benchmarks of the core, run by `cargo xtask bench` beside d3-geo (bench/node.mjs) on the same inputs.
//!
//! - `parse/<scale>`: `read_areas` on the world-atlas countries at 1:110m, 1:50m and 1:10m (GeoJSON written by
//!   bench/inputs.mjs into `target/bench/`).
//! - `paths/<scale>`: projection and SVG path data for every area: Equal Earth bounds of every position, the fit
//!   into a 1000 × 500 px viewport with 8 px padding, then `svg_path` (one decimal) for each area. d3-geo's
//!   counterpart is `geoEqualEarth().fitExtent(…)` and `geoPath(projection).digits(1)` over every feature.
//! - `scene/<region>`: `Scene::build` on the shipped data files (the widget's whole scene: paths, anchors, dots,
//!   context, legend), and on the 1:50m world.
//!
//! Before timing, the peak heap used by parsing and by path generation at each scale is measured with a counting
//! allocator and written to `target/bench/native.json`.
//!
//! criterion does not build for wasm32 (`cargo clippy --target wasm32-unknown-unknown --all-targets` checks this
//! file too), so there the benchmark is an empty program.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod workload;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::fs;
    use std::hint::black_box;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::time::Duration;

    use criterion::Criterion;
    use treaty_map::core::area::read_areas;
    use treaty_map::core::load::{assemble, Inputs};
    use treaty_map::core::region::Region;
    use treaty_map::core::scene::Scene;

    use super::workload::{self, project_and_paths};

    const SCALES: [&str; 3] = ["110m", "50m", "10m"];

    pub fn main() {
        let inputs = inputs();
        write_memory_report(&inputs);
        let mut c = Criterion::default()
            .sample_size(20)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
            .configure_from_args();
        bench_parse_and_paths(&mut c, &inputs);
        bench_scenes(&mut c, &inputs);
        c.final_summary();
    }

    /// The GeoJSON inputs by scale, as text; scales whose file is missing are left out (with a note).
    fn inputs() -> Vec<(&'static str, String)> {
        let dir = bench_dir();
        SCALES
            .iter()
            .filter_map(|&scale| {
                let path = dir.join(format!("world-{scale}.geo.json"));
                match fs::read_to_string(&path) {
                    Ok(text) => Some((scale, text)),
                    Err(e) => {
                        eprintln!(
                            "note: {} not read ({e}); run `cargo xtask bench`",
                            path.display()
                        );
                        None
                    }
                }
            })
            .collect()
    }

    fn bench_dir() -> PathBuf {
        match std::env::var_os("TREATY_MAP_BENCH_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench"),
        }
    }

    fn bench_parse_and_paths(c: &mut Criterion, inputs: &[(&str, String)]) {
        for (scale, text) in inputs {
            c.bench_function(&format!("parse/{scale}"), |b| {
                b.iter(|| read_areas(black_box(text)).expect("valid GeoJSON"))
            });
            let (areas, _) = read_areas(text).expect("valid GeoJSON");
            c.bench_function(&format!("paths/{scale}"), |b| {
                b.iter(|| project_and_paths(black_box(&areas)))
            });
        }
    }

    fn bench_scenes(c: &mut Criterion, inputs: &[(&str, String)]) {
        let data_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
        let read = |name: &str| fs::read_to_string(data_dir.join(name)).expect("shipped data file");
        let (status, regions) = (read("status.json"), read("regions.json"));
        let shipped = assemble(Inputs::texts(
            &status,
            &read("world.geo.json"),
            &regions,
            None,
        ))
        .expect("shipped data loads");
        for region in Region::ALL {
            c.bench_function(&format!("scene/{}", region.key()), |b| {
                b.iter(|| Scene::build(black_box(&shipped), region))
            });
        }
        if let Some((_, text)) = inputs.iter().find(|(scale, _)| *scale == "50m") {
            let world_50m =
                assemble(Inputs::texts(&status, text, &regions, None)).expect("50m loads");
            c.bench_function("scene/world-50m", |b| {
                b.iter(|| Scene::build(black_box(&world_50m), Region::World))
            });
        }
    }

    fn write_memory_report(inputs: &[(&str, String)]) {
        COUNTING.store(true, Ordering::SeqCst);
        let mut rows = Vec::new();
        for (scale, text) in inputs {
            let ((areas, _), parse_peak) = peak_heap(|| read_areas(text).expect("valid GeoJSON"));
            let (_, paths_peak) = peak_heap(|| project_and_paths(&areas));
            let held = live_heap(|| read_areas(text).expect("valid GeoJSON"));
            let (scale_px, tx, ty) = workload::fit(&areas).unwrap_or_default();
            rows.push(format!(
                "  \"{scale}\": {{ \"parse_peak_bytes\": {parse_peak}, \"areas_bytes\": {held}, \"paths_peak_bytes\": {paths_peak}, \"areas\": {}, \"fit\": [{scale_px}, {tx}, {ty}] }}",
                areas.len()
            ));
        }
        COUNTING.store(false, Ordering::SeqCst);
        let json = format!("{{\n{}\n}}\n", rows.join(",\n"));
        let path = bench_dir().join("native.json");
        if fs::create_dir_all(bench_dir()).is_ok() && fs::write(&path, &json).is_ok() {
            eprintln!("peak heap written to {}", path.display());
        }
    }

    /// Runs `f` and returns its result with the peak heap it allocated above what was live before it.
    fn peak_heap<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let before = LIVE.load(Ordering::SeqCst);
        PEAK.store(before, Ordering::SeqCst);
        let result = f();
        (result, PEAK.load(Ordering::SeqCst) - before)
    }

    /// The heap still held by what `f` returns.
    fn live_heap<T>(f: impl FnOnce() -> T) -> usize {
        let before = LIVE.load(Ordering::SeqCst);
        let result = f();
        let held = LIVE.load(Ordering::SeqCst).saturating_sub(before);
        drop(result);
        held
    }

    /// Counting is on only while memory is measured, so that it costs the timed benchmarks nothing but a load.
    static COUNTING: AtomicBool = AtomicBool::new(false);
    static LIVE: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);

    /// The system allocator, counting the bytes live and their peak.
    struct Counting;

    // SAFETY: every call is forwarded unchanged to the system allocator; only counters are added.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let ptr = System.alloc(layout);
            if !ptr.is_null() && COUNTING.load(Ordering::Relaxed) {
                let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            }
            ptr
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            System.dealloc(ptr, layout);
            if COUNTING.load(Ordering::Relaxed) {
                // Saturating: a block allocated before counting began may be freed while counting.
                let _ = LIVE.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |live| {
                    Some(live.saturating_sub(layout.size()))
                });
            }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let new = System.realloc(ptr, layout, new_size);
            if !new.is_null() && COUNTING.load(Ordering::Relaxed) {
                if new_size >= layout.size() {
                    let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                        + (new_size - layout.size());
                    PEAK.fetch_max(live, Ordering::Relaxed);
                } else {
                    let _ = LIVE.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |live| {
                        Some(live.saturating_sub(layout.size() - new_size))
                    });
                }
            }
            new
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;
}
