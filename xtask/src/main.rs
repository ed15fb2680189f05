//! Project automation for treaty-map: `cargo xtask <command>`.
//!
//! Works from any directory inside the repository; the repository root is
//! located from this crate's manifest directory.

mod anchors;
mod bench;
mod build;
mod compact;
mod data;
mod dist;
mod files;
mod geometry;
mod layout;
mod names;
mod prerender;
mod refresh;
mod reviews;
mod serve;
mod size;
mod status;
mod table;
mod test;
mod tools;
mod untc;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [args]

commands:
  build              build the wasm widget, assemble target/site/ (with pre-renders) and dist/
  size               build, then print the widget's payload per file and fail above the size budgets
  bench              benchmarks beside d3-geo (native, wasm in Chromium, interaction), into bench/RESULTS.md
  serve [--port N]   build, then serve target/site on 127.0.0.1:N (default 8080) as a CDN would (compressed,
                     cached); --csp: the strict policy on every page; --dist: serve dist/ instead
  test               fmt, clippy, native tests, wasm browser tests, build, e2e tests
  data [status|geometry]  rebuild data/ from its sources (see data/README.md)
  data refresh --untc DIR  rebuild the status table from saved UNTC pages (see data/REFRESH.md)
  anchors FILE       every state's anchor on each map, as JSON, for the end-to-end hit test";

fn main() -> ExitCode {
    tools::init_path();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => {
            eprintln!("{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    let result = match command {
        "build" => no_args("build", rest).and_then(|()| build::run_build()),
        "serve" => serve::run(rest),
        "size" => size::run(rest),
        "bench" => bench::run(rest),
        "test" => test::run_all(rest),
        "data" => data::run(rest),
        "anchors" => anchors::run(rest),
        "help" | "-h" | "--help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            ExitCode::FAILURE
        }
    }
}

fn no_args(command: &str, rest: &[String]) -> Result<(), String> {
    match rest.first() {
        None => Ok(()),
        Some(arg) => Err(format!("`{command}` takes no arguments (got `{arg}`)")),
    }
}
