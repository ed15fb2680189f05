//! The widget's interaction state: which state's profile is open, where keyboard focus is on the map, what the
//! map is coloured by and for which day, and the state of the controls around it.

use std::rc::Rc;

use yew::Reducible;

use crate::core::class::{StatusClass, View};
use crate::core::date::Date;
use crate::core::iso3::Iso3;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapState {
    /// The state whose profile panel is open.
    pub selected: Option<Iso3>,
    /// The map's one Tab stop (roving tabindex): the state that takes focus when the map is tabbed into.
    pub focused: Option<Iso3>,
    /// A state whose shape the view must focus, with a counter so that asking twice focuses twice.
    pub focus_request: Option<(Iso3, u32)>,
    /// Classes switched off in the legend: dimmed on the map, left out of the table.
    pub hidden: Vec<StatusClass>,
    /// Which treaty the map is coloured by.
    pub view: View,
    /// Whether the table view is shown, and how it is sorted.
    pub table_open: bool,
    pub sort: Sort,
    /// The day the map shows; `None` for the data's own date.
    pub date: Option<Date>,
    /// Whether the live region speaks of the date (the last change was of the date) rather than of the focused
    /// state.
    pub date_announced: bool,
    /// Whether the last "Copy link" of the open profile worked (`None`: none since it opened).
    pub link_copied: Option<bool>,
    /// Whether the table of the chart of parties over time is shown.
    pub chart_table_open: bool,
    /// Whether the last download failed, which the downloads' status says.
    pub download_failed: bool,
    /// Whether playback runs: a year about every second (`ui::time::use_playback`).
    pub playing: bool,
    /// Whether the date field holds a day refused (out of range), which it says.
    pub date_refused: bool,
    /// The search box.
    pub search: SearchBox,
}

/// The "Find a state" box: the text typed, whether its list of suggestions is open, and which is active.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchBox {
    pub query: String,
    pub open: bool,
    pub active: usize,
}

/// The table view's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    NameAscending,
    NameDescending,
    /// Most engaged first (the legend's order), then by name.
    StatusAscending,
    StatusDescending,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Open (or switch) the profile panel to this state.
    Select(Iso3),
    /// Close the profile panel; focus goes back to the state it showed.
    Close,
    /// A state's shape received focus (pointer or Tab): it becomes the Tab stop.
    Focused(Iso3),
    /// Move keyboard focus to this state (arrow keys, Home/End, typing).
    MoveFocus(Iso3),
    /// Switch a class on or off (a legend entry).
    ToggleClass(StatusClass),
    /// Colour the map by this treaty (or both); the legend's filter starts again.
    SetView(View),
    /// Show or hide the table view.
    ToggleTable,
    /// Sort the table by this column; sorting by the same column again reverses it.
    SortBy(SortColumn),
    /// Show the map on this day (`None`: the data's own date).
    SetDate(Option<Date>),
    /// Whether copying the link to this state's profile worked.
    LinkCopied(Iso3, bool),
    /// Show or hide the table of the chart of parties over time.
    ToggleChartTable,
    /// A download was made (`false`) or failed (`true`).
    DownloadFailed(bool),
    /// Text typed in the search box: the list opens on the first suggestion unless the text is blank.
    SearchTyped(String),
    /// The search's list opened or closed.
    SearchOpen(bool),
    /// The search's active suggestion.
    SearchActive(usize),
    /// A suggestion chosen: its name (if the map has it) fills the box, the list closes, its profile opens.
    SearchChose(Iso3, Option<String>),
    /// Start or stop playback.
    Play(bool),
    /// A day in range entered in the date field (`None`: the field cleared, or the data's own date), shown.
    EnterDate(Option<Date>),
    /// A day out of range entered in the date field: refused, and said so.
    RefuseDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Status,
}

impl MapState {
    fn request_focus(&self, iso3: Iso3) -> Option<(Iso3, u32)> {
        Some((
            iso3,
            self.focus_request.map_or(0, |(_, n)| n.wrapping_add(1)),
        ))
    }

    /// Whether `action` leaves the state as it is: then the widget keeps its state and renders nothing again.
    fn unchanged_by(&self, action: &Action) -> bool {
        match action {
            Action::Select(iso3) => self.selected == Some(*iso3),
            Action::Focused(iso3) => self.focused == Some(*iso3),
            Action::Close => self.selected.is_none(),
            Action::SetView(view) => *view == self.view,
            Action::SetDate(date) => *date == self.date,
            Action::EnterDate(date) => !self.date_refused && *date == self.date,
            Action::RefuseDate => self.date_refused,
            Action::Play(playing) => *playing == self.playing,
            Action::DownloadFailed(failed) => *failed == self.download_failed,
            Action::SearchOpen(open) => *open == self.search.open,
            Action::SearchActive(active) => *active == self.search.active,
            // Said of the profile open only.
            Action::LinkCopied(iso3, _) => self.selected != Some(*iso3),
            _ => false,
        }
    }

