//! How much of a scene the browser is given to draw in one task. Creating an element and its attributes costs
//! the page's main thread about 20–40 µs (bench/RESULTS.md, "The worst inputs"), so a map at the limits (500
//! states, each with a dot of four elements and a leader line) would be one task of over 100 ms if drawn at
//! once. The first render of a map draws its shapes a slice at a time instead, each slice within a budget of
//! elements; the shipped maps fit in one slice and are drawn at once, as before.

use super::{Scene, Shape};
use crate::core::trig::length;

/// Elements the first render of a map may create for its shapes and context in one task, beside the rest of
/// the widget (about 350 more): each shipped region's map fits (tests/it/data.rs); the shipped world map (240
/// shapes, about 920 elements) takes two tasks, and the worst input the limits allow (500 states with a dot and
/// a leader each, 500 context areas) seven.
pub const ELEMENTS_PER_SLICE: usize = 600;

/// How far a dot must stand from the point it stands for, in viewBox pixels, to be joined to it by a leader
/// line.
const LEADER_MIN_PX: f64 = 2.0;

impl Shape {
    /// The leader line from the state's point to its dot, when the dot was pushed aside.
    pub fn leader(&self) -> Option<((f64, f64), (f64, f64))> {
        let (p, d) = (self.point, self.dot?);
        (length(p.0 - d.0, p.1 - d.1) > LEADER_MIN_PX).then_some((p, d))
    }

    /// The elements the view creates for the shape: its path (a component of its own, counted as two), and
    /// its dot (a group of three circles) and leader line if it has them.
    fn elements(&self) -> usize {
        2 + if self.dot.is_some() { 4 } else { 0 } + usize::from(self.leader().is_some())
    }
}

impl Scene {
    /// The end of the slice of shapes (by index in `shapes`) that follows `start` within `budget` elements:
    /// at least one shape, so that drawing always moves on, and `shapes.len()` at the last slice. The first
    /// slice is drawn with the muted context (a path per area), which takes from its budget.
    pub fn slice_end(&self, start: usize, budget: usize) -> usize {
        let mut used = if start == 0 { self.context.len() } else { 0 };
        for (index, shape) in self.shapes.iter().enumerate().skip(start) {
            used += shape.elements();
            if used > budget && index > start {
                return index;
            }
        }
        self.shapes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::dataset;
    use super::*;
    use crate::core::region::Region;
    use crate::harness::test;

    #[test]
    fn slices_cover_every_shape_once_and_always_move_on() {
        let scene = Scene::build(&dataset(), Region::Americas);
        let n = scene.shapes.len();
        assert!(n >= 3);
        assert_eq!(
            scene.slice_end(0, ELEMENTS_PER_SLICE),
            n,
            "a small map is drawn at once"
        );
        // A budget smaller than one shape still draws one shape per slice.
        let mut ends = vec![];
        let mut at = 0;
        while at < n {
            let end = scene.slice_end(at, 1);
            assert!(end > at);
            ends.push(end);
            at = end;
        }
        assert_eq!(ends, (1..=n).collect::<Vec<_>>());
        // Two shapes' worth: each slice holds as many as fit.
        assert_eq!(scene.slice_end(0, 4), 2.min(n));
        assert_eq!(
            scene.slice_end(n, ELEMENTS_PER_SLICE),
            n,
            "past the end: nothing more"
        );
    }
}
