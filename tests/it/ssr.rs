//! Snapshots of the components rendered on the server (yew `ssr`), so markup changes show up in review.
//! Refresh with `UPDATE_EXPECT=1 cargo test --test it`.

use std::rc::Rc;

use expect_test::{expect_file, ExpectFile};
use treaty_map::core::dataset::Dataset;
use treaty_map::core::i18n::{Lang, Names};
use treaty_map::core::iso3::Iso3;
use treaty_map::core::load::{assemble, Inputs};
use treaty_map::core::region::Region;
use treaty_map::core::scene::Scene;
use treaty_map::ui::widget::{Widget, WidgetProps};
use treaty_map::ui::Shared;
use yew::LocalServerRenderer;

fn fixture_dataset() -> Dataset {
    assemble(Inputs::texts(
        include_str!("../fixtures/status.json"),
        include_str!("../fixtures/geometry.geo.json"),
        include_str!("../fixtures/regions.json"),
        Some(include_str!("../fixtures/content.json")),
    ))
    .expect("fixtures load")
}

async fn render(region: Region, selected: Option<&str>) -> String {
    render_in(region, selected, Lang::En).await
}

/// The committed names file of a language, as the widget fetches it.
fn names(lang: Lang) -> Names {
    let text = match lang {
        Lang::En => return Names::default(),
        Lang::Fr => include_str!("../../data/names.fr.json"),
        Lang::Es => include_str!("../../data/names.es.json"),
        Lang::Ar => include_str!("../../data/names.ar.json"),
    };
    Names::from_json(text).expect("names load").0
}

async fn render_in(region: Region, selected: Option<&str>, lang: Lang) -> String {
    let data = fixture_dataset();
    let scene = Scene::build_localized(&data, region, 1000.0, &names(lang));
    let props = WidgetProps {
        scene: Shared(Rc::new(scene)),
        id_prefix: "tm0".into(),
        initial_selection: selected.and_then(Iso3::parse),
        lang,
        host: Default::default(),
        content: None,
        staged: false,
    };
    let html = LocalServerRenderer::<Widget>::with_props(props)
        .hydratable(false)
        .render()
        .await;
    readable(&html)
}

/// Puts each element on its own line, for diffs. The markup holds no style, neither an element nor an
/// attribute: a strict Content Security Policy (`style-src 'self'`) would refuse both.
fn readable(html: &str) -> String {
    assert!(!html.contains("<style"), "no style element");
    assert!(!html.contains(" style="), "no style attribute");
    html.replace("><", ">\n<") + "\n"
}

async fn check(region: Region, selected: Option<&str>, golden: ExpectFile) {
    golden.assert_eq(&render(region, selected).await);
}

