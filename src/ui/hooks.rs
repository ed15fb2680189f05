//! The widget's custom hooks: the one every effect goes through (`use_effect_on`), effects that answer a
//! change (`use_effect_on_change`), Escape (`use_escape`, `use_escape_closes`), the host page's requests and
//! reports (`use_host_select`, `use_change_events`, `use_change_events_later`), focus requests
//! (`use_focus_request`) and the URL fragment (`use_history_sync`); and `set_in_next_task`, the step of a render
//! drawn a task at a time.

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

use yew::functional::TearDown;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::core::class::View;
use crate::core::date::Date;
use crate::core::fragment::{Fragment, HistoryMode};
use crate::core::iso3::Iso3;
use crate::core::region::Region;
use crate::core::scene::Scene;
use crate::ui::dom::{document, focus_is_ours, focus_shape, is_escape, location_hash};
use crate::ui::guard::{next_task, Listener, Timer};
use crate::ui::state::{Action, MapState};
use crate::ui::Shared;

/// Sets `state` to `value` in a task of its own ([`next_task`]), unless the returned clean-up runs first (an
/// effect's, when its deps change or its component goes): a render drawn a step per task takes its next step.
pub fn set_in_next_task<T: 'static>(state: UseStateHandle<T>, value: T) -> impl FnOnce() {
    in_next_task(move || state.set(value))
}

/// Runs `f` in a task of its own ([`next_task`]), unless the returned clean-up runs first.
fn in_next_task(f: impl FnOnce() + 'static) -> impl FnOnce() {
    let cancelled = Rc::new(Cell::new(false));
    let later = cancelled.clone();
    spawn_local(async move {
        next_task().await;
        if !later.get() {
            f();
        }
    });
    move || cancelled.set(true)
}

/// The deps of an effect of [`use_effect_on`], of whatever type, with that type's equality.
struct AnyDeps {
    value: Box<dyn Any>,
    eq: fn(&dyn Any, &dyn Any) -> bool,
}

impl PartialEq for AnyDeps {
    fn eq(&self, other: &AnyDeps) -> bool {
        (self.eq)(&*self.value, &*other.value)
    }
}

/// `a == b`, both of type `T`.
fn eq_as<T: PartialEq + 'static>(a: &dyn Any, b: &dyn Any) -> bool {
    a.downcast_ref::<T>() == b.downcast_ref::<T>()
}

/// An effect's work, given its deps; it returns its clean-up.
type Run = Box<dyn FnOnce(&AnyDeps) -> Box<dyn FnOnce()>>;

/// `use_effect_with`, every effect of the widget of one type (deps, work and clean-up boxed), so that yew's
/// machinery of an effect (its state, `rendered`, its drop, the hook's slot) is in the wasm once, not once per
/// call site: each `use_effect_with` is a copy of it for its own closure types.
pub fn use_effect_on<T, F, R>(deps: T, f: F) -> impl Hook<Output = ()>
where
    T: PartialEq + 'static,
    F: FnOnce(&T) -> R + 'static,
    R: TearDown,
{
    let run: Run = Box::new(move |deps: &AnyDeps| {
        let clean_up = deps.value.downcast_ref::<T>().map(f);
        Box::new(move || clean_up.into_iter().for_each(TearDown::tear_down))
    });
    let deps = AnyDeps {
        value: Box::new(deps),
        eq: eq_as::<T>,
    };
    yew::functional::use_effect_with(deps, run)
}

/// As `use_effect_with`, but not when the component first renders: for effects that answer a change of `deps`.
/// What `f` returns is torn down as `use_effect_with`'s clean-up is.
#[hook]
pub fn use_effect_on_change<D, F, R>(deps: D, f: F)
where
    D: PartialEq + 'static,
    F: FnOnce(&D) -> R + 'static,
    R: TearDown,
{
    let first_run = use_mut_ref(|| true);
    use_effect_on(deps, move |deps| {
        let changed = !std::mem::replace(&mut *first_run.borrow_mut(), false);
        let clean_up = changed.then(|| f(deps));
        move || clean_up.into_iter().for_each(TearDown::tear_down)
    });
}

