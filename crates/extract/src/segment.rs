//! Splitting a document into reviews: most documents review one film, a
//! page of capsules reviews many ("Title ***1/2 ... 1 hr. 42 PG-13
//! (violence) - S.R."), each its own review.
//!
//! Capsules show themselves in three ways, tried in this order:
//!
//! * a header paragraph per review, "TITLE -- a movie review by NAME"
//!   (several posts in one);
//! * a title and a star grade opening a paragraph, with the prose on the
//!   same line or the lines below ("Sailor Moon ***1/2 A schoolgirl ...",
//!   "GHOST TOWN (2001) ** 1/2", "Heat (R) *** 1/2");
//! * a paragraph closing with a credit tail, a running time and a mark,
//!   often signed with initials ("... 1 hr. 42 PG-13 (violence) - S.R.").
//!
//! Two or more of one kind make a roundup; fewer leave the document whole.
//! Neighbouring parts that name the same film are one review (a review
//! posted twice in one message). What follows the last capsule's signed
//! tail is the page's [`Segments::coda`], not that capsule's.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::credits::paragraphs;

/// The reviews of a document, and the text after the last capsule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segments {
    /// The byte range of each review; the whole text when it reviews one film.
    pub reviews: Vec<Range<usize>>,
    /// Paragraphs after a roundup's last capsule that belong to no one
    /// capsule ("Quiet Harbor screens again on Saturday ..."); `None` when the
    /// last review runs to the end.
    pub coda: Option<Range<usize>>,
}

/// The byte ranges of the reviews in `text`; the whole text when it
/// reviews one film.
pub fn split(text: &str) -> Vec<Range<usize>> {
    segments(text).reviews
}

/// The reviews of `text` and the coda after the last capsule.
pub fn segments(text: &str) -> Segments {
    let whole = Segments { reviews: vec![0..text.len()], coda: None };
    // Every capsule layout needs a star, a review header or a running time
    // followed by a mark; most documents have none of them twice, and the
    // checks below are cheap next to extraction anyway.
    let paras = paragraphs(text);
    if paras.len() < 2 {
        return whole;
    }
    let headers: Vec<usize> = paras.iter().filter(|p| is_review_header(&text[(*p).clone()])).map(|p| p.start).collect();
    if headers.len() >= 2 {
        return merge_same_titles(text, Segments { reviews: ranges_from_starts(text, &headers), coda: None });
    }
    let heads = graded_heads(text, &paras);
    if heads.len() >= 2 {
        let mut reviews = ranges_from_starts(text, &heads);
        let coda = cut_coda(text, &paras, reviews.last_mut());
        return merge_same_titles(text, Segments { reviews, coda });
    }
    let tails: Vec<&Range<usize>> = paras.iter().filter(|p| is_capsule_tail(&text[(*p).clone()])).collect();
    if tails.len() >= 2 {
        let mut reviews = Vec::new();
        // The first capsule starts at its own paragraph when only short
        // lines (the page's heading and byline) stand above it.
        let above = paras.iter().take_while(|p| p.start < tails[0].start);
        let mut start = if above.clone().all(|p| p.len() < 100) { tails[0].start } else { 0 };
        for p in &tails {
            reviews.push(start..p.end);
            start = p.end;
        }
        // Text after the last tail is a coda when it is short next to the
        // capsules; else the last capsule's (a review signed mid-way).
        let rest = &text[start..];
        let coda = if rest.trim().is_empty() {
            None
        } else if rest.len() * 2 < start / tails.len() {
            let lead = rest.len() - rest.trim_start().len();
            Some(start + lead..text.len())
        } else {
            if let Some(last) = reviews.last_mut() {
                last.end = text.len();
            }
            None
        };
        return merge_same_titles(text, Segments { reviews, coda });
    }
    whole
}

fn ranges_from_starts(text: &str, starts: &[usize]) -> Vec<Range<usize>> {
    // The page's heading and byline above the first capsule belong to no
    // one capsule; the page's byline is applied to all of them.
    starts.iter().enumerate().map(|(i, &s)| s..starts.get(i + 1).copied().unwrap_or(text.len())).collect()
}

