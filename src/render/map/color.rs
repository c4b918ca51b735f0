//! Lane colours on the map: the strong colour of a party for headers and borders, a light
//! tint of it for its band, and a text colour that keeps WCAG AA contrast on either.

use crate::model::{Lane, Model};

/// Colours of parties that set none, in lane order (the default theme's palette).
pub const DEFAULT_PALETTE: [&str; 6] = [
    "#1F6FB5", "#C8102E", "#2E7D32", "#B25E00", "#6A3D9A", "#00796B",
];

/// The colours a lane is drawn with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneColors {
    /// The party's colour: header fill and box borders.
    pub strong: String,
    /// A light tint for the band.
    pub tint: String,
    /// Text on the strong colour.
    pub on_strong: String,
    /// Borders of step boxes: the strong colour, darkened until it stands out from white.
    pub border: String,
}

/// The colours of a lane: its own `color`, or the palette's colour for its position.
pub fn lane_colors(model: &Model, lane: &Lane) -> LaneColors {
    let index = model
        .lanes
        .iter()
        .position(|l| l.id == lane.id)
        .unwrap_or(0);
    let strong = lane
        .color
        .as_deref()
        .and_then(parse_hex)
        .unwrap_or_else(|| {
            parse_hex(DEFAULT_PALETTE[index % DEFAULT_PALETTE.len()]).unwrap_or((0, 0, 0))
        });
    let tint = mix(strong, (255, 255, 255), 0.84);
    let on_strong = if contrast(strong, (0, 0, 0)) >= contrast(strong, (255, 255, 255)) {
        (0, 0, 0)
    } else {
        (255, 255, 255)
    };
    let mut border = strong;
    // Box borders need 3:1 against white (WCAG 1.4.11, non-text contrast).
    while contrast(border, (255, 255, 255)) < 3.0 {
        border = mix(border, (0, 0, 0), 0.12);
    }
    LaneColors {
        strong: hex(strong),
        tint: hex(tint),
        on_strong: hex(on_strong),
        border: hex(border),
    }
}

/// Parses `#rrggbb` or `#rgb`.
pub fn parse_hex(s: &str) -> Option<(u8, u8, u8)> {
    let h = s.strip_prefix('#')?;
    let digit = |i: usize, len: usize| u8::from_str_radix(h.get(i..i + len)?, 16).ok();
    match h.len() {
        6 => Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        3 => Some((digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
        _ => None,
    }
}

/// `#rrggbb`.
pub fn hex(c: (u8, u8, u8)) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// `a` moved towards `b` by `t` (0–1).
pub fn mix(a: (u8, u8, u8), b: (u8, u8, u8), t: f64) -> (u8, u8, u8) {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// Relative luminance (WCAG 2.1).
pub fn luminance(c: (u8, u8, u8)) -> f64 {
    let ch = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
}

/// Contrast ratio (WCAG 2.1), 1–21.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_on_any_colour_reaches_aa() {
        for c in [
            "#8E6BB8", "#C8102E", "#1F6FB5", "#2E8B3E", "#A6D785", "#F4A6A6", "#5B6470", "#3F4A56",
            "#777777", "#ffff00",
        ] {
            let strong = parse_hex(c).unwrap();
            let best = contrast(strong, (0, 0, 0)).max(contrast(strong, (255, 255, 255)));
            assert!(best >= 4.5, "{c}: {best}");
        }
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert_eq!(parse_hex("#fff"), Some((255, 255, 255)));
        assert_eq!(parse_hex("red"), None);
    }
}
