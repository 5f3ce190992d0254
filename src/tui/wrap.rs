//! Soft wrapping of a transcript into screen rows, keeping for each row the byte range of the
//! text it shows, so the cursor, selections and coded spans map to cells both ways.
//!
//! Invariants: rows are in order, never overlap, and together cover every byte of the text
//! except the newlines that end lines; a row's width in cells is at most the wrap width (a
//! single grapheme wider than the width gets a row of its own).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One screen row: the bytes `start..end` of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
}

/// Wraps `text` at `width` cells, breaking after spaces when it can.
pub fn wrap(text: &str, width: usize) -> Vec<Row> {
    let width = width.max(4);
    let mut rows = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        wrap_line(line, offset, width, &mut rows);
        offset += line.len() + 1;
    }
    rows
}

fn wrap_line(line: &str, base: usize, width: usize, rows: &mut Vec<Row>) {
    if line.is_empty() {
        rows.push(Row {
            start: base,
            end: base,
        });
        return;
    }
    let mut row_start = 0;
    let mut used = 0;
    let mut last_break: Option<(usize, usize)> = None; // byte after a space, width used to there
    for (i, g) in line.grapheme_indices(true) {
        let w = g.width();
        if used + w > width && i > row_start {
            let cut = match last_break {
                Some((b, _)) if b > row_start => b,
                _ => i,
            };
            rows.push(Row {
                start: base + row_start,
                end: base + cut,
            });
            used = line[cut..i].width();
            row_start = cut;
            last_break = None;
            if used + w > width && i > row_start {
                rows.push(Row {
                    start: base + row_start,
                    end: base + i,
                });
                used = 0;
                row_start = i;
            }
        }
        used += w;
        if g == " " || g == "\t" {
            last_break = Some((i + g.len(), used));
        }
    }
    rows.push(Row {
        start: base + row_start,
        end: base + line.len(),
    });
}

/// The index of the row holding byte `at` (the last row whose start is at or before it).
pub fn row_of(rows: &[Row], at: usize) -> usize {
    rows.partition_point(|r| r.start <= at).saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wraps_after_spaces_and_keeps_wide_graphemes_whole() {
        let t = "Enquêteur : Et la CPTS, pour vous ?\nM3 : 👍👍 oui";
        let rows = wrap(t, 12);
        let shown: Vec<&str> = rows.iter().map(|r| &t[r.start..r.end]).collect();
        assert_eq!(
            shown,
            [
                "Enquêteur : ",
                "Et la CPTS, ",
                "pour vous ?",
                "M3 : 👍👍 ",
                "oui"
            ]
        );
        assert_eq!(row_of(&rows, t.find("pour").unwrap()), 2);
    }

    proptest! {
        #[test]
        fn rows_cover_the_text_and_fit_the_width(t in "[a-zé👍 \n]{0,200}", w in 4usize..40) {
            let rows = wrap(&t, w);
            let mut covered = String::new();
            for (i, r) in rows.iter().enumerate() {
                prop_assert!(t[r.start..r.end].width() <= w || t[r.start..r.end].graphemes(true).count() == 1);
                if i > 0 && rows[i - 1].end != r.start { covered.push('\n'); }
                covered.push_str(&t[r.start..r.end]);
            }
            prop_assert_eq!(covered, t);
        }
    }
}
