//! Reading what the network delivered (each file's text, or the reason it could not be fetched) into the
//! inputs of [`Dataset::assemble`], the one constructor of the model, whose policy decides which failures
//! still give a map; and the load's other pure parts: `check_body` (an HTML page where JSON was expected),
//! [`Stage`] and [`stalled`], the watchdog's message.

use std::rc::Rc;

use crate::core::area::{read_areas, AreaReader};
use crate::core::content::ContentTable;
use crate::core::dataset::{Content, Dataset, ReadAreas, ReadRegions, ReadStatus};
use crate::core::error::{Diagnostic, LoadError};
use crate::core::region::RegionTable;
use crate::core::status::StatusTable;

/// One fetched file: its text, or why it could not be had (already naming the URL).
pub type Fetched<'a> = Result<&'a str, LoadError>;

/// Everything one instance fetched. The geometry is its text (`G` = [`Fetched`]) for [`assemble`], or already
/// read (`G` = `Result<ReadAreas, LoadError>`) for [`assemble_read`].
#[derive(Debug, Clone)]
pub struct Inputs<'a, G = Fetched<'a>> {
    pub status: Fetched<'a>,
    pub geometry: G,
    pub regions: Fetched<'a>,
    /// `None` when the host configured no content.
    pub content: Option<Fetched<'a>>,
}

impl<'a> Inputs<'a> {
    /// Inputs that were all fetched: the files' texts (a test's, or `cargo xtask data`'s, read from disk).
    pub fn texts(
        status: &'a str,
        geometry: &'a str,
        regions: &'a str,
        content: Option<&'a str>,
    ) -> Inputs<'a> {
        Inputs {
            status: Ok(status),
            geometry: Ok(geometry),
            regions: Ok(regions),
            content: content.map(Ok),
        }
    }
}

/// Reads every file and builds the dataset ([`Dataset::assemble`], then [`Dataset::with_content`]). The
/// error lists every file that failed, in the order status, geometry, regions.
///
/// # Examples
/// ```
/// use treaty_map::core::error::LoadError;
/// use treaty_map::core::load::{assemble, Inputs};
/// let geometry = r#"{"type":"FeatureCollection","features":[]}"#;
/// let data = assemble(Inputs {
///     status: Err(LoadError::Fetch("data/status.json: HTTP 500".to_owned())),
///     geometry: Ok(geometry),
///     regions: Ok("{}"),
///     content: None,
/// })
/// .unwrap();
/// assert!(data.statuses.is_empty());
/// assert_eq!(data.diagnostics[0].0, "data/status.json: HTTP 500; every state shows as \u{201c}no data\u{201d}");
/// ```
pub fn assemble(inputs: Inputs<'_>) -> Result<Dataset, LoadError> {
    let geometry = inputs
        .geometry
        .and_then(|text| Ok(read_areas(strip_bom(text))?));
    assemble_read(Inputs {
        status: inputs.status,
        geometry,
        regions: inputs.regions,
        content: inputs.content,
    })
}

/// A reader for the fetched geometry, to read it a slice at a time before [`assemble_read`].
pub fn geometry_reader(text: &str) -> Result<AreaReader<'_>, LoadError> {
    Ok(AreaReader::new(strip_bom(text))?)
}

/// As [`assemble`], with the geometry already read (by [`geometry_reader`]).
pub fn assemble_read(
    inputs: Inputs<'_, Result<ReadAreas, LoadError>>,
) -> Result<Dataset, LoadError> {
    let data = Dataset::assemble(
        read_status(inputs.status),
        inputs.geometry,
        read_regions(inputs.regions),
    )?;
    Ok(match inputs.content {
        None => data,
        Some(content) => data.with_content(read_content(content)),
    })
}

/// Reads `status.json` (a step of its own for the widget, which reads each file in a task of its own).
pub fn read_status(status: Fetched<'_>) -> ReadStatus {
    status.and_then(|text| Ok(StatusTable::from_json(strip_bom(text))?))
}

/// Reads `regions.json`.
pub fn read_regions(regions: Fetched<'_>) -> ReadRegions {
    regions.and_then(|text| Ok(RegionTable::from_json(strip_bom(text))?))
}

/// The stages of one load, in order. The widget records a `performance.mark("treatymap:stage:<name>")` as each
/// begins, and its watchdog names the stage a load stalled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Downloading the data files, bodies included.
    Fetch,
    /// Reading the geometry and the tables.
    Parse,
    /// Projecting the map and placing its dots.
    Scene,
    /// Drawing the first map.
    Render,
    /// The map is on screen and answers the visitor.
    Live,
}

