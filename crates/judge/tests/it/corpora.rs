//! Checks on the real corpora in `../shared/corpora`, skipped when absent
//! (failed under CI, see `marquee_testkit::shared`).

use marquee_judge::{EvalOptions, Source, TrainOptions, evaluate};

use crate::corpora_dir;

/// The bars, by the corpora's own protocols: polarity_v2 10-fold
/// accuracy ≥ 90% and rt_polarity 10-fold ≥ 81%. A full run trains 40 models
/// (a few minutes in a release build), so it runs only with RUN_SLOW_TESTS.
#[test]
fn r3_accuracy_bars_hold_on_the_corpora() {
    if !marquee_testkit::slow("the accuracy bars on polarity_v2 and rt_polarity (r3)") {
        return;
    }
    let Some(dir) = corpora_dir() else { return };
    let which = EvalOptions { scale_data: false, cross_corpus: false, in_domain: false, ramr: false, ..EvalOptions::default() };
    let report = evaluate(&dir, &TrainOptions::default(), &which).expect("evaluate");
    eprintln!("{report}");
    // The floors the shipped model was measured above (MODEL.md); the
    // report marks the higher bars where they are not reached.
    for (corpus, floor) in [("polarity_v2", 0.90), ("rt_polarity", 0.81)] {
        let row = report.find(corpus, "accuracy").expect("figure reported");
        assert!(row.value >= floor, "{corpus}: {:.2}% is under {:.0}%", 100.0 * row.value, 100.0 * floor);
    }
}

/// A small model trained on nine polarity_v2 folds must read the tenth well:
/// this exercises corpus loading, featurising, training and scoring end to
/// end, quickly enough to run every time.
#[test]
fn a_small_model_learns_polarity() {
    let Some(dir) = corpora_dir() else { return };
    let options = TrainOptions {
        sources: vec![Source::PolarityV2],
        source_weights: vec![1.0],
        features: marquee_judge::FeatureSpec { bits: 18, max_ngram: 2, ..Default::default() },
        ..TrainOptions::default()
    };
    let which = EvalOptions { rt_polarity: false, scale_data: false, cross_corpus: false, in_domain: false, ramr: false, ..EvalOptions::default() };
    let report = evaluate(&dir, &options, &which).expect("evaluate");
    let row = report.find("polarity_v2", "accuracy").expect("figure reported");
    assert_eq!(row.n, 2000);
    assert!(row.value > 0.84, "{report}");
}
