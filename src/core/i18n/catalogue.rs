//! The shape of a language's strings: [`Catalogue`], one field per string the widget shows, and its form as
//! an array of strings in the fields' order ([`Catalogue::words`], [`Catalogue::from_words`]), in which the
//! release wasm receives the languages other than English (`i18n::words`).

use super::Plural;

/// How many strings a catalogue holds (a counted phrase two, the months twelve).
pub const COUNT: usize = size_of::<Catalogue>() / size_of::<&str>();

/// Declares [`Catalogue`], `#[repr(C)]`, and checks that every field is a [`Words`]: made of `&'static str`
/// only, so that the catalogue is laid out as `[&'static str; COUNT]` (no padding: every part has the size and
/// alignment of a `&str`), which [`Catalogue::words`] and [`Catalogue::from_words`] rely on.
macro_rules! catalogue {
    ($(#[$meta:meta])* pub struct Catalogue { $($(#[$doc:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[repr(C)]
        pub struct Catalogue {
            $($(#[$doc])* pub $field: $ty,)*
        }

        const _: fn(&Catalogue) = |catalogue| {
            $(is_words(&catalogue.$field);)*
        };
    };
}

/// A kind of field a catalogue may have: one string, a counted phrase (`#[repr(C)]`, two strings), an array of
/// strings. Nothing else implements it.
trait Words {}

impl Words for &'static str {}
impl Words for Plural {}
impl<const N: usize> Words for [&'static str; N] {}

fn is_words<W: Words>(_: &W) {}

impl Catalogue {
    /// Every string, in the fields' order (a field of several strings gives them in its own order).
    pub fn words(&self) -> &[&'static str; COUNT] {
        // SAFETY: a `Catalogue` is laid out as `[&'static str; COUNT]` (see `catalogue!`), and a shared
        // reference to it may be read as one to that array for as long as it lives.
        unsafe { &*std::ptr::from_ref(self).cast::<[&'static str; COUNT]>() }
    }

    /// The catalogue whose [`words`](Self::words) are `words`.
    pub fn from_words(words: [&'static str; COUNT]) -> Catalogue {
        // SAFETY: the two types have the same layout (see `catalogue!`), and every field of a catalogue holds
        // any `&'static str`.
        unsafe { std::mem::transmute::<[&'static str; COUNT], Catalogue>(words) }
    }
}

catalogue! {
/// Every user-visible string of the widget, in one language. Field names say where the string shows.
#[derive(Debug, PartialEq, Eq)]
pub struct Catalogue {
    // Colour classes of the combined view (legend, table, accessible names, tooltip).
    pub class_both: &'static str,
    pub class_cat_opcat_signatory: &'static str,
    pub class_cat_only: &'static str,
    pub class_cat_signatory_only: &'static str,
    pub class_no_action: &'static str,
    pub class_disputed: &'static str,
    pub class_no_data: &'static str,
    // Classes of the single-treaty views.
    pub cat_party: &'static str,
    pub cat_signatory_only: &'static str,
    pub cat_no_action: &'static str,
    pub opcat_party: &'static str,
    pub opcat_signatory_only: &'static str,
    pub opcat_no_action: &'static str,
    // The treaty switch.
    pub view_switch: &'static str,
    pub view_combined: &'static str,
    pub view_cat: &'static str,
    pub view_opcat: &'static str,
    // Regions.
    pub region_world: &'static str,
    pub region_africa: &'static str,
    pub region_americas: &'static str,
    pub region_asia_pacific: &'static str,
    pub region_europe_central_asia: &'static str,
    pub region_mena: &'static str,
    // Dates: month names (from CLDR), the pattern, and how the first day of a month is written.
    pub months: [&'static str; 12],
    pub date: &'static str,
    pub first_day: &'static str,
    // The profile panel's facts.
    pub treaty_line: &'static str,
    pub party_since: &'static str,
    pub party_by_succession: &'static str,
    pub signatory_since: &'static str,
    pub signatory_by_succession: &'static str,
    pub signature_by_succession: &'static str,
    pub not_a_party: &'static str,
    pub act_ratification: &'static str,
    pub act_accession: &'static str,
    pub act_succession: &'static str,
    pub succession_note: &'static str,
    pub last_review: &'static str,
    pub no_review: &'static str,
    pub complaints_individual: &'static str,
    pub complaints_between_states: &'static str,
    pub complaints_line: &'static str,
    pub accepted: &'static str,
    pub not_accepted: &'static str,
    pub not_recorded: &'static str,
    pub no_status: &'static str,
    /// A territory's panel: what the UNTC notes say of each treaty and the territory.
    pub territory_applies: &'static str,
    pub territory_excluded: &'static str,
    pub territory_not_recorded: &'static str,
    /// The UN's notes on areas that are not states (tooltip, panel, accessible name).
    pub note_non_self_governing: &'static str,
    pub note_falklands: &'static str,
    pub note_jammu_kashmir: &'static str,
    pub note_aksai_chin: &'static str,
    pub note_abyei: &'static str,
    pub note_kosovo: &'static str,
    pub status_as_at: &'static str,
    pub status_unavailable: &'static str,
    pub review_years: &'static str,
    /// The map-wide line under the map and in its SVG download (a host may replace it).
    pub disclaimer: &'static str,
    // What a screen reader hears when a state takes focus.
    pub announce: &'static str,
    pub announce_no_status: &'static str,
    pub announce_cat_party: &'static str,
    pub announce_cat_succession: &'static str,
    pub announce_cat_signatory: &'static str,
    pub announce_cat_none: &'static str,
    pub announce_opcat_party: &'static str,
    pub announce_opcat_succession: &'static str,
    pub announce_opcat_signatory: &'static str,
    pub announce_opcat_none: &'static str,
    pub announce_reviewed: &'static str,
    pub announce_no_review: &'static str,
    // The map's text alternative.
    pub summary_head: &'static str,
    pub summary_states: Plural,
    pub summary_cat_parties: Plural,
    pub summary_also_opcat: &'static str,
    pub summary_opcat_signatories: Plural,
    pub summary_cat_clause: &'static str,
    pub summary_cat_signatories: Plural,
    pub summary_no_action: &'static str,
    pub summary_others: Plural,
    pub summary_view: &'static str,
    pub summary_view_entry: &'static str,
    pub list_separator: &'static str,
    pub sentence_end: &'static str,
    // Legend, map and tooltip.
    pub legend_title: &'static str,
    /// The legend's key to the territories' texture, with their count.
    pub territory_key: &'static str,
    pub map_title: &'static str,
    pub name_and_class: &'static str,
    pub class_territory: &'static str,
    pub name_class_note: &'static str,
    pub zoom: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub zoom_reset_label: &'static str,
    pub zoom_reset: &'static str,
    // Table.
    pub table_show: &'static str,
    pub table_hide: &'static str,
    pub table_caption: Plural,
    pub column_state: &'static str,
    pub column_status: &'static str,
    pub column_review: &'static str,
    // Search.
    pub search_label: &'static str,
    pub search_list: &'static str,
    // Panel.
    pub close_profile: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub link_not_copied: &'static str,
    pub member_organisations: &'static str,
    pub latest_alerts: &'static str,
    // Downloads.
    pub download_group: &'static str,
    pub download_svg: &'static str,
    pub download_png: &'static str,
    pub download_csv: &'static str,
    pub download_failed: &'static str,
    // Widget and loader.
    pub diagnostics: Plural,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub status_not_loaded: &'static str,
    // Time: the date control, the map on a date, the profile's timeline, the chart, the latest actions.
    pub time_legend: &'static str,
    pub time_slider: &'static str,
    pub time_date: &'static str,
    pub time_latest: &'static str,
    pub time_play: &'static str,
    pub time_pause: &'static str,
    pub time_reset: &'static str,
    pub time_out_of_range: &'static str,
    pub cat_not_open: &'static str,
    pub opcat_not_open: &'static str,
    pub class_opcat_not_open: &'static str,
    pub not_yet_open: &'static str,
    pub status_on: &'static str,
    pub profile_on: &'static str,
    pub profile_today: &'static str,
    pub timeline_title: &'static str,
    pub timeline_action: &'static str,
    pub act_signature: &'static str,
    pub act_signature_succession: &'static str,
    pub timeline_review: &'static str,
    pub timeline_reviews_note: &'static str,
    pub timeline_marker: &'static str,
    pub chart_title: &'static str,
    pub chart_series: &'static str,
    pub chart_point: &'static str,
    pub chart_table_show: &'static str,
    pub chart_table_hide: &'static str,
    pub column_date: &'static str,
    pub latest_title: &'static str,
    pub latest_item: &'static str,
    pub latest_none: &'static str,
    pub announce_date: &'static str,
    pub announce_area: &'static str,
    pub opcat_parties: Plural,
    /// A timeline's review whose session is known: "Review by the Committee against Torture, session {session}".
    pub timeline_review_session: &'static str,
}
}
