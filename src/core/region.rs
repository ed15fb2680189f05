//! The regions the widget can show, their projections, and which areas belong to each (`regions.json`).

use crate::core::error::{DataError, Diagnostic, Diagnostics, NotIso3};
use crate::core::iso3::{Iso3, IsoMap};
use crate::core::json::{self, Object};
use crate::core::limits::MAX_TABLE_BYTES;
use crate::core::projection::ProjectionKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    World,
    Africa,
    Americas,
    AsiaPacific,
    EuropeCentralAsia,
    MiddleEastNorthAfrica,
}

impl Region {
    pub const ALL: [Region; 6] = [
        Region::World,
        Region::Africa,
        Region::Americas,
        Region::AsiaPacific,
        Region::EuropeCentralAsia,
        Region::MiddleEastNorthAfrica,
    ];

    /// The key used in `regions.json`, in embed options and in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Region::World => "world",
            Region::Africa => "africa",
            Region::Americas => "americas",
            Region::AsiaPacific => "asia-pacific",
            Region::EuropeCentralAsia => "europe-central-asia",
            Region::MiddleEastNorthAfrica => "mena",
        }
    }

    /// The geometry file the widget fetches for this region: the whole world, or only what the region's map
    /// draws (its own areas and the neighbours shown muted), written by `cargo xtask data geometry`.
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::region::Region;
    /// assert_eq!(Region::World.geometry_file(), "world.geo.json");
    /// assert_eq!(Region::Americas.geometry_file(), "americas.geo.json");
    /// ```
    pub fn geometry_file(self) -> String {
        format!("{}.geo.json", self.key())
    }

    pub fn from_key(key: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The world is drawn in Equal Earth; each region in a Lambert azimuthal equal-area projection centred near
    /// the middle of its states, so that areas compare truly within the region and shapes bend little.
    pub fn projection(self) -> ProjectionKind {
        let azimuthal = |lon: f64, lat: f64| ProjectionKind::LambertAzimuthal {
            center_lon_deg: lon,
            center_lat_deg: lat,
        };
        match self {
            Region::World => ProjectionKind::EqualEarth {
                central_meridian_deg: 0.0,
            },
            Region::Africa => azimuthal(18.0, -2.0),
            Region::Americas => azimuthal(-82.0, 12.0),
            Region::AsiaPacific => azimuthal(125.0, 8.0),
            Region::EuropeCentralAsia => azimuthal(45.0, 55.0),
            Region::MiddleEastNorthAfrica => azimuthal(28.0, 27.0),
        }
    }
}

/// Which region each area (by ISO 3166-1 alpha-3 code) belongs to. Every area is also in the world.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RegionTable {
    members: IsoMap<Region>,
}

impl RegionTable {
    /// Reads `regions.json`: an object from ISO3 code to region key. Bad entries become diagnostics.
    pub fn from_json(text: &str) -> Result<(RegionTable, Vec<Diagnostic>), DataError> {
        const FILE: &str = "regions";
        DataError::check_size(FILE, text, MAX_TABLE_BYTES)?;
        let raw = Object::read(text).map_err(|e| DataError::json(FILE, &e))?;
        let mut members = IsoMap::new();
        let mut diagnostics = Diagnostics::new(FILE);
        for (code, value) in raw.fields() {
            let key = json::text(value).unwrap_or_default();
            match (Iso3::parse(code), Region::from_key(&key)) {
                (Some(iso3), Some(region)) if region != Region::World => {
                    members.insert(iso3, region);
                }
                (None, _) => diagnostics.push(|| format!("regions: {}", NotIso3::new(code))),
                (Some(iso3), _) => diagnostics
                    .push(|| format!("regions: {iso3}: unknown region {}", json::excerpt(value))),
            }
        }
        Ok((RegionTable { members }, diagnostics.finish()))
    }

    /// Whether the code is an area of some region (so a status row or content entry for it is no typo, even
    /// when the region's geometry file does not draw it).
    pub fn knows(&self, iso3: Iso3) -> bool {
        self.members.contains(iso3)
    }

    /// Whether the area belongs on `region`'s map as one of its own (not as context).
    pub fn contains(&self, region: Region, iso3: Option<Iso3>) -> bool {
        region == Region::World || iso3.is_some_and(|code| self.members.get(code) == Some(&region))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    #[test]
    fn keys_round_trip() {
        for region in Region::ALL {
            assert_eq!(Region::from_key(region.key()), Some(region));
        }
        assert_eq!(Region::from_key("Americas"), None);
    }

    #[test]
    fn membership_and_bad_entries() {
        let (table, diagnostics) = RegionTable::from_json(
            r#"{"PER":"americas","FRA":"europe-central-asia","xx":"africa","CHL":"mars"}"#,
        )
        .unwrap();
        let per = Iso3::parse("PER");
        assert!(table.contains(Region::Americas, per));
        assert!(!table.contains(Region::Africa, per));
        assert!(table.contains(Region::World, None));
        assert!(!table.contains(Region::Americas, None));
        // In the file's order.
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(
            diagnostics[0].0,
            "regions: \"xx\" is not an ISO 3166-1 alpha-3 code"
        );
        assert_eq!(diagnostics[1].0, "regions: CHL: unknown region \"mars\"");
    }
}
