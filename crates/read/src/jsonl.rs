//! JSON Lines files: one document per line, `{"id"?, "text" | "html", "url"?}`.
//!
//! A bad line (not JSON, no `text` or `html`, over the size limit) is an
//! error for `file.jsonl:LINE` and the rest of the file is still read. A read
//! error (a truncated gzip stream) ends the file.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use marquee_model::{Body, Document};
use serde::Deserialize;

use crate::decode;
use crate::error::{InputError, Result};

/// An open JSON Lines file being read line by line.
pub struct JsonlFile {
    reader: BufReader<Box<dyn Read>>,
    /// The file name without directories, for `source`.
    name: String,
    /// The full path, for `origin` and messages.
    path: String,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

/// One record. Unknown fields are ignored: corpora carry labels beside the
/// text.
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

impl JsonlFile {
    pub fn open(path: &Path) -> Result<JsonlFile> {
        let input = path.display().to_string();
        let file = crate::open_regular(path, &input)?;
        let gz = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("gz"));
        let reader: Box<dyn Read> = if gz { Box::new(flate2::read::MultiGzDecoder::new(file)) } else { Box::new(file) };
        Ok(JsonlFile::from_reader(reader, crate::file_name(path), input))
    }

    /// Reads JSON Lines from any reader; `name` becomes the `source` of
    /// records without an `id`, and `path` names the input in messages.
    pub fn from_reader(reader: Box<dyn Read>, name: String, path: String) -> JsonlFile {
        JsonlFile { reader: BufReader::with_capacity(256 * 1024, reader), name, path, line: 0, buf: Vec::new(), done: false }
    }

    /// The next document or bad line; `None` at the end of the file.
    pub fn next_document(&mut self, limit: u64) -> Option<Result<Document>> {
        loop {
            if self.done {
                return None;
            }
            // Blank lines are skipped in bulk, with no allocation per line: a
            // few megabytes of gzip can hold billions of them.
            match skip_blank_lines(&mut self.reader) {
                Ok(blank) => self.line += blank,
                Err(source) => {
                    self.done = true;
                    return Some(Err(InputError::Unreadable { input: self.origin_of(self.line + 1), source }));
                }
            }
            self.line += 1;
            let limit_bytes = usize::try_from(limit).unwrap_or(usize::MAX);
            let read = read_line_bounded(&mut self.reader, &mut self.buf, limit_bytes);
            let origin = self.origin_of(self.line);
            match read {
                Err(source) => {
                    self.done = true;
                    return Some(Err(InputError::Unreadable { input: origin, source }));
                }
                Ok(Line::Eof) => {
                    self.done = true;
                    return None;
                }
                Ok(Line::TooLong(size)) => return Some(Err(InputError::TooLarge { input: origin, size, limit })),
                Ok(Line::Complete) => {
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let parsed = self.parse(origin);
                    if self.buf.capacity() > KEEP_BUFFER_BYTES {
                        // One huge line must not pin its buffer for the rest
                        // of the file, beside the documents in flight.
                        self.buf = Vec::new();
                    }
                    return Some(parsed);
                }
            }
        }
    }

    /// `path:LINE`, naming a line in messages.
    fn origin_of(&self, line: u64) -> String {
        format!("{}:{}", self.path, line)
    }

    fn parse(&self, origin: String) -> Result<Document> {
        // serde would read a JSON array into `Record` field by field.
        if self.buf.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(InputError::MalformedJson { input: origin, reason: "not a JSON object".to_owned() });
        }
        let record: Record = serde_json::from_slice(&self.buf)
            .map_err(|err| InputError::MalformedJson { input: origin.clone(), reason: err.to_string() })?;
        let source = match record.id {
            Some(serde_json::Value::String(id)) if id.len() > MAX_ID_BYTES => {
                return Err(InputError::MalformedJson {
                    input: origin,
                    reason: format!("`id` is {} bytes long, over the limit of {MAX_ID_BYTES}", id.len()),
                });
            }
            Some(serde_json::Value::String(id)) if !id.is_empty() => id,
            Some(serde_json::Value::Number(id)) => id.to_string(),
            Some(serde_json::Value::Null) | None => format!("{}:{}", self.name, self.line),
            Some(_) => {
                return Err(InputError::MalformedJson {
                    input: origin,
                    reason: "`id` must be a string or a number".to_owned(),
                });
            }
        };
        let empty = |origin: String| InputError::Empty { input: origin };
        let check = |text: String, origin: &str| {
            decode::check_text(text).map_err(|failure| failure.into_error(origin))
        };
        let body = match (record.html, record.text) {
            (Some(html), _) if !html.trim().is_empty() => {
                Body::Html { html: check(html, &origin)?, url: record.url }
            }
            (_, Some(text)) if !text.trim().is_empty() => {
                let text = check(text, &origin)?;
                if decode::looks_like_html(&text) {
                    Body::Html { html: text, url: record.url }
                } else {
                    Body::Text(text)
                }
            }
            (Some(_), _) | (_, Some(_)) => return Err(empty(origin)),
            (None, None) => {
                return Err(InputError::MalformedJson {
                    input: origin,
                    reason: "no `text` or `html` string field".to_owned(),
                });
            }
        };
        Ok(Document { source, origin, body })
    }
}

