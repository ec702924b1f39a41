//! The trained model: hashed feature weights, a bias and a calibration from
//! the classifier's margin to a 0..100 score; and its file format.

use std::io::{Read, Write};
use std::path::Path;

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::features::{FeatureSpec, for_each_distinct, stable_hash};

/// The first bytes of a model file (after gunzip).
const MAGIC: &[u8; 8] = b"MQJUDGE1";

/// Maps a classifier margin to a 0..100 score and to the fresh call.
///
/// A model trained now carries `knots`: a monotone piecewise-linear map
/// fitted by isotonic regression of critics' own grades on margins the model
/// did not train on, so that a score of 80 means what a critic's 80 means,
/// and `fresh_at`, the margin from which a critic's grade is more likely
/// fresh (≥ 60) than not. Older files carry only the tanh curve
/// `clamp(intercept + slope·tanh(m / width))` and call fresh above 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Score at margin 0 (tanh curve).
    pub intercept: f32,
    /// Score gained from the most negative to the most positive reading, halved (tanh curve).
    pub slope: f32,
    /// Margin at which the reading is about three quarters of the way to its extreme (tanh curve).
    pub width: f32,
    /// `[margin, score]` points, margins increasing and scores not
    /// decreasing; the score between two points is interpolated, and beyond
    /// the ends is the end's. When present they replace the tanh curve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub knots: Vec<[f32; 2]>,
    /// A margin above this is a fresh call.
    #[serde(default)]
    pub fresh_at: f32,
}

impl Default for Calibration {
    fn default() -> Self {
        Calibration { intercept: 50.0, slope: 50.0, width: 1.0, knots: Vec::new(), fresh_at: 0.0 }
    }
}

/// At most this many knots are kept of an isotonic fit.
const MAX_KNOTS: usize = 64;

impl Calibration {
    /// The 0..100 score of a margin, unrounded.
    pub fn score(&self, margin: f32) -> f32 {
        if self.knots.is_empty() {
            return (self.intercept + self.slope * (margin / self.width).tanh()).clamp(0.0, 100.0);
        }
        interpolate(&self.knots, margin).clamp(0.0, 100.0)
    }

    /// Whether a margin is a fresh call.
    pub fn fresh(&self, margin: f32) -> bool {
        margin > self.fresh_at
    }

    /// Least-squares fit of `targets` (0..100) on `margins`, trying a grid of
    /// widths and keeping the one with the least mean absolute error.
    pub fn fit(margins: &[f32], targets: &[f32]) -> Calibration {
        let mut best = (f64::INFINITY, Calibration::default());
        for width in [0.25f32, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0] {
            let xs: Vec<f64> = margins.iter().map(|&m| f64::from((m / width).tanh())).collect();
            let n = xs.len() as f64;
            if n < 2.0 {
                break;
            }
            let mx = xs.iter().sum::<f64>() / n;
            let my = targets.iter().map(|&y| f64::from(y)).sum::<f64>() / n;
            let sxy: f64 = xs.iter().zip(targets).map(|(x, &y)| (x - mx) * (f64::from(y) - my)).sum();
            let sxx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
            let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
            let cal = Calibration { intercept: (my - slope * mx) as f32, slope: slope as f32, width, ..Calibration::default() };
            let mae = margins
                .iter()
                .zip(targets)
                .map(|(&m, &y)| f64::from((cal.score(m) - y).abs()))
                .sum::<f64>()
                / n;
            if mae < best.0 {
                best = (mae, cal);
            }
        }
        best.1
    }

    /// The isotonic calibration of critics' grades on unseen margins:
    /// `points` are `(margin, grade 0..100)`. The score is the isotonic
    /// regression of the grade on the margin; the fresh call starts where
    /// the isotonic regression of "grade ≥ `fresh_grade`" crosses one half.
    pub fn isotonic(points: &[(f32, f32)], fresh_grade: f32) -> Calibration {
        let knots = isotonic_knots(points.iter().map(|&(m, g)| (m, g)).collect());
        let fresh = isotonic_knots(points.iter().map(|&(m, g)| (m, if g >= fresh_grade { 1.0 } else { 0.0 })).collect());
        Calibration { knots, fresh_at: crossing(&fresh, 0.5), ..Calibration::default() }
    }
}

