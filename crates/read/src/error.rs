//! The one error type of this crate: what went wrong with one input.

use std::fmt;

/// Why one input could not be read. Its `Display` is one line that names the
/// input (a path, `file.jsonl:12`, a URL) and then the reason, so that a
/// caller can print it as it is and go on with the rest of the batch.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The path does not exist.
    #[error("{input}: no such file or folder")]
    NotFound {
        /// The input as named.
        input: String,
    },
    /// The file exists but reading it failed (permissions, a device error, a
    /// corrupt gzip stream).
    #[error("{input}: cannot read: {source}")]
    Unreadable {
        /// The input as named.
        input: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The path names something that is not a regular file or a folder: a
    /// FIFO, a socket or a device. Reading one could block forever (a FIFO
    /// with no writer) or never end (`/dev/zero`), so it is skipped.
    #[error("{input}: not a regular file ({kind}), skipped")]
    NotRegularFile {
        /// The input as named.
        input: String,
        /// What it is: "a FIFO", "a socket", "a character device", ...
        kind: &'static str,
    },
    /// The input is the database being written or its index: never read.
    #[error("{input}: skipped: the database being written (or its search index) is never read as input")]
    Excluded {
        /// The input as named.
        input: String,
    },
    /// A folder could not be listed.
    #[error("{input}: cannot read folder: {source}")]
    UnreadableFolder {
        /// The folder as named.
        input: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The content is not text: NUL bytes, a known binary format, or mostly
    /// control characters. Displayed as "contains NUL bytes (binary)", "a
    /// PDF file (binary)": what gave it away, then the verdict.
    #[error("{input}: {what} (binary), not text")]
    Binary {
        /// The input as named.
        input: String,
        /// What gave it away ("contains NUL bytes", "a PDF file", "mostly
        /// control characters").
        what: &'static str,
    },
    /// The bytes are not valid in the encoding the input declares or that
    /// detection settled on.
    #[error("{input}: undecodable: the bytes are not valid {encoding} text")]
    Undecodable {
        /// The input as named.
        input: String,
        /// The encoding tried (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
        encoding: &'static str,
    },
    /// The input holds no text at all (no bytes, or only white space).
    #[error("{input}: empty, no text to read")]
    Empty {
        /// The input as named.
        input: String,
    },
    /// The input is bigger than [`ReadOptions::max_document_bytes`](crate::ReadOptions).
    #[error("{input}: too large: {} over the limit of {}", Size(*size), Size(*limit))]
    TooLarge {
        /// The input as named.
        input: String,
        /// Its size in bytes, or a lower bound when it was not read to the
        /// end.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A JSON Lines record that is not a JSON object with a `text` or `html`
    /// string. The rest of the file is still read.
    #[error("{input}: malformed JSON line: {reason}")]
    MalformedJson {
        /// `file.jsonl:LINE`.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An input that looks like a URL but is not one marquee can fetch.
    #[error("{input}: invalid URL: {reason}")]
    InvalidUrl {
        /// The URL as named.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Fetching a URL failed before a response arrived: DNS, refused
    /// connection, TLS, timeout, too many redirects.
    #[error("{input}: fetch failed: {reason}")]
    Fetch {
        /// The URL as named.
        input: String,
        /// What went wrong, in words.
        reason: String,
    },
    /// The server answered with an error status.
    #[error("{input}: the server answered HTTP {status}")]
    HttpStatus {
        /// The URL as named.
        input: String,
        /// The status code (404, 500, ...).
        status: u16,
    },
    /// The server sent something that is not text or HTML (an image, a PDF).
    #[error("{input}: not a text or HTML page (Content-Type: {content_type})")]
    ContentType {
        /// The URL as named.
        input: String,
        /// The Content-Type header as sent.
        content_type: String,
    },
}

impl InputError {
    /// The input this error is about, as it appears in messages: a path,
    /// `file.jsonl:12`, `stdin` or a URL.
    pub fn input(&self) -> &str {
        match self {
            InputError::NotFound { input }
            | InputError::Excluded { input }
            | InputError::Unreadable { input, .. }
            | InputError::UnreadableFolder { input, .. }
            | InputError::NotRegularFile { input, .. }
            | InputError::Binary { input, .. }
            | InputError::Undecodable { input, .. }
            | InputError::Empty { input }
            | InputError::TooLarge { input, .. }
            | InputError::MalformedJson { input, .. }
            | InputError::InvalidUrl { input, .. }
            | InputError::Fetch { input, .. }
            | InputError::HttpStatus { input, .. }
            | InputError::ContentType { input, .. } => input,
        }
    }
}

/// The crate's error type under its conventional name.
pub type Error = InputError;

/// `Result` with this crate's [`InputError`].
pub type Result<T> = std::result::Result<T, InputError>;

/// A byte count for people: `200.0 MB`, `12.3 KB`, `17 bytes`.
struct Size(u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Precision loss in the cast is irrelevant for a human-readable size.
        #[allow(clippy::cast_precision_loss)]
        let bytes = self.0 as f64;
        if self.0 >= 1_000_000 {
            write!(f, "{:.1} MB", bytes / 1_000_000.0)
        } else if self.0 >= 1_000 {
            write!(f, "{:.1} KB", bytes / 1_000.0)
        } else {
            write!(f, "{} bytes", self.0)
        }
    }
}
