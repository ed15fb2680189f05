//! Tests of the catalogues: every language fills every template with the same placeholders, dates and
//! counted phrases per language.

use super::*;
use crate::core::iso3::Iso3;
use crate::harness::test;

/// Every template of a catalogue with its field's name. The destructuring names every field and has no `..`,
/// so a field added to [`Catalogue`] and forgotten here does not compile.
fn entries(catalogue: &Catalogue) -> Vec<(&'static str, &'static str)> {
    let &Catalogue {
        class_both,
        class_cat_opcat_signatory,
        class_cat_only,
        class_cat_signatory_only,
        class_no_action,
        class_disputed,
        class_no_data,
        cat_party,
        cat_signatory_only,
        cat_no_action,
        opcat_party,
        opcat_signatory_only,
        opcat_no_action,
        view_switch,
        view_combined,
        view_cat,
        view_opcat,
        region_world,
        region_africa,
        region_americas,
        region_asia_pacific,
        region_europe_central_asia,
        region_mena,
        months,
        date,
        first_day,
        treaty_line,
        party_since,
        party_by_succession,
        signatory_since,
        signatory_by_succession,
        signature_by_succession,
        not_a_party,
        act_ratification,
        act_accession,
        act_succession,
        succession_note,
        last_review,
        no_review,
        complaints_individual,
        complaints_between_states,
        complaints_line,
        accepted,
        not_accepted,
        not_recorded,
        no_status,
        territory_applies,
        territory_excluded,
        territory_not_recorded,
        note_non_self_governing,
        note_falklands,
        note_jammu_kashmir,
        note_aksai_chin,
        note_abyei,
        note_kosovo,
        status_as_at,
        status_unavailable,
        review_years,
        disclaimer,
        announce,
        announce_no_status,
        announce_cat_party,
        announce_cat_succession,
        announce_cat_signatory,
        announce_cat_none,
        announce_opcat_party,
        announce_opcat_succession,
        announce_opcat_signatory,
        announce_opcat_none,
        announce_reviewed,
        announce_no_review,
        summary_head,
        summary_states,
        summary_cat_parties,
        summary_also_opcat,
        summary_opcat_signatories,
        summary_cat_clause,
        summary_cat_signatories,
        summary_no_action,
        summary_others,
        summary_view,
        summary_view_entry,
        list_separator,
        sentence_end,
        legend_title,
        territory_key,
        map_title,
        name_and_class,
        class_territory,
        name_class_note,
        zoom,
        zoom_in,
        zoom_out,
        zoom_reset_label,
        zoom_reset,
        table_show,
        table_hide,
        table_caption,
        column_state,
        column_status,
        column_review,
        search_label,
        search_list,
        close_profile,
        copy_link,
        link_copied,
        link_not_copied,
        member_organisations,
        latest_alerts,
        download_group,
        download_svg,
        download_png,
        download_csv,
        download_failed,
        diagnostics,
        loading,
        load_failed,
        retry,
        status_not_loaded,
        time_legend,
        time_slider,
        time_date,
        time_latest,
        time_play,
        time_pause,
        time_reset,
        time_out_of_range,
        cat_not_open,
        opcat_not_open,
        class_opcat_not_open,
        not_yet_open,
        status_on,
        profile_on,
        profile_today,
        timeline_title,
        timeline_action,
        act_signature,
        act_signature_succession,
        timeline_review,
        timeline_reviews_note,
        timeline_marker,
        chart_title,
        chart_series,
        chart_point,
        chart_table_show,
        chart_table_hide,
        column_date,
        latest_title,
        latest_item,
        latest_none,
        announce_date,
        announce_area,
        opcat_parties,
        timeline_review_session,
    } = catalogue;
    let mut entries = vec![
        ("class_both", class_both),
        ("class_cat_opcat_signatory", class_cat_opcat_signatory),
        ("class_cat_only", class_cat_only),
        ("class_cat_signatory_only", class_cat_signatory_only),
        ("class_no_action", class_no_action),
        ("class_disputed", class_disputed),
        ("class_no_data", class_no_data),
        ("cat_party", cat_party),
        ("cat_signatory_only", cat_signatory_only),
        ("cat_no_action", cat_no_action),
        ("opcat_party", opcat_party),
        ("opcat_signatory_only", opcat_signatory_only),
        ("opcat_no_action", opcat_no_action),
        ("view_switch", view_switch),
        ("view_combined", view_combined),
        ("view_cat", view_cat),
        ("view_opcat", view_opcat),
        ("region_world", region_world),
        ("region_africa", region_africa),
        ("region_americas", region_americas),
        ("region_asia_pacific", region_asia_pacific),
        ("region_europe_central_asia", region_europe_central_asia),
        ("region_mena", region_mena),
        ("date", date),
        ("first_day", first_day),
        ("treaty_line", treaty_line),
        ("party_since", party_since),
        ("party_by_succession", party_by_succession),
        ("signatory_since", signatory_since),
        ("signatory_by_succession", signatory_by_succession),
        ("signature_by_succession", signature_by_succession),
        ("not_a_party", not_a_party),
        ("act_ratification", act_ratification),
        ("act_accession", act_accession),
        ("act_succession", act_succession),
        ("succession_note", succession_note),
        ("last_review", last_review),
        ("no_review", no_review),
        ("complaints_individual", complaints_individual),
        ("complaints_between_states", complaints_between_states),
        ("complaints_line", complaints_line),
        ("accepted", accepted),
        ("not_accepted", not_accepted),
        ("not_recorded", not_recorded),
        ("no_status", no_status),
        ("territory_applies", territory_applies),
        ("territory_excluded", territory_excluded),
        ("territory_not_recorded", territory_not_recorded),
        ("note_non_self_governing", note_non_self_governing),
        ("note_falklands", note_falklands),
        ("note_jammu_kashmir", note_jammu_kashmir),
        ("note_aksai_chin", note_aksai_chin),
        ("note_abyei", note_abyei),
        ("note_kosovo", note_kosovo),
        ("status_as_at", status_as_at),
        ("status_unavailable", status_unavailable),
        ("review_years", review_years),
        ("disclaimer", disclaimer),
        ("announce", announce),
        ("announce_no_status", announce_no_status),
        ("announce_cat_party", announce_cat_party),
        ("announce_cat_succession", announce_cat_succession),
        ("announce_cat_signatory", announce_cat_signatory),
        ("announce_cat_none", announce_cat_none),
        ("announce_opcat_party", announce_opcat_party),
        ("announce_opcat_succession", announce_opcat_succession),
        ("announce_opcat_signatory", announce_opcat_signatory),
        ("announce_opcat_none", announce_opcat_none),
        ("announce_reviewed", announce_reviewed),
        ("announce_no_review", announce_no_review),
        ("summary_head", summary_head),
        ("summary_also_opcat", summary_also_opcat),
        ("summary_cat_clause", summary_cat_clause),
        ("summary_no_action", summary_no_action),
        ("summary_view", summary_view),
        ("summary_view_entry", summary_view_entry),
        ("list_separator", list_separator),
        ("sentence_end", sentence_end),
        ("legend_title", legend_title),
        ("territory_key", territory_key),
        ("map_title", map_title),
        ("name_and_class", name_and_class),
        ("class_territory", class_territory),
        ("name_class_note", name_class_note),
        ("zoom", zoom),
        ("zoom_in", zoom_in),
        ("zoom_out", zoom_out),
        ("zoom_reset_label", zoom_reset_label),
        ("zoom_reset", zoom_reset),
        ("table_show", table_show),
        ("table_hide", table_hide),
        ("column_state", column_state),
        ("column_status", column_status),
        ("column_review", column_review),
        ("search_label", search_label),
        ("search_list", search_list),
        ("close_profile", close_profile),
        ("copy_link", copy_link),
        ("link_copied", link_copied),
        ("link_not_copied", link_not_copied),
        ("member_organisations", member_organisations),
        ("latest_alerts", latest_alerts),
        ("download_group", download_group),
        ("download_svg", download_svg),
        ("download_png", download_png),
        ("download_csv", download_csv),
        ("download_failed", download_failed),
        ("loading", loading),
        ("load_failed", load_failed),
        ("retry", retry),
        ("status_not_loaded", status_not_loaded),
        ("time_legend", time_legend),
        ("time_slider", time_slider),
        ("time_date", time_date),
        ("time_latest", time_latest),
        ("time_play", time_play),
        ("time_pause", time_pause),
        ("time_reset", time_reset),
        ("time_out_of_range", time_out_of_range),
        ("cat_not_open", cat_not_open),
        ("opcat_not_open", opcat_not_open),
        ("class_opcat_not_open", class_opcat_not_open),
        ("not_yet_open", not_yet_open),
        ("status_on", status_on),
        ("profile_on", profile_on),
        ("profile_today", profile_today),
        ("timeline_title", timeline_title),
        ("timeline_action", timeline_action),
        ("act_signature", act_signature),
        ("act_signature_succession", act_signature_succession),
        ("timeline_review", timeline_review),
        ("timeline_reviews_note", timeline_reviews_note),
        ("timeline_marker", timeline_marker),
        ("chart_title", chart_title),
        ("chart_series", chart_series),
        ("chart_point", chart_point),
        ("chart_table_show", chart_table_show),
        ("chart_table_hide", chart_table_hide),
        ("column_date", column_date),
        ("latest_title", latest_title),
        ("latest_item", latest_item),
        ("latest_none", latest_none),
        ("announce_date", announce_date),
        ("announce_area", announce_area),
        ("timeline_review_session", timeline_review_session),
        ("opcat_parties", opcat_parties.one),
        ("opcat_parties", opcat_parties.other),
        ("summary_states", summary_states.one),
        ("summary_states", summary_states.other),
        ("summary_cat_parties", summary_cat_parties.one),
        ("summary_cat_parties", summary_cat_parties.other),
        ("summary_opcat_signatories", summary_opcat_signatories.one),
        ("summary_opcat_signatories", summary_opcat_signatories.other),
        ("summary_cat_signatories", summary_cat_signatories.one),
        ("summary_cat_signatories", summary_cat_signatories.other),
        ("summary_others", summary_others.one),
        ("summary_others", summary_others.other),
        ("table_caption", table_caption.one),
        ("table_caption", table_caption.other),
        ("diagnostics", diagnostics.one),
        ("diagnostics", diagnostics.other),
    ];
    entries.extend(months.iter().map(|m| ("months", *m)));
    entries
}