/// The piecewise-linear function through `knots` at `x`, flat beyond the ends.
pub(crate) fn interpolate(knots: &[[f32; 2]], x: f32) -> f32 {
    let Some(first) = knots.first() else { return 0.0 };
    let at = knots.partition_point(|k| k[0] < x);
    if at == 0 {
        return first[1];
    }
    let Some(hi) = knots.get(at) else { return knots[knots.len() - 1][1] };
    let lo = knots[at - 1];
    let span = hi[0] - lo[0];
    if span <= 0.0 {
        return hi[1];
    }
    lo[1] + (hi[1] - lo[1]) * (x - lo[0]) / span
}

/// The first x at which the non-decreasing function through `knots`
/// reaches `level` (interpolated), or the last knot's x when it never does.
pub(crate) fn crossing(knots: &[[f32; 2]], level: f32) -> f32 {
    let Some(at) = knots.iter().position(|k| k[1] >= level) else {
        return knots.last().map_or(0.0, |k| k[0]);
    };
    if at == 0 {
        return knots[0][0];
    }
    let (lo, hi) = (knots[at - 1], knots[at]);
    let rise = hi[1] - lo[1];
    if rise <= 0.0 { hi[0] } else { lo[0] + (hi[0] - lo[0]) * (level - lo[1]) / rise }
}

/// Isotonic regression (pool adjacent violators) of `y` on `x` over
/// `(x, y)` points, as at most [`MAX_KNOTS`] + 2 knots: the fitted blocks are
/// pooled further into runs of about equal weight, each knot at its run's
/// mean x and mean y, so the curve stays monotone.
pub(crate) fn isotonic_knots(mut points: Vec<(f32, f32)>) -> Vec<[f32; 2]> {
    points.retain(|p| p.0.is_finite() && p.1.is_finite());
    if points.is_empty() {
        return Vec::new();
    }
    points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    // Blocks of (sum x, sum y, count).
    let mut blocks: Vec<(f64, f64, f64)> = Vec::new();
    for &(x, y) in &points {
        blocks.push((f64::from(x), f64::from(y), 1.0));
        while blocks.len() >= 2 {
            let b = blocks[blocks.len() - 1];
            let a = blocks[blocks.len() - 2];
            if a.1 / a.2 < b.1 / b.2 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
        }
    }
    let total = points.len() as f64;
    let per_knot = (total / MAX_KNOTS as f64).max(1.0);
    let mut knots: Vec<[f32; 2]> = Vec::new();
    let mut run = (0.0, 0.0, 0.0);
    let flush = |run: &mut (f64, f64, f64), knots: &mut Vec<[f32; 2]>| {
        if run.2 > 0.0 {
            let x = (run.0 / run.2) as f32;
            let y = (run.1 / run.2) as f32;
            match knots.last_mut() {
                // Equal margins (rounding) pool into one knot.
                Some(last) if last[0] >= x => last[1] = last[1].max(y),
                _ => knots.push([x, y]),
            }
        }
        *run = (0.0, 0.0, 0.0);
    };
    for (k, b) in blocks.iter().enumerate() {
        // A block's mean never falls below the previous one's, so pooling
        // neighbours keeps the knots monotone; the two ends stay their own
        // knots so the curve reaches the extremes it saw.
        if k + 1 == blocks.len() {
            flush(&mut run, &mut knots);
        }
        run = (run.0 + b.0, run.1 + b.1, run.2 + b.2);
        if k == 0 || run.2 >= per_knot {
            flush(&mut run, &mut knots);
        }
    }
    flush(&mut run, &mut knots);
    knots
}

