//! Figures for the thesis as standalone SVG, written by hand (no plotting crate): a horizontal
//! bar chart (word frequency, codebook counts), a saturation chart (new nodes as bars, the
//! cumulative count as a line) and a heat map (a matrix).
//!
//! Invariants: the output is deterministic (fixed sizes, numbers with two decimals); every text
//! is XML-escaped; labels come in the caller's language; an empty chart still is a valid SVG.

use std::fmt::Write;

const FONT: &str = "font-family=\"sans-serif\" font-size=\"12\"";

/// Escapes text for XML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn open(w: f64, h: f64, title: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\">"
    );
    let _ = writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
    let _ = writeln!(
        s,
        "<text x=\"10\" y=\"22\" {FONT} font-size=\"16\" font-weight=\"bold\">{}</text>",
        esc(title)
    );
    s
}

/// Horizontal bars, one per item, longest scale at the largest value.
pub fn bar_chart(title: &str, items: &[(String, f64)], axis: &str) -> String {
    let label_w = 10.0
        + 7.0
            * items
                .iter()
                .map(|i| i.0.chars().count())
                .max()
                .unwrap_or(4)
                .min(40) as f64;
    let (bar_w, row) = (400.0, 20.0);
    let h = 60.0 + row * items.len() as f64 + 30.0;
    let w = label_w + bar_w + 80.0;
    let max = items.iter().map(|i| i.1).fold(0.0_f64, f64::max);
    let mut s = open(w, h, title);
    for (k, (label, v)) in items.iter().enumerate() {
        let y = 40.0 + row * k as f64;
        let len = if max > 0.0 { bar_w * v / max } else { 0.0 };
        let short: String = label.chars().take(40).collect();
        let _ = writeln!(
            s,
            "<text x=\"{:.2}\" y=\"{:.2}\" {FONT} text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y + 14.0,
            esc(&short)
        );
        let _ = writeln!(
            s,
            "<rect x=\"{label_w:.2}\" y=\"{:.2}\" width=\"{len:.2}\" height=\"{:.2}\" fill=\"#4e79a7\"/>",
            y + 3.0,
            row - 6.0
        );
        let _ = writeln!(
            s,
            "<text x=\"{:.2}\" y=\"{:.2}\" {FONT}>{}</text>",
            label_w + len + 4.0,
            y + 14.0,
            trim(*v)
        );
    }
    let _ = writeln!(
        s,
        "<text x=\"{:.2}\" y=\"{:.2}\" {FONT} fill=\"#555\">{}</text>",
        label_w,
        h - 12.0,
        esc(axis)
    );
    s.push_str("</svg>\n");
    s
}

/// Bars for the new items at each step and a line for the cumulative count.
pub fn saturation_chart(
    title: &str,
    steps: &[(String, f64, f64)],
    new_label: &str,
    cumulative_label: &str,
) -> String {
    let (left, top, plot_h) = (50.0, 50.0, 260.0);
    let step_w = 40.0_f64.max(600.0 / steps.len().max(1) as f64).min(80.0);
    let w = left + step_w * steps.len() as f64 + 40.0;
    let h = top + plot_h + 90.0;
    let max = steps.iter().map(|s| s.2.max(s.1)).fold(1.0_f64, f64::max);
    let y = |v: f64| top + plot_h - plot_h * v / max;
    let mut s = open(w.max(360.0), h, title);
    let _ = writeln!(
        s,
        "<line x1=\"{left}\" y1=\"{:.2}\" x2=\"{:.2}\" y2=\"{:.2}\" stroke=\"#333\"/>",
        top + plot_h,
        w - 20.0,
        top + plot_h
    );
    let _ = writeln!(
        s,
        "<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{:.2}\" stroke=\"#333\"/>",
        top + plot_h
    );
    let _ = writeln!(
        s,
        "<text x=\"{:.2}\" y=\"{:.2}\" {FONT} text-anchor=\"end\">{}</text>",
        left - 4.0,
        top + 4.0,
        trim(max)
    );
    let mut points = Vec::new();
    for (k, (label, new, cum)) in steps.iter().enumerate() {
        let x = left + step_w * k as f64;
        let _ = writeln!(
            s,
            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"#f28e2b\"/>",
            x + step_w * 0.2,
            y(*new),
            step_w * 0.6,
            top + plot_h - y(*new)
        );
        let _ = writeln!(
            s,
            "<text x=\"{:.2}\" y=\"{:.2}\" {FONT} text-anchor=\"middle\">{}</text>",
            x + step_w / 2.0,
            top + plot_h + 16.0,
            esc(label)
        );
        points.push(format!("{:.2},{:.2}", x + step_w / 2.0, y(*cum)));
    }
    if !points.is_empty() {
        let _ = writeln!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#4e79a7\" stroke-width=\"2\"/>",
            points.join(" ")
        );
    }
    let ly = top + plot_h + 40.0;
    let _ = writeln!(
        s,
        "<rect x=\"{left}\" y=\"{:.2}\" width=\"12\" height=\"12\" fill=\"#f28e2b\"/><text x=\"{:.2}\" y=\"{:.2}\" {FONT}>{}</text>",
        ly,
        left + 18.0,
        ly + 11.0,
        esc(new_label)
    );
    let _ = writeln!(
        s,
        "<line x1=\"{left}\" y1=\"{:.2}\" x2=\"{:.2}\" y2=\"{:.2}\" stroke=\"#4e79a7\" stroke-width=\"2\"/><text x=\"{:.2}\" y=\"{:.2}\" {FONT}>{}</text>",
        ly + 26.0,
        left + 12.0,
        ly + 26.0,
        left + 18.0,
        ly + 30.0,
        esc(cumulative_label)
    );
    s.push_str("</svg>\n");
    s
}

