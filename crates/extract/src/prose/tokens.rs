//! A small tokenizer for prose: words, punctuation and paragraph breaks, with
//! the flags the name and title rules need (capitalised, ALL-CAPS, first on a
//! line, first in a sentence).
//!
//! Written by hand because the rules need byte offsets, possessives split
//! off, and sentence starts that survive "p.m." and "Dr."; a general-purpose
//! segmenter (unicode-segmentation) would still leave all of that to do.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and digits, with inner apostrophes and hyphens.
    Word,
    /// A possessive ending split off a word: `'s`, `’s`, or a bare `’` after s.
    Poss,
    /// Any other non-space character.
    Punct,
    /// A blank line.
    Break,
}

/// One token; `start..end` is its byte range in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// First character upper case.
    pub cap: bool,
    /// At least two letters, all upper case.
    pub upper: bool,
    /// First token on its line.
    pub line_start: bool,
    /// First token of a sentence.
    pub sent_start: bool,
    /// [`fold_hash`] of the word (0 for other tokens), so that [`Lex`]
    /// lookups reject most words without comparing strings.
    pub h: u32,
}

/// FNV-1a over the ASCII-lower-cased bytes of a word.
pub(crate) const fn fold_hash(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i].to_ascii_lowercase() as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

/// A small set of words matched ignoring ASCII case, with a 256-bit Bloom
/// filter built at compile time over [`fold_hash`]: the rules ask "is this
/// token one of these words" millions of times over a corpus, and nearly
/// every answer is no. Build one with `lex!`.
pub(crate) struct Lex {
    pub words: &'static [&'static str],
    bloom: [u64; 4],
}

impl Lex {
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        let mut bloom = [0u64; 4];
        let mut i = 0;
        while i < words.len() {
            let h = fold_hash(words[i].as_bytes());
            let (a, b) = ((h & 255) as usize, ((h >> 8) & 255) as usize);
            bloom[a / 64] |= 1 << (a % 64);
            bloom[b / 64] |= 1 << (b % 64);
            i += 1;
        }
        Lex { words, bloom }
    }

    /// Whether a word of hash `h` may be in the set (no false negatives).
    #[inline]
    pub(crate) fn may_hold(&self, h: u32) -> bool {
        let (a, b) = ((h & 255) as usize, ((h >> 8) & 255) as usize);
        self.bloom[a / 64] >> (a % 64) & 1 == 1 && self.bloom[b / 64] >> (b % 64) & 1 == 1
    }
}

/// A tokenized text.
pub(crate) struct Toks<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// Words the text also writes in lower case, so common words wherever
    /// they start a sentence with a capital ("Cops" beside "cops").
    lower: std::collections::HashSet<&'a str>,
}

fn is_inner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '{' | '}' | '|')
}

/// The shortest line that a hard-wrapped paragraph breaks after: lines of
/// running prose are wrapped at 60 to 80 columns, list entries are shorter.
const SOFT_WRAP_MIN: usize = 40;

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Rep", "Sen", "Gov", "Capt", "Cpt", "Lt", "Col",
    "Gen", "Sgt", "Prof", "Rev", "vs", "Mt", "No", "Vol", "etc", "Inc", "Co", "Bros", "Ft",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

