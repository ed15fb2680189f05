//! The names of the map's areas (see data/README.md, "Names"): in French, Spanish and Arabic the UN M49 names
//! of the UN Statistics Division (`data/sources/names/UNSD-*.csv`), for states and territories alike; in
//! English the UN Treaty Collection's name for a state (from the status table) and the M49 name for any
//! other area. Areas M49 does not list (Jammu and Kashmir, Aksai Chin, the Abyei Area, Kosovo) are named in
//! `data/sources/names/areas.csv`. Every other name an area has gone by in the widget's sources (the ISO 3166
//! short names of `i18n-iso-countries` in the four languages, with their alternatives, and the M49 English
//! name where the UNTC's differs) is kept as an alias, which the search also matches: "Turquie", "Moldavie",
//! "Ivory Coast".

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use treaty_map::core::navigate::fold;

/// The widget's languages, in the order of [`AreaNames::all`].
pub const LANGUAGES: [&str; 4] = ["en", "fr", "es", "ar"];

/// One area's names: English, French, Spanish, Arabic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaNames(pub [String; 4]);

impl AreaNames {
    pub fn get(&self, language: &str) -> &str {
        LANGUAGES
            .iter()
            .position(|l| *l == language)
            .map_or("", |i| &self.0[i])
    }
}

/// The M49 names of every area in the tables in `dir`, with the areas of `areas.csv`, by ISO3 code.
pub fn read(dir: &Path) -> Result<BTreeMap<String, AreaNames>, String> {
    let mut by_language: Vec<BTreeMap<String, String>> = Vec::new();
    for language in LANGUAGES {
        let path = dir.join(format!("UNSD-{language}.csv"));
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut names = BTreeMap::new();
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| format!("{}: {e}", path.display()))?
            .clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| format!("{}: no column {name:?}", path.display()))
        };
        let (name_column, code_column) = (column("Country or Area")?, column("ISO-alpha3 Code")?);
        for record in reader.records() {
            let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
            let (name, code) = (
                record.get(name_column).unwrap_or(""),
                record.get(code_column).unwrap_or(""),
            );
            if code.is_empty() {
                continue;
            }
            let name = if language == "ar" {
                resolve_arabic(name)
            } else {
                name.to_owned()
            };
            names.insert(code.to_owned(), name);
        }
        by_language.push(names);
    }
    let mut out = BTreeMap::new();
    for code in by_language[0].keys() {
        let names: Vec<String> = by_language
            .iter()
            .zip(LANGUAGES)
            .map(|(names, language)| {
                names
                    .get(code)
                    .cloned()
                    .ok_or_else(|| format!("UNSD-{language}.csv has no name for {code}"))
            })
            .collect::<Result<_, _>>()?;
        out.insert(code.clone(), to_names(names));
    }
    let path = dir.join("areas.csv");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    for record in csv::Reader::from_reader(text.as_bytes()).records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let cell = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
        let names: Vec<String> = (1..=4).map(cell).collect();
        if names.iter().any(String::is_empty) {
            return Err(format!("{}: {} lacks a name", path.display(), cell(0)));
        }
        out.insert(cell(0), to_names(names));
    }
    Ok(out)
}

fn to_names(names: Vec<String>) -> AreaNames {
    let mut it = names.into_iter();
    AreaNames(std::array::from_fn(|_| it.next().unwrap_or_default()))
}

/// Resolves the placeholders of the M49 Arabic table: inside the brackets of a name, " - " and "_" stand for
/// the short name before the brackets ("بوليفيا (دولة - المتعددة القوميات)" is "بوليفيا (دولة بوليفيا المتعددة
/// القوميات)", "هولندا (مملكة _)" is "هولندا (مملكة هولندا)"). A hyphen outside brackets is the name's own
/// ("غينيا - بيساو").
pub fn resolve_arabic(name: &str) -> String {
    let Some(open) = name.find(" (") else {
        return name.to_owned();
    };
    let (short, bracket) = name.split_at(open);
    let resolved = bracket
        .replace(" - ", &format!(" {short} "))
        .replace(" _)", &format!(" {short})"))
        .replace(" _ ", &format!(" {short} "));
    format!("{short}{resolved}")
}

/// What the geometry build names each coded area: its English label and its aliases.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Label {
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// The English label and aliases of every code in `codes`. `untc` holds the English names the widget shows for
/// states (the UNTC's); `others` every other name known for a code (i18n-iso-countries'). An alias is a name
/// that differs, ignoring case and accents, from every name the widget shows for the area.
pub fn labels(
    codes: &BTreeSet<String>,
    names: &BTreeMap<String, AreaNames>,
    untc: &BTreeMap<String, String>,
    others: &BTreeMap<String, Vec<String>>,
) -> Result<BTreeMap<String, Label>, String> {
    let mut out = BTreeMap::new();
    for code in codes {
        let m49 = names
            .get(code)
            .ok_or_else(|| format!("no UN M49 name (nor one in areas.csv) for {code}"))?;
        let english = untc.get(code).unwrap_or(&m49.0[0]);
        let shown: BTreeSet<String> = std::iter::once(english)
            .chain(&m49.0[1..])
            .map(|n| fold(n))
            .collect();
        let mut seen = shown.clone();
        let mut aliases = Vec::new();
        let candidates = std::iter::once(&m49.0[0]).chain(others.get(code).into_iter().flatten());
        for candidate in candidates {
            if seen.insert(fold(candidate)) {
                aliases.push(candidate.clone());
            }
        }
        aliases.sort();
        out.insert(
            code.clone(),
            Label {
                name: m49.0[0].clone(),
                aliases,
            },
        );
    }
    Ok(out)
}

