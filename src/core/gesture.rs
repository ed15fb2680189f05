//! Pointer gestures on the map as a state machine over pointer events: one pointer pans, two pinch, and a
//! gesture that travelled far enough is a drag, whose closing click does not select. Pure: the Yew layer feeds
//! it pointer ids and viewport points, and applies the [`Change`]s to the view box.

use crate::core::trig::length;

/// How far (CSS px, summed over every move) the pointers travel before a gesture is a drag, not a click.
pub const DRAG_TRAVEL_PX: f64 = 4.0;

/// The pointers down on the map, to tell a drag or a pinch from a click.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Gesture {
    pointers: Vec<(i32, (f64, f64))>,
    /// Set when the pointers moved far enough to be a drag; the click that ends it is ignored.
    dragged: bool,
    travel: f64,
}

/// What a pointer's move does to the view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// Moved by (dx, dy) CSS px.
    Pan(f64, f64),
    /// Scaled by a factor about a viewport point.
    Pinch(f64, (f64, f64)),
}

impl Gesture {
    /// A pointer went down at `at` (viewport CSS px): a new gesture begins.
    pub fn down(&mut self, id: i32, at: (f64, f64)) {
        self.pointers.retain(|(p, _)| *p != id);
        self.pointers.push((id, at));
        self.travel = 0.0;
        self.dragged = false;
    }

    /// A pointer went up, or was cancelled.
    pub fn up(&mut self, id: i32) {
        self.pointers.retain(|(p, _)| *p != id);
    }

    /// A pointer moved to `at`: a pan with one pointer down, a pinch with two, nothing with none or more.
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::gesture::{Change, Gesture};
    /// let mut gesture = Gesture::default();
    /// gesture.down(1, (10.0, 10.0));
    /// assert_eq!(gesture.moved(1, (13.0, 14.0)), Some(Change::Pan(3.0, 4.0)));
    /// assert!(gesture.take_dragged(), "5 px is a drag");
    /// assert!(!gesture.take_dragged(), "only its own click is ignored");
    /// ```
    pub fn moved(&mut self, id: i32, at: (f64, f64)) -> Option<Change> {
        let index = self.pointers.iter().position(|(p, _)| *p == id)?;
        let before = self.pointers[index].1;
        let change = match self.pointers.as_slice() {
            [_] => Change::Pan(at.0 - before.0, at.1 - before.1),
            [a, b] => {
                let other = if index == 0 { b.1 } else { a.1 };
                let old = length(before.0 - other.0, before.1 - other.1).max(1.0);
                let new = length(at.0 - other.0, at.1 - other.1).max(1.0);
                Change::Pinch(new / old, ((at.0 + other.0) / 2.0, (at.1 + other.1) / 2.0))
            }
            _ => return None,
        };
        self.pointers[index].1 = at;
        self.travel += length(at.0 - before.0, at.1 - before.1);
        self.dragged |= self.travel > DRAG_TRAVEL_PX;
        Some(change)
    }

    /// Whether the gesture that just ended was a drag (so its click is not a selection); asking clears it.
    pub fn take_dragged(&mut self) -> bool {
        std::mem::take(&mut self.dragged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    #[test]
    fn a_tap_is_a_click_and_a_drag_is_not() {
        let mut gesture = Gesture::default();
        gesture.down(1, (100.0, 100.0));
        assert_eq!(
            gesture.moved(1, (101.0, 101.0)),
            Some(Change::Pan(1.0, 1.0))
        );
        gesture.up(1);
        assert!(!gesture.take_dragged(), "1.4 px of jitter is still a tap");
        gesture.down(1, (100.0, 100.0));
        for step in 1..=5 {
            gesture.moved(1, (100.0 + f64::from(step), 100.0));
        }
        gesture.up(1);
        assert!(gesture.take_dragged(), "5 px in small moves is a drag");
        gesture.down(2, (0.0, 0.0));
        assert!(!gesture.take_dragged(), "a new gesture starts clean");
    }

    #[test]
    fn two_pointers_pinch_about_their_midpoint() {
        let mut gesture = Gesture::default();
        gesture.down(1, (0.0, 0.0));
        gesture.down(2, (100.0, 0.0));
        assert_eq!(
            gesture.moved(2, (200.0, 0.0)),
            Some(Change::Pinch(2.0, (100.0, 0.0)))
        );
        assert_eq!(
            gesture.moved(1, (100.0, 0.0)),
            Some(Change::Pinch(0.5, (150.0, 0.0)))
        );
        gesture.up(1);
        assert_eq!(
            gesture.moved(2, (210.0, 5.0)),
            Some(Change::Pan(10.0, 5.0)),
            "the finger left pans"
        );
    }

    #[test]
    fn unknown_pointers_and_a_third_finger_change_nothing() {
        let mut gesture = Gesture::default();
        assert_eq!(gesture.moved(7, (1.0, 1.0)), None);
        for id in 1..=3 {
            gesture.down(id, (f64::from(id), 0.0));
        }
        assert_eq!(gesture.moved(2, (50.0, 50.0)), None);
        gesture.down(1, (5.0, 5.0));
        assert_eq!(
            gesture.moved(1, (5.0, 5.0)),
            None,
            "a pointer down twice counts once"
        );
    }

    #[test]
    fn pointers_on_one_spot_do_not_divide_by_zero() {
        let mut gesture = Gesture::default();
        gesture.down(1, (10.0, 10.0));
        gesture.down(2, (10.0, 10.0));
        let Some(Change::Pinch(factor, _)) = gesture.moved(2, (10.0, 10.5)) else {
            panic!("two pointers pinch");
        };
        assert!(factor.is_finite() && factor == 1.0, "{factor}");
    }
}
