use marquee_read::{decode_document, InputError};

#[track_caller]
fn check(bytes: &[u8], expected: &str) {
    let doc = decode_document(bytes, "t".into(), "t".into(), None, false).unwrap();
    assert_eq!(doc.body.raw(), expected);
}

const FRENCH: &str = "Le réalisateur a tourné ce film à Paris, où l'été était très chaud. \
    Une œuvre délicate, élégante, qui ne ressemble à aucune autre; les acteurs sont épatants.";

#[test]
fn utf8_with_and_without_bom() {
    check(FRENCH.as_bytes(), FRENCH);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(FRENCH.as_bytes());
    check(&with_bom, FRENCH);
}

#[test]
fn utf16_with_bom_both_orders_and_without_bom() {
    let units: Vec<u16> = FRENCH.encode_utf16().collect();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    let mut le_no_bom = Vec::new();
    for unit in &units {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
        le_no_bom.extend_from_slice(&unit.to_le_bytes());
    }
    check(&le, FRENCH);
    check(&be, FRENCH);
    check(&le_no_bom, FRENCH);
}

#[test]
fn windows_1252_and_latin1() {
    // Windows-1252 with its curly quotes and dash in 0x80..0x9F.
    let text = "The critic\u{2019}s \u{201C}masterpiece\u{201D} \u{2014} a caf\u{e9} scene, na\u{ef}ve and d\u{e9}j\u{e0} vu.";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    check(&bytes, text);
    // Latin-1 bytes (no 0x80..0x9F) of a French text.
    let latin1: Vec<u8> = FRENCH.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    check(&latin1, &FRENCH.replace('œ', "?"));
}

#[test]
fn html_meta_charset_and_declared_charset() {
    let html = "<html><head><meta charset=\"koi8-r\"></head><body>Привет, кино</body></html>";
    let (bytes, _, _) = encoding_rs::KOI8_R.encode(html);
    let doc = decode_document(&bytes, "t".into(), "t".into(), None, false).unwrap();
    assert_eq!(doc.body.raw(), html);
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("映画の批評です。とても良い映画でした。");
    let doc = decode_document(&bytes, "t".into(), "t".into(), Some("Shift_JIS"), false).unwrap();
    assert_eq!(doc.body.raw(), "映画の批評です。とても良い映画でした。");
}

#[test]
fn a_wrong_utf8_declaration_does_not_win() {
    // The page says UTF-8 but its bytes are Windows-1252.
    let html = "<html><head><meta charset=utf-8></head><body><p>Un film tr\u{e8}s r\u{e9}ussi, \u{e9}mouvant et dr\u{f4}le.</p></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(html);
    let doc = decode_document(&bytes, "t".into(), "t".into(), None, true).unwrap();
    assert_eq!(doc.body.raw(), html);
}

#[test]
fn control_characters_are_binary() {
    let bytes: Vec<u8> = (1u8..32).cycle().take(4000).collect();
    let err = decode_document(&bytes, "t".into(), "bin".into(), None, false).unwrap_err();
    assert!(matches!(err, InputError::Binary { what: "mostly control characters", .. }), "{err}");
}