/// Writes `names.json` (every coded area's four names) and `names.fr.json`, `names.es.json`, `names.ar.json`
/// (one language each, as the widget fetches them) for the codes in `codes`.
pub fn write(
    data: &Path,
    codes: &BTreeSet<String>,
    names: &BTreeMap<String, AreaNames>,
) -> Result<(), String> {
    let pick = |code: &String| {
        names
            .get(code)
            .ok_or_else(|| format!("no UN M49 name (nor one in areas.csv) for {code}"))
    };
    let mut all = Vec::new();
    for code in codes {
        let n = pick(code)?;
        let entry: Vec<String> = LANGUAGES
            .iter()
            .map(|l| format!("{}: {}", json(l), json(n.get(l))))
            .collect();
        all.push(format!("  {}: {{{}}}", json(code), entry.join(", ")));
    }
    write_file(
        &data.join("names.json"),
        &format!("{{\n{}\n}}\n", all.join(",\n")),
    )?;
    for language in &LANGUAGES[1..] {
        let lines: Vec<String> = codes
            .iter()
            .map(|code| {
                Ok(format!(
                    "  {}: {}",
                    json(code),
                    json(pick(code)?.get(language))
                ))
            })
            .collect::<Result<_, String>>()?;
        write_file(
            &data.join(format!("names.{language}.json")),
            &format!("{{\n{}\n}}\n", lines.join(",\n")),
        )?;
    }
    Ok(())
}

fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_placeholders_become_the_short_name() {
        assert_eq!(
            resolve_arabic("بوليفيا (دولة - المتعددة القوميات)"),
            "بوليفيا (دولة بوليفيا المتعددة القوميات)"
        );
        assert_eq!(resolve_arabic("هولندا (مملكة _)"), "هولندا (مملكة هولندا)");
        assert_eq!(resolve_arabic("غينيا - بيساو"), "غينيا - بيساو");
        assert_eq!(resolve_arabic("مصر"), "مصر");
    }

    /// The committed tables: every M49 placeholder is resolved, and the names the issue lists are the UN's.
    #[test]
    fn the_committed_tables_give_the_un_forms() {
        let names = read(&crate::tools::repo_root().join("data/sources/names")).unwrap();
        assert!(names.len() >= 252, "{}", names.len());
        for (code, n) in &names {
            assert!(
                !n.0[3].contains(" - )") && !n.0[3].contains("_") && !n.0[3].contains("( -"),
                "{code}: {}",
                n.0[3]
            );
        }
        let name = |code: &str, language: &str| names[code].get(language).to_owned();
        assert_eq!(name("BOL", "fr"), "Bolivie (État plurinational de)");
        assert_eq!(name("CZE", "fr"), "Tchéquie");
        assert_eq!(name("TUR", "fr"), "Türkiye");
        assert_eq!(name("CIV", "es"), "Côte d’Ivoire");
        assert_eq!(name("PSE", "fr"), "État de Palestine");
        assert_eq!(name("KOR", "fr"), "République de Corée");
        assert_eq!(name("MDA", "fr"), "République de Moldova");
        assert_eq!(name("VNM", "fr"), "Viet Nam");
        assert_eq!(name("SWZ", "ar"), "إسواتيني");
        assert_eq!(name("MMR", "ar"), "ميانمار");
        assert_eq!(name("ARE", "fr"), "Émirats arabes unis");
        assert_eq!(name("NLD", "ar"), "هولندا (مملكة هولندا)");
        assert_eq!(name("VEN", "ar"), "فنزويلا (جمهورية فنزويلا البوليفارية)");
        assert_eq!(name("FLK", "en"), "Falkland Islands (Malvinas)");
        assert_eq!(name("XJK", "fr"), "Jammu-et-Cachemire");
    }

    #[test]
    fn aliases_are_the_other_names_and_never_a_shown_one() {
        let names = BTreeMap::from([(
            "TUR".to_owned(),
            to_names(vec![
                "Türkiye".into(),
                "Türkiye".into(),
                "Türkiye".into(),
                "تركيا".into(),
            ]),
        )]);
        let others = BTreeMap::from([(
            "TUR".to_owned(),
            vec![
                "Turkey".into(),
                "Türkiye".into(),
                "Turquie".into(),
                "Turquía".into(),
                "TURKEY".into(),
                "تركيا".into(),
            ],
        )]);
        let codes = BTreeSet::from(["TUR".to_owned()]);
        let labels = labels(&codes, &names, &BTreeMap::new(), &others).unwrap();
        assert_eq!(labels["TUR"].name, "Türkiye");
        assert_eq!(labels["TUR"].aliases, ["Turkey", "Turquie", "Turquía"]);
        // The UNTC's English name is the one shown; M49's English then becomes an alias.
        let untc = BTreeMap::from([("TUR".to_owned(), "Turkey".to_owned())]);
        let labels = super::labels(&codes, &names, &untc, &others).unwrap();
        assert_eq!(labels["TUR"].aliases, ["Turquie", "Turquía"]);
    }
}