#[tokio::test(flavor = "current_thread")]
async fn americas_map_with_legend_and_no_panel() {
    check(
        Region::Americas,
        None,
        expect_file!["../golden/ssr_americas.html"],
    )
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn americas_map_with_peru_profile_open() {
    let html = render(Region::Americas, Some("PER")).await;
    // What a reader checks first, spelled out beside the snapshot.
    assert!(html.contains(r#"<section role="region" aria-labelledby="tm0-panel-title" data-iso3="PER" class="tm-panel">"#));
    assert!(html.contains(r#"<h2 id="tm0-panel-title" class="tm-panel-title tm-c-both">Peru</h2>"#));
    assert!(html.contains("CAT: State party since 7 July 1988 (ratification)"));
    let panel = &html
        [html.find("<section").unwrap()..html.find("</section>").unwrap() + "</section>".len()];
    assert!(panel.contains("&lt;img src=x onerror=alert(1)&gt; is text, not HTML."));
    assert!(!html.contains("<img"));
    assert!(!html.contains(r#"href="javascript:"#));
    assert!(panel.contains("Member A"));
    assert!(
        !panel.contains("Member B"),
        "a member with an unsafe link is skipped"
    );
    // The map around the panel is the same as in `americas_map_with_legend_and_no_panel`.
    expect_file!["../golden/ssr_panel_peru.html"].assert_eq(&format!("{panel}\n"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_state_whose_host_entry_is_empty_shows_only_treaty_facts() {
    let html = render(Region::Americas, Some("MEX")).await;
    assert!(html.contains("OPCAT: State party since 11 April 2005 (ratification)"));
    assert!(
        !html.contains("tm-host"),
        "an empty host entry renders nothing"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_territory_without_status_reads_no_data() {
    let html = render(Region::Americas, Some("GRL")).await;
    assert!(html.contains("No treaty status on record for this area."));
    assert!(html.contains(r#"aria-label="Greenland: No data""#));
}

#[tokio::test(flavor = "current_thread")]
async fn the_world_shows_areas_without_a_code_as_context() {
    check(
        Region::World,
        None,
        expect_file!["../golden/ssr_world.html"],
    )
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn americas_in_arabic_right_to_left_with_peru_open() {
    let html = render_in(Region::Americas, Some("PER"), Lang::Ar).await;
    assert!(html.starts_with(r#"<div data-region="americas" lang="ar" dir="rtl" class="tm-root">"#));
    assert!(html.contains(r#"<h2 id="tm0-panel-title" class="tm-panel-title tm-c-both">بيرو</h2>"#));
    assert!(html.contains("CAT: دولة طرف منذ 7 يوليو 1988 (تصديق)"));
    assert!(html.contains(r#"aria-label="إغلاق الملف التعريفي""#));
    assert!(html.contains(r#"aria-label="غرينلند: لا توجد بيانات""#));
    assert!(
        !html.contains("Status under"),
        "no English left in the widget's own text"
    );
    expect_file!["../golden/ssr_americas_ar.html"].assert_eq(&html);
}

#[tokio::test(flavor = "current_thread")]
async fn americas_in_french_sorted_by_french_names() {
    let html = render_in(Region::Americas, Some("MEX"), Lang::Fr).await;
    assert!(html.starts_with(r#"<div data-region="americas" lang="fr" dir="ltr" class="tm-root">"#));
    assert!(html.contains("OPCAT\u{a0}: État partie depuis le 11 avril 2005 (ratification)"));
    assert!(html.contains(r#"<label for="tm0-search">Rechercher un État</label>"#));
    // The shapes are drawn larger first (a small state above its neighbours); lists and the keyboard follow
    // the French names. The fixture's five states sort alike in English and French; that the order is the
    // French one where they differ is checked on the shipped data (tests/it/data.rs).
    let drawn: Vec<&str> = html
        .lines()
        .filter(|l| l.contains(r#"class="tm-shape"#))
        .filter_map(|l| l.split("data-iso3=\"").nth(1))
        .map(|l| l.split('"').next().unwrap_or(""))
        .collect();
    let scene = Scene::build_localized(
        &fixture_dataset(),
        Region::Americas,
        1000.0,
        &names(Lang::Fr),
    );
    let by_size: Vec<&str> = scene
        .draw_order
        .iter()
        .map(|&i| scene.shapes[i].iso3.as_str())
        .collect();
    assert_eq!(drawn.len(), 5, "{drawn:?}");
    assert_eq!(drawn, by_size, "shapes drawn larger first");
    let area = |code: &str| {
        scene
            .shapes
            .iter()
            .find(|s| s.iso3.as_str() == code)
            .map_or(0.0, |s| s.area_px)
    };
    assert!(drawn.windows(2).all(|w| area(w[0]) >= area(w[1])));
    let order: Vec<&str> = scene.shapes.iter().map(|s| s.name.as_str()).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|n| treaty_map::core::navigate::sort_key(n));
    assert_eq!(order, sorted, "states in French alphabetical order");
    expect_file!["../golden/ssr_americas_fr.html"].assert_eq(&html);
}

/// The map-wide line on boundaries and names shows under the map in the widget's language; a host may word it
/// its own way (shown as text) or hide it with an empty value.
#[tokio::test(flavor = "current_thread")]
async fn the_line_on_boundaries_and_names_follows_the_language_and_the_host() {
    let english = render(Region::Americas, None).await;
    assert!(english.contains(
        "<p class=\"tm-disclaimer\">Boundaries and names follow United Nations practice; they imply no opinion \
         on the legal status of any territory.</p>"
    ));
    let spanish = render_in(Region::Americas, None, Lang::Es).await;
    assert!(
        spanish.contains("Las fronteras y los nombres siguen la práctica de las Naciones Unidas")
    );
    let with_host = |disclaimer: &str| {
        let data = fixture_dataset();
        let scene = Scene::build(&data, Region::Americas);
        let props = WidgetProps {
            scene: Shared(Rc::new(scene)),
            id_prefix: "tm0".into(),
            initial_selection: None,
            lang: Lang::En,
            host: treaty_map::ui::widget::HostLink {
                disclaimer: Some(disclaimer.to_owned()),
                ..Default::default()
            },
            content: None,
            staged: false,
        };
        LocalServerRenderer::<Widget>::with_props(props)
            .hydratable(false)
            .render()
    };
    let own = with_host("<b>Our own wording</b>").await;
    assert!(own.contains("<p class=\"tm-disclaimer\">&lt;b&gt;Our own wording&lt;/b&gt;</p>"));
    assert!(!with_host("").await.contains("<p class=\"tm-disclaimer\">"));
}
