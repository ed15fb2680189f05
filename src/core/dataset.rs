//! The model: [`Dataset`], one map's inputs read, validated and cross-checked. It has one constructor,
//! [`Dataset::assemble`], which the widget, `cargo xtask data` and the tests all go through (by way of
//! `core::load`, which reads the files' text into its inputs), so a check made here is made for all.
//!
//! The constructor is the loader's policy, kept pure so that it is tested natively:
//!
//! - geometry or regions missing or unusable: nothing sensible can be drawn, so the whole load fails with a
//!   message naming every file that failed (the widget then offers a retry);
//! - status missing or unusable: the map is drawn with every state as "no data", plus a diagnostic;
//! - a status row for a code that neither the geometry draws nor `regions.json` knows: a diagnostic (usually a
//!   typo). A region's geometry file draws only that region, so a code of another region is no typo.
//!
//! The host's content comes apart ([`Dataset::with_content`]), since it never holds the map back: unusable
//! content is a diagnostic, and so is an entry for a code the map does not know.

use std::rc::Rc;

use crate::core::area::Area;
use crate::core::content::ContentTable;
use crate::core::error::{Diagnostic, Diagnostics, LoadError};
use crate::core::iso3::{Iso3, IsoMap};
use crate::core::region::RegionTable;
use crate::core::status::StatusTable;

/// The areas read from a geometry file, and the diagnostics of the features skipped.
pub type ReadAreas = (Vec<Area>, Vec<Diagnostic>);
/// The status table read, with the diagnostics of the rows skipped, or why it could not be read.
pub type ReadStatus = Result<(StatusTable, Vec<Diagnostic>), LoadError>;
/// The regions table read, with the diagnostics of the entries skipped, or why it could not be read.
pub type ReadRegions = Result<(RegionTable, Vec<Diagnostic>), LoadError>;

/// All of one map's inputs, parsed, validated and cross-checked. Built only by [`Dataset::assemble`].
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub areas: Vec<Area>,
    pub statuses: StatusTable,
    pub regions: RegionTable,
    /// Shared with each scene built from the dataset, not copied into it.
    pub content: Rc<ContentTable>,
    /// Items that were skipped, with reasons, to show beside the map.
    pub diagnostics: Vec<Diagnostic>,
    /// Keeps every other module from building a `Dataset` that skipped the checks.
    sealed: Sealed,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Sealed;

