//! The load behind `App`: fetches the data files and reads them a part at a time into a [`Dataset`], which is
//! all it delivers (the scene is built from it in `scene`); the optional files (the host's content, a
//! language's country names and words) are `optional`'s. Which failures still give a map is the core's policy (`core::load`); this file does
//! the fetching and bounds it:
//!
//! - one watchdog bounds the whole load (download, parsing, and then, reported to it by `App`, building the
//!   scene and drawing it): past it the widget shows the error state naming the stage it stalled in
//!   (`core::load::stalled`);
//! - each stage is reported as it begins (`AppEvent::Stage`; `web` records a `performance.mark`);
//! - the optional files have their own deadlines (`optional`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::date::Date;
use crate::core::error::{Diagnostic, LoadError};
use crate::core::i18n::Lang;
use crate::core::iso3::Iso3;
use crate::core::limits::{MAX_GEOMETRY_BYTES, MAX_TABLE_BYTES};
use crate::core::load::{assemble_read, geometry_reader, stalled, Fetched, Inputs, Stage};
use crate::core::region::Region;
use crate::core::timeline::Counts;
use crate::ui::fetch::Downloads;
use crate::ui::guard::{next_task, Timer};
use crate::ui::Shared;

/// How long one load may take, from the first request to the map on screen, before it is abandoned with a
/// message; also the deadline of each optional file.
pub const WATCHDOG_MS: u32 = 20_000;

/// Something the host page may want to follow.
#[derive(Debug, Clone, PartialEq)]
pub enum AppEvent {
    /// A stage of the load begins (the last, `Live`, when the map first answers the visitor).
    Stage(Stage),
    /// The data arrived and the live map is about to render, in stages (`Widget`): while a pre-render is on
    /// show, the live map is drawn hidden beneath it, and takes its place when `Ready`, so that the two are
    /// never painted together and no stage is seen half drawn.
    Loaded,
    /// The map of `region` is drawn and interactive, with `states` states that have a status.
    Ready {
        region: Region,
        lang: Lang,
        states: usize,
    },
    /// A profile opened (the state's code and name) or closed (`None`).
    Selected(Option<(Iso3, AttrValue)>),
    /// The data could not be loaded; the widget shows the message and a Retry button.
    Failed(String),
    /// The map moved to `date` (`latest`: the data's own date), with the parties and signatories then in the
    /// world and in the map's region.
    AsOf {
        date: Date,
        latest: bool,
        world: Counts,
        region: Counts,
    },
}

/// A dataset holds the geometry of one region (or the world): `Ready` says which, and the map shows that
/// region. A change of region fetches that region's geometry; the old map stays on show until it is in.
#[derive(Clone, PartialEq)]
pub(super) enum Load {
    Loading,
    Ready(Shared<Dataset>, Region),
    Failed(String),
}

/// The load in progress, from its first request until its map is live: its watchdog, the stage it is in and
/// the files it still waits for. Shared by the load, which starts it, and `App`, which reports the later stages
/// (scene, render) and stops it when the map is live.
pub(super) struct Watch {
    timer: RefCell<Option<Timer>>,
    stage: Cell<Stage>,
    waiting: RefCell<Vec<String>>,
}

pub(super) type Watchdog = Rc<Watch>;

impl Watch {
    pub(super) fn new() -> Watchdog {
        Rc::new(Watch {
            timer: RefCell::new(None),
            stage: Cell::new(Stage::Fetch),
            waiting: RefCell::new(Vec::new()),
        })
    }

    /// Whether a load is in progress (its map is not live yet).
    pub(super) fn running(&self) -> bool {
        self.timer.borrow().is_some()
    }

    /// The load enters `stage`, which the host hears of; nothing happens once the load is over (a later
    /// scene, for a new language or width, is not part of a load).
    pub(super) fn enter(&self, stage: Stage, on_event: &Callback<AppEvent>) {
        if self.running() {
            self.stage.set(stage);
            on_event.emit(AppEvent::Stage(stage));
        }
    }

    /// The load is over (its map is live, or it failed or was abandoned); returns whether one was running.
    pub(super) fn stop(&self) -> bool {
        self.timer.borrow_mut().take().is_some()
    }
}

/// Positions of geometry read per task (or their worth of skipped features' text).
const GEOMETRY_SLICE_POSITIONS: usize = 20_000;