/// The paragraph starts of the capsules opened by a title and a grade. A
/// capsule holds prose: a head whose capsule (up to the next head) is
/// shorter than a few lines is a rating line or a legend, not a review.
fn graded_heads(text: &str, paras: &[Range<usize>]) -> Vec<usize> {
    const MIN_CAPSULE: usize = 100;
    let mut heads: Vec<usize> = paras.iter().filter(|p| is_capsule_head(&text[(*p).clone()])).map(|p| p.start).collect();
    loop {
        let before = heads.len();
        let spans: Vec<usize> = (0..heads.len()).map(|i| heads.get(i + 1).copied().unwrap_or(text.len()) - heads[i]).collect();
        let mut i = 0;
        heads.retain(|_| {
            i += 1;
            spans[i - 1] >= MIN_CAPSULE
        });
        if heads.len() == before {
            return heads;
        }
    }
}

/// Cuts the paragraphs after the last capsule's signed tail off `last` and
/// returns them as the coda.
fn cut_coda(text: &str, paras: &[Range<usize>], last: Option<&mut Range<usize>>) -> Option<Range<usize>> {
    let last = last?;
    let inside: Vec<&Range<usize>> = paras.iter().filter(|p| p.start >= last.start && p.end <= last.end).collect();
    let signed = inside.iter().position(|p| is_capsule_tail(&text[(*p).clone()]) || initials(&text[(*p).clone()]).is_some())?;
    let end = inside[signed].end;
    if text[end..last.end].trim().is_empty() {
        return None;
    }
    let lead = text[end..last.end].len() - text[end..last.end].trim_start().len();
    let coda = end + lead..last.end;
    last.end = end;
    Some(coda)
}

/// Joins neighbouring parts that name the same film: one review, posted
/// twice, or a review followed by its credits ("CREDITS: SCHOOL TIES (1992)
/// *** Directed by ...").
fn merge_same_titles(text: &str, mut segments: Segments) -> Segments {
    let key = |r: &Range<usize>| {
        crate::title_of(&text[r.clone()])
            .map(|t| t.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>())
            .filter(|k| !k.is_empty())
    };
    let mut out: Vec<Range<usize>> = Vec::with_capacity(segments.reviews.len());
    let mut last_key: Option<String> = None;
    for r in segments.reviews {
        let k = key(&r);
        let same = match (&k, &last_key) {
            (Some(a), Some(b)) => a.ends_with(b.as_str()) || b.ends_with(a.as_str()),
            _ => false,
        };
        match out.last_mut() {
            Some(prev) if same => prev.end = r.end,
            _ => {
                out.push(r);
                last_key = k;
            }
        }
    }
    if out.len() == 1 {
        // The whole text is one review after all.
        return Segments { reviews: vec![0..text.len()], coda: None };
    }
    segments.reviews = out;
    segments
}

/// "LOVE AND OTHER CATASTROPHES -- a movie review by Justin Siegel": a short
/// paragraph heading one of several reviews in a post.
fn is_review_header(para: &str) -> bool {
    static HEADER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*[^\s\n][^\n]{0,80}?(?:\s+-{1,2}\s+|\s*\n\s*)(?:an?\s+)?(?:movie|film)\s+reviews?\s+by\s+\S").expect("static regex")
    });
    para.len() < 300 && para.lines().count() <= 4 && HEADER.is_match(para)
}

/// Words that stay lower case inside a title ("Midnight at the Aurora").
const SMALL_WORDS: &[&str] = &["a", "an", "the", "and", "or", "but", "nor", "of", "at", "by", "for", "from", "in", "into", "on", "onto", "to", "with", "vs", "vs.", "de", "la", "le", "du"];

