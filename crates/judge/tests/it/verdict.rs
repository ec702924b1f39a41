//! The verdict rules: bands, the grade deciding, disagreement, evidence.

use marquee_judge::{DISAGREEMENT_POINTS, FRESH_GRADE};
use marquee_model::{Rating, VerdictBasis, VerdictLabel};
use proptest::prelude::*;

use crate::judge;

const PRAISE: &str = "This is a wonderful, moving film. The performances are superb and the \
    direction is assured. It is one of the best pictures of the year, and I loved it.";
const PAN: &str = "This is a dull, tedious mess. The acting is wooden, the plot makes no sense \
    and the jokes fall flat. It is a waste of time and one of the worst films of the year.";

fn grade(score: u8) -> Rating {
    Rating { text: format!("{score}/100"), score }
}

#[test]
fn labels_follow_metacritic_bands() {
    for (score, label) in [(100, VerdictLabel::Positive), (61, VerdictLabel::Positive), (60, VerdictLabel::Mixed),
        (40, VerdictLabel::Mixed), (39, VerdictLabel::Negative), (0, VerdictLabel::Negative)] {
        let v = judge().verdict(PRAISE, Some(&grade(score)));
        assert_eq!(v.label, label, "score {score}");
    }
}

#[test]
fn the_model_decides_without_a_grade() {
    let praise = judge().verdict(PRAISE, None);
    assert_eq!(praise.basis, VerdictBasis::Model);
    assert!(praise.fresh);
    assert_eq!(praise.label, VerdictLabel::Positive);
    assert_eq!(praise.score, praise.model_score);
    assert!(!praise.disagreement);
    let pan = judge().verdict(PAN, None);
    assert!(!pan.fresh);
    assert_eq!(pan.label, VerdictLabel::Negative);
    assert!(pan.score < praise.score);
}

#[test]
fn a_printed_grade_decides_and_the_model_reading_is_kept() {
    let model_only = judge().verdict(PAN, None);
    let v = judge().verdict(PAN, Some(&grade(88)));
    assert_eq!((v.score, v.basis, v.label), (88, VerdictBasis::Grade, VerdictLabel::Positive));
    assert!(v.fresh);
    assert_eq!(v.model_score, model_only.score);
    assert!(v.disagreement, "a pan graded 88 is a disagreement");
    let agreeing = judge().verdict(PAN, Some(&grade(model_only.score)));
    assert!(!agreeing.disagreement);
}

#[test]
fn fresh_from_a_grade_starts_at_sixty() {
    assert!(judge().verdict(PAN, Some(&grade(FRESH_GRADE))).fresh);
    assert!(!judge().verdict(PRAISE, Some(&grade(FRESH_GRADE - 1))).fresh);
    const { assert!(DISAGREEMENT_POINTS > 20) };
}

#[test]
fn evidence_is_verbatim_sentences_strongest_first() {
    let text = "The Long Night\n\nDirected by Somebody Else\n\nThe story follows a family over one winter. \
        The performances are superb, moving and honest. The score is lovely. \
        It is the best film I have seen this year.";
    let v = judge().verdict(text, None);
    assert!(v.fresh);
    assert!(!v.evidence.is_empty() && v.evidence.len() <= 3);
    for e in &v.evidence {
        assert!(text.contains(e.as_str()), "{e:?} is not in the text");
        assert!(!e.contains("Directed by"), "a credit line is not evidence");
    }
    assert_ne!(v.evidence[0], "The story follows a family over one winter.");
}

#[test]
fn verdict_names_its_model() {
    let v = judge().verdict(PRAISE, None);
    assert_eq!(v.model, judge().model().id());
    assert!(v.model.starts_with("nbsvm"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_gets_an_in_range_verdict(text in "\\PC{0,400}", score in proptest::option::of(0u8..=100)) {
        let rating = score.map(grade);
        let v = judge().verdict(&text, rating.as_ref());
        prop_assert!(v.score <= 100 && v.model_score <= 100);
        prop_assert_eq!(v.label, VerdictLabel::from_score(v.score));
        for e in &v.evidence {
            prop_assert!(text.contains(e.as_str()));
        }
    }
}
