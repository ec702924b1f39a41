//! Normalisation, tokenisation and sentence splitting.
//!
//! The training corpora are lower-cased and tokenised ("it 's" is kept as
//! `it's`, punctuation stands apart: `" conan "`, `. . .`), while users hand
//! us raw text: capitals, curly quotes, em dashes, ellipses, accents and HTML
//! entities. Both go through the same [`for_each_token`], which ignores the
//! spacing around punctuation, so `It’s “great”…` and `it's " great " . . .`
//! give the same tokens. This is the only place that decides what a token is.

use unicode_normalization::char::decompose_canonical;

/// Calls `f` with each normalised token of `text`, in order.
///
/// A token is a run of letters and digits, joined across a single inner
/// apostrophe or hyphen (`it's`, `sci-fi`), or one punctuation character.
/// Letters are lower-cased and stripped of accents; typographic quotes,
/// dashes and ellipses become their ASCII spellings; HTML entities are decoded.
pub fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    // Tokens are cut from `text` or built from whole characters, so they are
    // valid UTF-8 and the conversion never yields the empty default.
    for_each_token_bytes(text, |t, _| f(std::str::from_utf8(t).unwrap_or_default()));
}

/// [`for_each_token`] with each token's UTF-8 bytes and the byte offset in
/// `text` where it starts: what hashing and evidence need, without
/// re-checking the bytes.
pub(crate) fn for_each_token_bytes(text: &str, mut f: impl FnMut(&[u8], usize)) {
    if text.is_ascii() && !text.contains('&') {
        return for_each_ascii_token(text.as_bytes(), f);
    }
    let mut word = String::with_capacity(32);
    let mut word_start = 0;
    let mut chars = Normalised::new(text);
    let mut current = chars.next_at();
    while let Some((c, at)) = current {
        let next = chars.next_at();
        if c.is_alphanumeric() {
            if word.len() >= 64 {
                // As in `for_each_ascii_token`: a run longer than any word is cut.
                f(word.as_bytes(), word_start);
                word.clear();
            }
            if word.is_empty() {
                word_start = at;
            }
            word.push(c);
        } else if (c == '\'' || c == '-') && !word.is_empty() && next.is_some_and(|(n, _)| n.is_alphanumeric()) {
            word.push(c);
        } else {
            if !word.is_empty() {
                f(word.as_bytes(), word_start);
                word.clear();
            }
            if !c.is_whitespace() {
                let mut buf = [0u8; 4];
                f(c.encode_utf8(&mut buf).as_bytes(), at);
            }
        }
        current = next;
    }
    if !word.is_empty() {
        f(word.as_bytes(), word_start);
    }
}

/// Whether a byte can be part of a word in ASCII text.
const fn ascii_word_table() -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
}

static ASCII_WORD: [bool; 256] = ascii_word_table();

/// [`for_each_token`] for ASCII text without entities, the common case,
/// byte by byte: the same rules without the character mapping.
fn for_each_ascii_token(bytes: &[u8], mut f: impl FnMut(&[u8], usize)) {
    let mut word = [0u8; 64];
    let mut len = 0usize;
    let mut start = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if ASCII_WORD[usize::from(b)]
            || ((b == b'\'' || b == b'-') && len > 0 && bytes.get(i).is_some_and(|n| ASCII_WORD[usize::from(*n)]))
        {
            if len == word.len() {
                // A run longer than any word: emit it in pieces rather than grow.
                f(&word[..len], start);
                len = 0;
            }
            if len == 0 {
                start = i - 1;
            }
            word[len] = b.to_ascii_lowercase();
            len += 1;
            continue;
        }
        if len > 0 {
            f(&word[..len], start);
            len = 0;
        }
        if !b.is_ascii_whitespace() && b != 0x0b {
            f(std::slice::from_ref(&bytes[i - 1]), i - 1);
        }
    }
    if len > 0 {
        f(&word[..len], start);
    }
}

/// The normalised tokens of `text` as owned strings (for tests and tools;
/// scoring uses [`for_each_token`], which does not allocate per token).
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t.to_owned()));
    out
}

/// An iterator over the characters of a text after entity decoding, case
/// folding, accent stripping and typographic-to-ASCII mapping. Characters that
/// expand (an ellipsis into three full stops) are queued in `pending`.
struct Normalised<'a> {
    rest: &'a str,
    pending: [char; 3],
    n_pending: usize,
    /// The length of the whole text, to tell offsets from `rest`.
    len: usize,
    /// The offset of the source character of the last character returned.
    last: usize,
}

