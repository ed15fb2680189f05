//! Host content: what the embedding site says about each state, keyed by ISO3. Always rendered as text;
//! only http(s) and mailto links survive.

use crate::core::date::Date;
use crate::core::error::{excerpt, DataError, Diagnostic, Diagnostics, NotIso3};
use crate::core::iso3::{Iso3, IsoMap};
use crate::core::json::{self, Kind, Object, Raw};
use crate::core::limits::{MAX_TABLE_BYTES, MAX_TEXT_BYTES, MAX_URL_BYTES};

/// A link target the widget will put in an `href`: `http:`, `https:` or `mailto:` only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeUrl(String);

impl SafeUrl {
    /// # Examples
    /// ```
    /// use treaty_map::core::content::SafeUrl;
    /// assert!(SafeUrl::parse("https://example.org/peru").is_some());
    /// assert!(SafeUrl::parse("javascript:alert(1)").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<SafeUrl> {
        let text = text.trim();
        if text.len() > MAX_URL_BYTES || text.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return None;
        }
        let lower = text.to_ascii_lowercase();
        let web = ["http://", "https://"]
            .iter()
            .any(|scheme| lower.starts_with(scheme) && text.len() > scheme.len());
        let mail = lower.starts_with("mailto:") && text.len() > "mailto:".len();
        (web || mail).then(|| SafeUrl(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub text: String,
    pub url: SafeUrl,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub title: String,
    pub date: Option<Date>,
    pub url: Option<SafeUrl>,
}

/// One state's host content. Every list may be empty.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CountryContent {
    pub summary: Vec<String>,
    pub members: Vec<Link>,
    pub alerts: Vec<Alert>,
    /// "Committee against Torture documents" and "Read more" links.
    pub links: Vec<Link>,
}

impl CountryContent {
    pub fn is_empty(&self) -> bool {
        self.summary.is_empty()
            && self.members.is_empty()
            && self.alerts.is_empty()
            && self.links.is_empty()
    }
}

/// All states' host content.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContentTable {
    entries: IsoMap<CountryContent>,
}

impl ContentTable {
    /// Reads the host's content document. Keys starting with `_` are comments and unknown fields are ignored.
    /// A bad entry, or a bad item in one (wrong type, a text over [`MAX_TEXT_BYTES`], a link that is not
    /// http, https or mailto), is skipped with a diagnostic naming it; the rest of the entry still shows.
    pub fn from_json(text: &str) -> Result<(ContentTable, Vec<Diagnostic>), DataError> {
        const FILE: &str = "host content";
        DataError::check_size(FILE, text, MAX_TABLE_BYTES)?;
        let raw = Object::read(text).map_err(|e| DataError::json(FILE, &e))?;
        let mut entries = IsoMap::new();
        let mut diagnostics = Diagnostics::new(FILE);
        for (key, value) in raw.fields() {
            if key.starts_with('_') {
                continue;
            }
            let Some(iso3) = Iso3::parse(key) else {
                diagnostics.push(|| format!("content: {}", NotIso3::new(key)));
                continue;
            };
            let Some(fields) = json::object(value) else {
                diagnostics
                    .push(|| format!("content {iso3}: {}", json::expected("an object", value)));
                continue;
            };
            let mut entry = Entry {
                iso3,
                diagnostics: &mut diagnostics,
            };
            entries.insert(iso3, entry.read(&fields));
        }
        Ok((ContentTable { entries }, diagnostics.finish()))
    }

    pub fn get(&self, iso3: Iso3) -> Option<&CountryContent> {
        self.entries.get(iso3)
    }

    /// The codes with an entry, in order.
    pub fn codes(&self) -> impl Iterator<Item = Iso3> + '_ {
        self.entries.keys()
    }
}

/// Reads one state's entry, reporting each bad item.
struct Entry<'a> {
    iso3: Iso3,
    diagnostics: &'a mut Diagnostics,
}

