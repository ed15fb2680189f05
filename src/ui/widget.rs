//! `Widget`: map, legend, source line, parties over time, latest actions, diagnostics and profile panel around
//! one scene; the selection, Escape and focus return, the URL fragment.

use yew::prelude::*;

use std::rc::Rc;

use crate::core::class::View;
use crate::core::dataset::Content;
use crate::core::date::Date;
use crate::core::fragment::{Fragment, HistoryMode};
use crate::core::i18n::Lang;
use crate::core::iso3::Iso3;
use crate::core::profile::announcement;
use crate::core::region::Region;
use crate::core::scene::Scene;
use crate::ui::chart::{Drawn, PartiesChart};
use crate::ui::hooks::{
    use_change_events, use_change_events_later, use_escape_closes, use_focus_request,
    use_history_sync, use_host_date, use_host_select, use_settled,
};
use crate::ui::latest::latest_actions;
use crate::ui::legend::Legend;
use crate::ui::map::MapSvg;
use crate::ui::panel::ProfilePanel;
use crate::ui::search::Search;
use crate::ui::state::{Action, MapState};
/// Re-exported where the loader, the build and the browser tests have always found it.
pub use crate::ui::style::stylesheet;
use crate::ui::table::TableView;
use crate::ui::time::{use_playback, TimeControl};
use crate::ui::Shared;

mod stages;

use stages::{use_stages, Stage};

#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    pub scene: Shared<Scene>,
    /// The host's content, when it arrives apart from the data (the live widget's never holds the map back);
    /// without it, the dataset's own.
    #[prop_or_default]
    pub content: Option<Shared<Content>>,
    /// Prefix of every id inside this instance, unique on the page.
    pub id_prefix: AttrValue,
    /// The state whose profile is open when the widget first shows.
    #[prop_or_default]
    pub initial_selection: Option<Iso3>,
    /// The language of every text; the widget hands it to its parts as a context.
    #[prop_or_default]
    pub lang: Lang,
    /// What the host page asked for and wants to hear about (the JS handle and DOM events).
    #[prop_or_default]
    pub host: HostLink,
    /// Whether the first render is drawn in stages, each a task of its own (the live widget; a pre-render is
    /// drawn at once): see [`Stage`].
    #[prop_or_default]
    pub staged: bool,
}

/// The widget's link to the host page: its requests, and the callback that reports selection changes.
#[derive(Clone, PartialEq, Default)]
pub struct HostLink {
    /// The view the map is first coloured by (`data-view`), unless the deep link names one.
    pub initial_view: Option<View>,
    /// A selection the host asked for (`select()`; `None` closes), numbered so that asking twice applies
    /// twice. Applied when the number changes, not when the widget first shows.
    pub selection_request: (Option<Iso3>, u32),
    /// Told whenever a profile opens, switches or closes, after the widget first shows.
    pub on_selection: Callback<Option<Iso3>>,
    /// The day the map first shows (`data-as-of`), unless the deep link names one; `None` for the data's own.
    pub initial_date: Option<Date>,
    /// A date the host asked for (`setAsOf()`; `None` is the data's own), numbered like `selection_request`.
    pub date_request: (Option<Date>, u32),
    /// Told whenever the date shown changes, after the widget first shows.
    pub on_date: Callback<Option<Date>>,
    /// Told when the map has drawn every shape of its region (see `MapSvg`'s `on_drawn`).
    pub on_drawn: Callback<Region>,
    /// The page's deep link (`#country=PER&region=americas`), when this map is the one to open it.
    pub deep_link: Option<Fragment>,
    /// Whether the URL fragment follows the open profile.
    pub history: HistoryMode,
    /// The host's own wording of the map-wide line on boundaries and names (`data-disclaimer`); empty hides it;
    /// `None` shows the widget's, in its language.
    pub disclaimer: Option<String>,
}

/// How long the date must stay before the live region announces it, in milliseconds: less than playback's
/// step, so that each year played is announced.
const ANNOUNCE_AFTER_MS: u32 = 400;

