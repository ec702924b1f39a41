//! Highlighted snippets, cut without tokenizing whole reviews.
//!
//! tantivy's `SnippetGenerator` runs the field's analyzer (with English
//! stemming) over the whole text to find the best passage; for a 4 kB review
//! that is most of a search's time. We keep tantivy's fragment scoring but
//! feed it only a few windows of the text around the places where a query
//! term can occur, found with a plain substring search.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use memchr::memmem;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Score, Searcher};

use crate::Result;
use crate::query::Snippet;

/// Longest snippet, in characters.
pub(crate) const SNIPPET_CHARS: usize = 220;
/// Texts up to this many bytes are given to tantivy whole: looking for
/// windows would save nothing.
const WHOLE_TEXT_BYTES: usize = 2 * SNIPPET_CHARS;
/// Windows around candidate places tokenized per hit, at most.
const MAX_WINDOWS: usize = 3;
/// Candidate places looked at per term, at most (the first ones).
const MAX_PLACES_PER_TERM: usize = 32;
/// When no term is found by substring (a stem that is not a prefix of the
/// word, accents), how much of the text's opening is tokenized instead.
const FALLBACK_BYTES: usize = 4096;

/// Cuts snippets from the body text of hits for one query.
pub(crate) struct Snippets {
    generator: SnippetGenerator,
    /// Lower-case ASCII prefixes of the query's terms in the body field:
    /// every word that analyses to a term starts with its probe.
    probes: Vec<Vec<u8>>,
}

impl Snippets {
    /// The snippet maker for `query`'s terms in `field`.
    pub(crate) fn new(searcher: &Searcher, query: &dyn Query, field: Field) -> Result<Snippets> {
        let mut terms = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                terms.insert(term.clone());
            }
        });
        // The same weights as `SnippetGenerator::create`: rarer terms count more.
        let mut weighted: BTreeMap<String, Score> = BTreeMap::new();
        for term in &terms {
            let value = term.value();
            let Some(text) = value.as_str() else { continue };
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 {
                weighted.insert(text.to_owned(), 1.0 / (1.0 + doc_freq as Score));
            }
        }
        let probes = weighted.keys().map(|t| probe_of(t)).collect();
        let tokenizer = searcher.index().tokenizer_for_field(field)?;
        let generator = SnippetGenerator::new(weighted, tokenizer, field, SNIPPET_CHARS);
        Ok(Snippets { generator, probes })
    }

    /// The best passage of `text` for the query, or its opening when no
    /// query term is in it.
    pub(crate) fn cut(&self, text: &str) -> Snippet {
        let text = text.trim();
        if self.probes.is_empty() {
            return lead_of(text);
        }
        let best = if text.len() <= WHOLE_TEXT_BYTES {
            self.tantivy(text)
        } else {
            let windows = self.windows(text);
            if windows.is_empty() {
                self.tantivy(&text[..floor_char(text, FALLBACK_BYTES)])
            } else {
                // The best window's snippet; on a tie, the earlier window's.
                let mut best: Option<((usize, usize), Snippet)> = None;
                for snippet in windows.into_iter().filter_map(|w| self.tantivy(&text[w])) {
                    let r = rank(&snippet);
                    if best.as_ref().is_none_or(|(b, _)| r > *b) {
                        best = Some((r, snippet));
                    }
                }
                best.map(|(_, s)| s)
            }
        };
        best.unwrap_or_else(|| lead_of(text))
    }

    fn tantivy(&self, text: &str) -> Option<Snippet> {
        let snippet = self.generator.snippet(text);
        if snippet.is_empty() {
            return None;
        }
        Some(Snippet { text: snippet.fragment().to_owned(), highlighted: snippet.highlighted().to_vec() })
    }

    /// Byte ranges of `text` around the places where a term may occur, at
    /// word boundaries, the ones with the most distinct terms first.
    fn windows(&self, text: &str) -> Vec<Range<usize>> {
        let lower = text.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        // (place, which probe)
        let mut places: Vec<(usize, usize)> = Vec::new();
        for (i, probe) in self.probes.iter().enumerate() {
            let at_word_start = |&at: &usize| at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
            places.extend(memmem::find_iter(bytes, probe).filter(at_word_start).take(MAX_PLACES_PER_TERM).map(|at| (at, i)));
        }
        places.sort_unstable();
        // Merge the places' neighbourhoods into windows.
        let mut windows: Vec<(Range<usize>, BTreeSet<usize>)> = Vec::new();
        for (at, probe) in places {
            let start = at.saturating_sub(SNIPPET_CHARS);
            let end = (at + SNIPPET_CHARS).min(text.len());
            match windows.last_mut() {
                Some((w, probes)) if start <= w.end => {
                    w.end = w.end.max(end);
                    probes.insert(probe);
                }
                _ => windows.push((start..end, BTreeSet::from([probe]))),
            }
        }
        // Most distinct terms first, then earliest (a stable sort keeps order).
        windows.sort_by_key(|(_, probes)| std::cmp::Reverse(probes.len()));
        windows.into_iter().take(MAX_WINDOWS).map(|(w, _)| word_aligned(text, w)).collect()
    }
}

