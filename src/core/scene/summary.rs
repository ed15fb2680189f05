//! The map's text alternative: [`Scene::summary_in`] counts the scene's states by class, in a language.

use crate::core::class::{StatusClass, View};
use crate::core::i18n::{fill, Lang};
use crate::core::scene::Scene;
use crate::core::status::Treaty;

impl Scene {
    /// The map's text alternative in English: "Americas: 35 states; 33 CAT parties, 16 of them also OPCAT
    /// parties; …".
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    /// The map's text alternative in `lang`.
    pub fn summary_in(&self, lang: Lang) -> String {
        let t = lang.catalogue();
        let region = t.region(self.region);
        if self.view != View::Combined {
            // Areas without a state's colour are named only where the map has some.
            let parts: Vec<String> = self
                .legend
                .iter()
                .filter(|e| e.class != StatusClass::Disputed || e.count > 0)
                .map(|e| {
                    fill(
                        t.summary_view_entry,
                        &[
                            ("label", &self.class_label(e.class, lang)),
                            ("count", &e.count.to_string()),
                        ],
                    )
                })
                .collect();
            let counts = parts.join(t.list_separator);
            let view = t.view(self.view);
            return fill(
                t.summary_view,
                &[("region", region), ("view", view), ("counts", &counts)],
            ) + t.sentence_end;
        }
        // States only: a territory in its party's class is not a party.
        let count = |classes: &[StatusClass]| {
            self.shapes
                .iter()
                .filter(|s| s.is_state() && classes.contains(&s.class))
                .count()
        };
        let states = self.shapes.iter().filter(|s| s.is_state()).count();
        let cat_parties = count(&[
            StatusClass::CatAndOpcatParty,
            StatusClass::CatPartyOpcatSignatory,
            StatusClass::CatPartyOnly,
        ]);
        let counted = |phrase, n| t.count(lang, phrase, n);
        let also = fill(
            t.summary_also_opcat,
            &[(
                "count",
                &count(&[StatusClass::CatAndOpcatParty]).to_string(),
            )],
        );
        let signatories = count(&[StatusClass::CatPartyOpcatSignatory]);
        let mut parts = vec![
            fill(
                t.summary_head,
                &[
                    ("region", region),
                    ("states", &counted(t.summary_states, states)),
                ],
            ),
            // Before OPCAT opened for signature, no state could be a party or a signatory.
            if !Treaty::Opcat.is_open_at(self.date) {
                [
                    counted(t.summary_cat_parties, cat_parties),
                    t.opcat_not_open.to_owned(),
                ]
                .join(t.list_separator)
            } else {
                fill(
                    t.summary_cat_clause,
                    &[
                        ("parties", &counted(t.summary_cat_parties, cat_parties)),
                        ("also", &also),
                        (
                            "signatories",
                            &counted(t.summary_opcat_signatories, signatories),
                        ),
                    ],
                )
            },
            counted(
                t.summary_cat_signatories,
                count(&[StatusClass::CatSignatoryOnly]),
            ),
            fill(
                t.summary_no_action,
                &[("count", &count(&[StatusClass::NoAction]).to_string())],
            ),
        ];
        let others = self.shapes.len() - states;
        if others > 0 {
            parts.push(counted(t.summary_others, others));
        }
        parts.join(t.list_separator) + t.sentence_end
    }
}

#[cfg(test)]
mod tests {
    use crate::core::class::View;
    use crate::core::i18n::{Lang, Names};
    use crate::core::iso3::Iso3;
    use crate::core::region::Region;
    use crate::core::scene::tests::dataset;
    use crate::core::scene::Scene;
    use crate::harness::test;

    #[test]
    fn before_opcat_opened_the_summary_says_so() {
        let date = crate::core::date::Date::parse_iso("2000-12-31");
        let scene = Scene::build(&dataset(), Region::Americas).showing(View::Combined, date);
        let summary = scene.summary();
        assert!(
            summary.contains("CAT parties; OPCAT not yet open for signature;"),
            "{summary}"
        );
        assert!(!summary.contains("OPCAT signator"), "{summary}");
    }

    #[test]
    fn summary_counts_states_and_other_areas() {
        let scene = Scene::build(&dataset(), Region::Americas);
        assert_eq!(
            scene.summary(),
            "Americas: 2 states; 2 CAT parties, 1 of them also OPCAT parties and 0 OPCAT signatories; \
             0 CAT signatories only; 0 with no action on CAT; 1 other area without a status of its own."
        );
    }

    #[test]
    fn a_localized_scene_names_sorts_and_summarises_in_its_language() {
        let data = dataset();
        let (names, _) =
            Names::from_json(r#"{"PER": "Pérou", "CHL": "Chili", "BRA": "Brésil"}"#).unwrap();
        let scene = Scene::build_localized(&data, Region::Americas, 1000.0, &names);
        let names: Vec<(&str, &str)> = scene
            .shapes
            .iter()
            .map(|s| (s.name.as_str(), s.english_name.as_str()))
            .collect();
        assert_eq!(
            names,
            [("Brésil", "Brazil"), ("Chili", "Chile"), ("Pérou", "Peru")]
        );
        assert_eq!(
            scene.summary_in(Lang::Fr),
            "Amériques\u{a0}: 2 États\u{a0}; 2 parties à la CAT, dont 1 également parties à l\u{2019}OPCAT et \
             0 signataire de l\u{2019}OPCAT\u{a0}; 0 signataire de la CAT seulement\u{a0}; 0 sans action \
             concernant la CAT\u{a0}; 1 autre territoire sans statut propre."
        );
        assert_eq!(
            scene.summary_in(Lang::Ar),
            "الأمريكتان — عدد الدول: 2؛ الأطراف في CAT: 2، منها أطراف في OPCAT أيضًا: 1، الموقّعة على OPCAT: 0؛ \
             الموقّعة على CAT فقط: 0؛ التي لم تتخذ أي إجراء بشأن CAT: 0؛ مناطق أخرى ليس لها وضع خاص بها: 1."
        );
        let peru = scene
            .profile(&data.content, Iso3::parse("PER").unwrap(), Lang::Fr)
            .unwrap();
        assert_eq!(peru.heading, "Pérou");
        assert_eq!(
            peru.facts[0],
            "CAT\u{a0}: État partie depuis le 7 juillet 1988 (ratification)"
        );
        let opcat = scene.in_view(View::Opcat);
        assert_eq!(
            opcat.summary_in(Lang::Es),
            "Américas (Solo OPCAT): Parte en el OPCAT: 1; Solo signatario del OPCAT: 0; \
             Sin acción respecto del OPCAT: 1; Sin datos: 1."
        );
    }
}
