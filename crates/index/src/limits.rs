//! The bounds on one search, checked on the query's text before tantivy
//! parses it or allocates anything for it.
//!
//! Every search goes through [`check`], from the CLI and from HTTP alike, so
//! that no query can overflow the stack, allocate in proportion to a page
//! number, or multiply its cost by its length. The figures, and what they
//! bound:
//!
//! - [`MAX_QUERY_BYTES`] (1,024): the text. Parsing and analysing are linear
//!   in it.
//! - [`MAX_QUERY_NESTING`] (32): groups `(…)` and `NOT`s in all. tantivy's
//!   query grammar parses each group and each `NOT` by recursion, and so do
//!   the conversion to a query and the scorers under it: 3,000 nested groups
//!   overflow an 8 MB stack. Counting every `(` and every `NOT` is an upper
//!   bound on the depth that needs no parse (quotes and escapes cannot fool
//!   it); 32 is far below what overflows a 2 MB thread stack in a debug
//!   build, and far above what a person types.
//! - [`MAX_QUERY_TERMS`] (32): words, counted as tantivy's tokenizer splits
//!   them (runs of letters and digits), plus one per range and set value. The
//!   query runs over six default fields, so each word costs six term
//!   queries.
//! - [`MAX_FUZZY_TERMS`] (8): the retry with typos allowed (run only when
//!   nothing matched exactly) builds one Levenshtein automaton per word per
//!   field (about 1 kB per automaton state, a few states per letter) and one
//!   bit set per automaton per index segment (one bit per document). That is
//!   where 2,000 unmatched words cost a gigabyte; a query of more single
//!   words than this is answered exactly, without the retry.
//! - [`MAX_RESULT_WINDOW`] (10,000): offset plus limit. tantivy keeps the top
//!   `offset + limit` hits in memory to find a page, so the offset must be
//!   bounded; 10,000 is Elasticsearch's default `max_result_window`.
//!
//! With these bounds one search holds at most 8 words × 6 fields = 48
//! automata (tokens are at most 40 bytes, `schema::register_tokenizers`) and
//! 48 document bit sets per segment: a few megabytes at ramr's size (75,063
//! documents); `crates/serve/BENCH.md` has the measured peak.

use tantivy::query_grammar::{UserInputAst, UserInputLeaf};

use crate::query::SearchQuery;
use crate::{Error, Result};

/// Longest query text, in bytes.
pub const MAX_QUERY_BYTES: usize = 1_024;
/// Most groups (`(`) and `NOT`s in one query: an upper bound on its nesting.
pub const MAX_QUERY_NESTING: usize = 32;
/// Most words (and range or set values) in one query.
pub const MAX_QUERY_TERMS: usize = 32;
/// Most single words for which the typo-tolerant retry is tried.
pub const MAX_FUZZY_TERMS: usize = 8;
/// The deepest hit a page may reach: `offset + limit` at most this.
pub const MAX_RESULT_WINDOW: usize = 10_000;

/// What [`check`] learnt of a query that passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    /// Whether the typo-tolerant retry may run: few enough single words.
    pub(crate) fuzzy_allowed: bool,
}

/// Refuses a query over any of the bounds, with an [`Error::Limit`] that
/// names the bound; otherwise says what the query is made of.
pub(crate) fn check(q: &SearchQuery, limit: usize) -> Result<Shape> {
    let window = q.offset.checked_add(limit).unwrap_or(usize::MAX);
    if window > MAX_RESULT_WINDOW {
        return Err(Error::Limit(format!(
            "the page reaches hit {window}; only the first {MAX_RESULT_WINDOW} hits can be paged through (narrow the search instead)"
        )));
    }
    let text = q.text.trim();
    if text.len() > MAX_QUERY_BYTES {
        return Err(Error::Limit(format!(
            "the query is {} bytes long; at most {MAX_QUERY_BYTES}",
            text.len()
        )));
    }
    let nesting = nesting_bound(text);
    if nesting > MAX_QUERY_NESTING {
        return Err(Error::Limit(format!(
            "the query has {nesting} groups and NOTs; at most {MAX_QUERY_NESTING}"
        )));
    }
    // The nesting is bounded now, so parsing (recursive) is safe. A query
    // that does not parse is left to tantivy's parser, which says why.
    let Ok(ast) = tantivy::query_grammar::parse_query(text) else {
        return Ok(Shape { fuzzy_allowed: false });
    };
    let mut count = Count::default();
    count.ast(&ast);
    if count.terms > MAX_QUERY_TERMS {
        return Err(Error::Limit(format!(
            "the query has {} words; at most {MAX_QUERY_TERMS}",
            count.terms
        )));
    }
    Ok(Shape { fuzzy_allowed: count.single_words <= MAX_FUZZY_TERMS })
}

