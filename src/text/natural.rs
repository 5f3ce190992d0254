//! Natural ordering of labels, so that `E2` sorts before `E10` and `e3` next to `E3`.
//!
//! Invariant: `natural_cmp` is a total order consistent with equality of strings (ties between
//! case variants are broken by plain byte order), so sorting is deterministic.

use std::cmp::Ordering;

/// Compares two labels, reading runs of ASCII digits as numbers and letters without case.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) if p.is_ascii_digit() && q.is_ascii_digit() => {
                let (nx, rx) = split_digits(x);
                let (ny, ry) = split_digits(y);
                let (tx, ty) = (trim_zeros(nx), trim_zeros(ny));
                let ord = tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty));
                if ord != Ordering::Equal {
                    return ord;
                }
                x = rx;
                y = ry;
            }
            (Some(_), Some(_)) => {
                let (cx, lx) = first_char(x);
                let (cy, ly) = first_char(y);
                let ord = lower(cx).cmp(&lower(cy));
                if ord != Ordering::Equal {
                    return ord;
                }
                x = &x[lx..];
                y = &y[ly..];
            }
        }
    }
}

/// Sorts a slice by a string key in natural order.
pub fn natural_sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| natural_cmp(key(a), key(b)));
}

fn split_digits(s: &[u8]) -> (&[u8], &[u8]) {
    let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
    s.split_at(n)
}

fn trim_zeros(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| **b == b'0').count();
    &s[n..]
}

fn first_char(s: &[u8]) -> (char, usize) {
    // Inputs come from &str and we only split at char boundaries, so this is valid UTF-8.
    let text = std::str::from_utf8(&s[..s.len().min(4)])
        .or_else(|e| std::str::from_utf8(&s[..e.valid_up_to()]))
        .unwrap_or("");
    let c = text.chars().next().unwrap_or('\u{fffd}');
    (c, c.len_utf8().max(1))
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_by_value() {
        let mut v = vec!["E10", "E2", "E1", "e3", "E02b", "Focus"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["E1", "E2", "E02b", "e3", "E10", "Focus"]);
    }

    #[test]
    fn accented_labels_do_not_panic_and_are_total() {
        assert_eq!(natural_cmp("Élise 2", "Élise 10"), Ordering::Less);
        assert_eq!(natural_cmp("a", "A"), "a".cmp("A"));
        assert_eq!(natural_cmp("x", "x"), Ordering::Equal);
    }
}
