//! The optional files behind `App`: the host's content and a language's country names and words, each
//! fetched apart from the data files under its own deadline and cancelled with the map. None holds the map
//! back, but for a language's words, which its first drawing waits for (at most [`WORDS_DEADLINE_MS`], half
//! the load's watchdog, then in English's words).

use std::cell::Cell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::core::dataset::Content;
use crate::core::error::Diagnostic;
use crate::core::i18n::{install, Lang, Names};
use crate::core::limits::MAX_TABLE_BYTES;
use crate::core::load::read_content;
use crate::ui::fetch::Downloads;
use crate::ui::guard::{next_task, Timer};
use crate::ui::Shared;

use super::load::{fetched, warn_all, WATCHDOG_MS};

/// What is done with an optional file: `read` gets its text, or why there is none, and returns what shows it,
/// which runs in the task after (reading a file of up to 2 MiB, and drawing what it changes, are two tasks).
/// Boxed, so that the download's code is in the wasm once for the three files.
type ReadThenShow = Box<dyn FnOnce(Result<String, String>) -> Box<dyn FnOnce()>>;

/// Starts downloading an optional file (the host's content, a language's names or words) under a deadline of
/// `deadline_ms`, for `read` ([`ReadThenShow`]). Returns the effect's clean-up, which cancels the download and
/// ignores a late answer.
fn start_optional(
    file: &'static str,
    url: String,
    deadline_ms: u32,
    read: ReadThenShow,
) -> impl FnOnce() {
    let cancelled = Rc::new(Cell::new(false));
    let downloads = Rc::new(Downloads::new());
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (downloads, timed_out) = (downloads.clone(), timed_out.clone());
        Timer::new(deadline_ms, move || {
            timed_out.set(true);
            downloads.abort();
        })
    };
    {
        let (cancelled, downloads) = (cancelled.clone(), downloads.clone());
        spawn_local(async move {
            let result = downloads.text(file, &url, MAX_TABLE_BYTES).await;
            drop(timer);
            if cancelled.get() {
                return;
            }
            let show = read(result.map_err(|message| {
                if timed_out.get() {
                    format!("{url}: no answer within {} s", deadline_ms / 1000)
                } else {
                    message
                }
            }));
            next_task().await;
            if !cancelled.get() {
                show();
            }
        });
    }
    move || {
        cancelled.set(true);
        downloads.abort();
    }
}

/// Fetches the host's content, which the map shows when it arrives; a failure is a diagnostic.
pub(super) fn start_content(
    url: Option<String>,
    content: UseStateHandle<Option<Shared<Content>>>,
) -> Box<dyn FnOnce()> {
    let Some(url) = url else {
        return Box::new(|| ());
    };
    Box::new(start_optional(
        "host content",
        url,
        WATCHDOG_MS,
        Box::new(move |result| {
            let read = read_content(fetched(&result));
            warn_all(&read.diagnostics);
            Box::new(move || content.set(Some(Shared(Rc::new(read)))))
        }),
    ))
}

/// Fetches the country names of `lang` (`names.fr.json`; nothing for English, whose names are those of the
/// data files). Until they arrive the previous names stay; if they cannot be loaded, a console warning says
/// why and the states keep their English names.
pub(super) fn start_names(
    data_url: String,
    lang: Lang,
    names: UseStateHandle<Shared<Names>>,
) -> Box<dyn FnOnce()> {
    if lang == Lang::En {
        if !names.is_empty() {
            names.set(Shared(Rc::new(Names::default())));
        }
        return Box::new(|| ());
    }
    let url = format!("{data_url}names.{}.json", lang.code());
    let named = url.clone();
    Box::new(start_optional(
        "country names",
        url,
        WATCHDOG_MS,
        Box::new(move |result| {
            let loaded = match result
                .and_then(|text| Names::from_json(&text).map_err(|e| format!("{named}: {e}")))
            {
                Ok((loaded, skipped)) => {
                    warn_all(&skipped);
                    loaded
                }
                Err(message) => {
                    warn_all(&[Diagnostic(message)]);
                    Names::default()
                }
            };
            Box::new(move || names.set(Shared(Rc::new(loaded))))
        }),
    ))
}

/// How long a map waits for its language's words before it shows English's: less than the load's watchdog,
/// so that a words file that never answers gives a map in English, not a stalled load.
const WORDS_DEADLINE_MS: u32 = WATCHDOG_MS / 2;

/// Gets the words of `lang` (unless the wasm has them: English's, or compiled in, or installed by a map
/// before) from its words file (`words_url` with the language's code for its `*`), then sets `words` to
/// `lang`. A file that cannot be had within [`WORDS_DEADLINE_MS`], or is not that language's, is a console
/// warning, and the map shows English's words.
pub(super) fn start_words(
    words_url: Option<String>,
    lang: Lang,
    words: UseStateHandle<Lang>,
) -> Box<dyn FnOnce()> {
    if lang.has_words() {
        words.set(lang);
        return Box::new(|| ());
    }
    let url = words_url.and_then(|pattern| {
        let (before, after) = pattern.rsplit_once('*')?;
        Some(format!("{before}{}{after}", lang.code()))
    });
    let warn = move |message: String| {
        let why = format!("{} words: {message}; the map shows English's", lang.code());
        warn_all(&[Diagnostic(why)]);
    };
    let Some(url) = url else {
        warn("no words file was given (the loader's wordsUrl)".to_owned());
        words.set(lang);
        return Box::new(|| ());
    };
    Box::new(start_optional(
        "words",
        url,
        WORDS_DEADLINE_MS,
        Box::new(move |result| {
            if let Err(message) = result.and_then(|text| install(lang, text)) {
                warn(message);
            }
            Box::new(move || words.set(lang))
        }),
    ))
}