impl Entry<'_> {
    fn read(&mut self, fields: &Object) -> CountryContent {
        let summary = match json::given(fields.get("summary")) {
            None => Vec::new(),
            Some(value) => match (Kind::of(value), json::list(value)) {
                (Kind::Text, _) => self.required_text("summary", value).into_iter().collect(),
                (_, Some(items)) => items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| {
                        self.required_text(&format!("summary paragraph {}", i + 1), *item)
                    })
                    .collect(),
                (_, None) => {
                    self.skip(
                        "summary",
                        &json::expected("a text or a list of texts", value),
                    );
                    Vec::new()
                }
            },
        };
        let summary = summary
            .into_iter()
            .filter(|t: &String| !t.is_empty())
            .collect();
        let members = self
            .list(fields, "members")
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let what = format!("member {}", i + 1);
                let fields = self.object(&what, *item)?;
                let Some(name) = fields.get("name") else {
                    self.skip(&what, "no name");
                    return None;
                };
                let name = self.required_text(&format!("{what} name"), name)?;
                let what = format!("member {}", excerpt(&name));
                // A member is a link: without one there is nothing to show.
                let Some(url) = json::given(fields.get("url")) else {
                    self.skip(&what, "no link");
                    return None;
                };
                let url = self.url(&what, Some(url))?;
                Some(Link { text: name, url })
            })
            .collect();
        let alerts = self
            .list(fields, "alerts")
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let what = format!("alert {}", i + 1);
                let fields = self.object(&what, *item)?;
                let Some(title) = fields.get("title") else {
                    self.skip(&what, "no title");
                    return None;
                };
                let title = self.required_text(&format!("{what} title"), title)?;
                let what = format!("alert {}", excerpt(&title));
                let date = match json::given(fields.get("date")).map(|v| (v, json::text(v))) {
                    None => None,
                    Some((_, Some(text))) => {
                        let date = Date::parse_iso(&text);
                        if date.is_none() {
                            self.note(
                                &what,
                                &format!(
                                    "date {} is not a YYYY-MM-DD date; shown without it",
                                    excerpt(&text)
                                ),
                            );
                        }
                        date
                    }
                    Some((other, None)) => {
                        self.note(
                            &what,
                            &format!(
                                "date: {}; shown without it",
                                json::expected("a text", other)
                            ),
                        );
                        None
                    }
                };
                let url = self.url(&what, fields.get("url"));
                Some(Alert { title, date, url })
            })
            .collect();
        let links = [
            ("Committee against Torture documents", "review_url"),
            ("Read more", "read_more_url"),
        ]
        .into_iter()
        .filter_map(|(text, field)| {
            Some(Link {
                text: text.to_owned(),
                url: self.url(field, fields.get(field))?,
            })
        })
        .collect();
        CountryContent {
            summary,
            members,
            alerts,
            links,
        }
    }

    fn note(&mut self, what: &str, message: &str) {
        let iso3 = self.iso3;
        self.diagnostics
            .push(|| format!("content {iso3} {what}: {message}"));
    }

    fn skip(&mut self, what: &str, message: &str) {
        self.note(what, &format!("{message}; skipped"));
    }

    /// A list field; anything else but absence is reported and read as empty.
    fn list<'v>(&mut self, fields: &Object<'v>, field: &str) -> Vec<Raw<'v>> {
        let Some(value) = json::given(fields.get(field)) else {
            return Vec::new();
        };
        json::list(value).unwrap_or_else(|| {
            self.skip(field, &json::expected("a list", value));
            Vec::new()
        })
    }

    fn object<'v>(&mut self, what: &str, value: Raw<'v>) -> Option<Object<'v>> {
        let fields = json::object(value);
        if fields.is_none() {
            self.skip(what, &json::expected("an object", value));
        }
        fields
    }

    /// A text within the size limit, trimmed.
    fn text(&mut self, what: &str, text: &str) -> Option<String> {
        if text.len() > MAX_TEXT_BYTES {
            self.skip(
                what,
                &format!(
                    "{} bytes, more than the limit of {MAX_TEXT_BYTES}",
                    text.len()
                ),
            );
            return None;
        }
        Some(text.trim().to_owned())
    }

    fn required_text(&mut self, what: &str, value: Raw<'_>) -> Option<String> {
        match json::text(value) {
            Some(text) => self.text(what, &text),
            None => {
                self.skip(what, &json::expected("a text", value));
                None
            }
        }
    }

    /// An optional link: absent is `None` quietly; anything but a safe URL is reported.
    fn url(&mut self, what: &str, value: Option<Raw<'_>>) -> Option<SafeUrl> {
        let value = json::given(value)?;
        let Some(text) = json::text(value) else {
            self.skip(what, &format!("link: {}", json::expected("a text", value)));
            return None;
        };
        let parsed = SafeUrl::parse(&text);
        if parsed.is_none() {
            self.note(
                what,
                &format!(
                    "link {} skipped (only http, https and mailto links are shown)",
                    excerpt(&text)
                ),
            );
        }
        parsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    #[test]
    fn only_web_and_mail_links_are_safe() {
        for good in [
            "http://a.org",
            "https://a.org/x?y=1#z",
            "HTTPS://A.ORG",
            "mailto:info@a.org",
        ] {
            assert!(SafeUrl::parse(good).is_some(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:x",
            "data:text/html,x",
            "//a.org",
            "/local",
            "https://",
            "https://a b",
            "vbscript:x",
        ] {
            assert!(SafeUrl::parse(bad).is_none(), "{bad}");
        }
        assert!(SafeUrl::parse("ja\tvascript:x").is_none());
    }

    #[test]
    fn reads_sample_shape_and_skips_bad_items() {
        let text = r#"{
          "_about": "comment",
          "PER": {"summary": ["One.", " ", "Two."], "members": [], "alerts": [],
                  "review_url": "https://tbinternet.ohchr.org/x"},
          "BGD": {"summary": [], "members": [{"name": "Org", "url": "javascript:alert(1)"}, {"name": "Org 2", "url": "https://org2.example"}],
                  "alerts": [{"title": "An alert", "kind": "alert", "date": "2026-01-05", "url": "https://a.example/1"}]},
          "CHL": {"summary": "Single paragraph."},
          "xx": {},
          "ARG": {"summary": 7}
        }"#;
        let (table, diagnostics) = ContentTable::from_json(text).unwrap();
        let peru = table.get(Iso3::parse("PER").unwrap()).unwrap();
        assert_eq!(peru.summary, ["One.", "Two."]);
        assert_eq!(peru.links[0].text, "Committee against Torture documents");
        let bgd = table.get(Iso3::parse("BGD").unwrap()).unwrap();
        assert_eq!(bgd.members.len(), 1);
        assert_eq!(bgd.members[0].url.as_str(), "https://org2.example");
        assert_eq!(bgd.alerts[0].date.unwrap().to_string(), "5 January 2026");
        assert_eq!(
            table.get(Iso3::parse("CHL").unwrap()).unwrap().summary,
            ["Single paragraph."]
        );
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.0.as_str()).collect();
        // In the file's order.
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert_eq!(messages[0], "content BGD member \"Org\": link \"javascript:alert(1)\" skipped (only http, https and mailto links are shown)");
        assert_eq!(
            messages[1],
            "content: \"xx\" is not an ISO 3166-1 alpha-3 code"
        );
        assert_eq!(
            messages[2],
            "content ARG summary: a text or a list of texts is expected, not a number; skipped"
        );
    }

    fn load(text: &str) -> (ContentTable, Vec<String>) {
        let (table, diagnostics) = ContentTable::from_json(text).unwrap();
        (table, diagnostics.into_iter().map(|d| d.0).collect())
    }

    #[test]
    fn one_bad_item_leaves_the_rest_of_the_entry() {
        let (table, messages) = load(
            r#"{"PER": {"summary": ["Good.", 7, null], "members": [{"name": "Org", "url": "https://o.example"}, "Org 2", {"url": "https://x.example"}, {"name": {"a": 1}}],
                        "alerts": [{"title": "T", "date": "2026-02-30", "url": "vbscript:msgbox(1)"}, {"date": "2026-01-01"}, {"title": "U", "date": 20260101}],
                        "review_url": 7, "read_more_url": "data:text/html,<script>alert(1)</script>", "unknown": true}}"#,
        );
        let peru = table.get(Iso3::parse("PER").unwrap()).unwrap();
        assert_eq!(peru.summary, ["Good."]);
        assert_eq!(peru.members.len(), 1);
        assert_eq!(peru.alerts.len(), 2);
        assert_eq!((peru.alerts[0].date, &peru.alerts[0].url), (None, &None));
        assert!(peru.links.is_empty());
        assert_eq!(
            messages,
            [
                "content PER summary paragraph 2: a text is expected, not a number; skipped",
                "content PER summary paragraph 3: a text is expected, not null; skipped",
                "content PER member 2: an object is expected, not a text; skipped",
                "content PER member 3: no name; skipped",
                "content PER member 4 name: a text is expected, not an object; skipped",
                "content PER alert \"T\": date \"2026-02-30\" is not a YYYY-MM-DD date; shown without it",
                "content PER alert \"T\": link \"vbscript:msgbox(1)\" skipped (only http, https and mailto links are shown)",
                "content PER alert 2: no title; skipped",
                "content PER alert \"U\": date: a text is expected, not a number; shown without it",
                "content PER review_url: link: a text is expected, not a number; skipped",
                "content PER read_more_url: link \"data:text/html,<script>alert(1)</script>\" skipped (only http, https and mailto links are shown)",
            ]
        );
    }

    #[test]
    fn entries_of_the_wrong_type_and_half_megabyte_texts_are_skipped() {
        let big = "x".repeat(512 * 1024);
        let (table, messages) = load(&format!(
            r#"{{"PER": [1], "CHL": "text", "MEX": {{"summary": "{big}", "members": {{}}, "alerts": [{{"title": "{big}"}}]}}, "{big}": {{}}}}"#
        ));
        assert!(table.get(Iso3::parse("PER").unwrap()).is_none());
        assert!(table.get(Iso3::parse("MEX").unwrap()).unwrap().is_empty());
        assert_eq!(
            messages[0],
            "content PER: an object is expected, not a list"
        );
        assert_eq!(
            messages[1],
            "content CHL: an object is expected, not a text"
        );
        assert_eq!(
            messages[2],
            format!(
                "content MEX summary: {} bytes, more than the limit of {MAX_TEXT_BYTES}; skipped",
                big.len()
            )
        );
        assert_eq!(
            messages[3],
            "content MEX members: a list is expected, not an object; skipped"
        );
        assert!(
            messages[4].starts_with("content MEX alert 1 title: 524288 bytes"),
            "{}",
            messages[4]
        );
        assert!(
            messages[5].starts_with("content: \"xxxxxxxx"),
            "{}",
            messages[5]
        );
        assert!(messages[5].len() < 100);
        assert!(ContentTable::from_json("[]").is_err());
        assert!(ContentTable::from_json(&" ".repeat(MAX_TABLE_BYTES + 1)).is_err());
    }

    #[test]
    fn long_urls_and_hostile_schemes_are_not_safe() {
        assert!(SafeUrl::parse(&format!("https://a.org/{}", "x".repeat(MAX_URL_BYTES))).is_none());
        for bad in [
            " javascript:alert(1)",
            "java\u{0}script:x",
            "\u{feff}javascript:x",
            "data:,x",
            "VBScript:x",
            "http:x",
            "file:///etc/passwd",
            "https:\\\\evil.example",
        ] {
            assert!(SafeUrl::parse(bad).is_none(), "{bad:?}");
        }
    }
}