/// What a model file says about itself, besides its weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// The model's name, e.g. `nbsvm-tri`.
    pub name: String,
    /// Its version: the format version and a fingerprint of its weights, so
    /// two models with the same version score every text the same.
    pub version: String,
    /// How text becomes features.
    pub features: FeatureSpec,
    /// Whether documents are scaled to unit length before weighting.
    pub normalise: bool,
    /// The classifier's bias.
    pub bias: f32,
    /// Margin to score.
    pub calibration: Calibration,
    /// A line on the training data and options, for people.
    pub trained_on: String,
    /// A second classifier for short texts (snippets), mixed with the main
    /// one on texts of at most `max_tokens` tokens; absent in older files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<ShortInfo>,
}

/// The short-text classifier's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShortInfo {
    /// How text becomes its features.
    pub features: FeatureSpec,
    /// Whether documents are scaled to unit length before weighting.
    pub normalise: bool,
    /// Its bias.
    pub bias: f32,
    /// Texts of at most this many tokens are read by both classifiers.
    pub max_tokens: u32,
    /// The main classifier's share w of the mixed margin
    /// `(1 - w)·short + w·main`, chosen by cross-validation on training data.
    pub main_weight: f32,
    /// The score and fresh call of a short text's mixed margin; absent in
    /// older files, which use the main calibration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<Calibration>,
}

/// One linear classifier's weights, as trained and as packed for scoring.
#[derive(Debug, Clone)]
struct Part {
    /// Per-bucket weights with the naive-Bayes ratios folded in.
    weights: Vec<f32>,
    /// Per-bucket feature values, needed only to normalise document length.
    values: Option<Vec<f32>>,
    /// Each bucket's quantised weight and value side by side, so scoring a
    /// feature reads 4 bytes from one table (8 MB at 2^21 buckets) instead
    /// of two floats from two tables.
    packed: Vec<[i16; 2]>,
    /// The steps of the quantised weight and value.
    steps: [f32; 2],
    bias: f32,
    normalise: bool,
}

impl Part {
    /// Quantises the weights (and values) as a file stores them.
    fn new(weights: &[f32], values: Option<&[f32]>, bias: f32, normalise: bool) -> Part {
        let (weights, w_step, w_q) = quantise(weights);
        let (values, v_step, v_q) = match values {
            Some(v) => {
                let (v, step, q) = quantise(v);
                (Some(v), step, q)
            }
            None => (None, 0.0, vec![0u8; w_q.len()]),
        };
        let packed = w_q
            .chunks_exact(2)
            .zip(v_q.chunks_exact(2))
            .map(|(w, v)| [i16::from_le_bytes([w[0], w[1]]), i16::from_le_bytes([v[0], v[1]])])
            .collect();
        Part { weights, values, packed, steps: [w_step, v_step], bias, normalise }
    }

    fn margin_of(&self, buckets: &[u32]) -> f32 {
        let (dot, s) = self.dot_and_scale(buckets);
        s * dot + self.bias
    }

    /// The weight sum of `buckets` and the document scale they imply.
    fn dot_and_scale(&self, buckets: &[u32]) -> (f32, f32) {
        // Integer sums are exact, so the margin does not depend on the order
        // of the buckets.
        let (mut dot, mut sq) = (0i64, 0i64);
        for &j in buckets {
            let [w, v] = self.packed[j as usize];
            dot += i64::from(w);
            sq += i64::from(v) * i64::from(v);
        }
        self.finish(dot, sq)
    }

    /// [`Part::dot_and_scale`] of the distinct buckets among `raw`.
    fn dot_and_scale_raw(&self, raw: &[u32]) -> (f32, f32) {
        let gathered = self.gather(raw);
        let (mut dot, mut sq) = (0i64, 0i64);
        for_each_distinct(raw, |i| {
            let [w, v] = gathered[i];
            dot += i64::from(w);
            sq += i64::from(v) * i64::from(v);
        });
        self.finish(dot, sq)
    }

