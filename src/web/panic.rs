//! When the module panics (a bug, never the reaction to input): the hook tells the loader
//! (`www/treaty-map.js`, through `ui::guard`), which stops everything the module scheduled and replaces every
//! instance with a notice, since all instances share one WebAssembly module, which is not safe to use after a
//! panic. Without the loader, the hook shows the notices itself, touching only the DOM. The hook runs in the
//! builds that unwind or abort after it (the tests'); the release wasm is built with `panic=immediate-abort`
//! (`cargo xtask build`), where a panic traps at once, without a hook or a message, and the loader handles the
//! trap as any other: there the hook is an empty one (which keeps Yew from installing its own) and the code
//! below it is left out.

use std::sync::Once;

/// Installs the panic hook through Yew, which would otherwise put its own in place when the first app renders.
pub(super) fn install_panic_hook() {
    static HOOK: Once = Once::new();
    #[cfg(not(panic = "immediate-abort"))]
    HOOK.call_once(|| yew::set_custom_panic_hook(Box::new(hook::panic_hook)));
    // Never called: a panic traps before any hook.
    #[cfg(panic = "immediate-abort")]
    HOOK.call_once(|| yew::set_custom_panic_hook(Box::new(|_| ())));
}

/// The hook, in the builds where it can run.
#[cfg(not(panic = "immediate-abort"))]
pub(super) mod hook {
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::super::events::{dispatch, object};
    use super::super::host::{remove_prerender, unhide};
    use super::super::instances::HOSTS;
    use crate::core::i18n::Lang;
    use crate::ui::guard;

    pub(super) fn panic_hook(info: &std::panic::PanicHookInfo) {
        let message = info.to_string();
        if !guard::crashed(&message) {
            report_internal_error(&message);
        }
    }

    /// Without the loader: logs the first internal error to the console and replaces every mounted instance (its
    /// pre-render too) with a notice. Touches only the DOM, never Yew, whose state may be mid-update.
    pub(in crate::web) fn report_internal_error(message: &str) {
        static REPORTED: AtomicBool = AtomicBool::new(false);
        if REPORTED.swap(true, Ordering::Relaxed) {
            return;
        }
        web_sys::console::error_1(
            &format!("treaty-map: internal error (a bug; please report it): {message}").into(),
        );
        HOSTS.with(|hosts| {
            let Ok(hosts) = hosts.try_borrow() else {
                return;
            };
            for (_, container, host) in hosts.iter() {
                show_notice(container);
                unhide(container);
                if let Some(parent) = container.parent_node() {
                    remove_prerender(&parent);
                }
                let detail = object(&[("message", "treaty-map: internal error".into())]);
                dispatch(host, "treatymap:error", &detail);
            }
        });
    }

    fn show_notice(container: &web_sys::Element) {
        let Some(document) = container.owner_document() else {
            return;
        };
        let Ok(notice) = document.create_element("div") else {
            return;
        };
        // In the language the instance was showing (its root's `lang`), read from the DOM: Yew's state may be
        // mid-update.
        let lang = container
            .query_selector(".tm-root[lang]")
            .ok()
            .flatten()
            .and_then(|root| root.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default();
        notice.set_class_name("tm-root tm-error tm-crashed");
        let _ = notice.set_attribute("role", "alert");
        let _ = notice.set_attribute("lang", lang.code());
        let _ = notice.set_attribute("dir", lang.dir());
        notice.set_text_content(Some(lang.crashed()));
        container.set_text_content(None);
        let _ = container.append_child(&notice);
    }
}
