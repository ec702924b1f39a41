//! Training: NBSVM (Wang & Manning 2012) over hashed 1- to 3-grams, then a
//! calibration of its margin to scale_data's ratings; and a second NBSVM for
//! short texts, with the share of the mix chosen by cross-validation.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::{self, Doc, GradedText, Source};
use crate::error::{Error, Result};
use crate::features::{FeatureSpec, stable_hash};
use crate::linear::{Dataset, Linear, Loss, Problem, fit, nb_ratios};
use crate::model::{Calibration, Model, ModelInfo, ShortInfo, crossing, interpolate, isotonic_knots};

/// How to train. `TrainOptions::default()` builds the shipped model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainOptions {
    /// The model's name in `name@version`.
    pub name: String,
    /// Which corpora to learn from.
    pub sources: Vec<Source>,
    /// How text becomes features.
    pub features: FeatureSpec,
    /// Scale features by naive-Bayes log-count ratios (NBSVM); plain SVM if false.
    pub naive_bayes: bool,
    /// Smoothing of the naive-Bayes counts.
    pub nb_alpha: f64,
    /// NBSVM's interpolation β between the mean weight magnitude (0) and the
    /// SVM's weights (1).
    pub beta: f32,
    /// SVM cost C per unit of document weight.
    pub cost: f32,
    /// Scale each document to unit length.
    pub normalise: bool,
    /// Weight of a document from each corpus, in `sources` order.
    pub source_weights: Vec<f32>,
    /// scale_data extracts rated at least this count as positive examples.
    pub scale_positive_at: f32,
    /// scale_data extracts rated at most this count as negative examples.
    pub scale_negative_at: f32,
    /// Solver epochs at most.
    pub max_epochs: usize,
    /// Solver stopping tolerance on the projected gradient.
    pub tolerance: f64,
    /// Folds used to collect unseen margins for the score calibration.
    pub calibration_folds: u32,
    /// Give each class of each corpus the same total weight, so a corpus
    /// that leans positive does not tilt the bias.
    #[serde(default)]
    pub balance: bool,
    /// Seed of every shuffle.
    pub seed: u64,
    /// A second classifier for short texts, mixed with this one on them.
    #[serde(default)]
    pub short: Option<Box<ShortOptions>>,
}

/// How to train the short-text classifier and mix it with the main one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShortOptions {
    /// Texts of at most this many tokens are read by both classifiers (Rotten
    /// Tomatoes snippets have at most 59; full reviews hundreds).
    pub max_tokens: u32,
    /// The short classifier's own training options (its `short` is ignored);
    /// only its sources' documents of at most `max_tokens` tokens train it.
    pub model: TrainOptions,
    /// The candidate shares of the main classifier in the mixed margin.
    pub mix_grid: Vec<f32>,
    /// The share is the candidate with the best accuracy on these many
    /// cross-validation folds of the short training documents.
    pub mix_folds: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        let short = ShortOptions {
            max_tokens: 64,
            model: TrainOptions {
                name: "nbsvm-short".into(),
                sources: vec![Source::RtPolarity],
                source_weights: vec![1.0],
                features: FeatureSpec { bits: 21, max_ngram: 2, negation: false, char_ngrams: 5 },
                beta: 0.25,
                calibration_folds: 0,
                ..TrainOptions::single()
            },
            mix_grid: vec![0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
            mix_folds: 5,
        };
        TrainOptions { short: Some(Box::new(short)), ..TrainOptions::single() }
    }
}

impl TrainOptions {
    /// The main classifier's options alone, without a short-text classifier.
    pub fn single() -> Self {
        TrainOptions {
            name: "nbsvm-tri".into(),
            sources: vec![Source::PolarityV2, Source::RtPolarity, Source::ScaleData, Source::Ramr],
            features: FeatureSpec::default(),
            naive_bayes: true,
            nb_alpha: 1.0,
            beta: 1.0,
            cost: 1.0,
            normalise: true,
            source_weights: vec![2.0, 1.0, 1.0, 0.0],
            scale_positive_at: 0.6,
            scale_negative_at: 0.4,
            max_epochs: 50,
            tolerance: 0.1,
            calibration_folds: 5,
            balance: false,
            seed: 2012,
            short: None,
        }
    }