/// How good a snippet is: distinct highlighted words, then highlights.
fn rank(s: &Snippet) -> (usize, usize) {
    let words: BTreeSet<String> =
        s.highlighted.iter().filter_map(|r| s.text.get(r.clone())).map(str::to_lowercase).collect();
    (words.len(), s.highlighted.len())
}

/// The part of a term every word analysed to it starts with, lower case:
/// the English stemmer only rewrites a word's last letter or two ("happy" →
/// "happi", "hoping" → "hope"), so dropping the stem's last letter leaves a
/// prefix of the word. Short stems are kept whole.
fn probe_of(term: &str) -> Vec<u8> {
    let lower = term.to_ascii_lowercase();
    let keep = if lower.chars().count() >= 4 { lower.char_indices().last().map_or(lower.len(), |(i, _)| i) } else { lower.len() };
    lower.as_bytes()[..keep].to_vec()
}

/// The largest char boundary of `s` at or below `at`.
fn floor_char(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `w` shrunk to start after whitespace and end before it (unless it
/// reaches the text's ends), on char boundaries.
fn word_aligned(text: &str, w: Range<usize>) -> Range<usize> {
    let mut start = floor_char(text, w.start);
    let mut end = floor_char(text, w.end);
    if start > 0 {
        if let Some((space, c)) = text[start..end].char_indices().find(|(_, c)| c.is_whitespace()) {
            start += space + c.len_utf8();
        }
    }
    if end < text.len() {
        if let Some(space) = text[start..end].rfind(char::is_whitespace) {
            end = start + space;
        }
    }
    start..end
}

/// The opening of `text`, cut at a word boundary: the snippet when no query
/// word is in the text (fuzzy matches, matches on other fields).
pub(crate) fn lead_of(text: &str) -> Snippet {
    let text = text.trim();
    if text.chars().count() <= SNIPPET_CHARS {
        return Snippet { text: text.to_owned(), highlighted: Vec::new() };
    }
    let cut = text.char_indices().nth(SNIPPET_CHARS).map_or(text.len(), |(i, _)| i);
    let cut = text[..cut].rfind(char::is_whitespace).unwrap_or(cut);
    Snippet { text: format!("{}…", text[..cut].trim_end()), highlighted: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_are_prefixes_of_the_words_a_stem_comes_from() {
        assert_eq!(probe_of("happi"), b"happ");
        assert_eq!(probe_of("hope"), b"hop");
        assert_eq!(probe_of("eye"), b"eye");
    }

    #[test]
    fn windows_start_and_end_at_words() {
        let text = "alpha beta gamma delta";
        assert_eq!(&text[word_aligned(text, 2..19)], "beta gamma");
        assert_eq!(&text[word_aligned(text, 0..text.len())], text);
    }

    #[test]
    fn lead_cuts_at_a_word() {
        let long = "word ".repeat(100);
        let s = lead_of(&long);
        assert!(s.text.ends_with("word…"));
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 1);
    }
}
