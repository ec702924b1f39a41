//! The linear algebra: naive-Bayes log-count ratios and a dual coordinate
//! descent solver for L2-regularised linear models.
//!
//! Written by hand because the Rust crates that train linear models either
//! want dense matrices (linfa, smartcore) or bind liblinear's C code; our
//! problems are sparse binary vectors over a hashed space, and the solver
//! below (Hsieh et al. 2008, liblinear's default) is a few dozen lines.

/// Documents as de-duplicated feature buckets, stored flat.
#[derive(Debug, Default, Clone)]
pub struct Dataset {
    offsets: Vec<usize>,
    features: Vec<u32>,
}

impl Dataset {
    /// An empty dataset.
    pub fn new() -> Self {
        Dataset { offsets: vec![0], features: Vec::new() }
    }

    /// Appends one document's feature buckets.
    pub fn push(&mut self, features: &[u32]) {
        self.features.extend_from_slice(features);
        self.offsets.push(self.features.len());
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Whether there are no documents.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The buckets of document `i`.
    pub fn row(&self, i: usize) -> &[u32] {
        &self.features[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// What a linear model minimises besides its L2 penalty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// max(0, 1 - y f(x))², for classification with y = ±1 (an L2-SVM).
    SquaredHinge,
    /// (y - f(x))², for regression (ridge).
    Squared,
}

/// One training run's inputs: which rows, their targets and their costs.
pub struct Problem<'a> {
    /// All documents.
    pub data: &'a Dataset,
    /// The rows to train on.
    pub rows: &'a [usize],
    /// Target of each row of `data` (±1 for classification).
    pub targets: &'a [f32],
    /// Per-row cost C (larger = less regularised on that row).
    pub costs: &'a [f32],
    /// The value of each present feature (NB ratios), or 1 when `None`.
    pub values: Option<&'a [f32]>,
    /// Scale each document to unit L2 norm.
    pub normalise: bool,
}

/// A trained linear function f(x) = s(x) Σ w_j v_j + b over present features j.
#[derive(Debug, Clone)]
pub struct Linear {
    /// Weights per bucket.
    pub w: Vec<f32>,
    /// Bias.
    pub b: f32,
}

/// The row scale of a document: 1/‖x‖ when normalising, else 1.
pub fn row_scale(row: &[u32], values: Option<&[f32]>, normalise: bool) -> f32 {
    if !normalise {
        return 1.0;
    }
    let sq: f64 = match values {
        Some(v) => row.iter().map(|&j| f64::from(v[j as usize]).powi(2)).sum(),
        None => row.len() as f64,
    };
    if sq > 0.0 { (1.0 / sq.sqrt()) as f32 } else { 1.0 }
}

impl Linear {
    /// f(x) for a document's buckets.
    pub fn eval(&self, row: &[u32], values: Option<&[f32]>, normalise: bool) -> f32 {
        let s = row_scale(row, values, normalise);
        let dot: f32 = match values {
            Some(v) => row.iter().map(|&j| self.w[j as usize] * v[j as usize]).sum(),
            None => row.iter().map(|&j| self.w[j as usize]).sum(),
        };
        s * dot + self.b
    }
}

/// Naive-Bayes log-count ratios r_j = log((p_j/‖p‖₁)/(q_j/‖q‖₁)), p and q the
/// smoothed document counts of bucket j in the positive and negative rows.
pub fn nb_ratios(data: &Dataset, rows: &[usize], labels: &[f32], weights: &[f32], dim: usize, alpha: f64) -> Vec<f32> {
    let mut p = vec![alpha; dim];
    let mut q = vec![alpha; dim];
    for &i in rows {
        let counts = if labels[i] > 0.0 { &mut p } else { &mut q };
        let w = f64::from(weights[i]);
        for &j in data.row(i) {
            counts[j as usize] += w;
        }
    }
    let p_sum: f64 = p.iter().sum();
    let q_sum: f64 = q.iter().sum();
    p.iter().zip(&q).map(|(pj, qj)| ((pj / p_sum) / (qj / q_sum)).ln() as f32).collect()
}

/// Trains by dual coordinate descent (Hsieh et al. 2008) with a regularised
/// bias feature of value 1, visiting rows in a seeded random order each epoch.
/// Stops when the projected gradient's spread falls under `tolerance` or after
/// `max_epochs`.
pub fn fit(problem: &Problem<'_>, loss: Loss, dim: usize, max_epochs: usize, tolerance: f64, seed: u64) -> Linear {
    let Problem { data, rows, targets, costs, values, normalise } = *problem;
    let mut w = vec![0f32; dim];
    let mut b = 0f64;
    let mut alpha = vec![0f64; rows.len()];
    let scale: Vec<f32> = rows.iter().map(|&i| row_scale(data.row(i), values, normalise)).collect();
    let value = |j: u32| values.map_or(1.0, |v| v[j as usize]);
    // Diagonal of the dual Hessian: ‖x_i‖² plus the bias, plus D_ii = 1/(2C).
    let diag: Vec<f64> = rows
        .iter()
        .zip(&scale)
        .map(|(&i, &s)| {
            let sq: f64 = data.row(i).iter().map(|&j| f64::from(value(j) * s).powi(2)).sum();
            sq + 1.0
        })
        .collect();
    let d_ii: Vec<f64> = rows.iter().map(|&i| 0.5 / f64::from(costs[i])).collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut rng = SplitMix64(seed);
    for _ in 0..max_epochs {
        rng.shuffle(&mut order);
        let (mut pg_max, mut pg_min) = (f64::NEG_INFINITY, f64::INFINITY);
        for &k in &order {
            let i = rows[k];
            let row = data.row(i);
            let s = scale[k];
            let dot: f32 = row.iter().map(|&j| w[j as usize] * value(j)).sum();
            let f = f64::from(s * dot) + b;
            let y = f64::from(targets[i]);
            let delta = match loss {
                Loss::SquaredHinge => {
                    let g = y * f - 1.0 + d_ii[k] * alpha[k];
                    let pg = if alpha[k] == 0.0 { g.min(0.0) } else { g };
                    pg_max = pg_max.max(pg);
                    pg_min = pg_min.min(pg);
                    if pg == 0.0 {
                        continue;
                    }
                    let new = (alpha[k] - g / (diag[k] + d_ii[k])).max(0.0);
                    let delta = (new - alpha[k]) * y;
                    alpha[k] = new;
                    delta
                }
                Loss::Squared => {
                    let g = f - y + d_ii[k] * alpha[k];
                    pg_max = pg_max.max(g);
                    pg_min = pg_min.min(g);
                    let delta = -g / (diag[k] + d_ii[k]);
                    alpha[k] += delta;
                    delta
                }
            };
            if delta != 0.0 {
                let step = (delta * f64::from(s)) as f32;
                for &j in row {
                    w[j as usize] += step * value(j);
                }
                b += delta;
            }
        }
        if pg_max - pg_min < tolerance {
            break;
        }
    }
    Linear { w, b: b as f32 }
}

/// SplitMix64: a tiny seeded generator for shuffles. Written here rather than
/// taken from `rand` because `rand` does not promise the same stream across
/// versions, and training must be reproducible from a seed.
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two words decide the class; a third is noise on both sides.
    fn toy() -> (Dataset, Vec<f32>) {
        let mut data = Dataset::new();
        let mut targets = Vec::new();
        for k in 0..40 {
            let positive = k % 2 == 0;
            let word = if positive { 1 } else { 2 };
            data.push(&[0, word, 3 + (k % 5) as u32]);
            targets.push(if positive { 1.0 } else { -1.0 });
        }
        (data, targets)
    }

    #[test]
    fn dual_coordinate_descent_separates_a_separable_problem() {
        let (data, targets) = toy();
        let rows: Vec<usize> = (0..data.len()).collect();
        let costs = vec![1.0; data.len()];
        for normalise in [false, true] {
            let problem = Problem { data: &data, rows: &rows, targets: &targets, costs: &costs, values: None, normalise };
            let model = fit(&problem, Loss::SquaredHinge, 8, 100, 1e-3, 7);
            for &i in &rows {
                assert!(model.eval(data.row(i), None, normalise) * targets[i] > 0.0);
            }
            assert!(model.w[1] > 0.0 && model.w[2] < 0.0);
        }
    }

    #[test]
    fn ridge_fits_targets_and_nb_ratios_point_the_right_way() {
        let (data, targets) = toy();
        let rows: Vec<usize> = (0..data.len()).collect();
        let costs = vec![100.0; data.len()];
        let problem = Problem { data: &data, rows: &rows, targets: &targets, costs: &costs, values: None, normalise: false };
        let model = fit(&problem, Loss::Squared, 8, 500, 1e-6, 7);
        for &i in &rows {
            assert!((model.eval(data.row(i), None, false) - targets[i]).abs() < 0.1);
        }
        let r = nb_ratios(&data, &rows, &targets, &costs, 8, 1.0);
        assert!(r[1] > 1.0 && r[2] < -1.0 && r[0].abs() < 1e-6);
    }

    #[test]
    fn shuffles_are_seeded() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        SplitMix64(3).shuffle(&mut a);
        SplitMix64(3).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
    }
}