    fn weight_of(&self, source: Source) -> Option<f32> {
        let at = self.sources.iter().position(|&s| s == source)?;
        Some(self.source_weights.get(at).copied().unwrap_or(1.0))
    }
}

/// What training did, for people.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrainReport {
    /// Documents per corpus that trained the classifier.
    pub documents: Vec<(Source, usize)>,
    /// Distinct buckets used.
    pub buckets_used: usize,
    /// Mean absolute error of the calibrated score on the unseen margins of
    /// graded reviews it was fitted to.
    pub calibration_mae: Option<f64>,
    /// The fitted calibration.
    pub calibration: Calibration,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// `name@version` of the model.
    pub model: String,
}

/// The corpora, featurised once and shared by every fit.
pub(crate) struct Prepared {
    pub docs: Vec<Doc>,
    pub data: Dataset,
    pub targets: Vec<f32>,
    /// Each document's number of tokens.
    pub tokens: Vec<u32>,
    /// The documents featurised for the short classifier (empty rows for
    /// documents too long for it), when there is one.
    pub short_data: Option<Dataset>,
}

impl Prepared {
    pub fn load(corpora_dir: &Path, options: &TrainOptions) -> Result<Prepared> {
        Prepared::load_with(corpora_dir, options, &[])
    }

    /// The corpora and, as [`Source::Catalogue`], the graded reviews of
    /// `catalogue`.
    pub fn load_with(corpora_dir: &Path, options: &TrainOptions, catalogue: &[GradedText]) -> Result<Prepared> {
        let (pos_at, neg_at) = (options.scale_positive_at, options.scale_negative_at);
        let mut docs = corpus::load(corpora_dir, pos_at, neg_at)?;
        if options.sources.contains(&Source::Ramr) {
            let (graded, critics) = corpus::read_ramr(corpora_dir)?;
            // The archive's critic of each Cornell document, so that
            // critic-grouped folds hold out all of a critic's work.
            for d in &mut docs {
                if let Some(c) = d.twins.first().and_then(|id| critics.get(id)) {
                    d.critic = Some(c.clone());
                }
            }
            let ramr = corpus::graded_docs(&graded, &docs, Source::Ramr, pos_at, neg_at);
            docs.extend(ramr);
        }
        if !catalogue.is_empty() {
            let own = corpus::graded_docs(catalogue, &docs, Source::Catalogue, pos_at, neg_at);
            docs.extend(own);
        }
        let featurise = |spec: FeatureSpec, max_tokens: Option<u32>| -> (Dataset, Vec<u32>) {
            let rows: Vec<(Vec<u32>, u32)> = docs
                .par_iter()
                .map_init(Vec::new, |buf, doc| {
                    let tokens = spec.features(&doc.text, buf) as u32;
                    if max_tokens.is_some_and(|m| tokens > m) {
                        return (Vec::new(), tokens);
                    }
                    // The solver's float sums follow the order of a row; sorting
                    // makes training independent of how features were found.
                    buf.sort_unstable();
                    (buf.clone(), tokens)
                })
                .collect();
            let mut data = Dataset::new();
            for (row, _) in &rows {
                data.push(row);
            }
            (data, rows.into_iter().map(|r| r.1).collect())
        };
        let (data, tokens) = featurise(options.features, None);
        let short_data = options.short.as_ref().map(|s| featurise(s.model.features, Some(s.max_tokens)).0);
        let targets = docs
            .iter()
            .map(|d| match d.positive {
                Some(true) => 1.0,
                Some(false) => -1.0,
                None => 0.0,
            })
            .collect();
        Ok(Prepared { docs, data, targets, tokens, short_data })
    }

    /// The rows usable to train the short classifier: short documents of its
    /// sources, leaving out `held_out` rows and their twins.
    pub fn short_rows(&self, short: &ShortOptions, held_out: &[usize]) -> Vec<usize> {
        let mut rows = self.training_rows(&short.model, held_out);
        rows.retain(|&i| self.tokens[i] <= short.max_tokens);
        rows
    }

    /// Whether document `i` is read by the short classifier too under `options`.
    pub fn is_short(&self, options: &TrainOptions, i: usize) -> bool {
        options.short.as_ref().is_some_and(|s| self.tokens[i] <= s.max_tokens)
    }

