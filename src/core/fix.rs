//! Applying fixes to text: one fix, or all fixes of a document at once.

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
/// none of their edits overlap an already chosen fix.
pub fn fix_all_edits(findings: &[Finding]) -> Vec<Edit> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