/// "Sailor Moon ***1/2 A schoolgirl ...", "GHOST TOWN (2001) ** 1/2",
/// "Heat (R) *** 1/2": a title and a star grade opening a paragraph.
fn is_capsule_head(para: &str) -> bool {
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?P<t>[A-Z0-9\x22'“][^*★\n]{0,60}?)(?:\s*\((?:\d{4}|[A-Z][^)]{0,20})\))?\s+(?:(?:\*\s?){0,4}\*|★{1,5})(?:\s?(?:1/2|½))?(?:\s|$|[.:,-])")
            .expect("static regex")
    });
    let first = para.lines().next().unwrap_or("");
    if !first.contains(['*', '★']) {
        return false;
    }
    let Some(c) = HEAD.captures(para) else { return false };
    let title = c.name("t").map_or("", |m| m.as_str()).trim();
    // A label before a grade ("Picture: ***", "Sound- * * *", "LW1: ***") or
    // a legend ("**** = excellent") is not a film's title.
    if title.ends_with([':', '-', '=']) || first.contains('=') {
        return false;
    }
    // The title is a name, not a sentence: few words, the words that matter
    // capitalised, no sentence break ("A: Absolutely. Tacked-on * tacky").
    let words: Vec<&str> = title.split_whitespace().collect();
    let sentence_break = words.iter().rev().skip(1).any(|w| {
        w.ends_with(['.', '!', '?']) && w.chars().filter(|c| c.is_lowercase()).count() >= 2
    });
    let open: Vec<&&str> = words.iter().enumerate().filter(|(i, w)| *i == 0 || !SMALL_WORDS.contains(&w.to_lowercase().as_str())).map(|(_, w)| w).collect();
    let capitalised = open.iter().filter(|w| w.chars().find(|c| c.is_alphanumeric()).is_some_and(|ch| !ch.is_lowercase())).count();
    !words.is_empty() && words.len() <= 10 && capitalised * 3 >= open.len() * 2 && !sentence_break
}

/// A paragraph closing with a capsule's credit tail: "1 hr. 42 PG-13
/// (violence, adult themes) - S.R.", "98 minutes. R."
fn is_capsule_tail(para: &str) -> bool {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\d\s*hrs?\.?\s*\d{1,2}|\d{2,3}\s*min(?:utes|s)?\.?)[^\n]{0,40}?(?:\bG|\bPG|\bPG-13|\bR|\bNC-17|\bNR|(?i:not\s+rated|unrated))\b[^\n]{0,80}$")
            .expect("static regex")
    });
    let last = para.trim_end().lines().last().unwrap_or("");
    para.len() > 120 && last.bytes().any(|b| b.is_ascii_digit()) && TAIL.is_match(last)
}

