//! The keys that decide identity: two titles, or two names, that normalise
//! alike are the same film title or the same person.
//!
//! The folding follows the scoring rules of `../shared/schema/EXTRACT.md`:
//! Unicode folding (accents dropped), lower case, punctuation dropped, spaces
//! collapsed. On top of that, titles filed with a trailing article ("Matrix,
//! The") get it back in front, `&` reads as "and", and initials written with
//! or without spaces ("J.R.R." / "J. R. R.") give the same name.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `text` to lower-case words of letters and digits separated by
/// single spaces. Apostrophes vanish ("Schindler's" is "schindlers"); every
/// other non-alphanumeric character separates words.
pub(crate) fn fold_words(text: &str) -> Vec<String> {
    // NFKD leaves ASCII as it is; skipping it for ASCII text (most text)
    // makes keys several times cheaper, with the same result.
    if text.is_ascii() { fold_chars(text.chars()) } else { fold_chars(text.nfkd()) }
}

fn fold_chars(chars: impl Iterator<Item = char>) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in chars {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if c == '&' {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            words.push("and".to_owned());
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`') {
            // Inside a word: "Schindler's" and "Schindlers" are the same key.
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The identity key of a film title: `"The Matrix"`, `"Matrix, The"` and
/// `"THE MATRIX."` all give `"the matrix"`. Empty when the title has no
/// letters or digits.
pub fn title_key(title: &str) -> String {
    fold_words(&article_in_front(title)).join(" ")
}

/// `title` trimmed, with an article filed at the end ("Matrix, The") put
/// back in front, as archives and indexes print titles.
pub(crate) fn article_in_front(title: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = title.trim();
    match trimmed.rsplit_once(',') {
        Some((head, tail))
            if matches!(tail.trim().to_lowercase().as_str(), "the" | "a" | "an")
                && !head.trim().is_empty() =>
        {
            std::borrow::Cow::Owned(format!("{} {}", tail.trim(), head.trim()))
        }
        _ => std::borrow::Cow::Borrowed(trimmed),
    }
}

/// The identity key of a person's (or critic's, or venue's) name:
/// `"J.R.R. Tolkien"` and `"J. R. R. Tolkien"` both give `"jrr tolkien"`.
/// Empty when the name has no letters or digits.
pub fn name_key(name: &str) -> String {
    let words = fold_words(name);
    let mut out = String::with_capacity(name.len());
    let mut previous_was_initial = false;
    for word in &words {
        let initial = word.chars().count() == 1;
        if !(out.is_empty() || initial && previous_was_initial) {
            out.push(' ');
        }
        out.push_str(word);
        previous_was_initial = initial;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_path_folds_like_the_unicode_one() {
        for text in ["The Matrix", "Schindler's List", "  J.R.R.  Tolkien & Co. -- 1999!", "a`b'c\td\u{7f}E_F", ""] {
            assert_eq!(fold_words(text), fold_chars(text.nfkd()), "{text:?}");
        }
    }

    #[test]
    fn titles() {
        assert_eq!(title_key("The Matrix"), "the matrix");
        assert_eq!(title_key("Matrix, The"), "the matrix");
        assert_eq!(title_key("  THE MATRIX. "), "the matrix");
        assert_eq!(title_key("Amélie"), "amelie");
        assert_eq!(title_key("Schindler's List"), "schindlers list");
        assert_eq!(title_key("Schindler\u{2019}s List"), "schindlers list");
        assert_eq!(title_key("Bill & Ted's Excellent Adventure"), "bill and teds excellent adventure");
        assert_eq!(title_key("Face/Off"), "face off");
        assert_eq!(title_key("Good, the Bad and the Ugly"), "good the bad and the ugly");
        assert_eq!(title_key("..."), "");
    }

    #[test]
    fn names() {
        assert_eq!(name_key("J.R.R. Tolkien"), "jrr tolkien");
        assert_eq!(name_key("J. R. R. Tolkien"), "jrr tolkien");
        assert_eq!(name_key("Pedro Almodóvar"), "pedro almodovar");
        assert_eq!(name_key("  ELISABETH   MOSS "), "elisabeth moss");
        assert_eq!(name_key("Ed Johnson-Ott"), "ed johnson ott");
        assert_eq!(name_key("Samuel L. Jackson"), "samuel l jackson");
    }
}