    /// [`Part::dot_and_scale_raw`] of a document's occurrences, laid out as
    /// [`FeatureSpec::raw_features_at`] lists them without character
    /// n-grams, which also adds to `sums[s]` the quantised weight of each
    /// distinct n-gram lying wholly in sentence `s` (`token_sentence` gives
    /// each token's sentence, in non-decreasing order). One hash probe per
    /// occurrence serves both: each distinct bucket remembers the last
    /// sentence it was counted in.
    fn dot_scale_sentences(&self, raw: &[u32], token_sentence: &[u32], max_ngram: usize, sums: &mut [i64]) -> (f32, f32) {
        #[derive(Clone, Copy)]
        struct Slot {
            bucket: u32,
            stamp: u32,
            weight: i16,
        }
        const EMPTY: u32 = u32::MAX;
        let bits = (raw.len() * 2).next_power_of_two().trailing_zeros().max(4);
        let mask = (1usize << bits) - 1;
        let mut table = vec![Slot { bucket: EMPTY, stamp: EMPTY, weight: 0 }; 1 << bits];
        let gathered = self.gather(raw);
        let (mut dot, mut sq) = (0i64, 0i64);
        let mut at = 0;
        for (t, &sentence) in token_sentence.iter().enumerate() {
            let group = (t + 1).min(max_ngram);
            for k in 0..group {
                let Some(&j) = raw.get(at + k) else { break };
                // The (k + 1)-gram ending at token t starts at token t - k.
                let inside = token_sentence[t - k] == sentence;
                let mut slot = (j.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize;
                loop {
                    let held = &mut table[slot];
                    if held.bucket == EMPTY {
                        let [w, v] = gathered[at + k];
                        dot += i64::from(w);
                        sq += i64::from(v) * i64::from(v);
                        *held = Slot { bucket: j, stamp: if inside { sentence } else { EMPTY }, weight: w };
                        if inside {
                            sums[sentence as usize] += i64::from(w);
                        }
                        break;
                    }
                    if held.bucket == j {
                        if inside && held.stamp != sentence {
                            held.stamp = sentence;
                            sums[sentence as usize] += i64::from(held.weight);
                        }
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
            at += group;
        }
        self.finish(dot, sq)
    }

    /// The packed entries of `raw`, read in one branch-free pass first: the
    /// table is several MB, and loads that do not wait on a branch overlap
    /// their cache misses, where the hash probing that follows would take
    /// them one at a time (it halves the time of a long review).
    fn gather(&self, raw: &[u32]) -> Vec<[i16; 2]> {
        raw.iter().map(|&j| self.packed[j as usize]).collect()
    }

    fn finish(&self, dot: i64, sq: i64) -> (f32, f32) {
        let s = if self.normalise && sq > 0 {
            (1.0 / ((sq as f64).sqrt() * f64::from(self.steps[1]))) as f32
        } else {
            1.0
        };
        ((dot as f64 * f64::from(self.steps[0])) as f32, s)
    }

    /// The weight sum of `buckets`, unscaled.
    fn dot(&self, buckets: &[u32]) -> f32 {
        let dot: i64 = buckets.iter().map(|&j| i64::from(self.packed[j as usize][0])).sum();
        (dot as f64 * f64::from(self.steps[0])) as f32
    }

    /// The quantised arrays, for the file and the fingerprint.
    fn arrays(&self) -> impl Iterator<Item = &Vec<f32>> {
        std::iter::once(&self.weights).chain(self.values.as_ref())
    }
}

/// A trained verdict model.
#[derive(Debug, Clone)]
pub struct Model {
    info: ModelInfo,
    main: Part,
    short: Option<Part>,
}

/// A classifier's trained arrays: weights (NB ratios folded in) and, when
/// documents are normalised, the feature values.
pub(crate) type Arrays = (Vec<f32>, Option<Vec<f32>>);

impl Model {
    /// Assembles a model; `version` in `info` is replaced by the fingerprint
    /// of the weights as they will be saved. `short` goes with `info.short`.
    pub(crate) fn new(mut info: ModelInfo, main: Arrays, short: Option<Arrays>) -> Model {
        // Quantise now, so that the model in memory scores exactly as the
        // same model saved and loaded again.
        let main = Part::new(&main.0, main.1.as_deref(), info.bias, info.normalise);
        let short = match (short, &info.short) {
            (Some((w, v)), Some(s)) => Some(Part::new(&w, v.as_deref(), s.bias, s.normalise)),
            _ => None,
        };
        if short.is_none() {
            info.short = None;
        }
        let mut fingerprint_input = Vec::new();
        for array in main.arrays().chain(short.iter().flat_map(Part::arrays)) {
            fingerprint_input.extend_from_slice(&quantise(array).2);
        }
        fingerprint_input.extend_from_slice(&info.bias.to_le_bytes());
        fingerprint_input.extend_from_slice(&main.steps[0].to_le_bytes());
        let cal = serde_json::to_vec(&(&info.calibration, &info.features, info.normalise, &info.short)).unwrap_or_default();
        fingerprint_input.extend_from_slice(&cal);
        info.version = format!("1.{:08x}", stable_hash(&fingerprint_input) >> 32);
        Model { info, main, short }
    }

    /// What the model says about itself.
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    /// `name@version`, as recorded in each verdict.
    pub fn id(&self) -> String {
        format!("{}@{}", self.info.name, self.info.version)
    }

    /// The main classifier's margin for a document's de-duplicated buckets
    /// (as [`FeatureSpec::features`] of `info().features` finds them):
    /// positive means fresh. [`Model::margin`] also consults the short-text
    /// classifier.
    pub fn margin_of(&self, buckets: &[u32]) -> f32 {
        self.main.margin_of(buckets)
    }

    /// The main classifier's margin of a document's de-duplicated buckets and
    /// the scale it applies to their weights (1 when not normalising).
    /// `raw` may hold repeats, which count once.
    pub(crate) fn margin_and_scale(&self, raw: &[u32]) -> (f32, f32) {
        let (dot, s) = self.main.dot_and_scale_raw(raw);
        (s * dot + self.main.bias, s)
    }

    /// [`Model::margin_and_scale`] of a document's occurrences, adding each
    /// sentence's quantised weight sum to `sums` (see
    /// [`Model::weight_of_sum`]).
    pub(crate) fn margin_and_sentences(&self, raw: &[u32], token_sentence: &[u32], max_ngram: usize, sums: &mut [i64]) -> (f32, f32) {
        let (dot, s) = self.main.dot_scale_sentences(raw, token_sentence, max_ngram, sums);
        (s * dot + self.main.bias, s)
    }

    /// The unscaled weight of a quantised weight sum.
    pub(crate) fn weight_of_sum(&self, sum: i64) -> f32 {
        (sum as f64 * f64::from(self.main.steps[0])) as f32
    }

    /// The main classifier's unscaled weight sum of some buckets.
    pub(crate) fn weight_sum(&self, buckets: &[u32]) -> f32 {
        self.main.dot(buckets)
    }

    /// The margin of a text whose main margin and token count are known.
    pub(crate) fn mixed_margin(&self, text: &str, main: f32, tokens: usize) -> f32 {
        match (&self.short, &self.info.short) {
            (Some(part), Some(s)) if tokens <= s.max_tokens as usize => {
                let mut own = Vec::new();
                s.features.features(text, &mut own);
                let w = s.main_weight;
                (1.0 - w) * part.margin_of(&own) + w * main
            }
            _ => main,
        }
    }

    /// The margin of a text.
    pub fn margin(&self, text: &str) -> f32 {
        self.margin_and_tokens(text).0
    }

    /// The margin of a text and its number of tokens.
    pub fn margin_and_tokens(&self, text: &str) -> (f32, usize) {
        // About one token per five bytes, and up to `max_ngram` buckets each.
        let mut raw = Vec::with_capacity(text.len() * 3 / 4);
        let tokens = self.info.features.raw_features(text, &mut raw);
        let main = self.margin_and_scale(&raw).0;
        (self.mixed_margin(text, main, tokens), tokens)
    }

    /// The calibration of the margin of a text of `tokens` tokens: the short
    /// texts' own where the model has one, else the main one.
    pub fn calibration_for(&self, tokens: usize) -> &Calibration {
        match (&self.short, &self.info.short) {
            (Some(_), Some(ShortInfo { max_tokens, calibration: Some(cal), .. })) if tokens <= *max_tokens as usize => cal,
            _ => &self.info.calibration,
        }
    }

    /// Writes the model to `path` (gzip; quantised weights; a few MB).
    pub fn save(&self, path: &Path) -> Result<()> {
        let bytes = self.to_bytes()?;
        std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
    }

    /// Reads a model written by [`Model::save`].
    pub fn load(path: &Path) -> Result<Model> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Model::from_bytes(&bytes)
    }

    /// The model file's bytes: a JSON header, then each array (main weights,
    /// main values, short weights, short values; values only when
    /// normalising) as a step and 16-bit steps.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let header = serde_json::to_vec(&self.info).map_err(|e| Error::Model(e.to_string()))?;
        let mut raw = Vec::with_capacity(self.main.weights.len() * 2 * 2 + header.len() + 64);
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&(header.len() as u32).to_le_bytes());
        raw.extend_from_slice(&header);
        for array in self.main.arrays().chain(self.short.iter().flat_map(Part::arrays)) {
            let (_, scale, q) = quantise(array);
            raw.extend_from_slice(&scale.to_le_bytes());
            raw.extend_from_slice(&q);
        }
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        gz.write_all(&raw).map_err(|e| Error::Model(e.to_string()))?;
        gz.finish().map_err(|e| Error::Model(e.to_string()))
    }

    /// Parses a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let mut raw = Vec::new();
        GzDecoder::new(bytes).read_to_end(&mut raw).map_err(|e| Error::Model(e.to_string()))?;
        let bad = |what: &str| Error::Model(what.to_owned());
        let rest = raw.strip_prefix(MAGIC.as_slice()).ok_or_else(|| bad("wrong magic bytes"))?;
        let (len, rest) = rest.split_at_checked(4).ok_or_else(|| bad("truncated header"))?;
        let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
        let (header, mut rest) = rest.split_at_checked(len).ok_or_else(|| bad("truncated header"))?;
        let info: ModelInfo = serde_json::from_slice(header).map_err(|e| Error::Model(e.to_string()))?;
        let mut read_part = |spec: &FeatureSpec, normalise: bool, bias: f32| -> Result<Part> {
            if !(8..=26).contains(&spec.bits) {
                return Err(bad("feature bits out of range"));
            }
            let (weights, tail) = dequantise(rest, spec.dim()).ok_or_else(|| bad("truncated weights"))?;
            rest = tail;
            let values = if normalise {
                let (values, tail) = dequantise(rest, spec.dim()).ok_or_else(|| bad("truncated weights"))?;
                rest = tail;
                Some(values)
            } else {
                None
            };
            Ok(Part::new(&weights, values.as_deref(), bias, normalise))
        };
        let main = read_part(&info.features, info.normalise, info.bias)?;
        let short = match &info.short {
            Some(s) => Some(read_part(&s.features, s.normalise, s.bias)?),
            None => None,
        };
        if !rest.is_empty() {
            return Err(bad("trailing bytes"));
        }
        Ok(Model { info, main, short })
    }
}

