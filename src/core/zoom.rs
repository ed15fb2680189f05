//! Zoom and pan as a viewBox over the map's fixed coordinates: the paths are projected once, and zooming only
//! changes which part of them the SVG shows.

use crate::core::fixed::Fixed;

/// The visible part of the map, in viewBox pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// How far in a visitor can zoom, as a multiple of the whole map.
pub const MAX_ZOOM: f64 = 12.0;

impl ViewBox {
    /// The whole map.
    pub fn full(width: f64, height: f64) -> ViewBox {
        ViewBox {
            x: 0.0,
            y: 0.0,
            width,
            height,
        }
    }

    /// How many times the whole map (`full_width` wide) this view magnifies.
    pub fn zoom_level(&self, full_width: f64) -> f64 {
        full_width / self.width
    }

    /// Zooms by `factor` (> 1 in, < 1 out) keeping the map point `anchor` where it is on screen, within
    /// 1× … [`MAX_ZOOM`]× of `full`, and inside it.
    ///
    /// # Examples
    /// ```
    /// use treaty_map::core::zoom::ViewBox;
    /// let full = ViewBox::full(1000.0, 500.0);
    /// let zoomed = full.zoom(2.0, (500.0, 250.0), full);
    /// assert_eq!(zoomed, ViewBox { x: 250.0, y: 125.0, width: 500.0, height: 250.0 });
    /// assert_eq!(zoomed.zoom(0.1, (0.0, 0.0), full), full);
    /// ```
    pub fn zoom(&self, factor: f64, anchor: (f64, f64), full: ViewBox) -> ViewBox {
        if !factor.is_finite() || factor <= 0.0 {
            return *self;
        }
        let width = (self.width / factor).clamp(full.width / MAX_ZOOM, full.width);
        let scale = width / self.width;
        let height = self.height * scale;
        let x = anchor.0 - (anchor.0 - self.x) * scale;
        let y = anchor.1 - (anchor.1 - self.y) * scale;
        ViewBox {
            x,
            y,
            width,
            height,
        }
        .clamped(full)
    }

    /// Moves the view by (`dx`, `dy`) map pixels, staying inside `full`.
    pub fn pan(&self, dx: f64, dy: f64, full: ViewBox) -> ViewBox {
        ViewBox {
            x: self.x + dx,
            y: self.y + dy,
            ..*self
        }
        .clamped(full)
    }

    /// The same zoom, moved so that `point` is in view (centred if it was outside).
    pub fn bring_into_view(&self, point: (f64, f64), full: ViewBox) -> ViewBox {
        let margin = 0.1;
        let inside = point.0 >= self.x + self.width * margin
            && point.0 <= self.x + self.width * (1.0 - margin)
            && point.1 >= self.y + self.height * margin
            && point.1 <= self.y + self.height * (1.0 - margin);
        if inside {
            return *self;
        }
        ViewBox {
            x: point.0 - self.width / 2.0,
            y: point.1 - self.height / 2.0,
            ..*self
        }
        .clamped(full)
    }

    fn clamped(self, full: ViewBox) -> ViewBox {
        let x = self.x.clamp(full.x, full.x + full.width - self.width);
        let y = self.y.clamp(full.y, full.y + full.height - self.height);
        ViewBox { x, y, ..self }
    }

    /// The `viewBox` attribute.
    pub fn attribute(&self) -> String {
        format!(
            "{} {} {} {}",
            Fixed(self.x, 1),
            Fixed(self.y, 1),
            Fixed(self.width, 1),
            Fixed(self.height, 1)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::test;

    const FULL: ViewBox = ViewBox {
        x: 0.0,
        y: 0.0,
        width: 1000.0,
        height: 600.0,
    };

    #[test]
    fn zoom_keeps_the_anchor_still_and_the_view_inside() {
        let v = FULL.zoom(4.0, (100.0, 100.0), FULL);
        assert_eq!(v.width, 250.0);
        // The anchor keeps its relative position: (100 - x) / width = 100 / 1000.
        assert!(((100.0 - v.x) / v.width - 0.1).abs() < 1e-9);
        let far = v.pan(-5000.0, -5000.0, FULL);
        assert_eq!((far.x, far.y), (0.0, 0.0));
        let max = FULL.zoom(100.0, (500.0, 300.0), FULL);
        assert_eq!(max.zoom_level(1000.0), MAX_ZOOM);
        assert_eq!(FULL.zoom(f64::NAN, (0.0, 0.0), FULL), FULL);
    }

    #[test]
    fn a_state_outside_the_view_is_brought_into_it() {
        let v = FULL.zoom(4.0, (100.0, 100.0), FULL);
        let moved = v.bring_into_view((800.0, 500.0), FULL);
        assert!(moved.x <= 800.0 && 800.0 <= moved.x + moved.width);
        assert!(moved.y <= 500.0 && 500.0 <= moved.y + moved.height);
        assert_eq!(
            moved.bring_into_view(
                (moved.x + moved.width / 2.0, moved.y + moved.height / 2.0),
                FULL
            ),
            moved
        );
    }
}
