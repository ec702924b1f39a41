//! Evaluation by the corpora's own protocols.

use std::fmt;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::Source;
use crate::error::Result;
use crate::features::stable_hash;
use crate::model::Calibration;
use crate::train::{Prepared, TrainOptions, critic_folds, fit_all, fit_classifier, scale_folds};

/// Which measurements to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvalOptions {
    /// polarity_v2, 10-fold on its fixed folds.
    pub polarity_v2: bool,
    /// rt_polarity, 10-fold on seeded folds.
    pub rt_polarity: bool,
    /// scale_data, 10-fold: score MAE and 3-class accuracy.
    pub scale_data: bool,
    /// Trained without polarity_v2 (nor its twins), tested on all of it.
    pub cross_corpus: bool,
    /// Also run polarity_v2 and rt_polarity trained on their own corpus only,
    /// the setting of the published figures.
    pub in_domain: bool,
    /// ramr's graded reviews, critic-grouped 5-fold: the calibrated score
    /// against the critic's own grade (when ramr is among the sources).
    #[serde(default = "yes")]
    pub ramr: bool,
}

fn yes() -> bool {
    true
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions { polarity_v2: true, rt_polarity: true, scale_data: true, cross_corpus: true, in_domain: true, ramr: true }
    }
}

/// How the calibrated score of one corpus's unseen documents compares with
/// the critics' own grades, in bins of ten score points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reliability {
    /// The corpus.
    pub corpus: String,
    /// One entry per score bin that holds documents.
    pub bins: Vec<ReliabilityBin>,
}

/// One bin of a [`Reliability`] curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReliabilityBin {
    /// The lowest score of the bin.
    pub from: u8,
    /// Documents scored in it.
    pub n: usize,
    /// Their mean calibrated score.
    pub mean_score: f64,
    /// Their critics' mean grade.
    pub mean_grade: f64,
}

impl Reliability {
    /// Bins `(score, grade)` pairs by tens of score points.
    pub fn of(corpus: &str, pairs: &[(f32, f32)]) -> Reliability {
        let mut sums = [(0usize, 0f64, 0f64); 10];
        for &(score, grade) in pairs {
            let b = ((score / 10.0) as usize).min(9);
            sums[b].0 += 1;
            sums[b].1 += f64::from(score);
            sums[b].2 += f64::from(grade);
        }
        let bins = sums
            .iter()
            .enumerate()
            .filter(|(_, s)| s.0 > 0)
            .map(|(b, s)| ReliabilityBin { from: (b * 10) as u8, n: s.0, mean_score: s.1 / s.0 as f64, mean_grade: s.2 / s.0 as f64 })
            .collect();
        Reliability { corpus: corpus.to_owned(), bins }
    }

    /// The expected calibration error: the gap between mean score and mean
    /// grade in each bin, weighted by the bin's documents, in score points.
    pub fn ece(&self) -> f64 {
        let n: usize = self.bins.iter().map(|b| b.n).sum();
        self.bins.iter().map(|b| b.n as f64 * (b.mean_score - b.mean_grade).abs()).sum::<f64>() / n.max(1) as f64
    }
}

/// One measured figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalRow {
    /// The test corpus.
    pub corpus: String,
    /// How it was split and what trained.
    pub protocol: String,
    /// Test documents.
    pub n: usize,
    /// What `value` measures (`accuracy`, `mae`, `accuracy_3class`).
    pub metric: String,
    /// The figure: a fraction for accuracies, score points for MAE.
    pub value: f64,
    /// The bar it must reach, where the issue sets one.
    pub bar: Option<f64>,
}

impl EvalRow {
    /// Whether the figure reaches its bar (true when there is none).
    pub fn passes(&self) -> bool {
        match self.bar {
            None => true,
            Some(bar) if self.in_points() => self.value <= bar,
            Some(bar) => self.value >= bar,
        }
    }

    /// Whether `value` is in score points (lower is better) rather than a fraction.
    pub fn in_points(&self) -> bool {
        matches!(self.metric.as_str(), "mae" | "ece")
    }
}

