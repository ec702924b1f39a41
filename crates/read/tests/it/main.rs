//! Integration tests of marquee-read: every kind of input and every way one
//! can be bad.

mod encodings;
mod files;
mod http;
mod jsonl;
mod props;

use marquee_read::{read_inputs, Body, Document, InputError, ReadOptions};

/// Reads `inputs` with `options` and returns every item.
pub fn read_all(inputs: &[&str], options: &ReadOptions) -> Vec<Result<Document, InputError>> {
    let inputs: Vec<String> = inputs.iter().map(|s| (*s).to_owned()).collect();
    read_inputs(&inputs, options).collect()
}

/// The text of a document, whatever its kind.
pub fn text(doc: &Document) -> &str {
    doc.body.raw()
}

/// Whether a document was read as HTML.
pub fn is_html(doc: &Document) -> bool {
    matches!(doc.body, Body::Html { .. })
}