    /// Applies `action` in place.
    fn apply(&mut self, action: Action) {
        match action {
            // Another profile: what "Copy link" said was of the one before.
            Action::Select(iso3) if self.selected != Some(iso3) => {
                self.selected = Some(iso3);
                self.focused = Some(iso3);
                self.date_announced = false;
                self.link_copied = None;
            }
            Action::Select(_) => {}
            Action::Close => {
                if let Some(iso3) = self.selected.take() {
                    self.focused = Some(iso3);
                    self.focus_request = self.request_focus(iso3);
                    self.link_copied = None;
                }
            }
            Action::Focused(iso3) => {
                self.focused = Some(iso3);
                self.date_announced = false;
            }
            Action::MoveFocus(iso3) => {
                self.focused = Some(iso3);
                self.focus_request = self.request_focus(iso3);
                self.date_announced = false;
            }
            Action::ToggleClass(class) => match self.hidden.iter().position(|c| *c == class) {
                Some(i) => {
                    self.hidden.remove(i);
                }
                None => self.hidden.push(class),
            },
            // The legend's filter starts again.
            Action::SetView(view) => {
                self.view = view;
                self.hidden.clear();
            }
            Action::ToggleTable => self.table_open = !self.table_open,
            Action::SortBy(column) => {
                self.sort = match (column, self.sort) {
                    (SortColumn::Name, Sort::NameAscending) => Sort::NameDescending,
                    (SortColumn::Name, _) => Sort::NameAscending,
                    (SortColumn::Status, Sort::StatusAscending) => Sort::StatusDescending,
                    (SortColumn::Status, _) => Sort::StatusAscending,
                }
            }
            // The legend's filter stays: the classes are the same, only the states in them change.
            Action::SetDate(date) if date != self.date => {
                self.date = date;
                self.date_announced = true;
            }
            Action::SetDate(_) => {}
            Action::EnterDate(date) => {
                self.date_refused = false;
                self.apply(Action::SetDate(date));
            }
            Action::RefuseDate => self.date_refused = true,
            Action::Play(playing) => self.playing = playing,
            Action::LinkCopied(_, copied) => self.link_copied = Some(copied),
            Action::ToggleChartTable => self.chart_table_open = !self.chart_table_open,
            Action::DownloadFailed(failed) => self.download_failed = failed,
            Action::SearchTyped(query) => {
                self.search = SearchBox {
                    open: !query.trim().is_empty(),
                    active: 0,
                    query,
                }
            }
            Action::SearchOpen(open) => self.search.open = open,
            Action::SearchActive(active) => self.search.active = active,
            Action::SearchChose(iso3, name) => {
                if let Some(name) = name {
                    self.search.query = name;
                }
                self.search.open = false;
                self.apply(Action::Select(iso3));
            }
        }
    }
}