/// Rounds `values` to 16-bit steps of max|v|/32767: returns the rounded
/// values, the step and the little-endian i16 bytes.
fn quantise(values: &[f32]) -> (Vec<f32>, f32, Vec<u8>) {
    let max = values.iter().fold(0f32, |m, v| m.max(v.abs()));
    let step = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let mut bytes = Vec::with_capacity(values.len() * 2);
    let rounded = values
        .iter()
        .map(|&v| {
            let q = (v / step).round().clamp(-32767.0, 32767.0) as i16;
            bytes.extend_from_slice(&q.to_le_bytes());
            f32::from(q) * step
        })
        .collect();
    (rounded, step, bytes)
}

fn dequantise(bytes: &[u8], dim: usize) -> Option<(Vec<f32>, &[u8])> {
    let (step, rest) = bytes.split_at_checked(4)?;
    let step = f32::from_le_bytes([step[0], step[1], step[2], step[3]]);
    let (body, rest) = rest.split_at_checked(dim * 2)?;
    let values = body.chunks_exact(2).map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) * step).collect();
    Some((values, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_recovers_a_monotone_mapping_and_stays_in_range() {
        let margins: Vec<f32> = (-20..=20).map(|k| k as f32 / 5.0).collect();
        let targets: Vec<f32> = margins.iter().map(|&m| 50.0 + 40.0 * (m / 2.0).tanh()).collect();
        let cal = Calibration::fit(&margins, &targets);
        assert_eq!(cal.width, 2.0);
        assert!((cal.intercept - 50.0).abs() < 0.01 && (cal.slope - 40.0).abs() < 0.01);
        assert!(cal.score(1e9) <= 100.0 && cal.score(-1e9) >= 0.0);
    }

    #[test]
    fn isotonic_calibration_is_monotone_spreads_like_the_grades_and_calls_fresh_at_the_crossing() {
        // Grades rise with the margin, with noise that breaks monotonicity.
        let points: Vec<(f32, f32)> = (0..2000)
            .map(|k| {
                let m = (k as f32 - 1000.0) / 250.0;
                let noise = ((k * 7919) % 21) as f32 - 10.0;
                (m, (50.0 + 45.0 * (m / 2.0).tanh() + noise).clamp(0.0, 100.0))
            })
            .collect();
        let cal = Calibration::isotonic(&points, 60.0);
        assert!(cal.knots.len() <= MAX_KNOTS + 2 && cal.knots.len() > 8, "{} knots", cal.knots.len());
        assert!(cal.knots.windows(2).all(|w| w[0][0] < w[1][0] && w[0][1] <= w[1][1]), "{:?}", cal.knots);
        assert!(cal.score(-4.0) < 20.0 && cal.score(4.0) > 80.0);
        assert!(cal.score(-1e9) >= 0.0 && cal.score(1e9) <= 100.0);
        // 50 + 45·tanh(m/2) reaches 60 at m ≈ 0.45.
        assert!((cal.fresh_at - 0.45).abs() < 0.25, "fresh at {}", cal.fresh_at);
        assert!(cal.fresh(1.0) && !cal.fresh(0.0));
        let mae: f32 = points.iter().map(|&(m, g)| (cal.score(m) - g).abs()).sum::<f32>() / points.len() as f32;
        assert!(mae < 6.0, "mae {mae}");
    }

    #[test]
    fn interpolation_and_crossing_follow_the_knots() {
        let knots = [[0.0, 10.0], [1.0, 30.0], [2.0, 30.0], [3.0, 90.0]];
        assert_eq!(interpolate(&knots, -5.0), 10.0);
        assert_eq!(interpolate(&knots, 0.5), 20.0);
        assert_eq!(interpolate(&knots, 2.5), 60.0);
        assert_eq!(interpolate(&knots, 9.0), 90.0);
        assert_eq!(crossing(&knots, 20.0), 0.5);
        assert_eq!(crossing(&knots, 60.0), 2.5);
        assert_eq!(crossing(&knots, 99.0), 3.0);
        assert_eq!(crossing(&knots, 0.0), 0.0);
    }

    #[test]
    fn quantisation_round_trips_within_a_step() {
        let values = [0.0, 1.5, -3.0, 0.001];
        let (rounded, step, bytes) = quantise(&values);
        let (back, rest) = dequantise(&[step.to_le_bytes().as_slice(), &bytes].concat(), 4).map(|(v, r)| (v, r.len())).unwrap();
        assert_eq!(rest, 0);
        assert_eq!(back, rounded);
        for (v, r) in values.iter().zip(&rounded) {
            assert!((v - r).abs() <= step / 2.0 + 1e-9);
        }
    }
}