impl Stage {
    /// The name in the stage's performance mark.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Fetch => "fetch",
            Stage::Parse => "parse",
            Stage::Scene => "scene",
            Stage::Render => "render",
            Stage::Live => "live",
        }
    }

    fn doing(self) -> &'static str {
        match self {
            Stage::Fetch => "fetching",
            Stage::Parse => "parsing",
            Stage::Scene => "building the map",
            Stage::Render => "drawing the map",
            Stage::Live => "done",
        }
    }
}

/// The message of a load that the watchdog stopped after `seconds`: the stage it stalled in, and the files it
/// was still waiting for.
///
/// # Examples
/// ```
/// use treaty_map::core::load::{stalled, Stage};
/// assert_eq!(
///     stalled(Stage::Fetch, 20, &["data/world.geo.json"]),
///     "the map did not load within 20 s: stalled while fetching (no complete answer from data/world.geo.json)"
/// );
/// assert_eq!(stalled(Stage::Scene, 20, &[]), "the map did not load within 20 s: stalled while building the map");
/// ```
pub fn stalled(stage: Stage, seconds: u32, waiting: &[&str]) -> String {
    let mut message = format!(
        "the map did not load within {seconds} s: stalled while {}",
        stage.doing()
    );
    // Listed by hand: `join` on a list of `&str` would be a copy of its code of its own in the wasm, the
    // others joining lists of `String`s.
    let mut before = " (no complete answer from ";
    for url in waiting {
        message.push_str(before);
        message.push_str(url);
        before = ", ";
    }
    if !waiting.is_empty() {
        message.push(')');
    }
    message
}

/// Reads the host's content on its own: unusable content is one diagnostic.
pub fn read_content(content: Fetched<'_>) -> Content {
    let mut diagnostics = Vec::new();
    let table = match content.and_then(|text| Ok(ContentTable::from_json(strip_bom(text))?)) {
        Ok((table, more)) => {
            diagnostics.extend(more);
            table
        }
        Err(error) => {
            diagnostics.push(Diagnostic(format!("{error}; the map shows without it")));
            ContentTable::default()
        }
    };
    Content {
        table: Rc::new(table),
        diagnostics,
    }
}