/// Every figure of one evaluation run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    /// The model name evaluated.
    pub model: String,
    /// The figures.
    pub rows: Vec<EvalRow>,
    /// Score against grade on the unseen documents of the graded corpora.
    #[serde(default)]
    pub reliability: Vec<Reliability>,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl EvalReport {
    /// The first row for `corpus` measuring `metric` (the default training
    /// run comes before the in-domain one).
    pub fn find(&self, corpus: &str, metric: &str) -> Option<&EvalRow> {
        self.rows.iter().find(|r| r.corpus == corpus && r.metric == metric)
    }
}

impl EvalReport {
    /// Whether every row reaches its bar.
    pub fn all_pass(&self) -> bool {
        self.rows.iter().all(EvalRow::passes)
    }
}

/// The report as a table whose columns line up whatever the protocols'
/// lengths: each column is as wide as its widest cell, text left-aligned
/// and figures right-aligned, and a row below its bar ends in `FAIL`.
impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "verdict model {} ({:.0} s)", self.model, self.seconds)?;
        let pct = |v: f64| format!("{:.2}%", 100.0 * v);
        let mut table: Vec<[String; 7]> = vec![[
            "corpus".into(), "protocol".into(), "n".into(), "metric".into(), "value".into(), "bar".into(), String::new(),
        ]];
        for r in &self.rows {
            let (value, bar) = if r.in_points() {
                (format!("{:.2}", r.value), r.bar.map(|b| format!("{b:.2}")))
            } else {
                (pct(r.value), r.bar.map(pct))
            };
            let status = match r.bar {
                None => "",
                Some(_) if r.passes() => "ok",
                Some(_) => "FAIL",
            };
            table.push([
                r.corpus.clone(), r.protocol.clone(), r.n.to_string(), r.metric.clone(), value,
                bar.unwrap_or_else(|| "-".into()), status.into(),
            ]);
        }
        let mut widths = [0usize; 7];
        for row in &table {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        for row in &table {
            let mut line = String::new();
            for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                // n, value and bar are figures: right-aligned.
                if matches!(i, 2 | 4 | 5) {
                    line.push_str(&format!("{cell:>w$}"));
                } else {
                    line.push_str(&format!("{cell:<w$}"));
                }
            }
            writeln!(f, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// Measures the model that `options` trains, by each corpus's protocol.
pub fn evaluate(corpora_dir: &Path, options: &TrainOptions, which: &EvalOptions) -> Result<EvalReport> {
    let started = Instant::now();
    let prep = Prepared::load(corpora_dir, options)?;
    let mut rows = Vec::new();
    let mut reliability = Vec::new();
    let of = |source: Source| -> Vec<usize> {
        (0..prep.docs.len()).filter(|&i| prep.docs[i].source == source).collect()
    };
    // In-domain runs keep a short classifier only when it too learns from
    // that corpus alone.
    let only = |source: Source| TrainOptions {
        source_weights: vec![1.0],
        sources: vec![source],
        short: options.short.clone().filter(|s| s.model.sources.iter().all(|&x| x == source)),
        ..options.clone()
    };
    let trained_on = |o: &TrainOptions| o.sources.iter().map(|s| s.name()).collect::<Vec<_>>().join("+");

    if which.polarity_v2 {
        let docs = of(Source::PolarityV2);
        let folds: Vec<Vec<usize>> =
            (1..=10).map(|k| docs.iter().copied().filter(|&i| prep.docs[i].fold == Some(k)).collect()).collect();
        let mut runs = vec![options.clone()];
        if which.in_domain {
            runs.push(only(Source::PolarityV2));
        }
        for (run, o) in runs.into_iter().enumerate() {
            rows.push(EvalRow {
                corpus: "polarity_v2".into(),
                protocol: format!("10-fold (fixed folds), trained on {}", trained_on(&o)),
                n: docs.len(),
                metric: "accuracy".into(),
                value: cv_accuracy(&prep, &o, &folds),
                bar: (run == 0).then_some(0.915),
            });
        }
    }
    if which.rt_polarity {
        let docs = of(Source::RtPolarity);
        let mut folds = vec![Vec::new(); 10];
        for &i in &docs {
            let h = stable_hash(prep.docs[i].id.as_bytes()) ^ options.seed;
            folds[(stable_hash(&h.to_le_bytes()) % 10) as usize].push(i);
        }
        let mut runs = vec![options.clone()];
        if which.in_domain {
            runs.push(only(Source::RtPolarity));
        }
        for (run, o) in runs.into_iter().enumerate() {
            rows.push(EvalRow {
                corpus: "rt_polarity".into(),
                protocol: format!("10-fold (seeded), trained on {}", trained_on(&o)),
                n: docs.len(),
                metric: "accuracy".into(),
                value: cv_accuracy(&prep, &o, &folds),
                bar: (run == 0).then_some(0.83),
            });
        }
    }
    if which.scale_data {
        let folds = scale_folds(&prep, 10, options.seed);
        let per_fold: Vec<Vec<(usize, f32)>> = folds
            .par_iter()
            .map(|test| {
                let train = prep.training_rows(options, test);
                let clf = fit_classifier(&prep, &prep.data, &train, options);
                test.iter().map(|&i| (i, clf.margin(prep.data.row(i)))).collect()
            })
            .collect();
        // Each fold's calibration is fitted on the other folds' unseen margins.
        let mut abs_err = 0.0;
        let mut correct3 = 0usize;
        let mut n = 0usize;
        let mut pairs = Vec::new();
        for k in 0..per_fold.len() {
            let (margins, targets): (Vec<f32>, Vec<f32>) = per_fold
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .flat_map(|(_, f)| f.iter())
                .map(|&(i, m)| (m, 100.0 * prep.docs[i].rating.unwrap_or(0.5)))
                .unzip();
            let points: Vec<(f32, f32)> = margins.into_iter().zip(targets).collect();
            let cal = Calibration::isotonic(&points, f32::from(crate::judge::FRESH_GRADE));
            for &(i, m) in &per_fold[k] {
                let score = cal.score(m).round();
                let truth = prep.docs[i].rating.unwrap_or(0.5);
                abs_err += f64::from((score - 100.0 * truth).abs());
                pairs.push((score, 100.0 * truth));
                let class = if score <= 40.0 {
                    0
                } else if score < 70.0 {
                    1
                } else {
                    2
                };
                correct3 += usize::from(prep.docs[i].label3 == Some(class));
                n += 1;
            }
        }
        let protocol = format!("10-fold (seeded, twins together), trained on {}", trained_on(options));
        rows.push(EvalRow {
            corpus: "scale_data".into(),
            protocol: protocol.clone(),
            n,
            metric: "mae".into(),
            value: abs_err / n.max(1) as f64,
            bar: Some(7.5),
        });
        let curve = Reliability::of("scale_data", &pairs);
        rows.push(EvalRow {
            corpus: "scale_data".into(),
            protocol: protocol.clone(),
            n,
            metric: "ece".into(),
            value: curve.ece(),
            bar: None,
        });
        reliability.push(curve);
        rows.push(EvalRow {
            corpus: "scale_data".into(),
            protocol,
            n,
            metric: "accuracy_3class".into(),
            value: correct3 as f64 / n.max(1) as f64,
            bar: None,
        });
    }
    if which.cross_corpus {
        let test = of(Source::PolarityV2);
        let mut o = options.clone();
        let keep: Vec<usize> = (0..o.sources.len()).filter(|&k| o.sources[k] != Source::PolarityV2).collect();
        o.sources = keep.iter().map(|&k| options.sources[k]).collect();
        o.source_weights = keep.iter().map(|&k| options.source_weights.get(k).copied().unwrap_or(1.0)).collect();
        if !o.sources.is_empty() {
            rows.push(EvalRow {
                corpus: "polarity_v2".into(),
                protocol: format!("cross-corpus: all of it, trained on {} (twins left out)", trained_on(&o)),
                n: test.len(),
                metric: "accuracy".into(),
                value: cv_accuracy(&prep, &o, &[test]),
                bar: None,
            });
        }
    }
    if which.ramr && options.sources.contains(&Source::Ramr) {
        let (mut figures, curve) = graded_critic_folds(&prep, options, Source::Ramr);
        rows.append(&mut figures);
        reliability.push(curve);
    }
    Ok(EvalReport { model: options.name.clone(), rows, reliability, seconds: started.elapsed().as_secs_f64() })
}

/// The graded reviews of `source` in five critic-grouped folds: each fold is
/// read by a main classifier trained without any document of its critics,
/// and scored by the isotonic calibration fitted on the other folds' unseen
/// margins and grades.
fn graded_critic_folds(prep: &Prepared, options: &TrainOptions, source: Source) -> (Vec<EvalRow>, Reliability) {
    let folds = critic_folds(prep, options, 5, Some(source));
    let per_fold: Vec<Vec<(usize, f32)>> = folds
        .par_iter()
        .map(|(test, held)| {
            let fitted = fit_all(prep, options, held, false);
            test.iter().map(|&i| (i, fitted.main.margin(prep.data.row(i)))).collect()
        })
        .collect();
    let fresh_grade = f32::from(crate::judge::FRESH_GRADE);
    let (mut abs_err, mut agree, mut fresh_right, mut n) = (0f64, 0usize, 0usize, 0usize);
    let mut pairs = Vec::new();
    for k in 0..per_fold.len() {
        let points: Vec<(f32, f32)> = per_fold
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .flat_map(|(_, f)| f.iter())
            .map(|&(i, m)| (m, 100.0 * prep.docs[i].rating.unwrap_or(0.5)))
            .collect();
        let cal = Calibration::isotonic(&points, fresh_grade);
        for &(i, m) in &per_fold[k] {
            let score = cal.score(m).round();
            let grade = (100.0 * prep.docs[i].rating.unwrap_or(0.5)).round();
            abs_err += f64::from((score - grade).abs());
            let band = |s: f32| marquee_model::VerdictLabel::from_score(s.clamp(0.0, 100.0) as u8);
            agree += usize::from(band(score) == band(grade));
            fresh_right += usize::from(cal.fresh(m) == (grade >= fresh_grade));
            pairs.push((score, grade));
            n += 1;
        }
    }
    let protocol = format!("graded reviews, 5-fold by critic, trained on {}", trained_on_of(options));
    let curve = Reliability::of(source.name(), &pairs);
    let row = |metric: &str, value: f64, bar: Option<f64>| EvalRow {
        corpus: source.name().into(),
        protocol: protocol.clone(),
        n,
        metric: metric.into(),
        value,
        bar,
    };
    let n_f = n.max(1) as f64;
    let figures = vec![
        row("band_agreement", agree as f64 / n_f, Some(0.78)),
        row("mae", abs_err / n_f, Some(9.0)),
        row("fresh_accuracy", fresh_right as f64 / n_f, None),
        row("ece", curve.ece(), None),
    ];
    (figures, curve)
}

fn trained_on_of(o: &TrainOptions) -> String {
    o.sources.iter().map(|s| s.name()).collect::<Vec<_>>().join("+")
}

/// Accuracy over `folds`, each tested by a classifier trained on everything
/// else that `options` allows, twins of the fold left out.
fn cv_accuracy(prep: &Prepared, options: &TrainOptions, folds: &[Vec<usize>]) -> f64 {
    let (correct, total) = folds
        .par_iter()
        .map(|test| {
            // The short classifier and its mixing share are fitted only when
            // the fold has short documents to read.
            let with_short = test.iter().any(|&i| prep.is_short(options, i));
            let fitted = fit_all(prep, options, test, with_short);
            let correct = test
                .iter()
                .filter(|&&i| (fitted.margin(prep, options, i) > 0.0) == (prep.targets[i] > 0.0))
                .count();
            (correct, test.len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    correct as f64 / total.max(1) as f64
}
