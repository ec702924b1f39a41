//! The trained model: hashed feature weights, a bias and a calibration from
//! the classifier's margin to a 0..100 score; and its file format.

use std::io::{Read, Write};
use std::path::Path;

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::features::{FeatureSpec, stable_hash};
use crate::linear::row_scale;

/// The first bytes of a model file (after gunzip).
const MAGIC: &[u8; 8] = b"MQJUDGE1";

/// Maps a classifier margin m to a 0..100 score:
/// `clamp(intercept + slope·tanh(m / width))`. Fitted by least squares
/// against scale_data's 100 × rating on margins the model did not train on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Score at margin 0.
    pub intercept: f32,
    /// Score gained from the most negative to the most positive reading, halved.
    pub slope: f32,
    /// Margin at which the reading is about three quarters of the way to its extreme.
    pub width: f32,
}

impl Default for Calibration {
    fn default() -> Self {
        Calibration { intercept: 50.0, slope: 50.0, width: 1.0 }
    }
}

impl Calibration {
    /// The 0..100 score of a margin, unrounded.
    pub fn score(&self, margin: f32) -> f32 {
        (self.intercept + self.slope * (margin / self.width).tanh()).clamp(0.0, 100.0)
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
            let cal = Calibration { intercept: (my - slope * mx) as f32, slope: slope as f32, width };
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
}

/// A trained verdict model.
#[derive(Debug, Clone)]
pub struct Model {
    info: ModelInfo,
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
}

impl Model {
    /// Assembles a model; `version` in `info` is replaced by the fingerprint
    /// of the weights as they will be saved.
    pub(crate) fn new(mut info: ModelInfo, weights: Vec<f32>, values: Option<Vec<f32>>) -> Model {
        // Quantise now, so that the model in memory scores exactly as the
        // same model saved and loaded again.
        let (weights, w_scale, w_q) = quantise(&weights);
        let values = values.map(|v| quantise(&v));
        let mut fingerprint_input = w_q;
        if let Some((_, _, q)) = &values {
            fingerprint_input.extend_from_slice(q);
        }
        fingerprint_input.extend_from_slice(&info.bias.to_le_bytes());
        fingerprint_input.extend_from_slice(&w_scale.to_le_bytes());
        let cal = serde_json::to_vec(&(&info.calibration, &info.features, info.normalise)).unwrap_or_default();
        fingerprint_input.extend_from_slice(&cal);
        info.version = format!("1.{:08x}", stable_hash(&fingerprint_input) >> 32);
        Model::assemble(info, weights, values.map(|(v, _, _)| v))
    }

    fn assemble(info: ModelInfo, weights: Vec<f32>, values: Option<Vec<f32>>) -> Model {
        let (_, w_step, w_q) = quantise(&weights);
        let (v_step, v_q) = match &values {
            Some(v) => {
                let (_, step, q) = quantise(v);
                (step, q)
            }
            None => (0.0, vec![0u8; w_q.len()]),
        };
        let packed = w_q
            .chunks_exact(2)
            .zip(v_q.chunks_exact(2))
            .map(|(w, v)| [i16::from_le_bytes([w[0], w[1]]), i16::from_le_bytes([v[0], v[1]])])
            .collect();
        Model { info, weights, values, packed, steps: [w_step, v_step] }
    }

    /// What the model says about itself.
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    /// `name@version`, as recorded in each verdict.
    pub fn id(&self) -> String {
        format!("{}@{}", self.info.name, self.info.version)
    }

    /// The classifier's margin for a document's de-duplicated buckets:
    /// positive means fresh.
    pub fn margin_of(&self, buckets: &[u32]) -> f32 {
        // Integer sums are exact, so the margin does not depend on the order
        // of the buckets.
        let (mut dot, mut sq) = (0i64, 0i64);
        for &j in buckets {
            let [w, v] = self.packed[j as usize];
            dot += i64::from(w);
            sq += i64::from(v) * i64::from(v);
        }
        let s = if self.info.normalise && sq > 0 {
            (1.0 / ((sq as f64).sqrt() * f64::from(self.steps[1]))) as f32
        } else {
            1.0
        };
        s * (dot as f64 * f64::from(self.steps[0])) as f32 + self.info.bias
    }

    /// The weight of one bucket, scaled as in [`Model::margin_of`] for a
    /// document of scale `s`.
    pub(crate) fn weight(&self, bucket: u32) -> f32 {
        self.weights[bucket as usize]
    }

    /// The document scale applied to a set of buckets (1 when not normalising).
    pub(crate) fn scale_of(&self, buckets: &[u32]) -> f32 {
        row_scale(buckets, self.values.as_deref(), self.info.normalise)
    }

    /// The margin of a text.
    pub fn margin(&self, text: &str) -> f32 {
        let mut buckets = Vec::new();
        self.info.features.features(text, &mut buckets);
        self.margin_of(&buckets)
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

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let header = serde_json::to_vec(&self.info).map_err(|e| Error::Model(e.to_string()))?;
        let mut raw = Vec::with_capacity(self.weights.len() * 2 * 2 + header.len() + 64);
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&(header.len() as u32).to_le_bytes());
        raw.extend_from_slice(&header);
        for array in std::iter::once(&self.weights).chain(self.values.as_ref()) {
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
        if !(8..=26).contains(&info.features.bits) {
            return Err(bad("feature bits out of range"));
        }
        let dim = info.features.dim();
        let mut arrays = Vec::new();
        for _ in 0..(1 + usize::from(info.normalise)) {
            let (array, tail) = dequantise(rest, dim).ok_or_else(|| bad("truncated weights"))?;
            arrays.push(array);
            rest = tail;
        }
        if !rest.is_empty() {
            return Err(bad("trailing bytes"));
        }
        let values = if info.normalise { arrays.pop() } else { None };
        let weights = arrays.pop().ok_or_else(|| bad("no weights"))?;
        Ok(Model::assemble(info, weights, values))
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