/// Checks a response before it is parsed: an HTML page (a login wall, a 404 page served with status 200, a
/// single-page app's fallback) gets a message that says so, rather than a JSON syntax error at line 1.
///
/// # Examples
/// ```
/// use treaty_map::core::load::check_body;
/// assert!(check_body(Some("application/json"), "{}").is_ok());
/// assert_eq!(
///     check_body(Some("text/html; charset=utf-8"), "<!doctype html>").unwrap_err().to_string(),
///     "the response is an HTML page, not JSON (content type: text/html; charset=utf-8): is the URL right?"
/// );
/// ```
pub fn check_body(content_type: Option<&str>, text: &str) -> Result<(), LoadError> {
    let content_type = content_type.unwrap_or("none");
    let html = content_type
        .split(';')
        .next()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("text/html"));
    if html || strip_bom(text).trim_start().starts_with('<') {
        return Err(LoadError::Html {
            content_type: content_type.to_owned(),
        });
    }
    Ok(())
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::class::StatusClass;
    use crate::core::iso3::Iso3;
    use crate::core::region::Region;
    use crate::core::scene::Scene;
    use crate::harness::test;

    const STATUS: &str = include_str!("../../tests/fixtures/status.json");
    const GEOMETRY: &str = include_str!("../../tests/fixtures/geometry.geo.json");
    const REGIONS: &str = include_str!("../../tests/fixtures/regions.json");
    const CONTENT: &str = include_str!("../../tests/fixtures/content.json");

    fn inputs<'a>() -> Inputs<'a> {
        Inputs {
            status: Ok(STATUS),
            geometry: Ok(GEOMETRY),
            regions: Ok(REGIONS),
            content: Some(Ok(CONTENT)),
        }
    }

    #[test]
    fn the_geometry_read_a_slice_at_a_time_assembles_as_read_at_once() {
        let data = assemble(inputs()).unwrap();
        let mut reader = geometry_reader(GEOMETRY).unwrap();
        let mut slices = 1;
        while !reader.read(1) {
            slices += 1;
        }
        assert!(slices > 2, "{slices} slices");
        let sliced = assemble_read(Inputs {
            status: Ok(STATUS),
            geometry: reader.finish().map_err(LoadError::from),
            regions: Ok(REGIONS),
            content: Some(Ok(CONTENT)),
        })
        .unwrap();
        assert_eq!(sliced, data);
        assert!(!data.areas.is_empty() && !data.statuses.is_empty());
    }

    #[test]
    fn without_status_every_state_is_no_data_with_a_diagnostic() {
        let data = assemble(Inputs {
            status: Ok("<html>"),
            ..inputs()
        })
        .unwrap();
        assert!(data.diagnostics[0]
            .0
            .starts_with("status data: not valid JSON: "));
        assert!(data.diagnostics[0]
            .0
            .ends_with("every state shows as \u{201c}no data\u{201d}"));
        let scene = Scene::build(&data, Region::Americas);
        assert!(!scene.shapes.is_empty());
        assert!(scene.shapes.iter().all(|s| s.class == StatusClass::NoData));
        assert_eq!(
            crate::core::profile::source_line(&data.statuses.sources, crate::core::i18n::Lang::En),
            "Treaty status could not be loaded: every state shows as \u{201c}no data\u{201d}"
        );
    }

    #[test]
    fn without_geometry_or_regions_the_load_fails_naming_every_file() {
        let error = assemble(Inputs {
            status: Err(LoadError::Fetch(
                "d/status.json: HTTP 404 Not Found".to_owned(),
            )),
            geometry: Err(LoadError::Fetch(
                "d/world.geo.json: HTTP 404 Not Found".to_owned(),
            )),
            ..inputs()
        })
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "d/status.json: HTTP 404 Not Found; d/world.geo.json: HTTP 404 Not Found"
        );
        assert!(matches!(&error, LoadError::Files(files) if files.len() == 2));
        let error = assemble(Inputs {
            regions: Ok("[1,2]"),
            ..inputs()
        })
        .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("regions: not valid JSON: invalid type"),
            "{error}"
        );
        assert!(
            matches!(&error, LoadError::Files(files) if matches!(files[..], [LoadError::Data(_)])),
            "{error:?}"
        );
    }

    #[test]
    fn content_that_fails_or_names_unknown_states_is_a_diagnostic() {
        let data = assemble(Inputs {
            content: Some(Err(LoadError::Fetch(
                "c.json: timed out after 20 s".to_owned(),
            ))),
            ..inputs()
        })
        .unwrap();
        assert_eq!(
            data.diagnostics.last().unwrap().0,
            "c.json: timed out after 20 s; the map shows without it"
        );
        let data = assemble(Inputs {
            content: Some(Ok(r#"{"ZZZ":{"summary":"x"},"PER":{}}"#)),
            ..inputs()
        })
        .unwrap();
        assert_eq!(
            data.diagnostics.last().unwrap().0,
            "content ZZZ: the map has no such state; entry not shown"
        );
        assert!(data.content.get(Iso3::parse("PER").unwrap()).is_some());
    }

    #[test]
    fn content_read_apart_from_the_data_gives_what_reading_it_with_them_gives() {
        let data = assemble(Inputs {
            content: None,
            ..inputs()
        })
        .unwrap();
        let with = assemble(inputs()).unwrap();
        let content = read_content(Ok(CONTENT));
        assert_eq!(data.clone().with_content(content.clone()), with);
        assert_eq!(content.table, with.content);
        assert_eq!(
            [
                data.diagnostics.clone(),
                content.diagnostics.clone(),
                data.check_content(&content.table)
            ]
            .concat(),
            with.diagnostics
        );
        let failed = read_content(Err(LoadError::Fetch(
            "c.json: HTTP 404 Not Found".to_owned(),
        )));
        assert_eq!(
            failed.diagnostics,
            [Diagnostic(
                "c.json: HTTP 404 Not Found; the map shows without it".to_owned()
            )]
        );
    }

    #[test]
    fn broken_host_content_is_a_diagnostic_not_a_failure() {
        let data = assemble(Inputs {
            content: Some(Ok("{not json")),
            ..inputs()
        })
        .unwrap();
        assert_eq!(data.diagnostics.len(), 1);
        assert!(data.diagnostics[0]
            .0
            .starts_with("host content: not valid JSON"));
    }

    #[test]
    fn stages_are_named_and_ordered() {
        let stages = [
            Stage::Fetch,
            Stage::Parse,
            Stage::Scene,
            Stage::Render,
            Stage::Live,
        ];
        assert!(stages.windows(2).all(|w| w[0] < w[1]));
        let names: Vec<&str> = stages.iter().map(|s| s.name()).collect();
        assert_eq!(names, ["fetch", "parse", "scene", "render", "live"]);
        assert_eq!(
            stalled(Stage::Render, 20, &[]),
            "the map did not load within 20 s: stalled while drawing the map"
        );
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let with_bom = format!("\u{feff}{REGIONS}");
        assert!(assemble(Inputs {
            regions: Ok(&with_bom),
            ..inputs()
        })
        .is_ok());
    }

    #[test]
    fn html_is_recognised_by_type_or_by_its_first_character() {
        assert!(check_body(None, "  \n<html>").is_err());
        assert!(check_body(Some("TEXT/HTML"), "{}").is_err());
        assert!(check_body(Some("application/geo+json"), "{}").is_ok());
        assert!(check_body(Some("text/plain"), "[]").is_ok());
    }
}