/// A loaded map: the SVG, its legend and source line, and the profile panel of the selected state.
#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    // A deep link (`#country=PER&region=americas&view=opcat`) opens its state and view, when it is this map's.
    // Read once, when the widget first renders, not on every render.
    let state = {
        let (initial_selection, scene) = (props.initial_selection, props.scene.clone());
        let initial_view = props.host.initial_view;
        let deep_link = props.host.deep_link;
        let initial_date = props.host.initial_date;
        use_reducer(move || {
            let fragment = deep_link
                .filter(|f| f.region.is_none_or(|r| r == scene.region))
                .unwrap_or_default();
            // Only a state on this map: a code from another region would leave the map without a Tab stop.
            let on_map = |c: &Iso3| scene.shape(*c).is_some();
            let initial = initial_selection
                .filter(on_map)
                .or_else(|| fragment.country.filter(on_map));
            MapState {
                selected: initial,
                focused: initial,
                view: initial_view.or(fragment.view).unwrap_or_default(),
                // A day before the data's; on or after it, the data's own.
                date: fragment
                    .date
                    .or(initial_date)
                    .filter(|date| *date < scene.sources.as_of),
                ..MapState::default()
            }
        })
    };
    // The scene coloured for the chosen treaty on the chosen day: classes, standings and legend only, the
    // paths are shared.
    let scene = {
        use_memo(
            (props.scene.clone(), state.view, state.date),
            move |(scene, view, date)| {
                if *view == View::Combined && date.is_none() {
                    scene.clone()
                } else {
                    Shared(Rc::new(scene.showing(*view, *date)))
                }
            },
        )
    };
    let scene: Shared<Scene> = (*scene).clone();
    let root = use_node_ref();
    let id = |suffix: &str| AttrValue::from(format!("{}-{suffix}", props.id_prefix));

    // Callbacks that only dispatch: made once (the dispatcher never changes), so that a change of state does
    // not hand every child new callbacks and re-render it for that alone.
    let dispatcher = state.dispatcher();
    let on_select = use_callback(dispatcher.clone(), |iso3, d| {
        d.dispatch(Action::Select(iso3))
    });
    let on_focused = use_callback(dispatcher.clone(), |iso3, d| {
        d.dispatch(Action::Focused(iso3))
    });
    let on_move_focus = use_callback(dispatcher.clone(), |iso3, d| {
        d.dispatch(Action::MoveFocus(iso3))
    });
    let on_toggle_class = use_callback(dispatcher.clone(), |class, d| {
        d.dispatch(Action::ToggleClass(class))
    });
    let on_toggle_table = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::ToggleTable));
    let on_sort = use_callback(dispatcher.clone(), |column, d| {
        d.dispatch(Action::SortBy(column))
    });

    let (stage, on_map_drawn) = use_stages(props.staged, props.scene.region, &props.host.on_drawn);

    use_escape_closes(state.selected.is_some(), root.clone(), state.dispatcher());
    use_host_select(
        props.host.selection_request,
        props.scene.clone(),
        state.dispatcher(),
    );
    use_change_events(state.selected, props.host.on_selection.clone());
    use_host_date(props.host.date_request, state.dispatcher());
    use_playback(
        state.playing,
        state.date,
        props.scene.sources.as_of,
        state.dispatcher(),
    );
    use_change_events_later(state.date, props.host.on_date.clone());
    use_focus_request(state.focus_request, root.clone());
    use_history_sync(
        props.host.history,
        props.scene.clone(),
        (state.selected, state.view, state.date),
        state.dispatcher(),
    );

    let (lang, t) = (props.lang, props.lang.catalogue());
    // What the chart of parties over time draws whatever the date, made once per scene and language, once its
    // stage is reached.
    let drawn = use_memo(
        (
            props.scene.clone(),
            lang,
            stage >= Stage::Chart && !props.scene.sources.is_unavailable(),
        ),
        |(scene, lang, shown)| shown.then(|| Rc::new(Drawn::new(scene, *lang))),
    );
    let content = props.content.as_deref();
    let table = content.map_or(&*props.scene.content, |c| &*c.table);
    // The profile as the map shows it: today's facts, and on an earlier day what was true then.
    let profile = state.selected.and_then(|iso3| {
        let profile = props.scene.profile(table, iso3, lang)?;
        let today = props.scene.shape(iso3)?.standing.state();
        let then = scene.shape(iso3);
        let mut profile = profile.on_date(
            scene.date,
            props.scene.sources.as_of,
            today,
            then.and_then(|s| s.standing.state()),
            lang,
        );
        profile.class = then.map_or(profile.class, |s| s.class);
        Some(profile)
    });
    // What a screen reader hears when a state takes focus, or when the date changes (a polite live region).
    let announced_date = use_settled(scene.shown_date(), ANNOUNCE_AFTER_MS);
    let announcement = if state.date_announced {
        Some(props.scene.date_announcement(announced_date, lang))
    } else {
        state.focused.map(|iso3| {
            let shape = props.scene.shape(iso3);
            match (shape, shape.and_then(|s| s.standing.state())) {
                // An area that is not a state: its name, class, party or UN notes, as its accessible name says.
                (Some(shape), None) if shape.party.is_some() || !shape.notes.is_empty() => {
                    props.scene.accessible_name(shape, lang)
                }
                (shape, status) => {
                    announcement(shape.map_or("", |s| s.name.as_str()), status, lang)
                }
            }
        })
    };
    let diagnostics: Vec<&crate::core::error::Diagnostic> = props
        .scene
        .diagnostics
        .iter()
        .chain(content.into_iter().flat_map(|c| &c.diagnostics))
        .collect();
    // The map-wide line on boundaries and names: the host's wording, none, or the widget's.
    let disclaimer: Option<AttrValue> = match &props.host.disclaimer {
        Some(text) if text.is_empty() => None,
        Some(text) => Some(AttrValue::from(text.clone())),
        None => Some(AttrValue::from(t.disclaimer)),
    };
    let mut views = Vec::with_capacity(View::ALL.len());
    for view in View::ALL {
        let dispatcher = state.dispatcher();
        let onchange = move |_| dispatcher.dispatch(Action::SetView(view));
        views.push(html! {
            <label>
                <input type="radio" name={format!("{}-view", props.id_prefix)} value={view.key()}
                       checked={state.view == view} {onchange} />
                { t.view(view) }
            </label>
        });
    }
    // Written out only once the note is shown, not at every render before it.
    let diagnostics_shown = stage == Stage::Whole && !diagnostics.is_empty();
    let mut diagnostic_items = Vec::new();
    if diagnostics_shown {
        for diagnostic in &diagnostics {
            diagnostic_items.push(html! { <li>{ diagnostic.to_string() }</li> });
        }
    }
    html! {
        <div class="tm-root" data-date-moved={state.date_announced.then_some("true")} aria-busy={(stage != Stage::Whole).then_some("true")} data-region={props.scene.region.key()} lang={lang.code()} dir={lang.dir()} ref={root}>
            <div class="tm-body" data-with-panel={profile.is_some().then_some("true")}>
                <div class="tm-mapcol">
                    <fieldset class="tm-view-switch">
                        <legend>{ t.view_switch }</legend>
                        { views }
                    </fieldset>
                    if stage >= Stage::Tools {
                        if !props.scene.sources.is_unavailable() {
                            { TimeControl {
                                lang, as_of: props.scene.sources.as_of, date: state.date, playing: state.playing,
                                refused: state.date_refused, dispatcher: &dispatcher, id_prefix: &props.id_prefix,
                            }.html() }
                        }
                        { Search {
                            lang, scene: &scene, state: &state.search, dispatcher: &dispatcher, id_prefix: &props.id_prefix,
                        }.html() }
                        { TableView {
                            lang, scene: &scene, open: state.table_open, sort: state.sort, hidden: &state.hidden,
                            selected: state.selected, on_toggle_open: &on_toggle_table, on_sort: &on_sort,
                            on_select: &on_select, table_id: id("table"),
                        }.html() }
                    }
                    if stage >= Stage::Map {
                        <MapSvg {lang} scene={scene.clone()} selected={state.selected} focused={state.focused}
                                on_select={on_select.clone()} {on_focused} {on_move_focus} id_prefix={props.id_prefix.clone()}
                                hidden={state.hidden.clone()} on_drawn={on_map_drawn} shapes_later={props.staged} />
                    }
                    <p class="tm-live" aria-live="polite">{ announcement.unwrap_or_default() }</p>
                    if stage >= Stage::Legend {
                        { Legend {
                            lang, entries: &scene.legend, view: state.view, date: scene.date, hidden: &state.hidden,
                            on_toggle: &on_toggle_class, heading_id: id("legend"),
                            territories: scene.shapes.iter().filter(|s| s.territory).count(),
                        }.html() }
                        <p class="tm-source">{ scene.source_line(lang) }</p>
                        if let Some(line) = &disclaimer {
                            <p class="tm-disclaimer">{ line.clone() }</p>
                        }
                    }
                    if stage == Stage::Whole {
                        { crate::ui::export::ExportMenu {
                            lang, scene: &scene, hidden: &state.hidden, disclaimer: disclaimer.as_ref(),
                            failed: state.download_failed, dispatcher: &dispatcher,
                        }.html() }
                    }
                    if let Some(drawn) = &*drawn {
                        { PartiesChart {
                            lang, drawn, as_of: props.scene.sources.as_of, date: scene.date,
                            table_open: state.chart_table_open, dispatcher: &dispatcher, id_prefix: &props.id_prefix,
                        }.html() }
                    }
                    if stage == Stage::Whole && !props.scene.sources.is_unavailable() {
                        { latest_actions(lang, &props.scene, scene.shown_date(), &on_select, id("latest")) }
                    }
                    if diagnostics_shown {
                        <details class="tm-diagnostics">
                            <summary>{ t.count(lang, t.diagnostics, diagnostics.len()) }</summary>
                            <ul>{ diagnostic_items }</ul>
                        </details>
                    }
                </div>
                if let Some(profile) = &profile {
                    { ProfilePanel {
                        lang, profile, copied: state.link_copied, dispatcher: &dispatcher, heading_id: id("panel-title"),
                        region: props.scene.region, view: state.view, date: state.date,
                    }.html() }
                }
            </div>
        </div>
    }
}
