//! Loading the labelled corpora of `../shared/corpora` (see their READMEs).

use std::io::{BufRead, BufReader};
use std::path::Path;

use flate2::read::GzDecoder;
use serde::Deserialize;

use crate::error::{Error, Result};

/// Which corpus a document comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Polarity dataset v2.0: 2,000 full reviews, pos/neg, 10 fixed folds.
    PolarityV2,
    /// Sentence polarity v1.0: 10,662 Rotten Tomatoes snippets, fresh/rotten.
    RtPolarity,
    /// Scale dataset v1.0: 5,006 subjective extracts with the critic's rating.
    ScaleData,
    /// rec.arts.movies.reviews raw reviews (not twins of the above) labelled by
    /// the grade they print with its maximum ("*** out of ****", "7/10"), the
    /// way Pang & Lee labelled polarity v2.0; the grade is cut from the text.
    Ramr,
}

impl Source {
    /// The corpus folder name.
    pub fn name(self) -> &'static str {
        match self {
            Source::PolarityV2 => "polarity_v2",
            Source::RtPolarity => "rt_polarity",
            Source::ScaleData => "scale_data",
            Source::Ramr => "ramr",
        }
    }
}

/// One labelled document of any corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Its corpus.
    pub source: Source,
    /// Its id within the corpus.
    pub id: String,
    /// The (lower-cased, tokenised) text.
    pub text: String,
    /// Positive (true) or negative (false), where known.
    pub positive: Option<bool>,
    /// The critic's rating on 0..1 (scale_data only).
    pub rating: Option<f32>,
    /// The corpus's own fold, 1..=10 (polarity_v2 only).
    pub fold: Option<u8>,
    /// The 3-class label of scale_data (0, 1, 2).
    pub label3: Option<u8>,
    /// The rec.arts.movies.reviews archive ids of the review this text was cut
    /// from: documents sharing one are twins and must share a side of a split.
    pub twins: Vec<u32>,
}

#[derive(Deserialize)]
struct PolarityLine {
    id: String,
    label: String,
    fold: u8,
    html_id: String,
    text: String,
}

#[derive(Deserialize)]
struct RtLine {
    id: String,
    label: String,
    text: String,
}

#[derive(Deserialize)]
struct ScaleLine {
    id: String,
    rating: f32,
    label3: u8,
    text: String,
    duplicate_of: Option<String>,
}

/// Loads polarity_v2, rt_polarity and scale_data from `corpora_dir`, in that
/// order. Scale extracts count as positive at rating ≥ `pos_at` and negative
/// at ≤ `neg_at`, and carry no polarity in between.
pub fn load(corpora_dir: &Path, pos_at: f32, neg_at: f32) -> Result<Vec<Doc>> {
    let mut docs = Vec::new();
    read_lines(&corpora_dir.join("polarity_v2/polarity_v2.jsonl.gz"), |line: PolarityLine| {
        docs.push(Doc {
            source: Source::PolarityV2,
            id: line.id,
            text: line.text,
            positive: Some(line.label == "pos"),
            rating: None,
            fold: Some(line.fold),
            label3: None,
            twins: line.html_id.parse().ok().into_iter().collect(),
        });
    })?;
    read_lines(&corpora_dir.join("rt_polarity/rt_polarity.jsonl.gz"), |line: RtLine| {
        docs.push(Doc {
            source: Source::RtPolarity,
            id: line.id,
            text: line.text,
            positive: Some(line.label == "pos"),
            rating: None,
            fold: None,
            label3: None,
            twins: Vec::new(),
        });
    })?;
    read_lines(&corpora_dir.join("scale_data/scale_data.jsonl.gz"), |line: ScaleLine| {
        let positive = if line.rating >= pos_at {
            Some(true)
        } else if line.rating <= neg_at {
            Some(false)
        } else {
            None
        };
        let twins = std::iter::once(&line.id)
            .chain(line.duplicate_of.as_ref())
            .filter_map(|id| id.parse().ok())
            .collect();
        docs.push(Doc {
            source: Source::ScaleData,
            id: line.id,
            text: line.text,
            positive,
            rating: Some(line.rating),
            fold: None,
            label3: Some(line.label3),
            twins,
        });
    })?;
    Ok(docs)
}

fn read_lines<T: for<'de> Deserialize<'de>>(path: &Path, mut each: impl FnMut(T)) -> Result<()> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let reader = BufReader::new(GzDecoder::new(file));
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let record = serde_json::from_str(&line).map_err(|e| Error::Corpus {
            path: path.to_owned(),
            line: n + 1,
            message: e.to_string(),
        })?;
        each(record);
    }
    Ok(())
}

#[derive(Deserialize)]
struct RamrLine {
    id: String,
    text: String,
}

/// Loads the reviews of `ramr` that print a grade with its maximum and are
/// not twins of any document in `known` (the Cornell corpora), labelled by
/// that grade: positive at ≥ 70% of the scale, negative at ≤ 40%, the rest
/// left out. The grade's own words are blanked from the text.
///
/// Twins are found by content as well as by archive id, since the archive
/// holds some reviews twice under different ids: a review sharing over a
/// fifth of its sampled 8-token shingles with a Cornell document is taken to
/// be that document.
pub fn load_ramr(corpora_dir: &Path, known: &[Doc]) -> Result<Vec<Doc>> {
    use std::collections::{HashMap, HashSet};
    let known_ids: HashSet<u32> = known.iter().flat_map(|d| d.twins.iter().copied()).collect();
    let mut shingle_owner: HashMap<u64, u32> = HashMap::new();
    for d in known.iter().filter(|d| d.source != Source::RtPolarity) {
        if let Some(&id) = d.twins.first() {
            for sh in shingles(&d.text) {
                shingle_owner.entry(sh).or_insert(id);
            }
        }
    }
    let grade = crate::grade::GradeFinder::new();
    let mut docs = Vec::new();
    read_lines(&corpora_dir.join("ramr/ramr.jsonl.gz"), |line: RamrLine| {
        let Ok(id) = line.id.parse::<u32>() else { return };
        if known_ids.contains(&id) {
            return;
        }
        let Some(found) = grade.find(&line.text) else { return };
        let positive = if found.fraction >= 0.7 {
            true
        } else if found.fraction <= 0.4 {
            false
        } else {
            return;
        };
        let sh = shingles(&line.text);
        let mut hits: HashMap<u32, usize> = HashMap::new();
        for s in &sh {
            if let Some(&owner) = shingle_owner.get(s) {
                *hits.entry(owner).or_default() += 1;
            }
        }
        if hits.values().any(|&n| n * 5 > sh.len()) {
            return;
        }
        let mut text = line.text;
        text.replace_range(found.span, " ");
        docs.push(Doc {
            source: Source::Ramr,
            id: line.id,
            text,
            positive: Some(positive),
            rating: None,
            fold: None,
            label3: None,
            twins: vec![id],
        });
    })?;
    Ok(docs)
}

/// A sample (one in four) of the hashed 8-token shingles of a text.
fn shingles(text: &str) -> Vec<u64> {
    let mut hashes = Vec::new();
    crate::text::for_each_token(text, |t| {
        if t.chars().any(char::is_alphanumeric) {
            hashes.push(crate::features::stable_hash(t.as_bytes()));
        }
    });
    hashes
        .windows(8)
        .map(|w| w.iter().fold(0u64, |acc, h| acc.rotate_left(7) ^ h))
        .filter(|h| h % 4 == 0)
        .collect()
}