/// While `active`, a press of Escape anywhere on the page calls `on_escape` (a capturing listener on the
/// document, through the guard); none is registered otherwise.
#[hook]
pub fn use_escape<F>(active: bool, on_escape: F)
where
    F: Fn() + 'static,
{
    use_effect_on(active, move |active| {
        let listener = active.then(document).flatten().map(|document| {
            Listener::new(&document, "keydown", true, move |event| {
                if is_escape(event) {
                    on_escape();
                }
            })
        });
        move || drop(listener)
    });
}

/// Escape closes the open panel, whether focus is inside the widget (`root`) or nowhere in particular (after a
/// click); not when focus is on the host page's own controls.
#[hook]
pub fn use_escape_closes(open: bool, root: NodeRef, dispatcher: UseReducerDispatcher<MapState>) {
    use_escape(open, move || {
        if focus_is_ours(&root) {
            dispatcher.dispatch(Action::Close);
        }
    });
}

/// The host page's `select()`: a state of this map opens its profile, `None` closes it. Applied when the
/// request's number changes, not when the widget first shows.
#[hook]
pub fn use_host_select(
    request: (Option<Iso3>, u32),
    scene: Shared<Scene>,
    dispatcher: UseReducerDispatcher<MapState>,
) {
    use_effect_on_change(request, move |(iso3, _)| match iso3 {
        Some(iso3) if scene.shape(*iso3).is_some() => {
            dispatcher.dispatch(Action::Select(*iso3));
        }
        Some(_) => {}
        None => dispatcher.dispatch(Action::Close),
    });
}

/// The host page's `setAsOf()`: the map moves to that day (`None`: the data's own date). Applied when the
/// request's number changes, not when the widget first shows.
#[hook]
pub fn use_host_date(request: (Option<Date>, u32), dispatcher: UseReducerDispatcher<MapState>) {
    use_effect_on_change(request, move |(date, _)| {
        dispatcher.dispatch(Action::SetDate(*date))
    });
}

/// `value` once it has stayed the same for `ms` milliseconds: what the live region says of a date, so that a
/// slider swept across forty years is announced once, where it stops (playback, a year a second, is
/// announced at every stop).
#[hook]
pub fn use_settled<T: Clone + PartialEq + 'static>(value: T, ms: u32) -> T {
    let settled = use_state_eq(|| value.clone());
    let timer = use_mut_ref(|| None::<Timer>);
    {
        let settled = settled.clone();
        use_effect_on(value, move |value| {
            let value = value.clone();
            // A newer value drops (cancels) the timer of the one before.
            *timer.borrow_mut() = Some(Timer::new(ms, move || settled.set(value)));
        });
    }
    (*settled).clone()
}

/// The host page hears of every change of `value` (the open profile, the date shown), not of the one the widget
/// first shows.
#[hook]
pub fn use_change_events<T: Copy + PartialEq + 'static>(value: T, on_change: Callback<T>) {
    use_effect_on_change(value, move |value| on_change.emit(*value));
}

/// As [`use_change_events`], but the host hears in a task of its own after the one that made the change, so
/// that the frame the change draws is painted before any listener of the page runs (a date step: the counts are
/// made for the event, and a page's listener may take long). Of changes made before that task runs, the host
/// hears the last.
#[hook]
pub fn use_change_events_later<T: Copy + PartialEq + 'static>(value: T, on_change: Callback<T>) {
    use_effect_on_change(value, move |&value| {
        in_next_task(move || on_change.emit(value))
    });
}

/// Focus moves where the keyboard asked, and back to the state whose panel closed; never away from the host
/// page's own controls (a `select(null)` from a button of the page leaves focus on that button).
#[hook]
pub fn use_focus_request(request: Option<(Iso3, u32)>, root: NodeRef) {
    use_effect_on(request, move |request| {
        if !focus_is_ours(&root) {
            return;
        }
        if let Some((iso3, _)) = request {
            focus_shape(&root, *iso3);
        }
    });
}

