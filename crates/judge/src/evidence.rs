//! Which sentences may be evidence: opinion prose, never the furniture around
//! it (credit blocks, headers, rating lines, bylines, sign-offs).
//!
//! Raw reviews, as critics post them, open with a title, a byline and a
//! copyright line, carry "Cast: … Director: …" blocks and a rating line, and
//! end with a signature and an address. None of it is the critic's reading
//! of the film, so none of it may be quoted as the reason for a verdict. The
//! rules below look at the shape of each line (labels, grades, addresses,
//! capitalisation, indentation), not at any known name or site.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// The part of the sentence `range` of `text` that can be evidence: its
/// leading and trailing non-prose lines cut off. `None` when nothing is
/// left, when what is left is not 4 to 80 words long (a fragment, or a
/// run-together block), or when a non-prose line sits between prose lines.
/// The lines at the ends are judged first and the inner ones only when the
/// length fits, since most sentences that fail are far too long.
pub(crate) fn prose_part(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let mut segments: Vec<Range<usize>> = Vec::new();
    let mut at = range.start;
    for segment in text[range].split('\n') {
        if !segment.trim().is_empty() {
            segments.push(at..at + segment.len());
        }
        at += segment.len() + 1;
    }
    let prose = |seg: &Range<usize>| {
        let (line, from) = whole_line(text, seg.clone());
        is_prose_window(line, from)
    };
    let first = segments.iter().position(prose)?;
    let last = segments.iter().rposition(prose)?;
    let s = &text[segments[first].start..segments[last].end];
    let start = segments[first].start + (s.len() - s.trim_start().len());
    let end = segments[last].end - (s.len() - s.trim_end().len());
    let words = text[start..end].split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).take(81).count();
    if !(4..=80).contains(&words) || !segments[first..last].iter().skip(1).all(prose) {
        return None;
    }
    Some(start..end)
}

/// How far before a sentence its line is looked at, in bytes. Lines of
/// wrapped prose are well under this (the longest in ramr is 994 bytes);
/// a review with no line breaks at all is one line of megabytes, and
/// looking back to its start from every sentence would take time that
/// grows with the square of its length.
const LOOK_BEHIND: usize = 2048;

/// The line of `text` holding the byte range `seg` (which has no line
/// break), from its start to the end of `seg`: a sentence starting halfway
/// along a line is judged with what precedes it (a name that ends one line
/// and starts a sentence is not a title line), but not with what follows it
/// on its last line (a rating or notice after the sentence's end).
///
/// Returned as the text to judge and the offset in it where the judged
/// part begins: 0 when the line starts within [`LOOK_BEHIND`] bytes of
/// `seg`, and otherwise the point that far back, with the text before it
/// kept only as context, so that the line's start is not taken to be there.
fn whole_line(text: &str, seg: Range<usize>) -> (&str, usize) {
    let mut floor = seg.start.saturating_sub(LOOK_BEHIND);
    while !text.is_char_boundary(floor) {
        floor -= 1;
    }
    match text[floor..seg.start].rfind('\n') {
        Some(i) => (&text[floor + i + 1..seg.end], 0),
        None if floor == 0 => (&text[..seg.end], 0),
        None => (&text[..seg.end], floor),
    }
}

/// [`is_prose_window`] on a whole line.
#[cfg(test)]
fn is_prose_line(line: &str) -> bool {
    is_prose_window(line, 0)
}