    /// The rows usable to train a classifier under `options`, leaving out
    /// `held_out` rows and every twin of them.
    pub fn training_rows(&self, options: &TrainOptions, held_out: &[usize]) -> Vec<usize> {
        let held: HashSet<usize> = held_out.iter().copied().collect();
        let twins: HashSet<u32> = held_out.iter().flat_map(|&i| self.docs[i].twins.iter().copied()).collect();
        (0..self.docs.len())
            .filter(|&i| {
                let d = &self.docs[i];
                d.positive.is_some()
                    && options.weight_of(d.source).is_some_and(|w| w > 0.0)
                    && !held.contains(&i)
                    && !d.twins.iter().any(|t| twins.contains(t))
            })
            .collect()
    }
}

/// A classifier fitted on some rows: folded weights, and the feature values
/// when documents are normalised.
pub(crate) struct Classifier {
    pub weights: Vec<f32>,
    pub values: Option<Vec<f32>>,
    pub bias: f32,
    pub normalise: bool,
}

impl Classifier {
    pub fn margin(&self, row: &[u32]) -> f32 {
        let s = crate::linear::row_scale(row, self.values.as_deref(), self.normalise);
        s * row.iter().map(|&j| self.weights[j as usize]).sum::<f32>() + self.bias
    }
}

/// The main classifier and, where configured, the short one with the main
/// classifier's share of the mixed margin.
pub(crate) struct Fitted {
    pub main: Classifier,
    pub short: Option<(Classifier, f32)>,
    /// The mixed margins and labels of the short training documents, each
    /// from classifiers that did not see it (the folds that chose the mix).
    pub short_unseen: Vec<(f32, bool)>,
}

impl Fitted {
    /// The margin of document `i` of `prep`, as the shipped model reads it.
    pub fn margin(&self, prep: &Prepared, options: &TrainOptions, i: usize) -> f32 {
        let main = self.main.margin(prep.data.row(i));
        match (&self.short, &prep.short_data) {
            (Some((clf, w)), Some(data)) if prep.is_short(options, i) => (1.0 - w) * clf.margin(data.row(i)) + w * main,
            _ => main,
        }
    }
}

/// Fits the main classifier, and the short one with its mixing share when
/// `with_short` and `options` has one, leaving out `held_out` and its twins.
pub(crate) fn fit_all(prep: &Prepared, options: &TrainOptions, held_out: &[usize], with_short: bool) -> Fitted {
    let fit_main = || fit_classifier(prep, &prep.data, &prep.training_rows(options, held_out), options);
    match (&options.short, &prep.short_data) {
        (Some(s), Some(data)) if with_short => {
            let (main, (clf, (w, short_unseen))) = rayon::join(fit_main, || {
                rayon::join(
                    || fit_classifier(prep, data, &prep.short_rows(s, held_out), &s.model),
                    || choose_mix(prep, options, s, data, held_out),
                )
            });
            Fitted { main, short: Some((clf, w)), short_unseen }
        }
        _ => Fitted { main: fit_main(), short: None, short_unseen: Vec::new() },
    }
}