/// The placeholders of a template, `{name}` → "name", in order.
fn placeholders(template: &str) -> Vec<&str> {
    let mut found: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(key, _)| key))
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn every_language_has_every_string_and_none_is_empty() {
    let english = entries(Lang::En.catalogue());
    for lang in Lang::ALL {
        let entries = entries(lang.catalogue());
        assert_eq!(entries.len(), english.len(), "{lang:?}");
        assert!(!lang.crashed().trim().is_empty(), "{lang:?}");
        for (field, text) in &entries {
            assert!(!text.trim().is_empty(), "{lang:?} {field} is empty");
            assert!(
                !text.contains('\n'),
                "{lang:?} {field}: a line break (words files)"
            );
            if *field != "list_separator" {
                assert_eq!(text.trim(), *text, "{lang:?} {field}: stray spaces");
            }
        }
    }
}

#[test]
fn placeholders_match_english_in_every_language() {
    let english = entries(Lang::En.catalogue());
    for lang in Lang::ALL {
        for ((field, text), (_, original)) in entries(lang.catalogue()).iter().zip(&english) {
            assert_eq!(
                placeholders(text),
                placeholders(original),
                "{lang:?} {field}: {text:?}"
            );
        }
    }
    assert_eq!(
        placeholders(Lang::Fr.catalogue().announce),
        ["cat", "name", "opcat", "review"]
    );
}