/// Whether a line of a review, `hay[from..]`, reads as prose rather than as
/// a header, credit, rating line, byline or signature. `from > 0` means
/// that the line began earlier: `hay[..from]` is context only, neither
/// scanned nor taken as the line's start (no indentation, no label opening
/// the line).
fn is_prose_window(hay: &str, from: usize) -> bool {
    static FURNITURE: OnceLock<Regex> = OnceLock::new();
    let furniture = FURNITURE.get_or_init(|| {
        Regex::new(concat!(
            // Addresses and notices.
            r"(?i:https?://|www\.|\w@\w|copyright|\(c\)|©)",
            // Grades: stars, "out of 4", "3/4", "7 / 10", "rating:", "grade:".
            r"|\*\s*\*|(?i:\bout\s+of\s+(?:\d|\*|four\b|five\b|ten\b))",
            r"|\b\d{1,3}(?:\.\d+)?\s*/\s*(?:4|5|10|100)\b",
            r"|(?i:\b(?:rating|grade|rated)\s*:)",
            // The rating board's classification.
            r"|\b(?:MPAA|[Rr]ated\s+(?:G|PG|PG-13|R|NC-17|NR|X)\b)",
            // Bylines.
            r"|(?i:\breview(?:ed)?\s+by\b)",
            // A label opening the line: up to four capitalised words and a colon.
            r"|^\s*[A-Z][\w.'&/-]*(?:\s+[A-Z(][\w.'&/()-]*){0,3}\s*:",
            // A signature or a separator.
            r"|^\s*(?:--|__|==|~~)",
            // Two columns of bulleted items.
            r"|(?:^|\s)\*\s.*\s\*\s",
        ))
        .unwrap_or_else(|e| unreachable!("the furniture pattern is a valid regex: {e}"))
    });
    let line = &hay[from..];
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return false;
    }
    // The cheap checks of shape come first; the pattern runs last.
    let (mut non_space, mut letters) = (0usize, 0usize);
    for c in trimmed.chars() {
        non_space += usize::from(!c.is_whitespace());
        letters += usize::from(c.is_alphabetic());
    }
    // Separators and emoticon lines are mostly not letters.
    if letters * 2 < non_space {
        return false;
    }
    // Centred titles and bylines: deeply indented short lines.
    let indent = if from == 0 { line.len() - line.trim_start().len() } else { 0 };
    if indent >= 12 && trimmed.len() < 50 {
        return false;
    }
    // Titles and name lists: no word starts in lower case (a wrapped prose
    // line nearly always has one).
    let mut words = 0;
    let mut lower_start = false;
    for word in trimmed.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)) {
        words += 1;
        lower_start |= word.trim_start_matches(|c: char| !c.is_alphanumeric()).starts_with(char::is_lowercase);
    }
    if !lower_start && (words >= 2 || !trimmed.ends_with(['.', '!', '?'])) {
        return false;
    }
    // `^` matches only at the start of `hay`, so a cut line is not taken
    // to open with a label; the search itself starts at `from`.
    !furniture.is_match_at(hay, from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_are_not_prose() {
        for line in [
            "Cast: Ann Example, Bob Sample",
            "Director: Somebody Else",
            "U.S. Release Date: 12/19/97 (limited)",
            "MY RATING (out of 4): **1/2",
            "Rating: ** 1/2 out of **** (fair)",
            "                       A film review by Some Critic",
            "                        Copyright 1997 Some Critic",
            "-- ",
            "Some Critic - Movie Site",
            "http://www.example.com/reviews/",
            "write to critic@example.com",
            "THE LONG NIGHT",
            "----------",
            "It is rated R for language and would be fine for teenagers.",
            "The Long Night (R) ** (out of ****)",
            "* Style                              * Wasted talent, the",
        ] {
            assert!(!is_prose_line(line), "{line:?} taken for prose");
        }
    }

    #[test]
    fn wrapped_prose_lines_are_prose() {
        for line in [
            "     You want a thriller with lots of mindless action, no logic, and a bunch",
            "Woman) does an amusing turn as \"the man from upstairs,\" the network",
            "Capsule review:  Boring actioner about a hitchhiker nobody can kill.",
            "It's a wonderful film.",
            "of the year, and the best thing in it is the score.",
            "could create.    As impressive as the first one was, the second",
            "a loud mess.        Bruce Greenwood (a familiar face",
            "*  I find it interesting that scenes of social embarrassment make me",
        ] {
            assert!(is_prose_line(line), "{line:?} not taken for prose");
        }
    }

    #[test]
    fn header_lines_are_cut_from_a_sentence_and_blocks_are_refused() {
        let text = "The Long Night (R) ** (out of ****)\nThe story of a family\nover one hard winter.";
        let part = prose_part(text, 0..text.len()).map(|r| &text[r]);
        assert_eq!(part, Some("The story of a family\nover one hard winter."));
        // A notice after the sentence's end on its last line does not count.
        let text = "The film is a joy\nfrom start to end.  Rated R.  (C) 1997 Some Critic";
        let end = text.find("end.").map(|i| i + 4).unwrap_or_default();
        assert_eq!(prose_part(text, 0..end).map(|r| &text[r]), Some(&text[..end]));
        let block = "A fine film.\nCast: Ann Example\nand a cast that shines, as it should.";
        assert_eq!(prose_part(block, 0..block.len()), None);
        let credits = "Cast: Ann Example\nDirector: Somebody Else";
        assert_eq!(prose_part(credits, 0..credits.len()), None);
        let one = "It is a lovely film.";
        assert_eq!(prose_part(one, 0..one.len()), Some(0..one.len()));
        // Fragments and run-together blocks are refused too.
        assert_eq!(prose_part("A joy.", 0..6), None);
        let long = "word ".repeat(81);
        assert_eq!(prose_part(&long, 0..long.len()), None);
    }

    /// r12: on a line of megabytes, a sentence is judged with what
    /// precedes it only as far back as `LOOK_BEHIND`, and the point where
    /// the look stops is not taken for the start of a line.
    #[test]
    fn r12_long_lines_are_looked_back_on_a_bounded_way() {
        let sentence = "The film is a quiet pleasure from start to end. ";
        let mut text = "Copyright 1997 Some Critic. ".to_owned();
        while text.len() < 3 * LOOK_BEHIND {
            text.push_str(sentence);
        }
        let at = text.len();
        text.push_str("Note: the second half is a joy to sit through.");
        // Within reach of the notice, a sentence on its line is furniture.
        let near = "Copyright 1997 Some Critic. ".len();
        assert_eq!(prose_part(&text, near..near + sentence.len() - 1), None);
        // Far along the line, it is judged on its own words; a label that
        // happens to sit where the look stops does not count as opening it.
        let range = at..text.len();
        assert_eq!(prose_part(&text, range.clone()), Some(range.clone()));
        let cut = at - LOOK_BEHIND;
        let (line, from) = whole_line(&text, range);
        assert_eq!((line.len(), from), (text.len(), cut));
        let mut labelled = text[..cut].to_owned();
        labelled.push_str("Cast: ");
        labelled.push_str(&text[cut + 6..]);
        assert!(is_prose_window(&labelled[..at], cut));
    }
}
