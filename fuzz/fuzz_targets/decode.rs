//! Bytes to a Document: BOM and UTF-16 sniffing, binary checks, `<meta
//! charset>` prescan, chardetng, decoding. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the hints, the rest is the input.
    let Some((&flags, bytes)) = data.split_first() else { return };
    let declared = match flags % 4 {
        0 => None,
        1 => Some("utf-8"),
        2 => Some("windows-1252"),
        _ => Some("shift_jis"),
    };
    let html = flags & 0x80 != 0;
    if let Ok(doc) = marquee_read::decode_document(bytes, "f".into(), "f".into(), declared, html) {
        assert!(!doc.body.raw().trim().is_empty());
    }
});
