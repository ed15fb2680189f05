//! The widget's first render in stages: each part in a task of its own, so that no task of a load is long.

use yew::prelude::*;

use crate::core::region::Region;
use crate::ui::hooks::{set_in_next_task, use_effect_on};

/// How far a staged widget's first render has come. Drawn in one task, the widget of a region takes more than
/// 50 ms on a slow machine, long enough to delay a visitor's input on the page; drawn in stages, no task of
/// a load is long (bench/RESULTS.md, "worst inputs"). The host is told the map is drawn (`on_drawn`) when
/// the widget is whole.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Stage {
    /// The view switch.
    Controls,
    /// Then the date control, the search and the table's toggle.
    Tools,
    /// Then the map's box; then the map's shapes, a slice per task.
    Map,
    /// Then the legend, the source line and the line on boundaries and names.
    Legend,
    /// Then the chart of parties over time.
    Chart,
    /// Then the latest actions, the export menu and the diagnostics.
    Whole,
}

impl Stage {
    /// The stage drawn in the task after this one is: none after the whole widget, and none after the map's box,
    /// whose shapes come a slice per task and which says when they are drawn.
    fn after(self) -> Option<Stage> {
        match self {
            Stage::Controls => Some(Stage::Tools),
            Stage::Tools => Some(Stage::Map),
            Stage::Legend => Some(Stage::Chart),
            Stage::Chart => Some(Stage::Whole),
            Stage::Map | Stage::Whole => None,
        }
    }
}

/// The stage a widget's first render has reached, and the callback for its map once the map is drawn. Unstaged,
/// the widget is whole from its first render and the map's callback is `on_drawn` itself. Staged, each stage
/// is rendered in the task after the one before is (the legend's once the map's last slice is), and `on_drawn`
/// hears of the map when the widget is whole.
#[hook]
pub(super) fn use_stages(
    staged: bool,
    region: Region,
    on_drawn: &Callback<Region>,
) -> (Stage, Callback<Region>) {
    let stage = use_state_eq(|| {
        if staged {
            Stage::Controls
        } else {
            Stage::Whole
        }
    });
    let on_map_drawn = {
        let stage = stage.clone();
        use_callback((), move |_: Region, ()| {
            // Not cancelled by anything: a widget gone by then takes no state.
            let _ = set_in_next_task(stage.clone(), Stage::Legend);
        })
    };
    {
        let (handle, on_drawn) = (stage.clone(), on_drawn.clone());
        use_effect_on(*stage, move |stage| {
            let next = stage.after().map(|after| set_in_next_task(handle, after));
            if *stage == Stage::Whole && staged {
                on_drawn.emit(region);
            }
            move || next.into_iter().for_each(|cancel| cancel())
        });
    }
    if staged {
        (*stage, on_map_drawn)
    } else {
        (*stage, on_drawn.clone())
    }
}