/// The longest `id` accepted, in bytes. An id names a document in messages,
/// in the store and in pages; a longer one is a mistake or an attack, and
/// is refused rather than carried through every stage.
pub const MAX_ID_BYTES: usize = 4096;

/// A line buffer grown past this by a long line is dropped after it.
const KEEP_BUFFER_BYTES: usize = 1 << 20;

/// Consumes the blank lines (white space only) at the reader's position and
/// returns how many there were. A run of white space is consumed up to its
/// last line break, so the next line starts where this stops; the common
/// case of a run of bare `\n`s is checked eight bytes at a time.
fn skip_blank_lines<R: BufRead>(reader: &mut R) -> io::Result<u64> {
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let mut lines = 0u64;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        let mut at = 0;
        let mut newlines = 0u64;
        let mut through = 0;
        while let Some(word) = available.get(at..at + 8) {
            // The slice is 8 bytes long, so the conversion cannot fail.
            if u64::from_ne_bytes(word.try_into().unwrap_or_default()) != NEWLINES {
                break;
            }
            at += 8;
            newlines += 8;
            through = at;
        }
        while let Some(&b) = available.get(at) {
            if !b.is_ascii_whitespace() {
                break;
            }
            at += 1;
            if b == b'\n' {
                newlines += 1;
                through = at;
            }
        }
        if through == 0 {
            return Ok(lines);
        }
        let whole = through == available.len();
        reader.consume(through);
        lines += newlines;
        if !whole {
            return Ok(lines);
        }
    }
}

/// Counts the non-blank lines of a JSON Lines file (each will be one
/// document or one bad line), reading it through in blocks.
pub fn count_lines(path: &Path) -> io::Result<u64> {
    let file = std::fs::File::open(path)?;
    let gz = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("gz"));
    let mut reader: Box<dyn Read> = if gz { Box::new(flate2::read::MultiGzDecoder::new(file)) } else { Box::new(file) };
    let mut block = vec![0u8; 256 * 1024];
    let (mut lines, mut content) = (0u64, false);
    loop {
        let n = match reader.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        for &b in &block[..n] {
            if b == b'\n' {
                lines += u64::from(content);
                content = false;
            } else if !b.is_ascii_whitespace() {
                content = true;
            }
        }
    }
    Ok(lines + u64::from(content))
}

#[derive(Debug, PartialEq, Eq)]
enum Line {
    Eof,
    Complete,
    /// The line was longer than the limit; it was skipped to its end. The
    /// size is the line's length in bytes.
    TooLong(u64),
}

/// Reads one line (without its `\n`) into `buf`, keeping at most `limit`
/// bytes: a longer line is consumed to its end but not kept, so one huge
/// line cannot exhaust memory.
fn read_line_bounded<R: BufRead>(reader: &mut R, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            return Ok(match (total, too_long) {
                (0, _) => Line::Eof,
                (_, true) => Line::TooLong(total),
                (_, false) => Line::Complete,
            });
        }
        let (chunk, found_newline) = match memchr::memchr(b'\n', available) {
            Some(at) => (&available[..at], true),
            None => (available, false),
        };
        let used = chunk.len() + usize::from(found_newline);
        total += chunk.len() as u64;
        if !too_long {
            if buf.len() + chunk.len() > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        reader.consume(used);
        if found_newline {
            // A line of just "\n" still counts as a (blank) line.
            return Ok(if too_long { Line::TooLong(total) } else { Line::Complete });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_skipped_and_counted() {
        let mut reader = io::BufReader::with_capacity(16, io::Cursor::new(b"\n\n \t\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n  {}\n".to_vec()));
        assert_eq!(skip_blank_lines(&mut reader).unwrap(), 19);
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "  {}\n");
        let mut reader = io::Cursor::new(b"{}\n\n".to_vec());
        assert_eq!(skip_blank_lines(&mut reader).unwrap(), 0);
    }

    #[test]
    fn bounded_lines() {
        let mut reader = io::Cursor::new(b"short\nthis one is long\n\nlast".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_bounded(&mut reader, &mut buf, 8).unwrap(), Line::Complete);
        assert_eq!(buf, b"short");
        assert_eq!(read_line_bounded(&mut reader, &mut buf, 8).unwrap(), Line::TooLong(16));
        assert_eq!(read_line_bounded(&mut reader, &mut buf, 8).unwrap(), Line::Complete);
        assert_eq!(buf, b"");
        assert_eq!(read_line_bounded(&mut reader, &mut buf, 8).unwrap(), Line::Complete);
        assert_eq!(buf, b"last");
        assert_eq!(read_line_bounded(&mut reader, &mut buf, 8).unwrap(), Line::Eof);
    }
}