#[test]
fn twelve_distinct_month_names_in_every_language() {
    for lang in Lang::ALL {
        let months = lang.catalogue().months;
        let mut distinct = months.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 12, "{lang:?}");
    }
    assert_eq!(Lang::Fr.catalogue().months[7], "août");
    assert_eq!(Lang::Es.catalogue().months[8], "septiembre");
    assert_eq!(Lang::Ar.catalogue().months[0], "يناير");
}

#[test]
fn other_languages_translate_what_the_reader_sees() {
    let english = entries(Lang::En.catalogue());
    for lang in [Lang::Fr, Lang::Es, Lang::Ar] {
        let same: Vec<&str> = entries(lang.catalogue())
            .iter()
            .zip(&english)
            .filter(|((_, text), (_, original))| text == original)
            .map(|((field, _), _)| *field)
            .collect();
        // Templates made of placeholders and punctuation, or an identical word ("Zoom", "ratification").
        let allowed = [
            "date",
            "first_day",
            "treaty_line",
            "complaints_line",
            "announce",
            "summary_head",
            "summary_view",
            "summary_view_entry",
            "list_separator",
            "sentence_end",
            "name_and_class",
            "name_class_note",
            "zoom",
            "act_ratification",
            "act_succession",
            "time_pause",
            "act_signature",
            "column_date",
            "timeline_action",
            "chart_point",
            "latest_item",
            "announce_date",
            "announce_area",
        ];
        for field in same {
            assert!(
                allowed.contains(&field),
                "{lang:?} {field} is still English"
            );
        }
    }
    // Arabic strings are in Arabic script, or have no words besides placeholders and the acronyms.
    for (field, text) in entries(Lang::Ar.catalogue()) {
        let arabic = text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        let mut words = text.to_owned();
        for key in placeholders(text) {
            words = words.replace(&format!("{{{key}}}"), "");
        }
        let words = words.replace("OPCAT", "").replace("CAT", "");
        assert!(
            arabic || words.chars().all(|c| !c.is_alphabetic()) || field == "zoom",
            "{field}: {text:?}"
        );
    }
}