/// A grid of cells shaded by value (darker is more), each with its number.
pub fn heat_map(title: &str, rows: &[String], columns: &[String], values: &[Vec<f64>]) -> String {
    let label_w = 10.0
        + 7.0
            * rows
                .iter()
                .map(|r| r.chars().count())
                .max()
                .unwrap_or(4)
                .min(40) as f64;
    let (cell_w, cell_h, top) = (70.0, 28.0, 70.0);
    let w = label_w + cell_w * columns.len() as f64 + 20.0;
    let h = top + cell_h * rows.len() as f64 + 20.0;
    let max = values.iter().flatten().copied().fold(0.0_f64, f64::max);
    let mut s = open(w.max(300.0), h, title);
    for (j, c) in columns.iter().enumerate() {
        let short: String = c.chars().take(10).collect();
        let _ = writeln!(
            s,
            "<text x=\"{:.2}\" y=\"{:.2}\" {FONT} text-anchor=\"middle\">{}</text>",
            label_w + cell_w * (j as f64 + 0.5),
            top - 8.0,
            esc(&short)
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + cell_h * i as f64;
        let short: String = r.chars().take(40).collect();
        let _ = writeln!(
            s,
            "<text x=\"{:.2}\" y=\"{:.2}\" {FONT} text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y + 18.0,
            esc(&short)
        );
        for (j, v) in values
            .get(i)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .enumerate()
        {
            let t = if max > 0.0 { v / max } else { 0.0 };
            let shade = (245.0 - 180.0 * t).round() as u8;
            let x = label_w + cell_w * j as f64;
            let _ = writeln!(
                s,
                "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{cell_w}\" height=\"{cell_h}\" fill=\"rgb({shade},{},{})\" stroke=\"white\"/>",
                shade / 2 + 100,
                255
            );
            let ink = if t > 0.6 { "white" } else { "black" };
            let _ = writeln!(
                s,
                "<text x=\"{:.2}\" y=\"{:.2}\" {FONT} text-anchor=\"middle\" fill=\"{ink}\">{}</text>",
                x + cell_w / 2.0,
                y + 18.0,
                trim(*v)
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

/// A number without needless decimals.
fn trim(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_escaped_deterministic_svg() {
        let b = bar_chart(
            "Fréquence <mots>",
            &[("temps".into(), 12.0), ("« CPTS » & co".into(), 3.0)],
            "occurrences",
        );
        assert!(b.starts_with("<svg") && b.ends_with("</svg>\n"));
        assert!(b.contains("Fréquence &lt;mots&gt;") && b.contains("« CPTS » &amp; co"));
        assert_eq!(
            b,
            bar_chart(
                "Fréquence <mots>",
                &[("temps".into(), 12.0), ("« CPTS » & co".into(), 3.0)],
                "occurrences"
            )
        );
        let s = saturation_chart(
            "Saturation",
            &[("E1".into(), 5.0, 5.0), ("E2".into(), 1.0, 6.0)],
            "nouveaux",
            "cumul",
        );
        assert!(s.contains("<polyline") && s.contains(">E2<"));
        let h = heat_map(
            "Matrice",
            &["Freins".into()],
            &["MG".into(), "IDE".into()],
            &[vec![3.0, 0.0]],
        );
        assert_eq!(h.matches("<rect").count(), 3);
        assert!(bar_chart("vide", &[], "x").ends_with("</svg>\n"));
    }
}