/// The main classifier's share of the mixed margin: the candidate of
/// `short.mix_grid` with the best accuracy on cross-validation folds of the
/// short training documents (both classifiers refitted without each fold).
/// Ties go to the smaller share. Also returns each fold document's mixed
/// margin at that share, with its label.
fn choose_mix(prep: &Prepared, options: &TrainOptions, short: &ShortOptions, data: &Dataset, held_out: &[usize]) -> (f32, Vec<(f32, bool)>) {
    let rows = prep.short_rows(short, held_out);
    let k = u64::from(short.mix_folds.max(2));
    let mut folds = vec![Vec::new(); k as usize];
    for &i in &rows {
        let h = stable_hash(prep.docs[i].id.as_bytes()) ^ options.seed.rotate_left(17);
        folds[(stable_hash(&h.to_le_bytes()) % k) as usize].push(i);
    }
    let per_fold: Vec<(Vec<usize>, Vec<(f32, f32, bool)>)> = folds
        .par_iter()
        .map(|fold| {
            let held: Vec<usize> = held_out.iter().chain(fold).copied().collect();
            let (main, own) = rayon::join(
                || fit_classifier(prep, &prep.data, &prep.training_rows(options, &held), options),
                || fit_classifier(prep, data, &prep.short_rows(short, &held), &short.model),
            );
            let mut correct = vec![0usize; short.mix_grid.len()];
            let mut margins = Vec::with_capacity(fold.len());
            for &i in fold {
                let (m, s) = (main.margin(prep.data.row(i)), own.margin(data.row(i)));
                for (c, &w) in correct.iter_mut().zip(&short.mix_grid) {
                    *c += usize::from((((1.0 - w) * s + w * m) > 0.0) == (prep.targets[i] > 0.0));
                }
                margins.push((m, s, prep.targets[i] > 0.0));
            }
            (correct, margins)
        })
        .collect();
    let mut correct = vec![0usize; short.mix_grid.len()];
    for (c, _) in &per_fold {
        for (total, n) in correct.iter_mut().zip(c) {
            *total += n;
        }
    }
    let mut best = (0usize, 0.0f32);
    for (&c, &w) in correct.iter().zip(&short.mix_grid) {
        if c > best.0 {
            best = (c, w);
        }
    }
    let w = best.1;
    let unseen = per_fold.iter().flat_map(|(_, m)| m).map(|&(m, s, y)| ((1.0 - w) * s + w * m, y)).collect();
    (w, unseen)
}

pub(crate) fn fit_classifier(prep: &Prepared, data: &Dataset, rows: &[usize], options: &TrainOptions) -> Classifier {
    let dim = options.features.dim();
    let mut weights: Vec<f32> = prep.docs.iter().map(|d| options.weight_of(d.source).unwrap_or(0.0)).collect();
    if options.balance {
        // Count each corpus's classes among the training rows.
        let mut counts: std::collections::HashMap<(Source, bool), f32> = std::collections::HashMap::new();
        for &i in rows {
            *counts.entry((prep.docs[i].source, prep.targets[i] > 0.0)).or_default() += 1.0;
        }
        for &i in rows {
            let s = prep.docs[i].source;
            let pos = counts.get(&(s, true)).copied().unwrap_or(0.0);
            let neg = counts.get(&(s, false)).copied().unwrap_or(0.0);
            let mine = if prep.targets[i] > 0.0 { pos } else { neg };
            weights[i] *= (pos + neg) / (2.0 * mine.max(1.0));
        }
    }
    let costs: Vec<f32> = weights.iter().map(|w| w * options.cost).collect();
    let ratios = options
        .naive_bayes
        .then(|| nb_ratios(data, rows, &prep.targets, &weights, dim, options.nb_alpha));
    let problem = Problem {
        data,
        rows,
        targets: &prep.targets,
        costs: &costs,
        values: ratios.as_deref(),
        normalise: options.normalise,
    };
    let seed = options.seed ^ stable_hash(&(rows.len() as u64).to_le_bytes());
    let Linear { mut w, b } = fit(&problem, Loss::SquaredHinge, dim, options.max_epochs, options.tolerance, seed);
    if options.beta < 1.0 {
        // Wang & Manning's interpolation towards the mean magnitude, which
        // acts like the naive-Bayes vote and helps on long documents.
        let used = w.iter().filter(|v| **v != 0.0).count().max(1);
        let mean = w.iter().map(|v| v.abs()).sum::<f32>() / used as f32;
        for v in &mut w {
            if *v != 0.0 {
                *v = (1.0 - options.beta) * mean + options.beta * *v;
            }
        }
    }
    if let Some(r) = &ratios {
        for (v, r) in w.iter_mut().zip(r) {
            *v *= r;
        }
    }
    Classifier { weights: w, values: ratios.filter(|_| options.normalise), bias: b, normalise: options.normalise }
}

/// Splits the scale_data rows into `k` folds, twins together.
pub(crate) fn scale_folds(prep: &Prepared, k: u32, seed: u64) -> Vec<Vec<usize>> {
    let mut folds = vec![Vec::new(); k as usize];
    for (i, d) in prep.docs.iter().enumerate() {
        if d.source == Source::ScaleData {
            let key = d.twins.iter().min().copied().unwrap_or(0);
            let h = stable_hash(&(u64::from(key) ^ seed).to_le_bytes());
            folds[(h % u64::from(k)) as usize].push(i);
        }
    }
    folds
}

