//! A document as read from the outside world, before any extraction.

use serde::{Deserialize, Serialize};

/// One input document: a file, a line of a JSON Lines file, a page fetched
/// from a URL, or standard input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// What the extraction record calls `source`: the file name without
    /// directories, the URL, or a JSON Lines record's `id`.
    pub source: String,
    /// Where the document came from, for error messages (a full path, a URL,
    /// `file.jsonl:12`).
    pub origin: String,
    /// The decoded content.
    pub body: Body,
}

/// The decoded content of a [`Document`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "content", rename_all = "lowercase")]
pub enum Body {
    /// Plain text or Markdown.
    Text(String),
    /// An HTML page; `url` is where it was fetched from, when known, to
    /// resolve relative links.
    Html {
        /// The page's markup, decoded to UTF-8.
        html: String,
        /// The page's address, when known.
        url: Option<String>,
    },
}

impl Body {
    /// The raw content, whatever its kind; used for content hashing.
    pub fn raw(&self) -> &str {
        match self {
            Body::Text(text) => text,
            Body::Html { html, .. } => html,
        }
    }
}
