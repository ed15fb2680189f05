//! Downloads, read as streams: a body is counted as it arrives and cancelled as soon as it passes its limit,
//! whatever the server announced (a chunked or compressed response has no `Content-Length`, or one smaller
//! than the body). Every error names the URL and says what went wrong in words. The request goes through the
//! loader's guard (`guard::fetch`), which gives the maps of a page one request per URL at a time.

use wasm_bindgen::JsCast;

use crate::core::error::DataError;
use crate::core::load::check_body;
use crate::ui::guard;

/// How many bytes of a body are taken in between two yields to the browser.
const YIELD_EVERY_BYTES: usize = 256 << 10;

/// One or more downloads under one `AbortController`: aborted (their requests and bodies cancelled, unless
/// another map of the page still waits for the same request) by [`Downloads::abort`] or when dropped.
pub struct Downloads {
    controller: Option<web_sys::AbortController>,
}

impl Downloads {
    pub fn new() -> Downloads {
        Downloads {
            controller: web_sys::AbortController::new().ok(),
        }
    }

    /// Cancels every download in progress; their results are then errors, which the caller ignores.
    pub fn abort(&self) {
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }

    /// The body of `url` as text: an error for a failed request, an HTTP error status, a body over `limit`
    /// bytes (`file` names it in the message) or an HTML page where JSON was expected.
    pub async fn text(
        &self,
        file: &'static str,
        url: &str,
        limit: usize,
    ) -> Result<String, String> {
        let signal = self.controller.as_ref().map(|c| c.signal());
        let response: web_sys::Response = guard::fetch(url, signal)
            .await
            .map_err(|e| {
                format!(
                    "{url}: could not be fetched (offline, blocked, or not allowed by the server's CORS policy): {}",
                    describe(&e)
                )
            })?
            .unchecked_into();
        let body = response.body();
        let refuse = |message: String| {
            if let Some(body) = &body {
                // Settled through the guard, which also observes a rejection.
                drop(guard::settle(body.cancel()));
            }
            Err(message)
        };
        if !response.ok() {
            return refuse(format!(
                "{url}: HTTP {} {}",
                response.status(),
                response.status_text()
            ));
        }
        let headers = response.headers();
        // An announced oversize body is refused before a byte of it is read.
        let announced = headers
            .get("content-length")
            .ok()
            .flatten()
            .and_then(|v| v.trim().parse::<usize>().ok());
        if let Some(bytes) = announced.filter(|&b| b > limit) {
            return refuse(format!(
                "{url}: {}",
                DataError::TooLarge { file, bytes, limit }
            ));
        }
        let mut bytes = Vec::with_capacity(announced.unwrap_or(0));
        if let Some(body) = body {
            let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
            loop {
                let chunk = guard::settle(reader.read())
                    .await
                    .map_err(|e| format!("{url}: the download broke off: {}", describe(&e)))?;
                let done = js_sys::Reflect::get(&chunk, &"done".into())
                    .ok()
                    .and_then(|d| d.as_bool())
                    .unwrap_or(true);
                if done {
                    break;
                }
                let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into())
                    .and_then(|v| v.dyn_into::<js_sys::Uint8Array>())
                else {
                    break;
                };
                let length = value.length() as usize;
                if bytes.len() + length > limit {
                    drop(guard::settle(reader.cancel()));
                    return Err(format!("{url}: {}", DataError::OverLimit { file, limit }));
                }
                let start = bytes.len();
                // A copy out of JavaScript's memory, then one into the body (both `memory.copy`): a zero-filled
                // `resize` first would cost more than both.
                bytes.extend_from_slice(&value.to_vec());
                // Chunks already in may resolve one after another in one task: let the page in now and then.
                if start / YIELD_EVERY_BYTES != bytes.len() / YIELD_EVERY_BYTES {
                    guard::next_task().await;
                }
            }
        }
        // As `Response.text()` decodes: UTF-8, with any invalid sequence replaced.
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let content_type = headers.get("content-type").ok().flatten();
        check_body(content_type.as_deref(), &text)
            .map_err(|message| format!("{url}: {message}"))?;
        Ok(text)
    }
}

impl Default for Downloads {
    fn default() -> Self {
        Downloads::new()
    }
}

impl Drop for Downloads {
    fn drop(&mut self) {
        self.abort();
    }
}

/// A JavaScript error in words: its name and message (`TypeError: Failed to fetch`), a thrown text as it is,
/// else what kind of value was thrown.
fn describe(error: &wasm_bindgen::JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => format!("{}: {}", error.name(), error.message()),
        None => error.as_string().unwrap_or_else(|| {
            let kind = error.js_typeof().as_string().unwrap_or_default();
            format!("a value of type {kind} was thrown")
        }),
    }
}
