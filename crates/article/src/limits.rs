//! Bounds on hostile markup, applied before any parser sees the page.
//!
//! html5ever builds trees of any depth, and some of its algorithms (the
//! reconstruction of active formatting elements for thousands of unclosed
//! `<b>`s) and rs-trafilatura's are slow on very deep trees. Real pages
//! nest well under a hundred levels, so tags below [`MAX_DEPTH`] are dropped
//! (their text is kept).
//!
//! html5ever also checks each attribute of a tag against every earlier one
//! for a duplicate, so one tag of 300,000 attributes (a 5 MB page) costs
//! hours. Real pages carry a few dozen at most (64 is the most on the 181
//! pages of the article benchmark), so a tag with more than
//! [`MAX_ATTRIBUTES`] is dropped too, and the page is reported as crowded:
//! [`crate::try_extract_page`] refuses it, [`crate::extract_page`] reads
//! the rest.
//!
//! The scan here is one pass over the page: a tag is read to its `>`, the
//! scan resumes after it, and once a tag is found with no end at all (an
//! unclosed quote running to the end of the page) the rest is read without
//! quotes, so no byte is scanned more than twice.

/// The deepest element nesting kept.
pub const MAX_DEPTH: usize = 256;

/// The most attributes one tag may carry.
pub const MAX_ATTRIBUTES: usize = 512;

/// Elements that never have content, so never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "!doctype",
];

/// Elements whose open tag closes an open element of the same name, as the
/// HTML parser does (`<p>a<p>b`, `<li>a<li>b`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "td", "th", "tr", "option", "dt", "dd"];

/// A page ready for the parser, and what had to be cut from it.
#[derive(Debug)]
pub struct Bounded<'a> {
    /// The page, without the tags beyond [`MAX_DEPTH`] or over
    /// [`MAX_ATTRIBUTES`].
    pub html: std::borrow::Cow<'a, str>,
    /// The most attributes seen on one tag, when some tag had more than
    /// [`MAX_ATTRIBUTES`].
    pub crowded: Option<usize>,
}

/// Returns `html` unchanged when it nests no deeper than `max_depth` (by an
/// approximate count of open and close tags), and otherwise a copy without
/// the tags beyond that depth.
#[cfg(test)]
pub fn flatten_deep(html: &str, max_depth: usize) -> std::borrow::Cow<'_, str> {
    bound(html, max_depth).html
}

/// Drops the tags nested deeper than `max_depth` and those with more than
/// [`MAX_ATTRIBUTES`] attributes; `html` comes back borrowed when none is.
pub fn bound(html: &str, max_depth: usize) -> Bounded<'_> {
    let bytes = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut crowded: Option<usize> = None;
    // Whether quotes are honoured: until a tag turns out to have no end.
    let mut quotes = true;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        let tag = match parse_tag(&bytes[start..], quotes) {
            Scan::Tag(tag) => tag,
            Scan::NotATag => {
                i = start + 1;
                continue;
            }
            Scan::Unterminated if quotes => {
                // Read again without quotes, from here to the end.
                quotes = false;
                continue;
            }
            // No `>` after this point at all: no tag can end.
            Scan::Unterminated => break,
        };
        let end = start + tag.len;
        let keep = if tag.attributes > MAX_ATTRIBUTES {
            crowded = crowded.max(Some(tag.attributes));
            false
        } else {
            match tag.kind {
                TagKind::Open if VOID.contains(&tag.name.as_str()) || tag.self_closing => true,
                TagKind::Open => {
                    if SELF_CLOSING_SIBLINGS.contains(&tag.name.as_str()) && stack.last() == Some(&tag.name) {
                        stack.pop();
                    }
                    stack.push(tag.name);
                    stack.len() <= max_depth
                }
                TagKind::Close => {
                    let depth = stack.len();
                    // Close back to the matching open element, looking a bounded
                    // way up, as the parser closes elements left open inside it.
                    if let Some(pos) = stack.iter().rev().take(64).position(|name| *name == tag.name) {
                        stack.truncate(stack.len() - pos - 1);
                    }
                    depth <= max_depth
                }
            }
        };
        if !keep {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..start]);
            copied = end;
        }
        i = end;
    }
    let html = match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut buffer) => {
            buffer.push_str(&html[copied..]);
            std::borrow::Cow::Owned(buffer)
        }
    };
    Bounded { html, crowded }
}

