//! `TimeControl`: "Status on a date": a slider over the year ends from 1985 to the data's as-of date, a field for
//! an exact day, and Play/Pause, which steps a year about every second and stops at the last stop.
//!
//! The slider and the chart run left to right in every language, Arabic included (README, "Languages").

use std::rc::Rc;

use yew::prelude::*;

use crate::core::date::Date;
use crate::core::i18n::{fill, Lang};
use crate::core::timeline::{first_day, stop_of, stops};
use crate::ui::guard::Timer;
use crate::ui::hooks::use_effect_on;
use crate::ui::state::{Action, MapState};

/// How long playback shows each year, in milliseconds.
pub const PLAY_STEP_MS: u32 = 1000;
/// PageUp and PageDown move the slider this many stops.
const PAGE_STOPS: usize = 5;

/// What the date control shows. A plain struct and function, not a component: its state (playing, a refused
/// day) is the widget's ([`MapState`]), and the widget's render makes it from what it already has (a component
/// of its own cost the wasm more; bench/SIZE.md).
pub struct TimeControl<'a> {
    /// The language of the control's words (the widget's).
    pub lang: Lang,
    /// The data's as-of date: the last stop, "today's" data.
    pub as_of: Date,
    /// The date shown; `None` for the data's own.
    pub date: Option<Date>,
    /// Whether playback runs ([`use_playback`] steps it).
    pub playing: bool,
    /// Whether the date field holds a day refused (out of range).
    pub refused: bool,
    pub dispatcher: &'a UseReducerDispatcher<MapState>,
    /// Prefix of every id inside this instance, unique on the page.
    pub id_prefix: &'a str,
}

/// The date a stop stands for: the last stop (or any past it) is the data's own date (`None`).
pub fn date_of(stops: &[Date], index: usize) -> Option<Date> {
    (index + 1 < stops.len()).then(|| stops[index.min(stops.len() - 1)])
}

/// Where a key moves from the stop `index` of `0..=last`, on the slider and the chart alike: arrows one stop
/// (Right and Up later), PageUp/PageDown five, Home/End the first and last; `None` for any other key.
pub fn stop_for_key(key: &str, index: usize, last: usize) -> Option<usize> {
    Some(match key {
        "ArrowRight" | "ArrowUp" => (index + 1).min(last),
        "ArrowLeft" | "ArrowDown" => index.saturating_sub(1),
        "PageUp" => (index + PAGE_STOPS).min(last),
        "PageDown" => index.saturating_sub(PAGE_STOPS),
        "Home" => 0,
        "End" => last,
        _ => return None,
    })
}

/// Playback: while `playing`, a year about every second from the date shown; it stops at the last stop.
#[hook]
pub fn use_playback(
    playing: bool,
    date: Option<Date>,
    as_of: Date,
    dispatcher: UseReducerDispatcher<MapState>,
) {
    use_effect_on((playing, date, as_of), move |&(playing, date, as_of)| {
        let timer = playing.then(|| {
            let stops = stops(as_of);
            let next = (stop_of(&stops, date.unwrap_or(as_of)) + 1).min(stops.len() - 1);
            Timer::new(PLAY_STEP_MS, move || {
                if next == stops.len() - 1 {
                    dispatcher.dispatch(Action::Play(false));
                }
                dispatcher.dispatch(Action::SetDate(date_of(&stops, next)));
            })
        });
        move || drop(timer)
    });
}

impl TimeControl<'_> {
    /// The slider with its value, Play/Pause, the date field with its error, and the way back to today's data.
    pub fn html(&self) -> Html {
        let lang = self.lang;
        let t = lang.catalogue();
        // Made again at each render: 41 dates, less code than a memo of them.
        let stops = Rc::new(stops(self.as_of));
        let shown = self.date.unwrap_or(self.as_of);
        let index = stop_of(&stops, shown);
        let last = stops.len() - 1;
        let (playing, as_of) = (self.playing, self.as_of);

        let go = {
            let (dispatcher, stops) = (self.dispatcher.clone(), stops.clone());
            move |to: usize| dispatcher.dispatch(Action::SetDate(date_of(&stops, to.min(last))))
        };
        let oninput = {
            let go = go.clone();
            move |event: InputEvent| {
                let input: web_sys::HtmlInputElement = event.target_unchecked_into();
                if let Ok(to) = input.value().parse::<usize>() {
                    go(to);
                }
            }
        };
        // Every key the slider answers, handled here, so that PageUp/PageDown step five years in every browser.
        let onkeydown = {
            let go = go.clone();
            move |event: KeyboardEvent| {
                if let Some(to) = stop_for_key(&event.key(), index, last) {
                    event.prevent_default();
                    go(to);
                }
            }
        };
        let onchange_date = {
            let dispatcher = self.dispatcher.clone();
            move |event: Event| {
                let input: web_sys::HtmlInputElement = event.target_unchecked_into();
                dispatcher.dispatch(match Date::parse_iso(&input.value()) {
                    Some(date) if date >= first_day() && date <= as_of => {
                        Action::EnterDate((date < as_of).then_some(date))
                    }
                    // Cleared: back to the data's own date.
                    None if input.value().is_empty() => Action::EnterDate(None),
                    _ => Action::RefuseDate,
                });
            }
        };
        let toggle = {
            let dispatcher = self.dispatcher.clone();
            move |_: MouseEvent| {
                if !playing && index == last {
                    // From the end, playback starts again at the first stop.
                    go(0);
                }
                dispatcher.dispatch(Action::Play(!playing));
            }
        };
        let reset = {
            let dispatcher = self.dispatcher.clone();
            move |_: MouseEvent| {
                dispatcher.dispatch(Action::Play(false));
                dispatcher.dispatch(Action::SetDate(None));
            }
        };
        let value_text = if self.date.is_none() {
            fill(t.time_latest, &[("date", &t.date(as_of))])
        } else {
            t.date(shown)
        };
        let id = |suffix: &str| format!("{}-{suffix}", self.id_prefix);
        html! {
            <fieldset class="tm-time">
                <legend>{ t.time_legend }</legend>
                <div class="tm-time-row">
                    <button type="button" class="tm-play" aria-pressed={if playing { "true" } else { "false" }} onclick={toggle}>
                        { if playing { t.time_pause } else { t.time_play } }
                    </button>
                    <label class="tm-time-slider" for={id("year")}>{ t.time_slider }</label>
                    // Left to right in every language (README, "Languages").
                    <input type="range" id={id("year")} class="tm-year" dir="ltr" min="0" max={last.to_string()} step="1"
                           value={index.to_string()} aria-valuetext={value_text.clone()} {oninput} {onkeydown} />
                    <output class="tm-time-value" for={id("year")}>{ value_text }</output>
                </div>
                <div class="tm-time-row">
                    <label for={id("date")}>{ t.time_date }</label>
                    <input type="date" id={id("date")} class="tm-date-field" min={first_day().iso()} max={as_of.iso()}
                           value={shown.iso()} aria-invalid={if self.refused { "true" } else { "false" }}
                           aria-describedby={self.refused.then(|| id("date-error"))} onchange={onchange_date} />
                    if self.date.is_some() {
                        <button type="button" class="tm-time-reset" onclick={reset}>{ t.time_reset }</button>
                    }
                    if self.refused {
                        <span class="tm-date-error" id={id("date-error")} role="alert">
                            { fill(t.time_out_of_range, &[("first", &t.date(first_day())), ("last", &t.date(as_of))]) }
                        </span>
                    }
                </div>
            </fieldset>
        }
    }
}
