//! Plain text to a judged record: segmentation into reviews, credit blocks,
//! prose rules, the verdict and its evidence. Must never panic, whatever the
//! text; `extract::films.rs` once sliced inside a character on real input.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static JUDGE: LazyLock<marquee_judge::Judge> =
    LazyLock::new(|| marquee_judge::Judge::default_model().expect("the shipped model loads"));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut extraction = marquee_extract::extract_text("fuzz.txt", &text);
    for review in &mut extraction.reviews {
        JUDGE.judge_review(review);
    }
    let _ = marquee_extract::to_json_line(&extraction);
});
