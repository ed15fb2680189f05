//! The one place the live widget builds a scene: [`use_scene`] projects and classifies the loaded dataset for a
//! region, width and language a part at a time (each part a task of its own, so that a 1:10m world never
//! blocks the page), and keeps the scene on show until the next one is ready.

use std::cell::Cell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::i18n::Names;
use crate::core::load::Stage;
use crate::core::region::Region;
use crate::core::scene::{Scene, SceneBuilder, DEFAULT_WIDTH_CSS_PX};
use crate::ui::guard::next_task;
use crate::ui::hooks::use_effect_on;
use crate::ui::Shared;

/// Positions projected or placed per task (see bench/RESULTS.md for what a task costs).
const SCENE_SLICE_POSITIONS: usize = 30_000;

/// What a scene is built from: the dataset, the region its geometry is for, the map's width on screen (CSS px,
/// 0 when unknown) and the names of the widget's language.
#[derive(Clone, PartialEq)]
pub(super) struct SceneInputs {
    pub(super) data: Shared<Dataset>,
    pub(super) region: Region,
    pub(super) width_css_px: f64,
    pub(super) names: Shared<Names>,
}

/// The scene of `inputs`, built a part at a time whenever they change; until the first is ready, `None`; while
/// a later one is built, the one before. `on_stage` hears when a build begins (`Stage::Scene`) and when its
/// scene is about to be drawn (`Stage::Render`, in the same task as the render is scheduled). A build whose
/// inputs change (or whose component goes) is abandoned between two parts.
#[hook]
pub(super) fn use_scene(
    inputs: Option<SceneInputs>,
    on_stage: Callback<Stage>,
) -> Option<Shared<Scene>> {
    let built = use_state(|| None::<Shared<Scene>>);
    {
        let built = built.clone();
        use_effect_on(inputs, move |inputs| {
            let cancelled = Rc::new(Cell::new(false));
            if let Some(inputs) = inputs.clone() {
                spawn_local(build(inputs, on_stage, built, cancelled.clone()));
            }
            move || cancelled.set(true)
        });
    }
    (*built).clone()
}

async fn build(
    inputs: SceneInputs,
    on_stage: Callback<Stage>,
    built: UseStateHandle<Option<Shared<Scene>>>,
    cancelled: Rc<Cell<bool>>,
) {
    on_stage.emit(Stage::Scene);
    next_task().await;
    if cancelled.get() {
        return;
    }
    let mut builder = SceneBuilder::new(
        &inputs.data,
        inputs.region,
        scene_width(inputs.width_css_px),
        &inputs.names,
    );
    loop {
        let ready = builder.step(SCENE_SLICE_POSITIONS);
        next_task().await;
        if cancelled.get() {
            return;
        }
        if ready {
            break;
        }
    }
    let scene = Shared(Rc::new(builder.finish()));
    next_task().await;
    if cancelled.get() {
        return;
    }
    on_stage.emit(Stage::Render);
    built.set(Some(scene));
}

/// The width a scene is built for: the map's, or the default before it is known.
fn scene_width(width: f64) -> f64 {
    if width > 0.0 {
        width
    } else {
        DEFAULT_WIDTH_CSS_PX
    }
}
