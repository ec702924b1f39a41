//! Bounds on hostile markup, applied before any parser sees the page.
//!
//! html5ever builds trees of any depth, and some of its algorithms (the
//! reconstruction of active formatting elements for thousands of unclosed
//! `<b>`s) and rs-trafilatura's are slow on very deep trees. Real pages
//! nest well under a hundred levels, so tags below [`MAX_DEPTH`] are dropped
//! (their text is kept).

/// The deepest element nesting kept.
pub const MAX_DEPTH: usize = 256;

/// Elements that never have content, so never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "!doctype",
];

/// Elements whose open tag closes an open element of the same name, as the
/// HTML parser does (`<p>a<p>b`, `<li>a<li>b`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "td", "th", "tr", "option", "dt", "dd"];

/// Returns `html` unchanged when it nests no deeper than `max_depth` (by an
/// approximate count of open and close tags), and otherwise a copy without
/// the tags beyond that depth.
pub fn flatten_deep(html: &str, max_depth: usize) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = memchr_lt(&bytes[i..]) {
        let start = i + offset;
        let Some(tag) = parse_tag(&bytes[start..]) else {
            i = start + 1;
            continue;
        };
        let end = start + tag.len;
        let keep = match tag.kind {
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
        };
        if !keep {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..start]);
            copied = end;
        }
        i = end;
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut buffer) => {
            buffer.push_str(&html[copied..]);
            std::borrow::Cow::Owned(buffer)
        }
    }
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
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
}

/// Reads a tag at the start of `bytes` (which begins with `<`): its name and
/// length. Comments and things that are not tags give `None`. The end is the
/// next `>` outside quotes, so a `>` inside an attribute does not end it.
fn parse_tag(bytes: &[u8]) -> Option<Tag> {
    let (kind, name_start) = match bytes.get(1)? {
        b'/' => (TagKind::Close, 2),
        b if b.is_ascii_alphabetic() => (TagKind::Open, 1),
        b'!' if !bytes.starts_with(b"<!--") => (TagKind::Open, 1),
        _ => return None,
    };
    let name_len = bytes[name_start..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        .unwrap_or(bytes.len() - name_start);
    let name = String::from_utf8_lossy(&bytes[name_start..name_start + name_len]).to_ascii_lowercase();
    let mut quote: Option<u8> = None;
    for (at, &b) in bytes.iter().enumerate().skip(name_start + name_len) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => {
                let self_closing = at > 0 && bytes[at - 1] == b'/';
                return Some(Tag { kind, name, self_closing, len: at + 1 });
            }
            _ => {}
        }
    }
    None
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
    fn deep_tags_are_dropped_text_kept() {
        let html = "<div><div><div><div>deep</div></div></div></div>";
        assert_eq!(flatten_deep(html, 2), "<div><div>deep</div></div>");
    }
}