#[test]
fn language_codes() {
    assert_eq!(Lang::from_code("fr"), Some(Lang::Fr));
    assert_eq!(Lang::from_code("fr-CA"), Some(Lang::Fr));
    assert_eq!(Lang::from_code("FR"), Some(Lang::Fr));
    assert_eq!(Lang::from_code(" es_419 "), Some(Lang::Es));
    assert_eq!(Lang::from_code("ar-EG"), Some(Lang::Ar));
    assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
    for unknown in ["", "de", "fra", "-fr", "français"] {
        assert_eq!(Lang::from_code(unknown), None, "{unknown:?}");
    }
    assert_eq!(Lang::default(), Lang::En);
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
        assert_eq!(lang.dir(), if lang == Lang::Ar { "rtl" } else { "ltr" });
    }
}

#[test]
fn counts_choose_singular_or_plural_by_language() {
    let states = |lang: Lang, n| {
        let catalogue = lang.catalogue();
        catalogue.count(lang, catalogue.summary_states, n)
    };
    assert_eq!(states(Lang::En, 1), "1 state");
    assert_eq!(states(Lang::En, 0), "0 states");
    assert_eq!(
        states(Lang::Fr, 0),
        "0 État",
        "French: 0 and 1 are singular"
    );
    assert_eq!(states(Lang::Fr, 2), "2 États");
    assert_eq!(states(Lang::Es, 0), "0 Estados");
    assert_eq!(states(Lang::Es, 1), "1 Estado");
    assert_eq!(states(Lang::Ar, 11), "عدد الدول: 11");
}