enum TagKind {
    Open,
    Close,
}

struct Tag {
    kind: TagKind,
    name: String,
    self_closing: bool,
    /// Bytes from `<` to `>` inclusive.
    len: usize,
    /// How many attributes it carries (approximately: names outside quotes).
    attributes: usize,
}

enum Scan {
    Tag(Tag),
    /// A comment or something that is not a tag (`< 3`).
    NotATag,
    /// A tag that never ends: its `>` is missing (or inside a quote that
    /// never closes).
    Unterminated,
}

/// Reads a tag at the start of `bytes` (which begins with `<`): its name,
/// length and number of attributes. The end is the next `>`, outside quotes
/// when `quotes` is set, so that a `>` inside an attribute does not end it.
fn parse_tag(bytes: &[u8], quotes: bool) -> Scan {
    let (kind, name_start) = match bytes.get(1) {
        Some(b'/') => (TagKind::Close, 2),
        Some(b) if b.is_ascii_alphabetic() => (TagKind::Open, 1),
        Some(b'!') if !bytes.starts_with(b"<!--") => (TagKind::Open, 1),
        _ => return Scan::NotATag,
    };
    let name_len = bytes[name_start..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        .unwrap_or(bytes.len() - name_start);
    let mut quote: Option<u8> = None;
    let mut attributes = 0;
    // After white space (an attribute may start) and after `=` (a value
    // comes next, not an attribute).
    let (mut gap, mut after_eq) = (true, false);
    for (at, &b) in bytes.iter().enumerate().skip(name_start + name_len) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if quotes => {
                quote = Some(b);
                (gap, after_eq) = (false, false);
            }
            (None, b'>') => {
                let self_closing = at > 0 && bytes[at - 1] == b'/';
                let name = String::from_utf8_lossy(&bytes[name_start..name_start + name_len]).to_ascii_lowercase();
                return Scan::Tag(Tag { kind, name, self_closing, len: at + 1, attributes });
            }
            (None, b'/') => gap = true,
            (None, b) if b.is_ascii_whitespace() => gap = true,
            (None, b'=') => (gap, after_eq) = (false, true),
            (None, _) => {
                if gap && !after_eq {
                    attributes += 1;
                }
                (gap, after_eq) = (false, false);
            }
        }
    }
    Scan::Unterminated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_unchanged() {
        let html = "<html><body><p>a<p>b<ul><li>x<li>y</ul><br><img src='a>b'></body></html>";
        assert!(matches!(flatten_deep(html, 5), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn attributes_are_counted() {
        let count = |tag: &str| match parse_tag(tag.as_bytes(), true) {
            Scan::Tag(tag) => tag.attributes,
            _ => usize::MAX,
        };
        assert_eq!(count("<p>"), 0);
        assert_eq!(count("<img src=a.png alt = 'a > b' hidden>"), 3);
        assert_eq!(count("<a href=\"x y\" class=z/>"), 2);
    }

    #[test]
    fn crowded_tags_are_dropped_and_reported() {
        let attributes: String = (0..600).map(|i| format!(" a{i}")).collect();
        let html = format!("<div><p{attributes}>text</p></div>");
        let bounded = bound(&html, MAX_DEPTH);
        assert_eq!(bounded.crowded, Some(600));
        assert_eq!(bounded.html, "<div>text</p></div>");
        assert_eq!(bound("<p a b c>text</p>", MAX_DEPTH).crowded, None);
    }

    #[test]
    fn an_unclosed_quote_does_not_hide_later_tags() {
        // The first tag never ends with quotes honoured; the rest of the
        // page is read without them, and the deep tags after it still go.
        let html = format!("<x a=\"{}deep</div>", "<div>".repeat(4));
        assert_eq!(flatten_deep(&html, 2), "<x a=\"<div><div>deep");
    }

    #[test]
    fn deep_tags_are_dropped_text_kept() {
        let html = "<div><div><div><div>deep</div></div></div></div>";
        assert_eq!(flatten_deep(html, 2), "<div><div>deep</div></div>");
    }
}