/// The critic's initials signing a capsule: "... PG-13 (language) - S.R.",
/// "—T.K."
pub(crate) fn initials(para: &str) -> Option<&str> {
    static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|\s)(?:-{1,2}|–|—)\s*(?P<i>(?:[A-Z]\.\s?){1,3}|[A-Z]{2,3})\s*$").expect("static regex")
    });
    let tail = para.trim_end();
    let tail = &tail[tail.floor_char_boundary(tail.len().saturating_sub(20))..];
    SIGNED.captures(tail).and_then(|c| c.name("i")).map(|m| m.as_str().trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, starts: &[&str]) {
        let parts = split(text);
        let got: Vec<&str> = parts.iter().map(|r| text[r.clone()].lines().next().unwrap_or("")).collect();
        assert_eq!(got.len(), starts.len(), "{got:?}");
        for (g, s) in got.iter().zip(starts) {
            assert!(g.starts_with(s), "{g:?} does not start with {s:?}");
        }
    }

    #[test]
    fn one_review_stays_whole() {
        let text = "THE BIG CHILL\nA film review by Someone\n\nProse about it.\n\nMore prose.\n";
        assert_eq!(split(text), vec![0..text.len()]);
    }

    #[test]
    fn capsules_with_heads_split() {
        let text = "WEEKEND ROUNDUP\n\nSailor Moon ***1/2 A schoolgirl finds her powers in a plucky cartoon that never slows down for a breath. 1 hr. 42 PG-13 (violence) - S.R.\n\nGhost Town ** A dentist sees the dead; the dead are funnier than he is, which the film knows too well. 1 hr. 40 PG-13 (language) - T.K.\n";
        check(text, &["Sailor Moon", "Ghost Town"]);
    }

    #[test]
    fn small_words_do_not_hide_a_title() {
        let text = "Midnight at the Aurora ** A horror comedy in a dying picture palace where the seats are hungry. 1 hr. 31 R (gore) - D.M.\n\nThe Last Tram to Kellerby * A bloated period romance that confuses costumes for characters all the way. 2 hrs. 14 PG-13 - S.R.\n";
        check(text, &["Midnight at the Aurora", "The Last Tram"]);
    }

    #[test]
    fn head_line_above_its_prose() {
        let text = "Old Favourites\n\nHOUSE OF CARDS (1989) ****\n  A touching, amusing story of two sisters who come under the care of\n  their odd aunt, told with patience and no tricks at all.\n\nTHE LONG WEEK (1979) ***\n  A gripping gangster story with great work by its two leads, and an\n  ending you will not forget for a while.\n\n-- a signature\n";
        check(text, &["HOUSE OF CARDS", "THE LONG WEEK"]);
    }

    #[test]
    fn rating_lines_are_not_capsules() {
        let text = "Picture: * * *1/2\nThe picture on this disc is sharp and clear, with only a few dark moments in the night scenes.\n\nSound- * * * *\nIncredible sound in every channel, with commentary tracks and an isolated score besides.\n";
        check(text, &["Picture"]);
        let text = "Acting ***\n\nPlot **\n\nOverall ***\n\nA long paragraph of prose about the film that runs on for a while and says what the critic thinks of it.\n";
        check(text, &["Acting"]);
    }

    #[test]
    fn review_headers_split_and_repeats_merge() {
        let text = "FIRST FILM -- a movie review by Ann Lee\n\nFIRST FILM is a fine picture about a long walk.\n\nB (report card)\n\nSECOND FILM -- a movie review by Ann Lee\n\nSECOND FILM is a poor one about a short drive.\n\nD (report card)\n";
        check(text, &["FIRST FILM", "SECOND FILM"]);
        let text = "ONE FILM\n   A film review by Ann Lee\n\nProse about the film at some length.\n\nONE FILM\n   A film review by Ann Lee\n\nProse about the film at some length.\n";
        assert_eq!(split(text), vec![0..text.len()]);
    }

    #[test]
    fn capsules_with_tails_split() {
        let text = "SAILOR MOON\nA schoolgirl finds her powers in a plucky cartoon that never slows down for a breath or a joke. 1 hr. 42 PG-13 (violence) - S.R.\n\nGHOST TOWN\nA dentist sees the dead; the dead are funnier than he is, which the film knows all too well. 100 minutes. PG-13 - T.K.\n";
        assert_eq!(split(text).len(), 2);
    }

    #[test]
    fn coda_after_the_last_signed_capsule() {
        let text = "Sailor Moon ***1/2 A schoolgirl finds her powers in a plucky cartoon that never slows down for a breath. 1 hr. 42 PG-13 (violence) - S.R.\n\nGhost Town ** A dentist sees the dead; the dead are funnier than he is, which the film knows too well. 1 hr. 40 PG-13 (language) - T.K.\n\nSailor Moon plays again on Sunday at noon.\n";
        let s = segments(text);
        assert_eq!(s.reviews.len(), 2);
        assert!(text[s.coda.expect("a coda")].starts_with("Sailor Moon plays again"));
    }

    #[test]
    fn initials_sign_a_capsule() {
        assert_eq!(initials("... PG-13 (language) - S.R.\n"), Some("S.R."));
        assert_eq!(initials("... 98 minutes. R. —T.K."), Some("T.K."));
        assert_eq!(initials("It was a long day - I slept."), None);
    }
}