/// An upper bound on how deeply `text` nests: every group opens with `(`
/// and every negation by keyword is `NOT` and a space, so their count bounds
/// the depth whatever the quotes and escapes around them.
fn nesting_bound(text: &str) -> usize {
    let parens = memchr::memchr_iter(b'(', text.as_bytes()).count();
    let nots = text
        .match_indices("NOT")
        .filter(|(at, _)| text[at + 3..].starts_with(char::is_whitespace))
        .count();
    parens + nots
}

#[derive(Debug, Default)]
struct Count {
    /// Words, range bounds and set values.
    terms: usize,
    /// Literals that are one word: the ones the typo retry expands.
    single_words: usize,
}

impl Count {
    fn ast(&mut self, ast: &UserInputAst) {
        match ast {
            UserInputAst::Clause(clauses) => clauses.iter().for_each(|(_, sub)| self.ast(sub)),
            UserInputAst::Boost(sub, _) => self.ast(sub),
            UserInputAst::Leaf(leaf) => self.leaf(leaf),
        }
    }

    fn leaf(&mut self, leaf: &UserInputLeaf) {
        match leaf {
            UserInputLeaf::Literal(literal) => {
                let words = words(&literal.phrase);
                self.terms += words;
                if words == 1 {
                    self.single_words += 1;
                }
            }
            UserInputLeaf::All => {}
            UserInputLeaf::Set { elements, .. } => self.terms += elements.len(),
            _ => self.terms += 1,
        }
    }
}

/// Words as tantivy's `SimpleTokenizer` cuts them: runs of alphanumerics.
fn words(phrase: &str) -> usize {
    phrase.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Result<Shape> {
        check(&SearchQuery::new(text), 20)
    }

    #[test]
    fn nesting_counts_groups_and_nots_whatever_the_quotes() {
        assert_eq!(nesting_bound("a (b (c)) NOT d"), 3);
        assert_eq!(nesting_bound(r#""(" \( NOTE"#), 2);
        assert_eq!(nesting_bound("NOT\tx NOT"), 1);
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(words("private-eye 1974"), 3);
        assert_eq!(words("--"), 0);
    }

    #[test]
    fn each_bound_is_named_in_its_error() {
        let deep = format!("{}love{}", "(".repeat(40), ")".repeat(40));
        let many = (0..40).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        for (text, needle) in [(deep.as_str(), "groups"), (many.as_str(), "words"), (&"x".repeat(2000), "bytes")] {
            match shape(text) {
                Err(Error::Limit(message)) => assert!(message.contains(needle), "{message}"),
                other => panic!("{text:.40}: {other:?}"),
            }
        }
        let far = SearchQuery { offset: MAX_RESULT_WINDOW, ..SearchQuery::new("love") };
        assert!(matches!(check(&far, 20), Err(Error::Limit(m)) if m.contains("first 10000 hits")));
        let overflow = SearchQuery { offset: usize::MAX, ..SearchQuery::new("love") };
        assert!(matches!(check(&overflow, 20), Err(Error::Limit(_))));
    }

    #[test]
    fn the_typo_retry_is_for_short_queries() {
        assert!(shape("hitchcok").unwrap().fuzzy_allowed);
        assert!(shape("a b c d e f g h").unwrap().fuzzy_allowed);
        assert!(!shape("a b c d e f g h i").unwrap().fuzzy_allowed);
        // A phrase is one literal of many words: never expanded by typos.
        assert!(shape(r#""a b c d e f g h i j""#).unwrap().fuzzy_allowed);
    }
}