impl Reducible for MapState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if self.unchanged_by(&action) {
            return self;
        }
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: &str) -> Iso3 {
        Iso3::parse(c).unwrap()
    }

    #[test]
    fn select_switch_and_close_returns_focus() {
        let state = Rc::new(MapState::default());
        let state = state.reduce(Action::Select(code("PER")));
        assert_eq!(state.selected, Some(code("PER")));
        let state = state.reduce(Action::Select(code("MEX")));
        assert_eq!(state.selected, Some(code("MEX")));
        let state = state.reduce(Action::Close);
        assert_eq!(state.selected, None);
        assert_eq!(state.focus_request, Some((code("MEX"), 0)));
        let again = Rc::clone(&state).reduce(Action::Close);
        assert!(
            Rc::ptr_eq(&state, &again),
            "closing a closed panel changes nothing"
        );
    }

    #[test]
    fn legend_toggles_and_table_sorting() {
        let state = Rc::new(MapState::default()).reduce(Action::ToggleClass(StatusClass::NoData));
        assert_eq!(state.hidden, [StatusClass::NoData]);
        let state = state.reduce(Action::ToggleClass(StatusClass::NoData));
        assert!(state.hidden.is_empty());
        let state = state.reduce(Action::SortBy(SortColumn::Name));
        assert_eq!(
            state.sort,
            Sort::NameDescending,
            "the default is by name, ascending"
        );
        let state = state.reduce(Action::SortBy(SortColumn::Status));
        assert_eq!(state.sort, Sort::StatusAscending);
        let state = state
            .reduce(Action::SortBy(SortColumn::Status))
            .reduce(Action::ToggleTable);
        assert_eq!(state.sort, Sort::StatusDescending);
        assert!(state.table_open);
    }

    #[test]
    fn date_field_refuses_then_shows_and_playback_toggles() {
        let day = Date::new(2002, 12, 31).unwrap();
        let state = Rc::new(MapState::default()).reduce(Action::RefuseDate);
        assert!(state.date_refused);
        assert_eq!(state.date, None, "a refused day does not move the map");
        let again = Rc::clone(&state).reduce(Action::RefuseDate);
        assert!(Rc::ptr_eq(&state, &again), "refusing again changes nothing");
        let state = state.reduce(Action::EnterDate(Some(day)));
        assert!(!state.date_refused);
        assert_eq!(state.date, Some(day));
        assert!(state.date_announced);
        let state = state.reduce(Action::EnterDate(None));
        assert_eq!(state.date, None, "a cleared field is the data's own date");
        let state = state.reduce(Action::Play(true));
        assert!(state.playing);
        let same = Rc::clone(&state).reduce(Action::Play(true));
        assert!(Rc::ptr_eq(&state, &same));
        let state = state
            .reduce(Action::Play(false))
            .reduce(Action::ToggleChartTable);
        assert!(!state.playing);
        assert!(state.chart_table_open);
        assert!(!state.reduce(Action::ToggleChartTable).chart_table_open);
    }

    #[test]
    fn search_box_types_moves_and_chooses() {
        let state = Rc::new(MapState::default()).reduce(Action::SearchTyped("  ".into()));
        assert!(!state.search.open, "blank text opens no list");
        let state = state
            .reduce(Action::SearchTyped("per".into()))
            .reduce(Action::SearchActive(2));
        assert_eq!((state.search.open, state.search.active), (true, 2));
        let state = state.reduce(Action::SearchTyped("peru".into()));
        assert_eq!(
            state.search.active, 0,
            "new text starts at the first suggestion"
        );
        let closed = state.reduce(Action::SearchOpen(false));
        assert!(!closed.search.open);
        let again = Rc::clone(&closed).reduce(Action::SearchOpen(false));
        assert!(Rc::ptr_eq(&closed, &again));
        let chosen = closed
            .reduce(Action::SearchOpen(true))
            .reduce(Action::SearchChose(code("PER"), Some("Peru".into())));
        assert_eq!(chosen.search.query, "Peru");
        assert!(!chosen.search.open);
        assert_eq!(chosen.selected, Some(code("PER")));
    }

    #[test]
    fn a_failed_download_is_said_until_one_works() {
        let state = Rc::new(MapState::default()).reduce(Action::DownloadFailed(false));
        assert!(!state.download_failed);
        let state = state.reduce(Action::DownloadFailed(true));
        assert!(state.download_failed);
        assert!(!state.reduce(Action::DownloadFailed(false)).download_failed);
    }

    #[test]
    fn copy_link_status_is_of_the_profile_open() {
        let state = Rc::new(MapState::default()).reduce(Action::Select(code("PER")));
        let state = state.reduce(Action::LinkCopied(code("PER"), true));
        assert_eq!(state.link_copied, Some(true));
        let late = Rc::clone(&state).reduce(Action::LinkCopied(code("MEX"), false));
        assert!(
            Rc::ptr_eq(&state, &late),
            "a copy of another profile's link says nothing here"
        );
        let state = state.reduce(Action::Select(code("MEX")));
        assert_eq!(state.link_copied, None, "another profile starts afresh");
        let state = state
            .reduce(Action::LinkCopied(code("MEX"), false))
            .reduce(Action::Close);
        assert_eq!(state.link_copied, None);
    }

    #[test]
    fn keyboard_moves_ask_for_focus_each_time() {
        let state = Rc::new(MapState::default()).reduce(Action::MoveFocus(code("ECU")));
        assert_eq!(state.focused, Some(code("ECU")));
        let first = state.focus_request;
        let state = state.reduce(Action::MoveFocus(code("ECU")));
        assert_ne!(
            state.focus_request, first,
            "a second request is a new request"
        );
        let state = state.reduce(Action::Focused(code("PER")));
        assert_eq!(state.focused, Some(code("PER")));
        assert_eq!(
            state.focus_request,
            Some((code("ECU"), 1)),
            "pointer focus asks for nothing"
        );
    }
}