/// What the URL says of a map: the open profile, the view and the date (`None`: the data's own).
pub type Shown = (Option<Iso3>, View, Option<Date>);

/// With the host's consent (`mode`), the URL follows the open profile, view and date, so that back and forward
/// move between profiles and the address bar holds a link to it; only the widget's keys are written, the rest
/// of the fragment is the page's. A change of date alone (the slider, playback) replaces the entry rather
/// than pushing one, so that Back never walks through every year played. Writing costs Chromium about 1.7 ms (a third of a click's script,
/// bench/RESULTS.md), so it runs in a task of its own after this one: the panel is painted first. Selections
/// in quick succession make one entry. Back and forward (`popstate`) restore what the entry names.
#[hook]
pub fn use_history_sync(
    mode: HistoryMode,
    scene: Shared<Scene>,
    shown_now: Shown,
    dispatcher: UseReducerDispatcher<MapState>,
) {
    {
        let region = scene.region;
        let pending = use_mut_ref(|| None::<Timer>);
        // What the current history entry shows, for the first push (which marks the entry it leaves).
        let shown = use_mut_ref(|| shown_now);
        use_effect_on_change(shown_now, move |&now| {
            if mode == HistoryMode::None {
                return;
            }
            let before = std::mem::replace(&mut *shown.borrow_mut(), now);
            // Replacing a pending write drops (cancels) it.
            *pending.borrow_mut() = Some(Timer::new(0, move || {
                write_history(mode, region, before, now);
            }));
        });
    }
    use_effect_on(mode, move |mode| {
        let listener = (*mode != HistoryMode::None)
            .then(web_sys::window)
            .flatten()
            .map(|window| {
                Listener::new(&window, "popstate", true, move |_| {
                    let hash = location_hash().unwrap_or_default();
                    // The page's own navigation (`#section-3`) is not the widget's business.
                    if !Fragment::has_keys(&hash) {
                        return;
                    }
                    let fragment = Fragment::parse(&hash);
                    if fragment.region.is_some_and(|r| r != scene.region) {
                        return;
                    }
                    dispatcher.dispatch(Action::SetView(fragment.view.unwrap_or_default()));
                    dispatcher.dispatch(Action::SetDate(fragment.date));
                    match fragment.country.filter(|c| scene.shape(*c).is_some()) {
                        Some(iso3) => dispatcher.dispatch(Action::Select(iso3)),
                        None => dispatcher.dispatch(Action::Close),
                    }
                })
            });
        move || drop(listener)
    });
}

/// Writes the widget's keys for `now` into the page's URL (see `HistoryMode`), unless it already says so, in
/// whatever order (a deep link, back or forward). The first new entry also marks the one it leaves with what that showed
/// (`before`), so that Back to it restores that state rather than being a fragment the widget ignores.
fn write_history(mode: HistoryMode, region: Region, before: Shown, now: Shown) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (Ok(history), Some(current)) = (window.history(), location_hash()) else {
        return;
    };
    let shown = Fragment::parse(&current);
    if shown.country == now.0
        && shown.view.unwrap_or_default() == now.1
        && shown.date == now.2
        && shown.region.is_none_or(|r| r == region)
    {
        return;
    }
    let target = Fragment::merge(&current, now.0, region, now.1, now.2);
    // A new date alone replaces the entry, even in push mode.
    let mode = match mode {
        HistoryMode::Push if (before.0, before.1) == (now.0, now.1) => HistoryMode::Replace,
        mode => mode,
    };
    let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
    let _ = match mode {
        HistoryMode::None => Ok(()),
        HistoryMode::Replace => history.replace_state_with_url(&state, "", Some(&target)),
        HistoryMode::Push => {
            if !Fragment::has_keys(&current) {
                let marked = Fragment::merge(&current, before.0, region, before.1, before.2);
                let _ = history.replace_state_with_url(&state, "", Some(&marked));
            }
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target))
        }
    };
}
