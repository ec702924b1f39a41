//! HTML to an article: parsing, JSON-LD, meta tags, body extraction. Must
//! never panic or overflow the stack, whatever the markup.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let _ = marquee_article::extract_page(&html, Some("https://example.org/a"));
});
