//! Bytes to text: encoding detection, decoding, and the checks that tell text
//! from binary data.
//!
//! The order of evidence is: a byte order mark; UTF-16 without a BOM (text
//! whose every other byte is zero); binary signatures and zero bytes; valid
//! UTF-8 (multi-byte UTF-8 is almost never valid by accident, and saved pages
//! are often re-encoded to UTF-8 while keeping their old `<meta charset>`);
//! then the encoding the input declares (an HTTP header, an HTML `<meta>`);
//! and last chardetng's guess, which is how Windows-1252 and Latin-1 files
//! are read. Decoding never panics on any byte sequence.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeFailure {
    /// No bytes, or only white space.
    Empty,
    /// Not text; the reason names what gave it away.
    Binary(&'static str),
    /// Too many bytes are invalid in the named encoding.
    Undecodable(&'static str),
}

/// How many bytes the zero-byte and signature checks look at, like git and
/// ripgrep do: binary files show themselves early.
const SNIFF_LEN: usize = 8 * 1024;

/// How far into an HTML document a `<meta charset>` is looked for. The HTML
/// standard says 1024 bytes; pages in the wild put long `<script>`s first, so
/// we look a little further.
const META_SCAN_LEN: usize = 4 * 1024;

/// Decodes `bytes` into text. `declared` is an encoding label the input came
/// with (an HTTP `charset`); for HTML, the document's own `<meta charset>` is
/// looked at too.
pub fn decode(bytes: &[u8], declared: Option<&str>, html: bool) -> Result<String, DecodeFailure> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeFailure::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..]).and_then(check_text);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return decode_with(encoding, bytes).and_then(check_text);
    }
    if let Some(what) = binary_signature(bytes) {
        return Err(DecodeFailure::Binary(what));
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if memchr::memchr(0, head).is_some() {
        return Err(DecodeFailure::Binary("contains NUL bytes"));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text.to_owned());
    }
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| if html { meta_charset(bytes) } else { None })
        // A page cannot declare itself UTF-16 in ASCII; the standard reads
        // such a declaration as UTF-8, and `output_encoding` does that mapping.
        .map(Encoding::output_encoding)
        // The bytes were just found not to be UTF-8, so a UTF-8 declaration
        // is wrong; let detection decide.
        .filter(|encoding| *encoding != UTF_8);
    let encoding = declared.unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        detector.guess(None, true)
    });
    decode_with(encoding, bytes).and_then(check_text)
}

/// Decodes with `encoding`, allowing a few malformed sequences (real files
/// carry the odd stray byte; each becomes U+FFFD) but refusing input where
/// more than one byte in a thousand is invalid.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, DecodeFailure> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let invalid = text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
        if invalid > 1 + bytes.len() / 1000 {
            return Err(DecodeFailure::Undecodable(encoding.name()));
        }
    }
    Ok(text.into_owned())
}

/// Checks decoded text: refuses white space alone and text that is mostly
/// control characters (binary data that happened to decode).
pub fn check_text(text: String) -> Result<String, DecodeFailure> {
    if text.trim().is_empty() {
        return Err(DecodeFailure::Empty);
    }
    let mut chars = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(SNIFF_LEN) {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            control += 1;
        }
    }
    if control * 10 > chars {
        return Err(DecodeFailure::Binary("mostly control characters"));
    }
    if text.contains('\0') {
        // A zero byte past the sniffed head of otherwise good text: drop it
        // rather than hand a NUL to every later stage.
        return Ok(text.replace('\0', ""));
    }
    Ok(text)
}

/// UTF-16 without a byte order mark shows itself as text whose every other
/// byte is zero (for the Latin script). Returns the byte order when at least
/// 40% of the pairs have a zero on one side and almost none on the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even_zero += usize::from(pair[0] == 0);
        odd_zero += usize::from(pair[1] == 0);
    }
    if odd_zero * 10 >= pairs * 4 && even_zero * 50 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 4 && odd_zero * 50 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Signatures of common binary formats, some of which (PDF) can start with
/// many bytes that look like text.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"PK\x03\x04", "zip archive"),
        (b"\x1F\x8B", "gzip data"),
        (b"\x7FELF", "executable"),
        (b"BZh", "bzip2 data"),
        (b"\xFD7zXZ\x00", "xz data"),
        (b"\x28\xB5\x2F\xFD", "zstd data"),
        (b"SQLite format 3\x00", "SQLite database"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|&(_, what)| what)
}

/// The encoding an HTML document declares in `<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`.
///
/// A simplified form of the HTML standard's prescan, written by hand because
/// encoding_rs leaves it to the caller: it looks for `charset` inside a
/// `<meta` tag in the document's first bytes.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_LEN)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let tag_start = from + at;
        let tag_end = memchr::memchr(b'>', &lower[tag_start..]).map_or(lower.len(), |end| tag_start + end);
        let tag = &lower[tag_start..tag_end];
        if let Some(pos) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[pos + "charset".len()..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
                let end = rest
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
                    .unwrap_or(rest.len());
                if let Some(encoding) = Encoding::for_label(&rest[..end]) {
                    return Some(encoding);
                }
            }
        }
        from = tag_end.max(tag_start + 1);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[start..]
}

/// Whether decoded text is an HTML document rather than text that mentions a
/// tag: it must open (after white space, comments and an XML declaration) with
/// a doctype, `<html>`, `<head>` or `<body>`.
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    // Skip a bounded number of leading comments and declarations.
    for _ in 0..16 {
        let lower: String = rest.chars().take(16).collect::<String>().to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.starts_with("<head") || lower.starts_with("<body") {
            return true;
        }
        let skip_to = if rest.starts_with("<!--") {
            rest.find("-->").map(|end| end + 3)
        } else if rest.starts_with("<?") {
            rest.find("?>").map(|end| end + 2)
        } else {
            None
        };
        match skip_to {
            Some(end) => rest = rest[end..].trim_start(),
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_forms() {
        assert_eq!(meta_charset(b"<html><head><meta charset=\"ISO-8859-1\">").map(Encoding::name), Some("windows-1252"));
        assert_eq!(
            meta_charset(b"<meta http-equiv=Content-Type content='text/html; charset=shift_jis'>").map(Encoding::name),
            Some("Shift_JIS")
        );
        assert_eq!(meta_charset(b"<meta name=description content=charset>"), None);
        assert_eq!(meta_charset(b"<p>charset=utf-8</p>"), None);
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html("\n  <!DOCTYPE html><p>x"));
        assert!(looks_like_html("<!-- saved from url --><html>"));
        assert!(looks_like_html("<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"));
        assert!(!looks_like_html("A review that mentions <html> tags."));
        assert!(!looks_like_html("<b>bold</b> opening"));
    }
}
