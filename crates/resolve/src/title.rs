//! The forms of a title that resolution compares: one title printed many
//! ways ("Star Wars: Episode I -- The Phantom Menace", "Star Wars Episode 1:
//! The Phantom Menace", "The Phantom Menace", "Innerspace" and "Inner
//! Space", "Creepshow II" and "Creepshow 2") gives keys that meet.

use crate::keys::{article_in_front, fold_words};

/// The keys of one review's titles (its title, then alternative titles).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleVariants {
    /// The title's words run together after [`loose_key`]'s folding: equal
    /// for spacing, article, punctuation and numeral variants. Empty when
    /// the title has no letters or digits.
    pub exact: String,
    /// The loose keys of the title's parts (the series name before a colon,
    /// the subtitle after it, a bracketed or "aka" title) and of the
    /// alternative titles: a title printed as one of these is the same
    /// title shortened, when the reviews' credits agree.
    pub parts: Vec<String>,
    /// [`skeleton`] of `exact`, for spelling variants ("Colour"/"Color"),
    /// when `exact` is long enough for it to mean something.
    pub skeleton: Option<String>,
}

/// How two titles meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TitleMatch {
    /// The same title up to spacing, articles, punctuation and numerals.
    Full,
    /// One title is a part (series name, subtitle, alternative title) of the
    /// other.
    Part,
    /// The same consonants in the same order: a spelling variant.
    Spelling,
}

/// Parts shorter than this (in letters and digits) are too generic to
/// identify a film ("Up", "Movie" is not: 5).
const MIN_PART: usize = 4;
/// Titles shorter than this have no spelling-variant key: short titles
/// share consonants by chance.
const MIN_SKELETON: usize = 7;

impl TitleVariants {
    /// The keys of `title` and its alternative titles `aka`.
    pub fn new(title: &str, aka: &[String]) -> TitleVariants {
        let exact = loose_key(title);
        let mut parts = Vec::new();
        let add = |key: String, parts: &mut Vec<String>| {
            if key.len() >= MIN_PART && !key.bytes().all(|b| b.is_ascii_digit()) && key != exact && !parts.contains(&key) {
                parts.push(key);
            }
        };
        for part in split_parts(title) {
            add(loose_key(part), &mut parts);
        }
        for alt in aka {
            add(loose_key(alt), &mut parts);
            for part in split_parts(alt) {
                add(loose_key(part), &mut parts);
            }
        }
        let skeleton = (exact.len() >= MIN_SKELETON).then(|| skeleton(&exact)).filter(|s| s.len() >= 4);
        TitleVariants { exact, parts, skeleton }
    }

    /// Whether the review has a title at all.
    pub fn is_titled(&self) -> bool {
        !self.exact.is_empty()
    }

    /// The blocking keys: reviews that share none are never compared. Each
    /// key is tagged with its kind so that a part never meets a skeleton.
    pub fn blocks(&self) -> impl Iterator<Item = String> + '_ {
        let titled = self.is_titled();
        titled
            .then(|| format!("t:{}", self.exact))
            .into_iter()
            .chain(self.parts.iter().map(|p| format!("t:{p}")))
            .chain(self.skeleton.iter().map(|s| format!("s:{s}")))
    }

    /// How `self` and `other` meet, if they do; the closest way first.
    pub fn matches(&self, other: &TitleVariants) -> Option<TitleMatch> {
        if !self.is_titled() || !other.is_titled() {
            return None;
        }
        if self.exact == other.exact {
            Some(TitleMatch::Full)
        } else if self.parts.contains(&other.exact) || other.parts.contains(&self.exact) {
            Some(TitleMatch::Part)
        } else if self.skeleton.is_some() && self.skeleton == other.skeleton {
            Some(TitleMatch::Spelling)
        } else {
            None
        }
    }
}

