//! Everything the widget leaves behind to run later goes through the loader's guard: listeners on the window
//! and the document, timers, yields to the browser and the promises it awaits. If the WebAssembly module dies
//! (a panic or a trap: under `panic = "abort"` every instance shares one module that is unsafe to use
//! afterwards), the loader stops them all at once, in JavaScript, without calling into the dead module: the
//! listeners are removed (their `signal` is aborted), the timers cleared, the yields and promises never settle.
//! So nothing the widget scheduled can throw into the host page after a crash.
//!
//! The guard is an object the loader (`www/treaty-map.js`) hands over with `setGuard` once the module is
//! initialised. Without it (the module used without the loader, as the browser tests do) the same helpers
//! call the browser directly.

use std::cell::RefCell;
use std::future::Future;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// The loader's guard (see `www/treaty-map.js`, `guard`).
    pub type Guard;

    /// Aborted when the module dies: listeners registered with it go.
    #[wasm_bindgen(method, getter)]
    fn signal(this: &Guard) -> web_sys::AbortSignal;

    /// `f`, called only while the module lives; an exception escaping `f` is the module's death.
    #[wasm_bindgen(method)]
    fn guard(this: &Guard, f: &js_sys::Function) -> js_sys::Function;

    /// `promise`, but never settling once the module has died.
    #[wasm_bindgen(method)]
    fn settle(this: &Guard, promise: &js_sys::Promise) -> js_sys::Promise;

    /// A promise that resolves in a task of its own (a message, not a timer), never once the module has died.
    #[wasm_bindgen(method)]
    fn tick(this: &Guard) -> js_sys::Promise;

    /// `setTimeout(f, ms)`, cleared when the module dies; returns the timer's id.
    #[wasm_bindgen(method)]
    fn later(this: &Guard, f: &js_sys::Function, ms: u32) -> f64;

    /// Clears a timer of `later`.
    #[wasm_bindgen(method)]
    fn cancel(this: &Guard, id: f64);

    /// The module has died (a panic, said by the panic hook): every instance shows the crash notice.
    #[wasm_bindgen(method)]
    fn crashed(this: &Guard, message: &str);

    /// `fetch(url)` for one map, stopped by `signal`: the page's request for `url` in progress is joined, and
    /// the map reads its own copy of the response.
    #[wasm_bindgen(method)]
    fn fetch(this: &Guard, url: &str, signal: Option<web_sys::AbortSignal>) -> js_sys::Promise;
}

thread_local! {
    static GUARD: RefCell<Option<Guard>> = const { RefCell::new(None) };
}

/// Installs the loader's guard (the `setGuard` export calls this).
pub fn install(guard: Guard) {
    GUARD.with(|slot| *slot.borrow_mut() = Some(guard));
}

fn with_guard<R>(f: impl FnOnce(Option<&Guard>) -> R) -> R {
    GUARD.with(|slot| match slot.try_borrow() {
        Ok(guard) => f(guard.as_ref()),
        Err(_) => f(None),
    })
}

/// Whether the loader's guard is installed (then the loader shows the crash notice, not the module).
pub fn installed() -> bool {
    with_guard(|guard| guard.is_some())
}

/// Tells the loader that the module is dying; `false` when there is no loader to tell.
pub fn crashed(message: &str) -> bool {
    with_guard(|guard| guard.map(|g| g.crashed(message)).is_some())
}

/// An event listener, removed when dropped (or by the guard when the module dies).
pub struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    function: js_sys::Function,
    _closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    /// Listens for `kind` on `target`; `passive: false` lets the handler call `preventDefault` (a wheel).
    pub fn new(
        target: &web_sys::EventTarget,
        kind: &'static str,
        passive: bool,
        handler: impl FnMut(&web_sys::Event) + 'static,
    ) -> Listener {
        let mut handler = handler;
        let closure =
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| handler(&e));
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(passive);
        let function = with_guard(|guard| match guard {
            Some(guard) => {
                options.set_signal(&guard.signal());
                guard.guard(closure.as_ref().unchecked_ref())
            }
            None => closure.as_ref().unchecked_ref::<js_sys::Function>().clone(),
        });
        let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
            kind, &function, &options,
        );
        Listener {
            target: target.clone(),
            kind,
            function,
            _closure: closure,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, &self.function);
    }
}