/// The host's content, read apart from the data files (it never holds the map back): the table, and the
/// diagnostics of its entries, a failure to fetch it, and entries for codes the map does not know.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Content {
    /// Shared: the content checked against a dataset is the same table with more diagnostics.
    pub table: Rc<ContentTable>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Dataset {
    /// The dataset by the policy above, from each data file read (or why it could not be): the one way to a
    /// `Dataset`. The error lists every file that failed, in the order status, geometry, regions.
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::dataset::Dataset;
    /// use treaty_map::core::error::LoadError;
    /// use treaty_map::core::region::RegionTable;
    /// let data = Dataset::assemble(
    ///     Err(LoadError::Fetch("data/status.json: HTTP 500".to_owned())),
    ///     Ok((Vec::new(), Vec::new())),
    ///     Ok((RegionTable::default(), Vec::new())),
    /// )
    /// .unwrap();
    /// assert!(data.statuses.is_empty());
    /// assert_eq!(data.diagnostics[0].0, "data/status.json: HTTP 500; every state shows as \u{201c}no data\u{201d}");
    /// ```
    pub fn assemble(
        status: ReadStatus,
        geometry: Result<ReadAreas, LoadError>,
        regions: ReadRegions,
    ) -> Result<Dataset, LoadError> {
        let ((areas, geometry_diagnostics), (regions, region_diagnostics)) =
            match (geometry, regions) {
                (Ok(geometry), Ok(regions)) => (geometry, regions),
                (geometry, regions) => {
                    let failures = [status.err(), geometry.err(), regions.err()];
                    return Err(LoadError::Files(failures.into_iter().flatten().collect()));
                }
            };
        let mut diagnostics = Vec::new();
        let statuses = match status {
            Ok((table, more)) => {
                diagnostics.extend(more);
                table
            }
            Err(error) => {
                diagnostics.push(Diagnostic(format!(
                    "{error}; every state shows as \u{201c}no data\u{201d}"
                )));
                StatusTable::unavailable()
            }
        };
        diagnostics.extend(geometry_diagnostics);
        diagnostics.extend(region_diagnostics);
        let drawn: IsoMap<()> = areas
            .iter()
            .filter_map(|a| a.iso3)
            .map(|c| (c, ()))
            .collect();
        let mut unknown = Diagnostics::new("cross-check");
        for code in statuses
            .codes()
            .filter(|c| !drawn.contains(*c) && !regions.knows(*c))
        {
            unknown.push(|| format!("status {code}: the map has no such state; row not shown"));
        }
        diagnostics.extend(unknown.finish());
        Ok(Dataset {
            areas,
            statuses,
            regions,
            content: Rc::default(),
            diagnostics,
            sealed: Sealed,
        })
    }

    /// The dataset with the host's `content`, checked against it ([`Dataset::check_content`]).
    pub fn with_content(self, content: Content) -> Dataset {
        let unknown = self.check_content(&content.table);
        Dataset {
            content: content.table,
            diagnostics: [self.diagnostics, content.diagnostics, unknown].concat(),
            ..self
        }
    }

    /// The diagnostics of content entries for codes that the dataset neither draws nor names in its regions.
    pub fn check_content(&self, table: &ContentTable) -> Vec<Diagnostic> {
        let mut unknown = Diagnostics::new("cross-check");
        for code in table.codes().filter(|c| !self.knows(*c)) {
            unknown.push(|| format!("content {code}: the map has no such state; entry not shown"));
        }
        unknown.finish()
    }

    /// Whether the map draws `code` or `regions.json` names it (a region's geometry file draws only that
    /// region).
    pub fn knows(&self, code: Iso3) -> bool {
        self.areas.iter().any(|a| a.iso3 == Some(code)) || self.regions.knows(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::area::read_areas;
    use crate::harness::test;

    const STATUS: &str = r#"{"as_of":"2026-02-03","source":"UN Treaty Collection","states":[
        {"iso3":"PER","name":"Peru","cat":{"party":"1988-07-07","act":"ratification"}},
        {"iso3":"CHL","name":"Chile","cat":{"party":"1988-09-30","act":"ratification"}},
        {"iso3":"PRU","name":"Peru (typo)","cat":{"party":"1988-07-07","act":"ratification"}}]}"#;
    const GEOMETRY: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"iso3":"PER","name":"Peru"},"geometry":{"type":"Polygon","coordinates":[[[-81,-4],[-70,-18],[-69,-10],[-81,-4]]]}}]}"#;
    /// Chile is of the region, though this (regional) geometry does not draw it.
    const REGIONS: &str = r#"{"PER":"americas","CHL":"americas"}"#;

    fn dataset() -> Dataset {
        Dataset::assemble(
            Ok(StatusTable::from_json(STATUS).unwrap()),
            Ok(read_areas(GEOMETRY).unwrap()),
            Ok(RegionTable::from_json(REGIONS).unwrap()),
        )
        .unwrap()
    }

    #[test]
    fn a_status_row_the_map_neither_draws_nor_knows_is_a_diagnostic() {
        let data = dataset();
        assert_eq!(
            data.diagnostics,
            [Diagnostic(
                "status PRU: the map has no such state; row not shown".to_owned()
            )]
        );
        assert!(
            data.knows(Iso3::parse("CHL").unwrap()),
            "named by regions.json"
        );
        assert!(data.knows(Iso3::parse("PER").unwrap()), "drawn");
        assert!(!data.knows(Iso3::parse("PRU").unwrap()));
    }

    #[test]
    fn host_content_is_checked_against_the_dataset() {
        let (table, diagnostics) =
            ContentTable::from_json(r#"{"CHL":{"summary":"x"},"ZZZ":{"summary":"y"}}"#).unwrap();
        let data = dataset().with_content(Content {
            table: Rc::new(table),
            diagnostics,
        });
        assert_eq!(
            data.diagnostics.last().unwrap().0,
            "content ZZZ: the map has no such state; entry not shown"
        );
        assert!(data.content.get(Iso3::parse("CHL").unwrap()).is_some());
    }

    #[test]
    fn without_geometry_or_regions_there_is_no_dataset_and_every_failure_is_named() {
        let fetch = |m: &str| LoadError::Fetch(m.to_owned());
        let error = Dataset::assemble(
            Err(fetch("status.json: HTTP 500")),
            Err(fetch("world.geo.json: HTTP 404")),
            Ok(RegionTable::from_json(REGIONS).unwrap()),
        )
        .unwrap_err();
        assert_eq!(
            error,
            LoadError::Files(vec![
                fetch("status.json: HTTP 500"),
                fetch("world.geo.json: HTTP 404")
            ])
        );
        let error = Dataset::assemble(
            Ok(StatusTable::from_json(STATUS).unwrap()),
            Ok(read_areas(GEOMETRY).unwrap()),
            Err(fetch("regions.json: HTTP 404")),
        )
        .unwrap_err();
        assert_eq!(error.to_string(), "regions.json: HTTP 404");
    }
}
