//! What the character tables say about a Han character's script: which
//! characters the simplifier (`fast2s`) changes, which only simplified script
//! has, which traditional character a simplified one comes from, and which
//! are legitimate in both scripts (`data/script_both.txt`, and the name
//! characters of the 2013 standard table, `data/script_standard_2013.txt`). The paragraph
//! facts count simplified-only characters with it; the `script-mixed` rule
//! decides with it.

use std::sync::LazyLock;

use super::chars::{is_han, FxHashMap as HashMap};
use super::data::data_file;

/// A bit set over the Basic Multilingual Plane.
pub struct Bits(Vec<u64>);

impl Default for Bits {
    fn default() -> Self {
        Self::new()
    }
}

impl Bits {
    pub fn new() -> Bits {
        Bits(vec![0; 0x10000 / 64])
    }
    pub fn set(&mut self, c: char) {
        let u = c as usize;
        if let Some(w) = self.0.get_mut(u / 64) {
            *w |= 1 << (u % 64);
        }
    }
    pub fn has(&self, c: char) -> bool {
        let u = c as usize;
        self.0.get(u / 64).is_some_and(|w| w & (1 << (u % 64)) != 0)
    }
}

pub struct Tables {
    /// Traditional forms that are fine in simplified text.
    pub both_simp: Bits,
    /// Simplified-only characters (images of the map, not traditional too).
    pub simp_only: Bits,
    /// Characters fast2s changes (out of context).
    pub changed: Bits,
    /// Simplified → its only traditional source.
    pub unique: HashMap<char, char>,
    /// Simplified-only Han characters from U+3400 on (all of them three-byte
    /// characters), as a bit per BMP code point.
    pub simp_only_han: Box<[u64; 1024]>,
}

/// The tables, built on first use (every CJK ideograph is converted once).
pub static TABLES: LazyLock<Tables> = LazyLock::new(build);

fn build() -> Tables {
    let mut both_simp = Bits::new();
    let mut both_trad = Bits::new();
    let mut section = 0;
    for line in data_file!("script_both.txt").lines() {
        let l = line.trim();
        if l.starts_with('#') || l.is_empty() {
            continue;
        }
        match l {
            "[simplified]" => section = 1,
            "[traditional]" => section = 2,
            _ => {
                for c in l.chars().filter(|c| is_han(*c)) {
                    match section {
                        1 => both_simp.set(c),
                        2 => both_trad.set(c),
                        _ => {}
                    }
                }
            }
        }
    }
    // characters the 2013 standard table keeps for names (昇, 陞, 珮 …)
    for line in data_file!("script_standard_2013.txt").lines() {
        if !line.starts_with('#') {
            for c in line.chars().filter(|c| is_han(*c)) {
                both_simp.set(c);
            }
        }
    }
    // convert every BMP ideograph once, separated so no word context applies
    let ranges = [0x3400u32..=0x4DBF, 0x4E00..=0x9FFF, 0xF900..=0xFAFF];
    let mut all = String::with_capacity(0x6000 * 4);
    let mut cps = Vec::with_capacity(0x6000);
    for r in ranges {
        for u in r {
            if let Some(c) = char::from_u32(u) {
                all.push(c);
                all.push('\n');
                cps.push(c);
            }
        }
    }
    let converted = fast2s::convert(&all);
    let mut sources: HashMap<char, Vec<char>> = HashMap::default();
    let mut changed = Bits::new();
    for (t, s) in cps.iter().zip(converted.split('\n')) {
        let mut it = s.chars();
        if let (Some(sc), None) = (it.next(), it.next()) {
            if sc != *t {
                sources.entry(sc).or_default().push(*t);
                changed.set(*t);
            }
        }
    }
    // word-context conversions (藉口 → 借口, 看著 → 看着) are changes too
    for c in ['藉', '著', '苧'] {
        changed.set(c);
    }
    let mut simp_only = Bits::new();
    let mut unique = HashMap::default();
    for (s, ts) in &sources {
        if both_trad.has(*s) {
            continue;
        }
        simp_only.set(*s);
        if let [t] = ts.as_slice() {
            unique.insert(*s, *t);
        }
    }
    let mut simp_only_han = Box::new([0u64; 1024]);
    for u in 0x3400u32..=0xFFFF {
        if char::from_u32(u).is_some_and(|c| is_han(c) && simp_only.has(c)) {
            simp_only_han[(u >> 6) as usize] |= 1 << (u & 63);
        }
    }
    Tables {
        both_simp,
        simp_only,
        changed,
        unique,
        simp_only_han,
    }
}
