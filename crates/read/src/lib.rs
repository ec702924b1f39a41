//! marquee-read turns the inputs a user names into [`Document`]s: the only
//! crate that reads the outside world on the way in.
//!
//! It owns files, folders (read recursively, in sorted order, skipping hidden
//! entries, marquee's own `*.db.index` folders and the paths in
//! [`ReadOptions::exclude`]), standard input (`-`), JSON Lines files (`.jsonl`, `.jsonl.gz`,
//! one document per line with `text` or `html` and an optional `id`), gzip
//! files, and http(s) URLs; byte decoding (UTF-8 with or without a BOM,
//! UTF-16 with a BOM or without, Windows-1252, Latin-1 and whatever else
//! chardetng detects); and telling text from HTML. It does not parse HTML or
//! extract anything: that is `marquee-article` and `marquee-extract`.
//!
//! Reading streams: [`read_inputs`] returns an iterator that reads one
//! document at a time, and a bad input is an `Err` item naming the input and
//! the reason, after which iteration goes on with the rest of the batch.
//!
//! Only regular files are read: a FIFO, a socket or a device, in a folder or
//! named directly, is refused with [`InputError::NotRegularFile`] before it
//! is opened (opening a FIFO would wait for a writer forever).
//!
//! Limits (see [`ReadOptions`]): one document may be at most
//! [`DEFAULT_MAX_DOCUMENT_BYTES`]; a larger file is refused from its size
//! alone, without being read; a longer JSON line is skipped.
//!
//! ```
//! use marquee_read::{read_inputs, ReadOptions};
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("a.txt"), "A fine film.").unwrap();
//! let inputs = vec![dir.path().display().to_string()];
//! let docs: Vec<_> = read_inputs(&inputs, &ReadOptions::default()).collect();
//! let doc = docs[0].as_ref().unwrap();
//! assert_eq!(doc.source, "a.txt");
//! assert_eq!(doc.body.raw(), "A fine film.");
//! ```
#![warn(missing_docs)]

mod decode;
mod error;
mod http;
mod jsonl;

use std::collections::{HashSet, VecDeque};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use decode::looks_like_html;
pub use error::{Error, InputError, Result};
pub use jsonl::MAX_ID_BYTES;
use decode::DecodeFailure;
pub use marquee_model::{Body, Document};

/// The default limit on one document: 50 MB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 50 * 1024 * 1024;

/// How inputs are read.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ReadOptions {
    /// The largest document accepted, in bytes (a file, a JSON line, a page
    /// fetched from a URL, standard input). Larger inputs are refused with
    /// [`InputError::TooLarge`].
    pub max_document_bytes: u64,
    /// How URLs are fetched.
    pub http: HttpOptions,
    /// Files and folders never read, even inside a folder that is: the
    /// database being written and its search index (see
    /// [`ReadOptions::excluding`]).
    pub exclude: Vec<PathBuf>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES, http: HttpOptions::default(), exclude: Vec::new() }
    }
}

impl ReadOptions {
    /// These options, also never reading `paths` (files or whole folders).
    /// A path that does not exist yet is compared as given; one that exists
    /// is compared by its canonical form, so `./marquee.db` and
    /// `marquee.db` are the same file.
    pub fn excluding(mut self, paths: impl IntoIterator<Item = PathBuf>) -> Self {
        self.exclude.extend(paths.into_iter().map(|p| fs::canonicalize(&p).unwrap_or(p)));
        self
    }

    fn is_excluded(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.exclude.iter().any(|e| *e == canonical)
    }
}

/// Whether a folder walk passes over an entry of this name without reading
/// it: hidden entries (`.git`, `.cache`) and marquee's own search index
/// folders (`*.db.index`), which hold binary segments and never a review.
pub fn skipped_in_folders(name: &std::ffi::OsStr) -> bool {
    let bytes = name.as_encoded_bytes();
    bytes.starts_with(b".") || bytes.ends_with(b".db.index")
}

