//! `marquee catalog import`: reads IMDb's non-commercial dataset files,
//! which users download themselves (marquee never fetches them), keeps the
//! titles some stored film is known by, and links the films.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::{Context, Result, bail};
use marquee_store::{CatalogEntry, normalize::title_key};

use super::{Outcome, open_for_correction};

/// Title types that are films (not series or episodes).
const FILM_TYPES: &[&str] = &["movie", "tvMovie", "video", "short", "tvSpecial"];

/// The files of one import.
pub struct Files<'a> {
    pub basics: &'a Path,
    pub akas: Option<&'a Path>,
    pub crew: Option<&'a Path>,
    pub names: Option<&'a Path>,
}

/// Calls `f` with the fields of every row of a TSV file (gzipped when its
/// name ends in `.gz`), after checking its header starts with `first`.
fn each_row(path: &Path, first: &str, f: &mut dyn FnMut(&[&str])) -> Result<()> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut lines = reader.lines();
    let header = lines.next().transpose().with_context(|| format!("reading {}", path.display()))?.unwrap_or_default();
    if header.split('\t').next() != Some(first) {
        bail!("{}: not an IMDb dataset file of this kind (its header should start with {first:?})", path.display());
    }
    for (n, line) in lines.enumerate() {
        let line = line.with_context(|| format!("{}: line {}", path.display(), n + 2))?;
        let fields: Vec<&str> = line.split('\t').collect();
        f(&fields);
    }
    Ok(())
}

/// IMDb writes a missing value as `\N`.
fn value(field: Option<&&str>) -> Option<String> {
    field.filter(|v| **v != "\\N" && !v.is_empty()).map(|v| (*v).to_owned())
}

pub fn import(db: &Path, files: &Files<'_>) -> Result<Outcome> {
    let mut store = open_for_correction(db)?;
    let wanted = store.catalog_keys()?;
    // Alternative titles that some film is known by, per title.
    let mut akas: HashMap<String, Vec<String>> = HashMap::new();
    if let Some(path) = files.akas {
        each_row(path, "titleId", &mut |f| {
            if let (Some(id), Some(title)) = (value(f.first()), value(f.get(2)))
                && wanted.contains(&title_key(&title))
            {
                let list = akas.entry(id).or_default();
                if !list.contains(&title) {
                    list.push(title);
                }
            }
        })?;
    }
    let mut entries: Vec<CatalogEntry> = Vec::new();
    each_row(files.basics, "tconst", &mut |f| {
        let (Some(id), Some(kind), Some(title)) = (value(f.first()), value(f.get(1)), value(f.get(2))) else { return };
        if !FILM_TYPES.contains(&kind.as_str()) {
            return;
        }
        let original = value(f.get(3)).filter(|o| *o != title);
        let known = wanted.contains(&title_key(&title))
            || original.as_deref().is_some_and(|o| wanted.contains(&title_key(o)))
            || akas.contains_key(&id);
        if !known {
            return;
        }
        entries.push(CatalogEntry {
            akas: akas.remove(&id).unwrap_or_default(),
            tconst: id,
            title,
            original,
            year: value(f.get(5)).and_then(|y| y.parse().ok()),
            runtime_minutes: value(f.get(7)).and_then(|r| r.parse().ok()),
            genres: value(f.get(8)).map(|g| g.split(',').map(str::to_owned).collect()).unwrap_or_default(),
            directors: Vec::new(),
            crew_known: false,
        });
    })?;
    if let (Some(crew), Some(names)) = (files.crew, files.names) {
        let index: HashMap<String, usize> = entries.iter().enumerate().map(|(i, e)| (e.tconst.clone(), i)).collect();
        let mut directors: HashMap<usize, Vec<String>> = HashMap::new();
        each_row(crew, "tconst", &mut |f| {
            if let Some(&i) = value(f.first()).and_then(|id| index.get(&id)) {
                directors.insert(i, value(f.get(1)).map(|d| d.split(',').map(str::to_owned).collect()).unwrap_or_default());
            }
        })?;
        let needed: HashSet<&str> = directors.values().flatten().map(String::as_str).collect();
        let mut name_of: HashMap<String, String> = HashMap::new();
        each_row(names, "nconst", &mut |f| {
            if let (Some(id), Some(name)) = (value(f.first()), value(f.get(1)))
                && needed.contains(id.as_str())
            {
                name_of.insert(id, name);
            }
        })?;
        for (i, ids) in directors {
            entries[i].directors = ids.iter().filter_map(|id| name_of.get(id).cloned()).collect();
            entries[i].crew_known = true;
        }
    } else if files.crew.is_some() {
        bail!("--crew needs --names (name.basics.tsv.gz) to read the directors' names");
    }
    let report = store.import_catalog(&entries)?;
    eprintln!(
        "{} catalogue titles kept; {} of {} films linked to an IMDb id → {}",
        report.entries,
        report.linked,
        report.films,
        db.display()
    );
    Ok(Outcome::Ok)
}
