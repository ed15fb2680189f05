//! The core's benchmark workload, exported to JavaScript so that bench/browser.mjs can time it beside d3-geo in
//! the same page. Each call does the work once; the page times the calls.

use treaty_map::core::area::{read_areas, Area};
use treaty_map::core::dataset::Dataset;
use treaty_map::core::load::{assemble, Inputs};
use treaty_map::core::region::Region;
use treaty_map::core::scene::Scene;
use wasm_bindgen::prelude::*;

#[path = "../../../benches/workload/mod.rs"]
mod workload;

/// Parsed inputs held between calls.
#[wasm_bindgen]
#[derive(Default)]
pub struct Bench {
    areas: Vec<Area>,
    dataset: Option<Dataset>,
}

#[wasm_bindgen]
impl Bench {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Bench {
        Bench::default()
    }

    /// `read_areas` on GeoJSON text (the text is copied into wasm memory first, as the widget's loader does);
    /// keeps the areas and returns how many there are.
    pub fn parse(&mut self, geojson: &str) -> Result<usize, JsError> {
        let (areas, _) = read_areas(geojson).map_err(|e| JsError::new(&e.to_string()))?;
        self.areas = areas;
        Ok(self.areas.len())
    }

    /// Projection and path data for every parsed area; returns the total length of the path data.
    pub fn paths(&self) -> usize {
        workload::project_and_paths(&self.areas)
    }

    /// The fitted scale and translation (scale, x, y), to compare with d3-geo's fit.
    pub fn fit(&self) -> Vec<f64> {
        workload::fit(&self.areas).map_or_else(Vec::new, |(k, x, y)| vec![k, x, y])
    }

    /// Loads the widget's three data files for [`Bench::scene`].
    pub fn load(&mut self, status: &str, geometry: &str, regions: &str) -> Result<(), JsError> {
        let data = assemble(Inputs::texts(status, geometry, regions, None))
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.dataset = Some(data);
        Ok(())
    }

    /// `Scene::build` for the region with this key; returns the number of shapes.
    pub fn scene(&self, region: &str) -> usize {
        match (&self.dataset, Region::from_key(region)) {
            (Some(data), Some(region)) => Scene::build(data, region).shapes.len(),
            _ => 0,
        }
    }
}
