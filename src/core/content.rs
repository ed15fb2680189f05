//! Host content: what the embedding site says about each state, keyed by ISO3. Always rendered as text;
//! only http(s) and mailto links survive.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::core::date::Date;
use crate::core::error::{DataError, Diagnostic};
use crate::core::iso3::Iso3;

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
        if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
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
    entries: BTreeMap<Iso3, CountryContent>,
}

impl ContentTable {
    /// Reads the host's content document. Keys starting with `_` are comments. A bad entry, or a bad item in
    /// one, is skipped with a diagnostic naming it.
    pub fn from_json(text: &str) -> Result<(ContentTable, Vec<Diagnostic>), DataError> {
        let raw: BTreeMap<String, serde_json::Value> =
            serde_json::from_str(text).map_err(|e| DataError::Json {
                file: "host content",
                message: e.to_string(),
            })?;
        let mut entries = BTreeMap::new();
        let mut diagnostics = Vec::new();
        for (key, value) in raw {
            if key.starts_with('_') {
                continue;
            }
            let Some(iso3) = Iso3::parse(&key) else {
                diagnostics.push(Diagnostic(format!(
                    "content: {key:?} is not an ISO 3166-1 alpha-3 code"
                )));
                continue;
            };
            match serde_json::from_value::<RawEntry>(value) {
                Ok(raw) => {
                    entries.insert(iso3, raw.into_content(iso3, &mut diagnostics));
                }
                Err(e) => diagnostics.push(Diagnostic(format!("content {iso3}: {e}"))),
            }
        }
        Ok((ContentTable { entries }, diagnostics))
    }

    pub fn get(&self, iso3: Iso3) -> Option<&CountryContent> {
        self.entries.get(&iso3)
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Paragraphs {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct RawEntry {
    summary: Option<Paragraphs>,
    #[serde(default)]
    members: Vec<RawMember>,
    #[serde(default)]
    alerts: Vec<RawAlert>,
    review_url: Option<String>,
    read_more_url: Option<String>,
}

#[derive(Deserialize)]
struct RawMember {
    name: String,
    url: Option<String>,
}

#[derive(Deserialize)]
struct RawAlert {
    title: String,
    date: Option<String>,
    url: Option<String>,
}

impl RawEntry {
    fn into_content(self, iso3: Iso3, diagnostics: &mut Vec<Diagnostic>) -> CountryContent {
        let mut url = |what: &str, text: Option<String>| -> Option<SafeUrl> {
            let text = text?;
            let parsed = SafeUrl::parse(&text);
            if parsed.is_none() {
                diagnostics.push(Diagnostic(format!("content {iso3} {what}: link {text:?} skipped (only http, https and mailto links are shown)")));
            }
            parsed
        };
        let summary = match self.summary {
            None => Vec::new(),
            Some(Paragraphs::One(text)) => vec![text],
            Some(Paragraphs::Many(texts)) => texts,
        };
        let summary = summary
            .into_iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        let members = self
            .members
            .into_iter()
            .filter_map(|m| {
                let target = url(&format!("member {:?}", m.name), m.url)?;
                Some(Link {
                    text: m.name,
                    url: target,
                })
            })
            .collect();
        let alerts = self
            .alerts
            .into_iter()
            .map(|a| Alert {
                url: url(&format!("alert {:?}", a.title), a.url),
                date: a.date.as_deref().and_then(Date::parse_iso),
                title: a.title,
            })
            .collect();
        let links = [
            ("Committee against Torture documents", self.review_url),
            ("Read more", self.read_more_url),
        ]
        .into_iter()
        .filter_map(|(text, target)| {
            Some(Link {
                text: text.to_owned(),
                url: url(text, target)?,
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("content ARG: "));
        assert_eq!(messages[1], "content BGD member \"Org\": link \"javascript:alert(1)\" skipped (only http, https and mailto links are shown)");
        assert_eq!(
            messages[2],
            "content: \"xx\" is not an ISO 3166-1 alpha-3 code"
        );
    }
}