impl<'a> Toks<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 4);
        let bytes = text.as_bytes();
        let mut iter = text.char_indices().peekable();
        let mut newlines = 0usize;
        let mut line_start = true;
        while let Some((i, c)) = iter.next() {
            if c == '\n' {
                newlines += 1;
                line_start = true;
                if newlines == 2 {
                    toks.push(Tok { start: i, end: i + 1, kind: Kind::Break, cap: false,
                                    upper: false, line_start: true, sent_start: false, h: 0 });
                }
                continue;
            }
            if c.is_whitespace() {
                continue;
            }
            newlines = 0;
            if c.is_alphanumeric() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = iter.peek() {
                    if d.is_alphanumeric() {
                        end = j + d.len_utf8();
                        iter.next();
                    } else if matches!(d, '{' | '}' | '|') && text[..j].ends_with(char::is_alphabetic)
                        || (matches!(d, '{' | '}') && text[..j].ends_with(['{', '}'])) {
                        // Old 7-bit encodings print "ä" as "{" ("Kaurism{ki").
                        end = j + d.len_utf8();
                        iter.next();
                    } else if is_inner(d) {
                        // Inner only when a letter or digit follows.
                        let after = text[j + d.len_utf8()..].chars().next();
                        if after.is_some_and(char::is_alphanumeric) {
                            end = j + d.len_utf8();
                            iter.next();
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                let word = &text[i..end];
                // Split a possessive "'s" / "’s" off the word.
                let (wend, poss) = possessive_split(word);
                let letters = word[..wend].chars().filter(|c| c.is_alphabetic()).count();
                let upper = letters >= 2
                    && word[..wend].chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
                toks.push(Tok { start: i, end: i + wend, kind: Kind::Word, cap: c.is_uppercase(),
                                upper, line_start, sent_start: false,
                                h: fold_hash(&bytes[i..i + wend]) });
                if poss {
                    toks.push(Tok { start: i + wend, end, kind: Kind::Poss, cap: false,
                                    upper: false, line_start: false, sent_start: false, h: 0 });
                }
                line_start = false;
                continue;
            }
            // A bare apostrophe after a word ending in s is a possessive ("Moss’ performance").
            if matches!(c, '\'' | '’')
                && let Some(prev) = toks.last()
                && prev.kind == Kind::Word
                && prev.end == i
                && text[..i].ends_with(['s', 'S'])
                && !text[i + c.len_utf8()..].starts_with(char::is_alphanumeric)
            {
                toks.push(Tok { start: i, end: i + c.len_utf8(), kind: Kind::Poss, cap: false,
                                upper: false, line_start: false, sent_start: false, h: 0 });
                continue;
            }
            toks.push(Tok { start: i, end: i + c.len_utf8(), kind: Kind::Punct, cap: false,
                            upper: false, line_start, sent_start: false, h: 0 });
            line_start = false;
        }
        let lower = toks.iter()
            .filter(|t| t.kind == Kind::Word && text[t.start..].starts_with(char::is_lowercase))
            .map(|t| &text[t.start..t.end])
            .collect();
        let mut out = Toks { text, toks, lower };
        out.mark_sentences();
        out
    }

    fn mark_sentences(&mut self) {
        let mut start = true;
        for k in 0..self.toks.len() {
            let t = self.toks[k];
            match t.kind {
                Kind::Break => start = true,
                Kind::Word | Kind::Poss => {
                    if start && t.kind == Kind::Word {
                        self.toks[k].sent_start = true;
                    }
                    start = false;
                }
                Kind::Punct => {
                    let c = self.ch(k);
                    if matches!(c, '!' | '?') {
                        start = true;
                    } else if c == '.' {
                        start = !(k > 0 && self.is_abbrev(k - 1));
                    } else if matches!(c, '"' | '“' | '‘' | '(' | '[' | '`' | '\'' | '-' | '—' | '*') {
                        // Opening marks keep the state they found.
                    } else {
                        start = false;
                    }
                }
            }
        }
    }

    /// Token `k` is a word whose following period is an abbreviation's or an initial's.
    fn is_abbrev(&self, k: usize) -> bool {
        let t = self.toks[k];
        if t.kind != Kind::Word || self.toks.get(k + 1).is_none_or(|n| n.start != t.end) {
            return false;
        }
        let w = self.s(k);
        w.chars().count() == 1 || ABBREVIATIONS.contains(&w)
    }

    /// Token `k` opens a sentence with a word the text elsewhere writes in
    /// lower case: a common word, not a name.
    pub(crate) fn common_at_start(&self, k: usize) -> bool {
        let t = self.toks[k];
        t.sent_start && t.cap && !t.upper && self.lower.contains(self.s(k).to_lowercase().as_str())
    }

    /// Token `k` opens a line that continues the line before it: the break
    /// is a soft wrap in running prose (the line before or this one is
    /// long), not the end of an entry in a list or a credit column, where
    /// both lines are short.
    pub(crate) fn soft_wrap(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else { return false };
        if !t.line_start {
            return false;
        }
        let before = &self.text[..t.start];
        let Some(nl) = before.rfind('\n') else { return false };
        let line = &before[before[..nl].rfind('\n').map_or(0, |i| i + 1)..nl];
        let rest = &self.text[t.start..];
        let this = &rest[..rest.find('\n').unwrap_or(rest.len())];
        line.trim().len() >= SOFT_WRAP_MIN || this.trim().len() >= SOFT_WRAP_MIN
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// The text of token `k`.
    pub(crate) fn s(&self, k: usize) -> &'a str {
        self.toks.get(k).map_or("", |t| &self.text[t.start..t.end])
    }

    /// The first character of token `k`.
    pub(crate) fn ch(&self, k: usize) -> char {
        self.s(k).chars().next().unwrap_or(' ')
    }

    /// The kind of token `k`; past the end, a break.
    pub(crate) fn kind(&self, k: usize) -> Kind {
        self.toks.get(k).map_or(Kind::Break, |t| t.kind)
    }

    pub(crate) fn is_word(&self, k: usize) -> bool {
        k < self.toks.len() && self.toks[k].kind == Kind::Word
    }

    /// Token `k` is the punctuation character `c`.
    pub(crate) fn is_p(&self, k: usize, c: char) -> bool {
        k < self.toks.len() && self.toks[k].kind == Kind::Punct && self.ch(k) == c
    }

    /// Token `k` is a word equal to `w`, ignoring case.
    pub(crate) fn is_w(&self, k: usize, w: &str) -> bool {
        self.is_word(k) && self.s(k).eq_ignore_ascii_case(w)
    }

    /// Token `k` is a word in `set`, ignoring case.
    #[inline]
    pub(crate) fn is_any(&self, k: usize, set: &Lex) -> bool {
        let Some(t) = self.toks.get(k) else { return false };
        if t.kind != Kind::Word || !set.may_hold(t.h) {
            return false;
        }
        let s = &self.text[t.start..t.end];
        set.words.iter().any(|w| s.eq_ignore_ascii_case(w))
    }

    /// Token `k` is a lower-case word.
    pub(crate) fn is_lower(&self, k: usize) -> bool {
        self.is_word(k) && self.s(k).starts_with(char::is_lowercase)
    }

    /// The text between the start of token `a` and the end of token `b - 1`,
    /// with runs of white space collapsed to one space.
    pub(crate) fn span(&self, a: usize, b: usize) -> String {
        if a >= b {
            return String::new();
        }
        let raw = &self.text[self.toks[a].start..self.toks[b - 1].end];
        collapse(raw)
    }
}

