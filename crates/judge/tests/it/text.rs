//! Normalisation: raw text and the corpora's tokenised text give the same
//! tokens and features.

use marquee_judge::FeatureSpec;
use marquee_judge::text::{sentences, tokens};

#[track_caller]
fn check_same(raw: &str, tokenised: &str) {
    assert_eq!(tokens(raw), tokens(tokenised), "tokens of {raw:?} vs {tokenised:?}");
    let spec = FeatureSpec::default();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    spec.features(raw, &mut a);
    spec.features(tokenised, &mut b);
    assert_eq!(a, b, "features of {raw:?} vs {tokenised:?}");
}

#[test]
fn raw_and_tokenised_text_give_the_same_features() {
    check_same("It’s a “masterpiece”… Isn't it?", "it's a \" masterpiece \" . . . isn't it ?");
    check_same("The film -- all 3 hours — drags.", "the film -- all 3 hours -- drags .");
    check_same("A CLICHÉD, half-baked sci-fi plot (sigh).", "a cliched , half-baked sci-fi plot ( sigh ) .");
    check_same("Tom &amp; Jerry&#8217;s &quot;best&quot; caper", "tom & jerry's \" best \" caper");
    check_same("Rated\u{a0}R; 1:45", "rated r ; 1 : 45");
}

#[test]
fn words_keep_inner_apostrophes_and_hyphens_only() {
    assert_eq!(tokens("dogs' 'tis well-made -ish"), ["dogs", "'", "'", "tis", "well-made", "-", "ish"]);
}

#[test]
fn unknown_entities_stay_text() {
    assert_eq!(tokens("AT&T &bogus; fish"), ["at", "&", "t", "&", "bogus", ";", "fish"]);
}

#[track_caller]
fn check_sentences(text: &str, expected: &[&str]) {
    let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(got, expected);
}

#[test]
fn sentences_are_verbatim_slices() {
    check_sentences(
        "Mr. Smith goes to town. He hates it!  \"Why?\" she asks.\nThe end",
        &["Mr. Smith goes to town.", "He hates it!", "\"Why?\" she asks.", "The end"],
    );
    check_sentences(
        "CAST\n\nA long sentence that wraps\nacross two lines. Then another one.",
        &["CAST", "A long sentence that wraps\nacross two lines.", "Then another one."],
    );
    check_sentences("wait... what? no.", &["wait... what? no."]);
    check_sentences("", &[]);
}

proptest::proptest! {
    /// ASCII text takes a byte-level fast path; it must cut tokens exactly as
    /// the general path does (an accented word at the end forces that one).
    #[test]
    fn the_ascii_fast_path_agrees_with_the_general_one(text in "[ -~\\t\\n\\x0b\\x0c\\r]{0,200}") {
        let fast = tokens(&text);
        let general = tokens(&format!("{text} é"));
        proptest::prop_assert_eq!(&general[..general.len() - 1], &fast[..]);
    }
}
