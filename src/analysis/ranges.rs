//! Code point ranges as the queries combine them: union, intersection, difference, and the
//! characters they cover (their words: `word_index`).
//!
//! Invariant: every function returns ranges sorted, non-empty and non-overlapping; touching
//! ranges are joined by [`union`] (as passages join touching codings).

/// A half-open code point range.
pub type Range = (usize, usize);

/// Sorted, disjoint ranges covering the same points as `ranges` (touching ones joined).
pub fn union(mut ranges: Vec<Range>) -> Vec<Range> {
    ranges.retain(|r| r.0 < r.1);
    ranges.sort_unstable();
    let mut out: Vec<Range> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The points in both of two unions.
pub fn intersect(a: &[Range], b: &[Range]) -> Vec<Range> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        let (s, e) = (a[i].0.max(b[j].0), a[i].1.min(b[j].1));
        if s < e {
            out.push((s, e));
        }
        if a[i].1 < b[j].1 { i += 1 } else { j += 1 }
    }
    out
}

/// The points of `a` inside `within` (both unions): [`intersect`], in time proportional to
/// `a` and the part of `within` it reaches (a few codings in a long list of kept units).
pub fn clip(a: &[Range], within: &[Range]) -> Vec<Range> {
    let mut out = Vec::with_capacity(a.len());
    let mut j = 0;
    for &(s, e) in a {
        // The first range of `within` ending after `s`.
        j += within[j..].partition_point(|w| w.1 <= s);
        let mut k = j;
        while k < within.len() && within[k].0 < e {
            let (x, y) = (s.max(within[k].0), e.min(within[k].1));
            if x < y {
                out.push((x, y));
            }
            k += 1;
        }
    }
    out
}

/// The points of `a` not in `b` (both unions).
pub fn subtract(a: &[Range], b: &[Range]) -> Vec<Range> {
    let mut out = Vec::new();
    let mut j = 0;
    for &(s, e) in a {
        let mut cur = s;
        while j < b.len() && b[j].1 <= cur {
            j += 1;
        }
        let mut k = j;
        while k < b.len() && b[k].0 < e {
            if b[k].0 > cur {
                out.push((cur, b[k].0));
            }
            cur = cur.max(b[k].1);
            k += 1;
        }
        if cur < e {
            out.push((cur, e));
        }
    }
    out
}

/// How many points a union covers.
pub fn length(ranges: &[Range]) -> usize {
    ranges.iter().map(|r| r.1 - r.0).sum()
}

/// Whether two unions share a point.
pub fn overlaps(a: &[Range], b: &[Range]) -> bool {
    !intersect(a, b).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_joins_touching_and_overlapping_ranges() {
        assert_eq!(
            union(vec![(5, 8), (0, 2), (2, 4), (7, 10), (3, 3)]),
            [(0, 4), (5, 10)]
        );
    }

    #[test]
    fn intersection_and_difference_split_where_expected() {
        let a = [(0, 10), (20, 30)];
        let b = [(5, 25)];
        assert_eq!(intersect(&a, &b), [(5, 10), (20, 25)]);
        assert_eq!(subtract(&a, &b), [(0, 5), (25, 30)]);
        assert_eq!(subtract(&b, &a), [(10, 20)]);
        assert_eq!(length(&a), 20);
        let within = [(0, 3), (4, 6), (8, 20), (25, 26)];
        for x in [&a[..], &b[..], &[(2, 5), (6, 8), (19, 30)][..], &[][..]] {
            assert_eq!(clip(x, &within), intersect(x, &within), "{x:?}");
        }
        assert!(!overlaps(&[(0, 5)], &[(5, 9)]));
    }
}