/// Folds of the graded documents of `options`' sources (those with the
/// critic's rating), grouped by critic: each fold's test rows, and the rows
/// it holds out of training, which are every document of its critics (a
/// Cornell text by the same critic too). Documents with no known critic go
/// by their archive id.
pub(crate) fn critic_folds(prep: &Prepared, options: &TrainOptions, k: u32, only: Option<Source>) -> Vec<(Vec<usize>, Vec<usize>)> {
    let key = |d: &Doc| -> u64 {
        match &d.critic {
            Some(c) => stable_hash(c.trim().to_lowercase().as_bytes()),
            None => stable_hash(&u64::from(d.twins.iter().min().copied().unwrap_or(0)).to_le_bytes()),
        }
    };
    let fold_of = |d: &Doc| (stable_hash(&(key(d) ^ options.seed).to_le_bytes()) % u64::from(k)) as usize;
    let mut folds = vec![(Vec::new(), Vec::new()); k as usize];
    for (i, d) in prep.docs.iter().enumerate() {
        if d.critic.is_none() && d.rating.is_none() {
            continue;
        }
        let f = fold_of(d);
        folds[f].1.push(i);
        if d.rating.is_some() && options.weight_of(d.source).is_some() && only.is_none_or(|s| s == d.source) {
            folds[f].0.push(i);
        }
    }
    folds
}