/// Splits "Perry’s" into "Perry" and a possessive; returns the word's end and
/// whether a possessive followed.
fn possessive_split(word: &str) -> (usize, bool) {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
            return (word.len() - suffix.len(), true);
        }
    }
    (word.len(), false)
}

/// Collapses white space to single spaces.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (n, part) in s.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, Kind)> {
        let t = Toks::new(text);
        (0..t.len()).map(|k| (t.s(k).to_owned(), t.kind(k))).collect()
    }

    #[test]
    fn splits_possessives() {
        let w = words("Perry’s film and Moss’ part, O'Neil's hat");
        assert_eq!(w[0], ("Perry".into(), Kind::Word));
        assert_eq!(w[1].1, Kind::Poss);
        assert_eq!(w[4], ("Moss".into(), Kind::Word));
        assert_eq!(w[5].1, Kind::Poss);
        assert_eq!(w[8], ("O'Neil".into(), Kind::Word));
        assert_eq!(w[9].1, Kind::Poss);
    }

    #[test]
    fn keeps_inner_hyphens_and_marks_breaks() {
        let w = words("writer-director Eru Potaka-Dewes\n\nNext");
        assert_eq!(w[0].0, "writer-director");
        assert_eq!(w[2].0, "Potaka-Dewes");
        assert_eq!(w[3].1, Kind::Break);
    }

    #[test]
    fn sentence_starts_survive_abbreviations() {
        let t = Toks::new("At 6:30 p.m. Saturday we met Dr. Smith. Then it rained.");
        let starts: Vec<&str> =
            (0..t.len()).filter(|&k| t.toks[k].sent_start).map(|k| t.s(k)).collect();
        assert_eq!(starts, ["At", "Then"]);
    }

    #[test]
    fn soft_wraps_are_long_lines() {
        let t = Toks::new("Arlo Benning as Walt\nSimone Achebe as Ruth\nand a long line of running prose that wraps here\nFraser\nnamed Erin (Julia\nRoberts) who sticks it to a huge corporation at first");
        let k = |w: &str| (0..t.len()).find(|&k| t.s(k) == w).expect("token");
        assert!(!t.soft_wrap(k("Simone")));
        assert!(!t.soft_wrap(k("Achebe")));
        assert!(t.soft_wrap(k("Fraser")));
        assert!(t.soft_wrap(k("Roberts")), "a short line before a long one is a wrap");
    }

    #[test]
    fn flags_capitals() {
        let t = Toks::new("the BIG CHILL and Bully, a Q");
        assert!(t.toks[1].upper && t.toks[2].upper);
        assert!(!t.toks[0].cap && t.toks[4].cap && !t.toks[4].upper);
        assert!(!t.toks[7].upper, "one letter is not ALL-CAPS");
    }
}