impl<'a> Normalised<'a> {
    fn new(text: &'a str) -> Self {
        Normalised { rest: text, pending: ['\0'; 3], n_pending: 0, len: text.len(), last: 0 }
    }

    /// The next character and the byte offset of the text it comes from.
    fn next_at(&mut self) -> Option<(char, usize)> {
        let c = self.next()?;
        Some((c, self.last))
    }

    fn queue(&mut self, c: char, times: usize) -> char {
        // `times` is at most 3, the length of `pending`.
        for slot in self.pending.iter_mut().take(times - 1) {
            *slot = c;
        }
        self.n_pending = times - 1;
        c
    }
}

impl Iterator for Normalised<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if self.n_pending > 0 {
            self.n_pending -= 1;
            return Some(self.pending[self.n_pending]);
        }
        self.last = self.len - self.rest.len();
        let mut iter = self.rest.chars();
        let c = iter.next()?;
        self.rest = iter.as_str();
        let c = if c == '&' {
            match decode_entity(self.rest) {
                Some((decoded, len)) => {
                    self.rest = &self.rest[len..];
                    decoded
                }
                None => '&',
            }
        } else {
            c
        };
        if c.is_ascii() {
            return Some(c.to_ascii_lowercase());
        }
        Some(match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
            | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
            | '\u{2033}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => '-',
            // The corpora spell a dash as `--`.
            '\u{2014}' | '\u{2015}' => self.queue('-', 2),
            '\u{2026}' => self.queue('.', 3),
            '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{3000}' => ' ',
            c => fold_letter(c),
        })
    }
}

/// Lower-cases `c` and drops its accents (`É` -> `e`), keeping the base
/// letter of its canonical decomposition.
fn fold_letter(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let mut base = None;
    decompose_canonical(lower, |d| {
        if base.is_none() {
            base = Some(d);
        }
    });
    base.unwrap_or(lower)
}

/// Decodes an HTML character reference at the start of `s` (just after the
/// `&`), returning the character and the bytes consumed, `;` included.
///
/// Written by hand because only a dozen named entities occur in review text
/// and the HTML parsers in the workspace decode whole documents, not a
/// reference inside plain text.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(10).position(|b| b == b';')?;
    let name = &s[..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match name {
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            "lt" => '<',
            "gt" => '>',
            "nbsp" => ' ',
            "rsquo" | "lsquo" => '\'',
            "ldquo" | "rdquo" | "laquo" | "raquo" => '"',
            "ndash" => '-',
            "mdash" => '\u{2014}',
            "hellip" => '\u{2026}',
            "eacute" => 'e',
            "egrave" => 'e',
            "aacute" | "agrave" => 'a',
            "oacute" | "ouml" => 'o',
            "uuml" | "uacute" => 'u',
            "iacute" => 'i',
            "ntilde" => 'n',
            "ccedil" => 'c',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// Splits `text` into sentences, returned as byte ranges of `text` with the
/// surrounding whitespace trimmed, so `&text[range]` is the sentence verbatim.
///
/// A sentence ends after `.`, `!` or `?` (and any closing quotes or brackets)
/// when whitespace follows and the next word does not start in lower case,
/// unless the full stop ends a common abbreviation ("Mr.", "St."). A blank
/// line always ends a sentence, since headings and credit lines rarely carry
/// a full stop. Hard-wrapped single line breaks do not.
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let mut cut = None;
        if b == b'\n' {
            // A blank line (only spaces between two line breaks) ends a sentence.
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                cut = Some((i, j));
            }
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            // Closing curly quotes are three bytes long in UTF-8.
            while text[j..].starts_with(['\u{201D}', '\u{2019}']) {
                j += 3;
            }
            let after = &text[j..];
            let next_word = after.trim_start();
            if (after.is_empty() || after.starts_with(char::is_whitespace))
                && !next_word.starts_with(char::is_lowercase)
                && !(b == b'.' && ends_with_abbreviation(&text[start..i]))
            {
                cut = Some((j, j));
            }
        }
        if let Some((end, resume)) = cut {
            push_trimmed(text, start..end, &mut out);
            start = resume;
            i = resume.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: std::ops::Range<usize>, out: &mut Vec<std::ops::Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// Whether the text before a full stop ends with a title or abbreviation
/// that does not end a sentence, or with a single capital (an initial).
fn ends_with_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "mt", "prof", "gen", "col", "lt",
        "sgt", "capt", "rev", "etc", "no", "vol", "ft", "u.s", "e.g", "i.e",
    ];
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
        || (word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()))
}