/// The parts of a title printed with separators: "Star Wars: Episode I --
/// The Phantom Menace" has "Star Wars", "Episode I" and "The Phantom
/// Menace"; "Les Visiteurs (The Visitors)" has both titles; "Nikita aka La
/// Femme Nikita" both. A title without separators has no parts.
pub fn split_parts(title: &str) -> Vec<&str> {
    let title = title.trim();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let bytes = title.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &title[i..];
        let len = if rest.starts_with("--") {
            rest.bytes().take_while(|&b| b == b'-').count()
        } else if rest.starts_with(" - ") || rest.starts_with(" / ") {
            3
        } else if let Some(c) = rest.chars().next().filter(|c| matches!(c, ':' | ';' | '(' | ')' | '[' | ']' | '\u{2014}' | '\u{2013}')) {
            c.len_utf8()
        } else if is_aka_at(title, i) {
            rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len())
        } else {
            0
        };
        if len > 0 {
            cuts.push((i, i + len));
            i += len;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    if cuts.is_empty() {
        return Vec::new();
    }
    let mut parts = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for (from, to) in cuts {
        parts.push(title[start..from].trim());
        start = to;
    }
    parts.push(title[start..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}

/// Whether an "aka" (or "a.k.a.") word starts at byte `i` of `title`.
fn is_aka_at(title: &str, i: usize) -> bool {
    let before_ok = i == 0 || title[..i].ends_with(char::is_whitespace);
    if !before_ok {
        return false;
    }
    let rest = &title[i..];
    let word = rest.split(char::is_whitespace).next().unwrap_or_default().to_ascii_lowercase();
    matches!(word.trim_end_matches(':'), "aka" | "a.k.a." | "a.k.a")
}

/// Articles dropped from loose keys, wherever they stand.
const ARTICLES: &[&str] = &["the", "a", "an"];
/// Words that number a film in a series; dropped before a numeral ("Part
/// III" is "3").
const SERIES: &[&str] = &["part", "episode", "chapter", "vol", "volume", "book"];
/// Roman numerals two to twenty, read as numbers wherever they stand (a
/// title's word "ii" is a numeral; "i" is read only after a series word or
/// at the end of a title, where it cannot be the pronoun).
const ROMAN: &[&str] = &[
    "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii",
    "xix", "xx",
];
/// Number words read as numerals after a series word ("Part Two").
const NUMBER_WORDS: &[&str] = &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/// The number a word stands for, if it is a numeral in this position.
fn numeral(word: &str, after_series: bool, last: bool) -> Option<String> {
    if word == "i" && (after_series || last) {
        return Some("1".into());
    }
    if let Some(i) = ROMAN.iter().position(|r| *r == word) {
        return Some((i + 2).to_string());
    }
    if after_series && let Some(i) = NUMBER_WORDS.iter().position(|n| *n == word) {
        return Some((i + 1).to_string());
    }
    None
}

/// A title folded for comparison: the words of [`crate::keys::title_key`]
/// without articles, with numerals as digits and series words before a
/// numeral dropped, run together without spaces ("Innerspace" = "Inner
/// Space", "The Godfather, Part III" = "Godfather 3").
pub fn loose_key(title: &str) -> String {
    let words = fold_words(&article_in_front(title));
    let mut out = String::with_capacity(title.len());
    let n = words.len();
    for (i, word) in words.iter().enumerate() {
        if ARTICLES.contains(&word.as_str()) && n > 1 {
            continue;
        }
        let after_series = i > 0 && SERIES.contains(&words[i - 1].as_str());
        if SERIES.contains(&word.as_str())
            && words.get(i + 1).is_some_and(|next| {
                next.bytes().all(|b| b.is_ascii_digit()) || numeral(next, true, i + 2 == n).is_some()
            })
        {
            continue;
        }
        match numeral(word, after_series, i + 1 == n && n > 1) {
            Some(digits) => out.push_str(&digits),
            None => out.push_str(word),
        }
    }
    out
}

/// The consonants of a loose key, repeats collapsed: spelling variants
/// ("colour"/"color", "theatre"/"theater") share it.
pub fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut last = None;
    for c in key.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            continue;
        }
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn same(a: &str, b: &str, how: TitleMatch) {
        let (va, vb) = (TitleVariants::new(a, &[]), TitleVariants::new(b, &[]));
        assert_eq!(va.matches(&vb), Some(how), "{a:?} {va:?} / {b:?} {vb:?}");
        assert_eq!(vb.matches(&va), Some(how), "{b:?} / {a:?}");
    }

    #[track_caller]
    fn apart(a: &str, b: &str) {
        let (va, vb) = (TitleVariants::new(a, &[]), TitleVariants::new(b, &[]));
        assert_eq!(va.matches(&vb), None, "{a:?} {va:?} / {b:?} {vb:?}");
    }

    #[test]
    fn loose_keys_fold_numerals_articles_and_spacing() {
        assert_eq!(loose_key("The Godfather, Part III"), "godfather3");
        assert_eq!(loose_key("Godfather 3"), "godfather3");
        assert_eq!(loose_key("Creepshow II"), "creepshow2");
        assert_eq!(loose_key("Rocky Part Two"), "rocky2");
        assert_eq!(loose_key("Inner Space"), loose_key("Innerspace"));
        assert_eq!(loose_key("Matrix, The"), "matrix");
        assert_eq!(loose_key("I Shot Andy Warhol"), "ishotandywarhol");
        assert_eq!(loose_key("A"), "a");
    }

    #[test]
    fn variants_meet() {
        same("Star Wars: Episode I -- The Phantom Menace", "Star Wars Episode 1: The Phantom Menace", TitleMatch::Full);
        same("Star Wars: Episode I -- The Phantom Menace", "The Phantom Menace", TitleMatch::Part);
        same("Star Wars: Episode I -- The Phantom Menace", "Star Wars", TitleMatch::Part);
        same("Star Wars: Episode I", "Star Wars Episode 1: The Phantom Menace", TitleMatch::Part);
        same("Harbour Lights of the Colourful Evening", "Harbor Lights of the Colorful Evening", TitleMatch::Spelling);
        same("Les Copains (The Pals)", "The Pals", TitleMatch::Part);
        same("Quiet Harbor aka Still Waters", "Still Waters", TitleMatch::Part);
        apart("Star Wars: Episode I", "Star Wars: The Phantom Menace");
        apart("Three Colours: Blue", "Three Colours: White");
        apart("Face/Off", "Face");
        apart("", "");
    }

    #[test]
    fn alternative_titles_are_parts() {
        let v = TitleVariants::new("Les Copains", &["The Pals".into()]);
        assert_eq!(v.matches(&TitleVariants::new("Pals", &[])), Some(TitleMatch::Part));
    }
}
