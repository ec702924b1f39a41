//! Loading the labelled corpora of `../shared/corpora` (see their READMEs).

use std::io::{BufRead, BufReader};
use std::path::Path;

use flate2::read::GzDecoder;
use serde::Deserialize;

use std::sync::OnceLock;

use marquee_model::Rating;
use regex::Regex;

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
    /// rec.arts.movies.reviews raw reviews whose grade `marquee-extract`
    /// reads, labelled and scored by that grade, with the grade's lines cut
    /// from the text.
    Ramr,
    /// Graded reviews handed in by the caller (a catalogue's own).
    Catalogue,
}

impl Source {
    /// The corpus folder name.
    pub fn name(self) -> &'static str {
        match self {
            Source::PolarityV2 => "polarity_v2",
            Source::RtPolarity => "rt_polarity",
            Source::ScaleData => "scale_data",
            Source::Ramr => "ramr",
            Source::Catalogue => "catalogue",
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
    /// The critic's rating on 0..1 (scale_data and graded reviews).
    pub rating: Option<f32>,
    /// The corpus's own fold, 1..=10 (polarity_v2 only).
    pub fold: Option<u8>,
    /// The 3-class label of scale_data (0, 1, 2).
    pub label3: Option<u8>,
    /// The rec.arts.movies.reviews archive ids of the review this text was cut
    /// from: documents sharing one are twins and must share a side of a split.
    pub twins: Vec<u32>,
    /// The critic, where known: critic-grouped folds keep each together.
    pub critic: Option<String>,
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
    critic: String,
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
            critic: None,
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
            critic: None,
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
            critic: Some(line.critic),
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
    #[serde(default)]
    critic: Option<String>,
}

/// A review with the critic's own grade, from any source: a corpus, or the
/// graded reviews of a user's catalogue (`marquee train --db`).
#[derive(Debug, Clone)]
pub struct GradedText {
    /// An id unique among the graded texts.
    pub id: String,
    /// The review's text as stored, grade and all: [`strip_grade`] removes
    /// the grade before the model sees it.
    pub text: String,
    /// The grade as `marquee-extract` read it.
    pub rating: Rating,
    /// Who wrote it, when known: evaluation folds keep a critic together.
    pub critic: Option<String>,
}

/// The text of a review with its printed grade taken out, so that a model
/// trained on it learns from the prose and not from the grade: every line
/// holding the grade as printed, and every line shaped like a grade line
/// ("Rating: ...", "*** out of ****", "7/10").
pub fn strip_grade(text: &str, rating: &Rating) -> String {
    static GRADE_LINE: OnceLock<Regex> = OnceLock::new();
    let grade_line = GRADE_LINE.get_or_init(|| {
        Regex::new(concat!(
            r"\*\s*\*|(?i:\bout\s+of\s+(?:\d|\*|four\b|five\b|ten\b))",
            r"|\b\d{1,3}(?:\.\d+)?\s*/\s*(?:4|5|10|100)\b",
            r"|(?i:\b(?:rating|grade|rated|score|verdict)\b[^.\n]{0,20}:)",
            r"|(?i:\b(?:\d|one|two|three|four|five)(?:\.\d)?\s*(?:and\s+a\s+half\s+)?stars?\b)",
        ))
        .unwrap_or_else(|e| unreachable!("the grade-line pattern is a valid regex: {e}"))
    });
    let printed = rating.text.trim();
    // A letter grade ("B+") is found only as a word of its own on a short line.
    let short = printed.chars().count() <= 2;
    let holds_grade = |line: &str| -> bool {
        if printed.is_empty() {
            return false;
        }
        if !short {
            return line.contains(printed);
        }
        line.len() < 60
            && line
                .split(|c: char| c.is_whitespace() || matches!(c, ':' | '(' | ')' | ',' | '[' | ']'))
                .any(|w| w == printed)
    };
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if holds_grade(line) || grade_line.is_match(line) {
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Reads every review of `ramr` whose grade `marquee-extract` finds (one
/// record may hold several capsules, each with its own grade), and the
/// critic of every record by archive id.
pub fn read_ramr(corpora_dir: &Path) -> Result<(Vec<GradedText>, std::collections::HashMap<u32, String>)> {
    use rayon::prelude::*;
    let mut lines = Vec::new();
    read_lines(&corpora_dir.join("ramr/ramr.jsonl.gz"), |line: RamrLine| lines.push(line))?;
    let critics = lines
        .iter()
        .filter_map(|l| Some((l.id.parse::<u32>().ok()?, l.critic.clone()?)))
        .collect();
    let graded = lines
        .par_iter()
        .flat_map_iter(|line| {
            let extraction = marquee_extract::extract_text(&line.id, &line.text);
            let many = extraction.reviews.len() > 1;
            extraction.reviews.into_iter().enumerate().filter_map(move |(k, review)| {
                let rating = review.rating?;
                let id = if many { format!("{}#{k}", line.id) } else { line.id.clone() };
                Some(GradedText { id, text: review.text, rating, critic: line.critic.clone() })
            })
        })
        .collect();
    Ok((graded, critics))
}

/// Turns graded reviews into training documents of `source`: the grade
/// stripped from the text, labelled positive at ≥ `pos_at` of the scale and
/// negative at ≤ `neg_at` (the rest only calibrate the score), with the
/// grade as `rating`.
///
/// A graded review that is the same review as a document in `known` (the
/// Cornell corpora: same archive id, or over a fifth of its sampled 8-token
/// shingles shared, since the archive holds some reviews twice under
/// different ids) becomes its twin, so that splits keep the two together.
pub fn graded_docs(graded: &[GradedText], known: &[Doc], source: Source, pos_at: f32, neg_at: f32) -> Vec<Doc> {
    use rayon::prelude::*;
    use std::collections::HashMap;
    let mut shingle_owner: HashMap<u64, u32> = HashMap::new();
    for d in known.iter().filter(|d| d.source != Source::RtPolarity) {
        if let Some(&id) = d.twins.first() {
            for sh in shingles(&d.text) {
                shingle_owner.entry(sh).or_insert(id);
            }
        }
    }
    graded
        .par_iter()
        .map(|g| {
            let rating = f32::from(g.rating.score.min(100)) / 100.0;
            let positive = if rating >= pos_at {
                Some(true)
            } else if rating <= neg_at {
                Some(false)
            } else {
                None
            };
            let text = strip_grade(&g.text, &g.rating);
            let mut twins: Vec<u32> = g.id.split('#').next().and_then(|id| id.parse().ok()).into_iter().collect();
            let sh = shingles(&text);
            let mut hits: HashMap<u32, usize> = HashMap::new();
            for s in &sh {
                if let Some(&owner) = shingle_owner.get(s) {
                    *hits.entry(owner).or_default() += 1;
                }
            }
            let mut owners: Vec<u32> = hits.into_iter().filter(|&(_, n)| n * 5 > sh.len()).map(|(o, _)| o).collect();
            owners.sort_unstable();
            for o in owners {
                if !twins.contains(&o) {
                    twins.push(o);
                }
            }
            Doc {
                source,
                id: g.id.clone(),
                text,
                positive,
                rating: Some(rating),
                fold: None,
                label3: None,
                twins,
                critic: g.critic.clone(),
            }
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, grade: &str, kept: &[&str], cut: &[&str]) {
        let stripped = strip_grade(text, &Rating { text: grade.into(), score: 75 });
        for k in kept {
            assert!(stripped.contains(k), "{k:?} was cut from {stripped:?}");
        }
        for c in cut {
            assert!(!stripped.contains(c), "{c:?} was kept in {stripped:?}");
        }
    }

    #[test]
    fn grade_lines_are_stripped_and_prose_is_kept() {
        check(
            "QUIET HARBOR\nA film review by Ann Example\n\nThe leads are a joy, and the\nscore is lovely.\n\nRATING: ***1/2 (out of ****)\n",
            "***1/2",
            &["The leads are a joy, and the\nscore is lovely.", "A film review by"],
            &["***1/2", "RATING"],
        );
        check("Grade: B+\nA tender, funny film about a Bee keeper.\n", "B+", &["A tender, funny film"], &["B+"]);
        check("It earns 7/10 from me.\nThe cast is fine.\n", "7/10", &["The cast is fine."], &["7/10"]);
        check("I give it three and a half stars.\nA treat.\n", "3.5/4", &["A treat."], &["three and a half stars"]);
        // A letter grade's letter inside prose is not the grade.
        check("B\nB movies rarely look this good, and this one is proudly a B movie at heart.\n", "B", &["B movies rarely"], &[]);
    }
}