/// Starts loading the data files for `region` from the data URL, then reads them a part at a time (each part a
/// task of its own) into the dataset `load` is set to, under the watchdog; returns the effect's clean-up, which
/// abandons the load (on unmount, on a new URL or region, on retry) so that a late answer never overwrites a
/// newer state.
pub(super) fn start_load(
    data_url: String,
    region: Region,
    load: UseStateHandle<Load>,
    on_event: Callback<AppEvent>,
    watchdog: Watchdog,
) -> impl FnOnce() {
    let cancelled = Rc::new(Cell::new(false));
    let downloads = Rc::new(Downloads::new());
    let (status_url, geometry_url, regions_url) = (
        format!("{data_url}status.json"),
        format!("{data_url}{}", region.geometry_file()),
        format!("{data_url}regions.json"),
    );
    *watchdog.waiting.borrow_mut() = vec![
        status_url.clone(),
        geometry_url.clone(),
        regions_url.clone(),
    ];
    let timer = {
        let (cancelled, downloads, progress, load) = (
            cancelled.clone(),
            downloads.clone(),
            watchdog.clone(),
            load.clone(),
        );
        Timer::new(WATCHDOG_MS, move || {
            cancelled.set(true);
            downloads.abort();
            let waiting = progress.waiting.borrow();
            let waiting: Vec<&str> = waiting.iter().map(String::as_str).collect();
            let message = stalled(progress.stage.get(), WATCHDOG_MS / 1000, &waiting);
            web_sys::console::error_1(&format!("treaty-map: {message}").into());
            load.set(Load::Failed(message));
        })
    };
    *watchdog.timer.borrow_mut() = Some(timer);
    watchdog.enter(Stage::Fetch, &on_event);
    {
        let (cancelled, downloads, watchdog) =
            (cancelled.clone(), downloads.clone(), watchdog.clone());
        spawn_local(async move {
            let fetch = |file: &'static str, url: String, limit: usize| {
                let (downloads, progress) = (downloads.clone(), watchdog.clone());
                async move {
                    let result = downloads.text(file, &url, limit).await;
                    progress.waiting.borrow_mut().retain(|u| *u != url);
                    result
                }
            };
            let (status, geometry, regions) = futures::join!(
                fetch("status data", status_url, MAX_TABLE_BYTES),
                fetch("geometry", geometry_url, MAX_GEOMETRY_BYTES),
                fetch("regions", regions_url, MAX_TABLE_BYTES),
            );
            if cancelled.get() {
                return;
            }
            watchdog.enter(Stage::Parse, &on_event);
            next_task().await;
            if cancelled.get() {
                return;
            }
            // The geometry is read a slice at a time, each in a task of its own.
            let reader = fetched(&geometry).and_then(geometry_reader);
            let areas = match reader {
                Ok(mut reader) => {
                    // Splitting the text into features is a pass over all of it: a task of its own.
                    next_task().await;
                    while !reader.read(GEOMETRY_SLICE_POSITIONS) {
                        next_task().await;
                        if cancelled.get() {
                            return;
                        }
                    }
                    reader.finish().map_err(LoadError::from)
                }
                Err(message) => Err(message),
            };
            next_task().await;
            if cancelled.get() {
                return;
            }
            let result = assemble_read(Inputs {
                status: fetched(&status),
                geometry: areas,
                regions: fetched(&regions),
                content: None,
            });
            let data = match result {
                Ok(data) => data,
                Err(message) => {
                    watchdog.stop();
                    web_sys::console::error_1(&format!("treaty-map: {message}").into());
                    load.set(Load::Failed(message.to_string()));
                    return;
                }
            };
            warn_all(&data.diagnostics);
            next_task().await;
            if cancelled.get() {
                return;
            }
            load.set(Load::Ready(Shared(Rc::new(data)), region));
        });
    }
    move || {
        cancelled.set(true);
        downloads.abort();
        watchdog.stop();
    }
}

/// A download's result as the core's loader takes it.
pub(super) fn fetched(result: &Result<String, String>) -> Fetched<'_> {
    result
        .as_deref()
        .map_err(|message| LoadError::Fetch(message.clone()))
}

/// Logs `diagnostics` for the site's maintainers in one console message, a line each: a call each would be up
/// to fifty per file, each a cost on the page's main thread while the browser's developer tools are open
/// (25 ms for fifty, traced in Chromium).
pub(super) fn warn_all(diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let lines: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("treaty-map: {d}"))
        .collect();
    web_sys::console::warn_1(&lines.join("\n").into());
}
