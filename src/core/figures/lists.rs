//! The figure word lists under `data/figure_*.txt`, read through the one
//! loader [`crate::core::data`]: the helpers the modules beside this one use
//! in their `LazyLock`s.

use super::{RelUnit, Sense};
use crate::core::data;

/// The words of a list whose second field is `role` (`up`, `lead`, …), in
/// file order (the order matters: the first match wins).
pub(super) fn words_of(src: &'static str, role: &str) -> Vec<&'static str> {
    data::lines(src)
        .filter(|f| f.get(1).copied() == Some(role))
        .filter_map(|f| f.first().copied())
        .collect()
}

/// A sense as the data files name it (`About`, `MoreThan`, …).
pub(super) fn sense_named(name: &str) -> Option<Sense> {
    Some(match name {
        "About" => Sense::About,
        "Nearly" => Sense::Nearly,
        "MoreThan" => Sense::MoreThan,
        "AtMost" => Sense::AtMost,
        _ => return None,
    })
}

/// A unit of a relative date as the data files name it (`Year`, `Day`, …).
pub(super) fn rel_unit_named(name: &str) -> Option<RelUnit> {
    Some(match name {
        "Year" => RelUnit::Year,
        "Month" => RelUnit::Month,
        "Week" => RelUnit::Week,
        "Day" => RelUnit::Day,
        "Recent" => RelUnit::Recent,
        _ => return None,
    })
}
