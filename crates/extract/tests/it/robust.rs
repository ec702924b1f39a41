//! Texts that once crashed the extractor (found by `fuzz/` target
//! `extract_text`), rewritten in our own words: whatever the text, the
//! extractor returns a record.

use marquee_extract::extract_text;

/// A roundup's capsule is checked for a critic's initials in its last 20
/// bytes; a capsule ending in multi-byte characters put that cut inside a
/// character (segment.rs sliced at a byte, not a char boundary).
#[test]
fn a_capsule_ending_in_multibyte_characters() {
    let roundup = "GLASS HOUSES -- a movie review by Ora Vance\n\n\
        GLASS HOUSES is a neat domestic thriller about a couple whose new neighbours can see\n\
        straight into their kitchen. It is never as clever as it thinks, but it moves along.\n\n\
        THE TIN CROWN -- a movie review by Ora Vance\n\n\
        THE TIN CROWN is a costume epic with a fine cast and nothing much to say about kings.\n\
        The boy king sulks through every scene, which is at least honest of him.\n\
        Stars: \u{2605}\u{2605}\u{2605}\u{2605}\u{2605}\u{2605}\u{2605}\n";
    // 7 stars of 3 bytes each and a newline: byte len - 20 lands inside one.
    let tail = roundup.trim_end();
    assert!(!tail.is_char_boundary(tail.len() - 20));
    let record = extract_text("roundup.txt", roundup);
    assert_eq!(record.reviews.len(), 2, "{:?}", record.reviews.iter().map(|r| &r.film.title).collect::<Vec<_>>());
    assert!(record.reviews.iter().all(|r| r.critic.as_deref() == Some("Ora Vance")));
}
