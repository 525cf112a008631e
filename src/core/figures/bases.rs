//! Implied bases of change figures: `利用内资81.73亿元，同比增长7.8%` gives
//! the amount a year before (≈ 75.82亿元), linked into the change figure.

use super::{Amount, Base, Figure, Kind};

// Implied bases of change figures

pub(super) fn link_bases(s: &str, figs: &mut [Figure]) {
    for k in 1..figs.len() {
        let (head, tail) = figs.split_at_mut(k);
        let Some(prev) = head.last() else { continue };
        let Some(cur) = tail.first_mut() else {
            continue;
        };
        let Some(delta) = cur.value_amount().cloned() else {
            continue;
        };
        let cur_kind = cur.kind;
        let Some(ch) = cur.change.as_mut() else {
            continue;
        };
        let Some(base_amt) = prev.amount() else {
            continue;
        };
        if prev.change.is_some()
            || base_amt.hi.is_some()
            || prev.kind == Kind::Number && base_amt.unit.is_empty() && base_amt.scale.is_empty()
        {
            continue;
        }
        // only punctuation between: 利用内资81.73亿元，同比增长7.8%
        let gap = s.get(prev.range.end..cur.range.start).unwrap_or("x");
        if gap.chars().count() > 2 || !gap.chars().all(|c| matches!(c, '，' | ',' | ' ' | '、')) {
            continue;
        }
        let cur_v = base_amt.lo.to_f64();
        let d = delta.lo.to_f64();
        let base = match (cur_kind, prev.kind) {
            (Kind::Percent, pk) if pk != Kind::Percent && pk != Kind::Points => {
                let p = if delta.unit == "成" {
                    d / 10.0
                } else if delta.unit == "‰" {
                    d / 1000.0
                } else {
                    d / 100.0
                };
                let f = if ch.up { 1.0 + p } else { 1.0 - p };
                (f > 0.0).then(|| cur_v / f)
            }
            (Kind::Multiple, pk) if pk != Kind::Percent && pk != Kind::Points && ch.up => {
                Some(cur_v / (1.0 + d))
            }
            (Kind::Points, Kind::Percent) => Some(if ch.up { cur_v - d } else { cur_v + d }),
            (ck, pk)
                if ck == pk
                    && delta.unit == base_amt.unit
                    && matches!(ck, Kind::Money | Kind::Count | Kind::Measure) =>
            {
                Some(if ch.up { cur_v - d } else { cur_v + d })
            }
            _ => None,
        };
        let Some(b) = base.filter(|b| b.is_finite() && *b > 0.0) else {
            continue;
        };
        let in_scale = base_amt.in_scale(b);
        let dec = if base_amt.decimals > 0 {
            base_amt.decimals.max(2)
        } else if base_amt.scale.is_empty() {
            1
        } else {
            2
        } as usize;
        let mut txt = format!("{in_scale:.dec$}");
        if txt.contains('.') {
            txt = txt.trim_end_matches('0').trim_end_matches('.').to_string();
        }
        let unit = base_amt.unit;
        ch.base = Some(Base {
            value: b,
            text: format!("{txt}{}{unit}", base_amt.scale),
            from: prev.range.clone(),
            from_text: s.get(prev.range.clone()).unwrap_or("").to_string(),
        });
    }
}

impl Figure {
    pub(super) fn value_amount(&self) -> Option<&Amount> {
        self.amount().filter(|a| a.hi.is_none())
    }
}
