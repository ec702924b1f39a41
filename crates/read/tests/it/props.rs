use marquee_read::decode_document;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Decoding never panics on any bytes, and what it returns is text.
    #[test]
    fn decoding_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048), html in any::<bool>()) {
        if let Ok(doc) = decode_document(&bytes, "p".into(), "p".into(), None, html) {
            prop_assert!(!doc.body.raw().trim().is_empty());
            prop_assert!(!doc.body.raw().contains('\0'));
        }
    }

    /// With a byte order mark or a charset declaration in front of anything.
    #[test]
    fn decoding_never_panics_after_a_prefix(
        prefix in prop_oneof![
            Just(b"\xEF\xBB\xBF".to_vec()), Just(b"\xFF\xFE".to_vec()), Just(b"\xFE\xFF".to_vec()),
            Just(b"<html><meta charset=shift_jis>".to_vec()), Just(b"<meta charset=utf-16>".to_vec()),
        ],
        bytes in proptest::collection::vec(any::<u8>(), 0..1024),
    ) {
        let mut all = prefix;
        all.extend(bytes);
        let _ = decode_document(&all, "p".into(), "p".into(), None, false);
    }

    /// Valid UTF-8 text always comes back unchanged.
    #[test]
    fn utf8_round_trips(text in "\\PC{1,200}") {
        prop_assume!(!text.trim().is_empty());
        prop_assume!(text.chars().filter(|c| c.is_control()).count() * 10 <= text.chars().count());
        prop_assume!(!marquee_read::looks_like_html(&text));
        let doc = decode_document(text.as_bytes(), "p".into(), "p".into(), None, false).unwrap();
        prop_assert_eq!(doc.body.raw(), text.as_str());
    }
}