/// Out-of-fold margins of every graded document (critic-grouped folds),
/// with 100 × rating.
pub(crate) fn unseen_graded_margins(prep: &Prepared, options: &TrainOptions, k: u32) -> Vec<(usize, f32, f32)> {
    let folds = critic_folds(prep, options, k, None);
    folds
        .par_iter()
        .flat_map_iter(|(test, held)| {
            let rows = prep.training_rows(options, held);
            let clf = fit_classifier(prep, &prep.data, &rows, options);
            test.iter()
                .map(|&i| (i, clf.margin(prep.data.row(i)), 100.0 * prep.docs[i].rating.unwrap_or(0.5)))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The calibration of short texts' mixed margins. Their unseen margins
/// (`short_unseen`, from rt_polarity's snippets) carry only fresh/rotten, so
/// the chance of fresh at each margin is fitted there (isotonic), moved from
/// the snippets' own share of fresh to the share among critics' grades
/// (`long`: unseen margins of graded reviews with their grades), and given
/// the score of a graded review that is as surely fresh. A snippet is fresh
/// where that chance passes one half.
pub(crate) fn short_calibration(long: &[(f32, f32)], short_unseen: &[(f32, bool)], fresh_grade: f32) -> Calibration {
    let grade_curve = isotonic_knots(long.to_vec());
    let fresh_curve = isotonic_knots(long.iter().map(|&(m, g)| (m, f32::from(u8::from(g >= fresh_grade)))).collect());
    let share = |n: usize, of: usize| (n as f64 / of.max(1) as f64).clamp(0.01, 0.99);
    let prior = share(long.iter().filter(|p| p.1 >= fresh_grade).count(), long.len());
    let own = share(short_unseen.iter().filter(|p| p.1).count(), short_unseen.len());
    // Bayes' rule: the odds of fresh scale by the ratio of the priors' odds.
    let shift = (prior / (1.0 - prior)) / (own / (1.0 - own));
    let adjust = |q: f32| {
        let q = f64::from(q).clamp(1e-4, 1.0 - 1e-4);
        let odds = q / (1.0 - q) * shift;
        (odds / (1.0 + odds)) as f32
    };
    let chance = isotonic_knots(short_unseen.iter().map(|&(m, y)| (m, f32::from(u8::from(y)))).collect());
    let knots = chance
        .iter()
        .map(|&[m, q]| [m, interpolate(&grade_curve, crossing(&fresh_curve, adjust(q)))])
        .collect();
    // adjust(q) = 1/2 where the snippets' own odds are 1 / shift.
    let level = (1.0 / (1.0 + shift)) as f32;
    Calibration { knots, fresh_at: crossing(&chance, level), ..Calibration::default() }
}

/// Trains a model on the corpora in `corpora_dir` (../shared/corpora).
pub fn train(corpora_dir: &Path, options: &TrainOptions) -> Result<(Model, TrainReport)> {
    train_with(corpora_dir, options, &[])
}

/// Trains a model on the corpora and on `catalogue`, graded reviews of a
/// user's own (`marquee train --db`), which count as much as a ramr review
/// (or 1 when ramr is not among the sources) and take part in the score's
/// calibration.
pub fn train_with(corpora_dir: &Path, options: &TrainOptions, catalogue: &[GradedText]) -> Result<(Model, TrainReport)> {
    let started = Instant::now();
    let mut options = options.clone();
    if !catalogue.is_empty() && options.weight_of(Source::Catalogue).is_none() {
        let weight = options.weight_of(Source::Ramr).unwrap_or(1.0);
        options.source_weights.resize(options.sources.len(), 1.0);
        options.sources.push(Source::Catalogue);
        options.source_weights.push(weight);
    }
    let prep = Prepared::load_with(corpora_dir, &options, catalogue)?;
    train_prepared(&prep, &options, started)
}

pub(crate) fn train_prepared(prep: &Prepared, options: &TrainOptions, started: Instant) -> Result<(Model, TrainReport)> {
    let rows = prep.training_rows(options, &[]);
    if rows.is_empty() {
        return Err(Error::Train("no labelled documents in the chosen corpora".into()));
    }
    let (fitted, unseen) = rayon::join(
        || fit_all(prep, options, &[], true),
        || {
            if options.calibration_folds >= 2 {
                unseen_graded_margins(prep, options, options.calibration_folds)
            } else {
                Vec::new()
            }
        },
    );
    let fresh_grade = f32::from(crate::judge::FRESH_GRADE);
    let points: Vec<(f32, f32)> = unseen.iter().map(|u| (u.1, u.2)).collect();
    let (calibration, calibration_mae) = if points.is_empty() {
        (Calibration::default(), None)
    } else {
        let cal = Calibration::isotonic(&points, fresh_grade);
        let mae = points.iter().map(|&(m, g)| f64::from((cal.score(m) - g).abs())).sum::<f64>() / points.len() as f64;
        (cal, Some(mae))
    };
    let short_cal = (!points.is_empty() && !fitted.short_unseen.is_empty())
        .then(|| short_calibration(&points, &fitted.short_unseen, fresh_grade));
    let mut documents: Vec<(Source, usize)> = Vec::new();
    for &i in &rows {
        let s = prep.docs[i].source;
        match documents.iter_mut().find(|(src, _)| *src == s) {
            Some(entry) => entry.1 += 1,
            None => documents.push((s, 1)),
        }
    }
    let Fitted { main: clf, short, .. } = fitted;
    let buckets_used = clf.weights.iter().filter(|w| **w != 0.0).count();
    let trained_on = documents
        .iter()
        .map(|(s, n)| format!("{} {n}", s.name()))
        .collect::<Vec<_>>()
        .join(", ");
    let info = ModelInfo {
        name: options.name.clone(),
        version: String::new(),
        features: options.features,
        normalise: options.normalise,
        bias: clf.bias,
        calibration: calibration.clone(),
        trained_on: format!("{trained_on}; seed {}", options.seed),
        short: None,
    };
    let (info, short) = match (short, &options.short) {
        (Some((sclf, w)), Some(s)) => {
            let trained_on = format!("{}; short texts (≤ {} tokens) also read by a model of {}", info.trained_on, s.max_tokens,
                s.model.sources.iter().map(|s| s.name()).collect::<Vec<_>>().join("+"));
            let short_info = ShortInfo {
                features: s.model.features,
                normalise: s.model.normalise,
                bias: sclf.bias,
                max_tokens: s.max_tokens,
                main_weight: w,
                calibration: short_cal,
            };
            (ModelInfo { short: Some(short_info), trained_on, ..info }, Some((sclf.weights, sclf.values)))
        }
        _ => (info, None),
    };
    let model = Model::new(info, (clf.weights, clf.values), short);
    let report = TrainReport {
        documents,
        buckets_used,
        calibration_mae,
        calibration,
        seconds: started.elapsed().as_secs_f64(),
        model: model.id(),
    };
    Ok((model, report))
}