/// How many documents `inputs` hold, counted without decoding them, for a
/// progress bar's total: one per file, one per non-blank line of a JSON
/// Lines file (read through, decompressing `.gz`). `None` when an input
/// cannot be counted in advance (standard input). Unreadable inputs count
/// as one: they will be one failure.
pub fn count_documents(inputs: &[String], options: &ReadOptions) -> Option<u64> {
    let mut total = 0u64;
    let mut pending: Vec<PathBuf> = Vec::new();
    for input in inputs {
        if input == "-" {
            return None;
        }
        if is_url(input) {
            total += 1;
        } else {
            pending.push(PathBuf::from(input));
        }
    }
    let mut visited = HashSet::new();
    while let Some(path) = pending.pop() {
        if options.is_excluded(&path) {
            continue;
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => {
                let Ok(canonical) = fs::canonicalize(&path) else { continue };
                if !visited.insert(canonical) {
                    continue;
                }
                let Ok(entries) = fs::read_dir(&path) else {
                    total += 1;
                    continue;
                };
                for entry in entries.flatten() {
                    if !skipped_in_folders(&entry.file_name()) {
                        pending.push(entry.path());
                    }
                }
            }
            // Only a regular file is opened: a FIFO named `x.jsonl` would block.
            Ok(m) if m.is_file() && is_jsonl(&path) => total += jsonl::count_lines(&path).unwrap_or(1),
            _ => total += 1,
        }
    }
    Some(total)
}

/// How URLs are fetched. The defaults are polite: a user agent that names
/// marquee, one request at a time, and a pause between requests to one host.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpOptions {
    /// Time allowed to connect.
    pub connect_timeout: Duration,
    /// Time allowed for the whole request, body included.
    pub timeout: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// The least time between two requests to the same host.
    pub per_host_delay: Duration,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 5,
            user_agent: format!(
                "marquee/{} (offline film-review aggregator)",
                env!("CARGO_PKG_VERSION")
            ),
            per_host_delay: Duration::from_secs(1),
        }
    }
}

/// Reads every input in turn, one document at a time. An input is a file, a
/// folder, `-` for standard input, a JSON Lines file, or an http(s) URL.
///
/// Each item is a [`Document`] or an [`InputError`] that names the input;
/// after an error, iteration goes on with the rest.
pub fn read_inputs(inputs: &[String], options: &ReadOptions) -> Inputs {
    Inputs {
        options: options.clone(),
        pending: inputs.iter().map(|input| Pending::Named(input.clone())).collect(),
        jsonl: None,
        visited_dirs: HashSet::new(),
        fetcher: None,
    }
}

/// Reads one file into a [`Document`] (not a JSON Lines file: those hold many
/// documents; use [`read_inputs`]).
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<Document> {
    read_one_file(path, options)
}

/// Decodes bytes into a [`Document`]: detects the encoding and whether the
/// text is HTML. `declared_charset` is an encoding label that came with the
/// bytes (an HTTP header), if any. Used for standard input and URLs, and by
/// the fuzz targets.
pub fn decode_document(
    bytes: &[u8],
    source: String,
    origin: String,
    declared_charset: Option<&str>,
    html_hint: bool,
) -> Result<Document> {
    let looks_html = html_hint || sniff_html_bytes(bytes);
    let text = decode::decode(bytes, declared_charset, looks_html).map_err(|failure| failure.into_error(&origin))?;
    let html = html_hint || looks_like_html(&text);
    let body = if html { Body::Html { html: text, url: None } } else { Body::Text(text) };
    Ok(Document { source, origin, body })
}

/// Reads JSON Lines from any reader (standard input, a socket, bytes in
/// memory): one [`Document`] or [`InputError`] per non-blank line. `name`
/// stands for the input in messages (`name:LINE`) and in the `source` of
/// records without an `id`. Each line may hold at most `max_document_bytes`.
pub fn read_jsonl<R: Read + 'static>(reader: R, name: &str, max_document_bytes: u64) -> JsonlDocuments {
    JsonlDocuments {
        file: jsonl::JsonlFile::from_reader(Box::new(reader), name.to_owned(), name.to_owned()),
        limit: max_document_bytes,
    }
}

