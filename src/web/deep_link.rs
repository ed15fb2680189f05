//! Deep links between maps: the page's `#country=…&region=…` is read once, when the first map mounts, and
//! opened by one map only.

use std::cell::RefCell;

use crate::core::fragment::Fragment;
use crate::core::region::Region;

thread_local! {
    /// The page's deep link, read when the first instance mounts: `None` until then, `Some(None)` once an
    /// instance has taken it (or there was none).
    static DEEP_LINK: RefCell<Option<Option<Fragment>>> = const { RefCell::new(None) };
}

/// The page's deep link for a map of `region`, if it is this map's to open: a link that names a region opens
/// in the first map of that region; one that names none, in the first map mounted. Read once per page, from
/// `location.hash` as it is when the first map mounts.
pub(super) fn claim_deep_link(region: Region) -> Option<Fragment> {
    DEEP_LINK.with(|slot| {
        let mut slot = slot.try_borrow_mut().ok()?;
        let link = slot.get_or_insert_with(|| {
            let hash = web_sys::window()?.location().hash().ok()?;
            Some(Fragment::parse(&hash)).filter(|f| !f.is_empty())
        });
        let mine = link.is_some_and(|f| f.region.is_none_or(|r| r == region));
        if mine {
            link.take()
        } else {
            None
        }
    })
}