/// A timer, cleared when dropped (or by the guard when the module dies).
pub struct Timer {
    id: f64,
    _closure: Closure<dyn FnMut()>,
}

impl Timer {
    /// Runs `f` once, after `ms` milliseconds.
    pub fn new(ms: u32, f: impl FnOnce() + 'static) -> Timer {
        let mut f = Some(f);
        let closure = Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = f.take() {
                f();
            }
        });
        let function: &js_sys::Function = closure.as_ref().unchecked_ref();
        let id = with_guard(|guard| match guard {
            Some(guard) => guard.later(function, ms),
            None => web_sys::window()
                .and_then(|w| {
                    w.set_timeout_with_callback_and_timeout_and_arguments_0(function, ms as i32)
                        .ok()
                })
                .map_or(-1.0, f64::from),
        });
        Timer {
            id,
            _closure: closure,
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        with_guard(|guard| match guard {
            Some(guard) => guard.cancel(self.id),
            None => {
                if let Some(window) = web_sys::window() {
                    window.clear_timeout_with_handle(self.id as i32);
                }
            }
        });
    }
}

/// Runs `f` once after `ms` milliseconds, with nothing to keep (for work that outlives what started it, such as
/// releasing a download's URL); cleared by the guard if the module dies first.
pub fn later(ms: u32, f: impl FnOnce() + 'static) {
    let function: js_sys::Function = Closure::once_into_js(f).unchecked_into();
    with_guard(|guard| match guard {
        Some(guard) => {
            guard.later(&function, ms);
        }
        None => {
            if let Some(window) = web_sys::window() {
                let _ = window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&function, ms as i32);
            }
        }
    });
}

/// `f` (a callback the browser will call: an image's `onload`, a canvas's `toBlob`), called only while the
/// module lives.
pub fn callback(f: &JsValue) -> js_sys::Function {
    let f: &js_sys::Function = f.unchecked_ref();
    with_guard(|guard| match guard {
        Some(guard) => guard.guard(f),
        None => f.clone(),
    })
}

/// Lets the browser run other tasks (input, paint) before going on: resolves in a task of its own. A message,
/// not a zero-delay timer: nested timers are clamped to 4 ms and throttled in background pages, and do not run
/// at all under a paused clock.
pub fn next_task() -> impl Future<Output = ()> {
    let promise = with_guard(|guard| match guard {
        Some(guard) => guard.tick(),
        None => js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        }),
    });
    async move {
        let _ = JsFuture::from(promise).await;
    }
}

/// The response of `url`, as [`settle`] awaits it; `signal` stops this map's wait (and cancels the request if
/// no other map of the page waits for it). Through the loader's guard, the maps of a page that need the same
/// file share one request at a time (`www/treaty-map.js`, `guard.fetch`); without it, a request of its own.
pub fn fetch(url: &str, signal: Option<web_sys::AbortSignal>) -> JsFuture {
    let promise = with_guard(|guard| match guard {
        Some(guard) => guard.fetch(url, signal),
        None => {
            let init = web_sys::RequestInit::new();
            init.set_signal(signal.as_ref());
            match web_sys::window() {
                Some(window) => window.fetch_with_str_and_init(url, &init),
                None => js_sys::Promise::reject(&"no window to fetch it".into()),
            }
        }
    });
    settle(promise)
}

/// Awaits `promise`; once the module has died it never settles, so nothing runs on in the dead module.
pub fn settle(promise: js_sys::Promise) -> JsFuture {
    let promise = with_guard(|guard| match guard {
        Some(guard) => guard.settle(&promise),
        None => promise,
    });
    JsFuture::from(promise)
}