/// The iterator of [`read_jsonl`].
pub struct JsonlDocuments {
    file: jsonl::JsonlFile,
    limit: u64,
}

impl Iterator for JsonlDocuments {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        self.file.next_document(self.limit)
    }
}

/// The iterator of [`read_inputs`].
pub struct Inputs {
    options: ReadOptions,
    pending: VecDeque<Pending>,
    jsonl: Option<jsonl::JsonlFile>,
    /// Canonical paths of folders already read, so that a symbolic link
    /// cycle is not followed forever.
    visited_dirs: HashSet<PathBuf>,
    fetcher: Option<http::Fetcher>,
}

enum Pending {
    /// As the user named it: a path, `-` or a URL.
    Named(String),
    /// A file or folder found inside a folder.
    Path(PathBuf),
}

impl Iterator for Inputs {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(file) = &mut self.jsonl {
                match file.next_document(self.options.max_document_bytes) {
                    Some(item) => return Some(item),
                    None => self.jsonl = None,
                }
            }
            let pending = self.pending.pop_front()?;
            let path = match pending {
                Pending::Named(name) if name == "-" => return Some(read_stdin(&self.options)),
                Pending::Named(name) if is_url(&name) => {
                    let fetcher = self.fetcher.get_or_insert_with(|| http::Fetcher::new(&self.options.http));
                    return Some(fetcher.fetch(&name, self.options.max_document_bytes));
                }
                Pending::Named(name) => PathBuf::from(name),
                Pending::Path(path) => path,
            };
            match self.open(&path) {
                Opened::Document(result) => return Some(result),
                Opened::Nothing => {}
            }
        }
    }
}

enum Opened {
    Document(Result<Document>),
    /// A folder (its entries were queued) or a JSON Lines file (now open).
    Nothing,
}

impl Inputs {
    fn open(&mut self, path: &Path) -> Opened {
        let input = path.display().to_string();
        if self.options.is_excluded(path) {
            // Named directly: say why nothing is read rather than pass over
            // it in silence.
            return Opened::Document(Err(InputError::Excluded { input }));
        }
        let metadata = match fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Opened::Document(Err(InputError::NotFound { input }));
            }
            Err(source) => return Opened::Document(Err(InputError::Unreadable { input, source })),
        };
        if metadata.is_dir() {
            if let Err(err) = self.queue_folder(path) {
                return Opened::Document(Err(err));
            }
            return Opened::Nothing;
        }
        if !metadata.is_file() {
            return Opened::Document(Err(InputError::NotRegularFile { input, kind: file_kind(&metadata) }));
        }
        if is_jsonl(path) {
            return match jsonl::JsonlFile::open(path) {
                Ok(file) => {
                    self.jsonl = Some(file);
                    Opened::Nothing
                }
                Err(err) => Opened::Document(Err(err)),
            };
        }
        Opened::Document(read_one_file(path, &self.options))
    }

    /// Queues a folder's entries, sorted by name, ahead of the inputs named
    /// after it, so that a folder is read depth first in order.
    fn queue_folder(&mut self, path: &Path) -> Result<()> {
        let input = path.display().to_string();
        let canonical = fs::canonicalize(path).map_err(|source| InputError::UnreadableFolder { input: input.clone(), source })?;
        if !self.visited_dirs.insert(canonical) {
            // Already read, through a symbolic link cycle or because it was
            // named twice: reading it again would duplicate its documents.
            return Ok(());
        }
        let entries = fs::read_dir(path).map_err(|source| InputError::UnreadableFolder { input: input.clone(), source })?;
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| InputError::UnreadableFolder { input: input.clone(), source })?;
            if skipped_in_folders(&entry.file_name()) {
                continue;
            }
            let path = entry.path();
            if self.options.is_excluded(&path) {
                continue;
            }
            names.push(path);
        }
        names.sort();
        for name in names.into_iter().rev() {
            self.pending.push_front(Pending::Path(name));
        }
        Ok(())
    }
}

