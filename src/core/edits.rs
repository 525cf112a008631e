//! Applying edits to text (layer 1, with the findings): one fix's edits, or
//! the edits of every fix of a document at once, chosen so that none overlap.
//!
//! The services above (`core::fix`, the LSP's code actions) and the rule
//! tests build on these two functions; they know nothing of the analyzer.

use std::collections::BTreeMap;
use std::ops::Range;

use super::finding::{Edit, Finding};

/// Apply non-overlapping edits (in any order). Edits that overlap an earlier
/// accepted edit, or that do not fall on char boundaries, are skipped.
/// Returns the new text and how many edits were applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    let mut applied = 0;
    for e in sorted {
        if e.range.start < pos
            || e.range.end < e.range.start
            || e.range.end > text.len()
            || !text.is_char_boundary(e.range.start)
            || !text.is_char_boundary(e.range.end)
        {
            continue;
        }
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.replacement);
        pos = e.range.end;
        applied += 1;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// Collect the edits of every fixable finding, keeping whole fixes only when
/// none of their edits overlap an already chosen fix. Fixes are considered
/// in the order of their findings' ranges.
///
/// Two ranges overlap when they share a byte, when an empty one (an
/// insertion) lies inside or at the start of the other, or when both are
/// empty at the same place. Time: O(n log n) in the number of edits.
pub fn fix_all_edits(findings: &[Finding]) -> Vec<Edit> {
    let mut fixes: Vec<&Finding> = findings.iter().filter(|f| f.fix.is_some()).collect();
    fixes.sort_by_key(|f| (f.range.start, f.range.end));
    let mut taken = Taken::default();
    let mut edits = Vec::new();
    for f in fixes {
        let Some(fix) = &f.fix else { continue };
        if fix.edits.iter().any(|e| taken.overlaps(&e.range)) {
            continue;
        }
        for e in &fix.edits {
            taken.insert(&e.range);
            edits.push(e.clone());
        }
    }
    edits
}

/// The bytes the chosen edits cover, as disjoint inclusive spans
/// (first byte → last byte), so that an overlap is one ordered look-up.
///
/// A non-empty range `a..b` covers the bytes `a..=b-1`; an empty (or
/// reversed) range at `a` covers the single position `a`. Two ranges overlap
/// exactly when what they cover meets.
#[derive(Default)]
struct Taken {
    spans: BTreeMap<usize, usize>,
}

impl Taken {
    /// The inclusive span a range covers.
    fn span(r: &Range<usize>) -> (usize, usize) {
        if r.end > r.start {
            (r.start, r.end - 1)
        } else {
            (r.start, r.start)
        }
    }

    /// Does `r` overlap a range already taken?
    fn overlaps(&self, r: &Range<usize>) -> bool {
        let (lo, hi) = Self::span(r);
        self.spans
            .range(..=hi)
            .next_back()
            .is_some_and(|(_, &last)| last >= lo)
    }

    /// Take `r`, merging it with the spans it meets.
    fn insert(&mut self, r: &Range<usize>) {
        let (mut lo, mut hi) = Self::span(r);
        while let Some((&first, &last)) = self.spans.range(..=hi).next_back() {
            if last < lo {
                break;
            }
            self.spans.remove(&first);
            lo = lo.min(first);
            hi = hi.max(last);
        }
        self.spans.insert(lo, hi);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::finding::{Fix, Severity};
    use proptest::prelude::*;

    #[test]
    fn applies_sorted_and_skips_overlaps() {
        let t = "ab,cd,ef";
        let edits = vec![
            Edit::new(5..6, "，"),
            Edit::new(2..3, "，"),
            Edit::new(2..4, "X"),
        ];
        let (out, n) = apply_edits(t, &edits);
        assert_eq!(out, "ab，cd，ef");
        assert_eq!(n, 2);
    }

    #[test]
    fn rejects_non_boundaries() {
        let t = "中文";
        let (out, n) = apply_edits(t, &[Edit::new(1..2, "x")]);
        assert_eq!(out, "中文");
        assert_eq!(n, 0);
    }

    /// The former quadratic `fix_all_edits`, kept as the reference the
    /// ordered look-up must agree with.
    fn fix_all_edits_reference(findings: &[Finding]) -> Vec<Edit> {
        let mut fixes: Vec<&Finding> = findings.iter().filter(|f| f.fix.is_some()).collect();
        fixes.sort_by_key(|f| (f.range.start, f.range.end));
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        let mut edits = Vec::new();
        for f in fixes {
            let Some(fix) = &f.fix else { continue };
            let overlaps = fix.edits.iter().any(|e| {
                taken.iter().any(|t| {
                    e.range.start < t.end && t.start < e.range.end
                        || (e.range.is_empty() && t.contains(&e.range.start))
                        || (t.is_empty() && e.range.contains(&t.start))
                        || (e.range.is_empty() && t.is_empty() && e.range.start == t.start)
                })
            });
            if overlaps {
                continue;
            }
            for e in &fix.edits {
                taken.push(e.range.clone());
                edits.push(e.clone());
            }
        }
        edits
    }

    /// A range starting in `0..40`, from two bytes reversed to six long.
    fn range() -> impl Strategy<Value = Range<usize>> {
        (0usize..40, -2isize..7).prop_map(|(s, d)| s..(s as isize + d).max(0) as usize)
    }

    /// A finding at a range, with no fix or a fix of zero to four edits
    /// anywhere (not only inside the finding).
    fn finding() -> impl Strategy<Value = Finding> {
        (
            range(),
            proptest::option::weighted(0.8, proptest::collection::vec(range(), 0..5)),
        )
            .prop_map(|(r, edits)| Finding {
                code: "test",
                severity: Severity::Warning,
                message: "m".into(),
                range: r,
                fix: edits.map(|es| Fix {
                    title: "t".into(),
                    edits: es
                        .into_iter()
                        .enumerate()
                        .map(|(i, e)| Edit::new(e, i.to_string()))
                        .collect(),
                }),
                related: Vec::new(),
                own_severity: false,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn fix_all_edits_agrees_with_the_reference(
            findings in proptest::collection::vec(finding(), 0..30)
        ) {
            prop_assert_eq!(fix_all_edits(&findings), fix_all_edits_reference(&findings));
        }
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one edit per fix, written as a list
    fn overlap_cases() {
        let fix = |r: Range<usize>, e: Vec<Range<usize>>| Finding {
            code: "test",
            severity: Severity::Warning,
            message: "m".into(),
            range: r,
            fix: Some(Fix {
                title: "t".into(),
                edits: e.into_iter().map(|e| Edit::new(e, "x")).collect(),
            }),
            related: Vec::new(),
            own_severity: false,
        };
        let cases = vec![
            // adjacent ranges do not overlap; an insertion at a range's end does not either
            vec![
                fix(0..2, vec![0..2]),
                fix(2..4, vec![2..4]),
                fix(4..4, vec![4..4]),
            ],
            // an insertion at the start of a taken range overlaps it; two insertions at one place too
            vec![
                fix(0..0, vec![3..5]),
                fix(1..1, vec![3..3]),
                fix(2..2, vec![6..6]),
                fix(3..3, vec![6..6]),
            ],
            // a fix whose edits overlap each other is taken whole; later fixes see all of it
            vec![
                fix(0..1, vec![10..20, 12..25]),
                fix(1..2, vec![24..24]),
                fix(2..3, vec![25..26]),
            ],
        ];
        for c in cases {
            assert_eq!(fix_all_edits(&c), fix_all_edits_reference(&c));
        }
    }
}