#[test]
fn fill_replaces_known_placeholders_only() {
    assert_eq!(
        fill("{a} and {b}", &[("a", "1"), ("b", "{a}")]),
        "1 and {a}"
    );
    assert_eq!(fill("{unknown} {", &[("a", "1")]), "{unknown} {");
    assert_eq!(fill("été {x}}", &[("x", "ü")]), "été ü}");
    assert_eq!(fill("", &[]), "");
}

#[test]
fn labels_follow_the_view() {
    let fr = Lang::Fr.catalogue();
    assert_eq!(
        fr.class(StatusClass::CatAndOpcatParty, View::Opcat),
        "Partie à l\u{2019}OPCAT"
    );
    assert_eq!(
        fr.class(StatusClass::CatPartyOnly, View::Combined),
        "Partie à la CAT seulement"
    );
    assert_eq!(
        Lang::En.catalogue().region(Region::AsiaPacific),
        "Asia–Pacific"
    );
    assert_eq!(Lang::Ar.catalogue().region(Region::Americas), "الأمريكتان");
}

#[test]
fn per_language_name_files_agree_with_names_json() {
    let all: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> =
        serde_json::from_str(include_str!("../../../data/names.json")).unwrap();
    let files = [
        (Lang::Fr, include_str!("../../../data/names.fr.json")),
        (Lang::Es, include_str!("../../../data/names.es.json")),
        (Lang::Ar, include_str!("../../../data/names.ar.json")),
    ];
    for (lang, text) in files {
        let (names, skipped) = Names::from_json(text).unwrap();
        assert!(skipped.is_empty(), "{lang:?}: {skipped:?}");
        for (code, entry) in &all {
            let iso3 = Iso3::parse(code).unwrap();
            assert_eq!(
                names.get(iso3),
                Some(entry[lang.code()].as_str()),
                "{lang:?} {code}"
            );
        }
        assert_eq!(text.lines().count(), all.len() + 2, "one name per line");
    }
}

#[test]
fn a_bad_names_file_is_an_error_and_bad_entries_are_skipped() {
    assert!(Names::from_json("[1, 2]").is_err());
    assert!(Names::from_json("{").is_err());
    let (names, skipped) = Names::from_json(
        r#"{"PER": "Pérou", "CHL": "", "BRA": 7, "bra": "Brésil", "MEX": " Mexique "}"#,
    )
    .unwrap();
    assert_eq!(names.get(Iso3::parse("PER").unwrap()), Some("Pérou"));
    assert_eq!(names.get(Iso3::parse("MEX").unwrap()), Some("Mexique"));
    assert_eq!(names.get(Iso3::parse("BRA").unwrap()), None);
    assert_eq!(skipped.len(), 3, "{skipped:?}");
}

#[test]
fn writes_the_date_in_each_language() {
    let date = Date::parse_iso("1988-07-07").unwrap();
    let first = Date::parse_iso("2006-07-01").unwrap();
    let cases = [
        (Lang::En, "7 July 1988", "1 July 2006"),
        (Lang::Fr, "7 juillet 1988", "1er juillet 2006"),
        (Lang::Es, "7 de julio de 1988", "1 de julio de 2006"),
        (Lang::Ar, "7 يوليو 1988", "1 يوليو 2006"),
    ];
    for (lang, seventh, first_day) in cases {
        assert_eq!(lang.catalogue().date(date), seventh, "{lang:?}");
        assert_eq!(lang.catalogue().date(first), first_day, "{lang:?}");
    }
    assert_eq!(
        Lang::Fr
            .catalogue()
            .date(Date::parse_iso("2026-02-03").unwrap()),
        "3 février 2026"
    );
    assert_eq!(
        Lang::Ar
            .catalogue()
            .date(Date::parse_iso("2005-12-31").unwrap()),
        "31 ديسمبر 2005"
    );
}

#[test]
fn the_english_catalogue_writes_dates_as_date_displays_them() {
    for month in 1..=12 {
        for day in [1, 9, 28] {
            let date = Date::new(1999, month, day).unwrap();
            assert_eq!(Lang::En.catalogue().date(date), date.to_string());
        }
    }
}