fn is_url(input: &str) -> bool {
    let prefix = |scheme: &str| input.get(..scheme.len()).is_some_and(|head| head.eq_ignore_ascii_case(scheme));
    prefix("http://") || prefix("https://")
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

/// The lower-case extension, looking through a final `.gz`.
fn extension(path: &Path) -> (String, bool) {
    let name = file_name(path).to_ascii_lowercase();
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(stem) => (stem.to_owned(), true),
        None => (name, false),
    };
    let ext = Path::new(&stem).extension().map(|ext| ext.to_string_lossy().into_owned()).unwrap_or_default();
    (ext, gz)
}

fn is_jsonl(path: &Path) -> bool {
    matches!(extension(path).0.as_str(), "jsonl" | "ndjson")
}

/// Opens `path` for reading if it is a regular file (a symbolic link is
/// followed). Anything else is refused before it is opened: opening a FIFO
/// waits for a writer, and a device like `/dev/zero` never ends.
pub(crate) fn open_regular(path: &Path, input: &str) -> Result<fs::File> {
    let not_opened = |source: io::Error| match source.kind() {
        io::ErrorKind::NotFound => InputError::NotFound { input: input.to_owned() },
        _ => InputError::Unreadable { input: input.to_owned(), source },
    };
    let metadata = fs::metadata(path).map_err(not_opened)?;
    if !metadata.is_file() {
        return Err(InputError::NotRegularFile { input: input.to_owned(), kind: file_kind(&metadata) });
    }
    fs::File::open(path).map_err(not_opened)
}

/// What a path that is not a regular file is, for messages.
fn file_kind(metadata: &fs::Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
    }
    "not a file or folder"
}

fn read_one_file(path: &Path, options: &ReadOptions) -> Result<Document> {
    let input = path.display().to_string();
    let limit = options.max_document_bytes;
    let (ext, gz) = extension(path);
    let file = open_regular(path, &input)?;
    let size = file.metadata().map_err(|source| InputError::Unreadable { input: input.clone(), source })?.len();
    if size > limit {
        // Refused from its size alone: a 200 MB file costs one `stat`.
        return Err(InputError::TooLarge { input, size, limit });
    }
    let bytes = if gz {
        read_limited(flate2::read::MultiGzDecoder::new(file), limit, &input)?
    } else {
        read_limited(file, limit, &input)?
    };
    let html_ext = matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml");
    let mut document = decode_document(&bytes, file_name(path), input, None, html_ext)?;
    if gz {
        document.source = file_name(path);
    }
    Ok(document)
}

/// Reads at most `limit` bytes; one more means the input is too large.
fn read_limited(reader: impl Read, limit: u64, input: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Unreadable { input: input.to_owned(), source })?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge { input: input.to_owned(), size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

fn read_stdin(options: &ReadOptions) -> Result<Document> {
    let bytes = read_limited(io::stdin().lock(), options.max_document_bytes, "stdin")?;
    decode_document(&bytes, "stdin".to_owned(), "stdin".to_owned(), None, false)
}

/// Whether undecoded bytes open like an HTML document, so that the decoder
/// looks for a `<meta charset>`.
fn sniff_html_bytes(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    memchr::memmem::find(&lower, b"<html").is_some() || memchr::memmem::find(&lower, b"<!doctype html").is_some()
}

impl DecodeFailure {
    pub(crate) fn into_error(self, input: &str) -> InputError {
        let input = input.to_owned();
        match self {
            DecodeFailure::Empty => InputError::Empty { input },
            DecodeFailure::Binary(what) => InputError::Binary { input, what },
            DecodeFailure::Undecodable(encoding) => InputError::Undecodable { input, encoding },
        }
    }
}
