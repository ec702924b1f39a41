//! One function per subcommand: turn the arguments into settings, call the
//! library, print.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use marquee_pipeline::{Event, Failure, IngestReport, Judge, Pipeline};
use marquee_model::{CriticId, FilmId, ReviewId};
use marquee_store::{FilmQuery, FilmSort, ReviewQuery, SqliteStore, Store};

use crate::args::{Args, CatalogAction, Command, CriticAction, EvalWhat, FilmAction, Format, ModelArgs, ReviewAction};
use crate::output;

mod bench;
mod catalog;
mod progress;
mod serve;

/// How a command that ran to the end went.
pub enum Outcome {
    /// Everything worked.
    Ok,
    /// Some inputs were bad; the rest were processed.
    SomeInputsFailed,
    /// The command ran, and a check it reports failed (`eval verdict`
    /// below a bar).
    ChecksFailed,
}

pub fn run(args: Args) -> Result<Outcome> {
    match args.command {
        Command::Extract { paths, format, no_verdict, model } => extract(&paths, format, no_verdict, &model),
        Command::Ingest { paths, db, model, json } => {
            let pipeline = Pipeline::new(load_judge(&model)?).with_read_options(read_options_for(&db.db));
            let mut store = open_store(&db.db)?;
            let (report, stored) = ingest(&pipeline, &mut store, &paths)?;
            if report.inserted > 0 || stored.resolution != marquee_store::Resolution::default() {
                let (n, rebuilt) = serve::update_index(&db.db, &store, &stored)?;
                if !json {
                    let what = if rebuilt { "rebuilt with" } else { "updated:" };
                    eprintln!("search index {what} {n} records → {}", serve::index_dir(&db.db).display());
                }
            }
            print_summary(&report, &db.db, json)?;
            Ok(if report.failed > 0 { Outcome::SomeInputsFailed } else { Outcome::Ok })
        }
        Command::Films { db, limit, doubtful: true, json, .. } => doubtful(&db.db, limit, json),
        Command::Films { db, sort, limit, json, .. } => films(&db.db, &sort, limit, json),
        Command::Film { action: FilmAction::Merge { into, from, db } } => {
            let mut store = open_for_correction(&db.db)?;
            let resolution = store.merge_films(FilmId(into), FilmId(from))?;
            after_correction(&db.db, &store, resolution)
        }
        Command::Film { action: FilmAction::Split { film, reviews, db } } => {
            let mut store = open_for_correction(&db.db)?;
            let resolution = store.split_film(FilmId(film), &reviews.into_iter().map(ReviewId).collect::<Vec<_>>())?;
            after_correction(&db.db, &store, resolution)
        }
        Command::Review { action: ReviewAction::Move { review, to, db } } => {
            let mut store = open_for_correction(&db.db)?;
            let resolution = store.move_review(ReviewId(review), FilmId(to))?;
            after_correction(&db.db, &store, resolution)
        }
        Command::Critic { action: CriticAction::Merge { into, from, db } } => {
            let mut store = open_for_correction(&db.db)?;
            let resolution = store.merge_critics(CriticId(into), CriticId(from))?;
            after_correction(&db.db, &store, resolution)
        }
        Command::Critic { action: CriticAction::Split { critic, names, db } } => {
            let mut store = open_for_correction(&db.db)?;
            let resolution = store.split_critic(CriticId(critic), &names)?;
            after_correction(&db.db, &store, resolution)
        }
        Command::Catalog { action: CatalogAction::Import { basics, akas, crew, names, db } } => catalog::import(
            &db.db,
            &catalog::Files { basics: &basics, akas: akas.as_deref(), crew: crew.as_deref(), names: names.as_deref() },
        ),
        Command::Resolve { all, db } => {
            let mut store = open_for_correction(&db.db)?;
            let resolution = if all { store.resolve_all()? } else { store.resolve()? };
            after_correction(&db.db, &store, resolution)
        }
        Command::Show { film, db, json } => show(&db.db, &film, json),
        Command::Reviews { critic, film, limit, db, json } => reviews(&db.db, critic, film, limit, json),
        Command::Train { corpora, out } => train(&corpora, &out),
        Command::Eval { what: EvalWhat::Verdict { corpora, json } } => eval_verdict(&corpora, json),
        Command::Demo { db, addr, no_serve } => demo(&db.db, &addr, no_serve),
        Command::Bench { corpus, limit } => bench::run(&corpus, limit),
        Command::Serve { db, model, addr, token } => {
            // The address is taken before anything else, so that a port in
            // use is the first and only thing said.
            let listener = serve::bind(&addr)?;
            refuse_missing(&db.db)?;
            let pipeline = Pipeline::new(load_judge(&model)?).with_read_options(read_options_for(&db.db));
            open_store(&db.db)?;
            serve::run(&db.db, pipeline, listener, token)
        }
        Command::Search { query, limit, db, json } => serve::search(&db.db, &query, limit, json),
        Command::Reindex { db } => {
            let store = open_existing(&db.db)?;
            let n = serve::reindex(&db.db, &store)?;
            eprintln!("indexed {n} records → {}", serve::index_dir(&db.db).display());
            Ok(Outcome::Ok)
        }
        Command::Export { format, records, db, base_url } => serve::export(&db.db, &format, &records, &base_url),
    }
}

/// Opens an existing database for a curator's correction.
fn open_for_correction(path: &Path) -> Result<SqliteStore> {
    if !path.exists() {
        bail!("{}: no such database; `marquee ingest PATH --db {}` creates it", path.display(), path.display());
    }
    open_store(path)
}

/// Brings the search index up to date after a correction or a resolution,
/// and says what changed.
fn after_correction(db: &Path, store: &SqliteStore, resolution: marquee_store::Resolution) -> Result<Outcome> {
    eprintln!(
        "{} reviews moved, {} films changed, {} films merged away, {} critics changed",
        resolution.moved.len(),
        resolution.changed.len(),
        resolution.removed.len(),
        resolution.critics.len()
    );
    if resolution != marquee_store::Resolution::default() && serve::index_dir(db).exists() {
        let stored = Stored { resolution, ..Stored::default() };
        serve::update_index(db, store, &stored)?;
    }
    Ok(Outcome::Ok)
}

fn doubtful(db: &Path, limit: u32, json: bool) -> Result<Outcome> {
    let store = open_existing(db)?;
    let doubts = store.doubtful(limit)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&doubts)?);
    } else {
        print!("{}", output::doubts(&doubts));
    }
    Ok(Outcome::Ok)
}

fn load_judge(model: &ModelArgs) -> Result<Judge> {
    match &model.model {
        Some(path) => Judge::load(path).with_context(|| format!("loading the verdict model {}", path.display())),
        None => Judge::default_model().context("loading the default verdict model"),
    }
}

fn open_store(path: &Path) -> Result<SqliteStore> {
    SqliteStore::open(path).with_context(|| format!("opening the database {}", path.display()))
}

/// Read options for commands that write `db`: the database, its journal
/// files and its search index are never read as input, even when they sit
/// inside a folder being ingested.
fn read_options_for(db: &Path) -> marquee_read::ReadOptions {
    let with_suffix = |suffix: &str| {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    let paths = [db.to_owned(), with_suffix("-wal"), with_suffix("-shm"), with_suffix("-journal"), serve::index_dir(db)];
    marquee_read::ReadOptions::default().excluding(paths)
}

/// Only `ingest` and `demo` create a database; every other command refuses
/// a missing one rather than serve or search an empty catalogue.
fn refuse_missing(path: &Path) -> Result<()> {
    if !path.exists() {
        bail!(
            "{}: no such database; `marquee ingest PATH --db {}` (or `marquee demo`) creates one",
            path.display(),
            path.display()
        );
    }
    Ok(())
}

/// Opens an existing database for the query commands, with a helpful
/// message when there is none yet.
fn open_existing(path: &Path) -> Result<SqliteStore> {
    refuse_missing(path)?;
    SqliteStore::open_read_only(path).with_context(|| format!("opening the database {}", path.display()))
}

/// Writes `text` to standard output. Errors (a closed pipe among them) are
/// returned, not panicked on: `main` ends quietly on a closed pipe.
pub(crate) fn out(text: impl std::fmt::Display) -> Result<()> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    write!(lock, "{text}")?;
    lock.flush()?;
    Ok(())
}

fn extract(paths: &[String], format: Option<Format>, no_verdict: bool, model: &ModelArgs) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let format = format.unwrap_or(if stdout.is_terminal() { Format::Json } else { Format::Jsonl });
    let judge = load_judge(model)?;
    let pipeline = Pipeline::new(judge);
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut records = Vec::new();
    let mut write_error = None;
    let total = progress::total(|| marquee_read::count_documents(paths, &marquee_read::ReadOptions::default()));
    // A bar only for a corpus: one review is done before a bar would draw.
    let bar = progress::Bar::new(total.filter(|&n| n > 1), "documents");
    pipeline.extract_with(paths, !no_verdict, &mut |result| {
        bar.inc();
        match result {
        Ok(extraction) => match format {
            Format::Jsonl => {
                if write_error.is_none() {
                    let line = serde_json::to_string(&extraction).map(|s| writeln!(out, "{s}"));
                    if let Err(err) | Ok(Err(err)) = line.map_err(std::io::Error::from) {
                        write_error = Some(err);
                    }
                }
            }
            Format::Json => records.push(extraction),
        },
        Err(failure) => {
            failed += 1;
            bar.suspend(|| report_failure(&failure));
        }
    }});
    bar.finish();
    if let Some(err) = write_error {
        // A closed pipe included: `main` ends quietly on it.
        return Err(err.into());
    }
    if format == Format::Json {
        let json = if records.len() == 1 {
            serde_json::to_string_pretty(&records[0])?
        } else {
            serde_json::to_string_pretty(&records)?
        };
        writeln!(out, "{json}")?;
    }
    out.flush()?;
    Ok(if failed > 0 { Outcome::SomeInputsFailed } else { Outcome::Ok })
}

fn report_failure(failure: &Failure) {
    eprintln!("marquee: skipped {failure}");
}

/// What an ingest stored, for bringing the search index up to date.
#[derive(Debug, Default)]
pub(crate) struct Stored {
    pub reviews: Vec<ReviewId>,
    pub films: Vec<FilmId>,
    /// What resolution changed once the documents were stored.
    pub resolution: marquee_store::Resolution,
}

/// Ingests with a progress bar on a terminal; returns the report and the
/// records stored.
pub(crate) fn ingest(pipeline: &Pipeline, store: &mut SqliteStore, paths: &[String]) -> Result<(IngestReport, Stored)> {
    let bar = progress::Bar::new(progress::total(|| marquee_read::count_documents(paths, pipeline.read_options())), "documents");
    let mut stored = Stored::default();
    let report = pipeline
        .ingest(store, paths, &mut |event| match event {
            Event::Progress(report) => bar.update(report),
            Event::Failed(failure) => bar.suspend(|| report_failure(failure)),
            Event::Stored { reviews, films } => {
                stored.reviews.extend_from_slice(reviews);
                stored.films.extend_from_slice(films);
            }
            Event::Resolved(resolution) => stored.resolution.extend(resolution.clone()),
            _ => {}
        })
        .context("ingest stopped")?;
    bar.finish();
    Ok((report, stored))
}

fn print_summary(report: &IngestReport, db: &Path, json: bool) -> Result<()> {
    if json {
        return out(format_args!("{}\n", serde_json::to_string(report)?));
    }
    eprintln!(
        "{} documents read: {} new, {} already stored, {} failed; {} reviews stored, {} new films ({:.1} MB) → {}",
        report.documents + report.failed,
        report.inserted,
        report.unchanged,
        report.failed,
        report.reviews,
        report.new_films,
        report.bytes as f64 / 1e6,
        db.display()
    );
    Ok(())
}

fn films(db: &Path, sort: &str, limit: u32, json: bool) -> Result<Outcome> {
    let sort = match sort {
        "best" => FilmSort::Best,
        "title" => FilmSort::Title,
        "year" => FilmSort::Year,
        "reviews" => FilmSort::Reviews,
        "recent" => FilmSort::Recent,
        other => bail!("--sort {other}: expected one of best, title, year, reviews, recent"),
    };
    let store = open_existing(db)?;
    let page = store.films(&FilmQuery { per_page: limit.clamp(1, marquee_store::MAX_PER_PAGE), sort, ..FilmQuery::default() })?;
    if json {
        out(format_args!("{}\n", serde_json::to_string_pretty(&page)?))?;
    } else {
        out(output::films(&page.items))?;
        if page.total > page.items.len() as u64 {
            out(format_args!("… {} films in all (--limit to see more)\n", page.total))?;
        }
    }
    Ok(Outcome::Ok)
}

fn show(db: &Path, query: &str, json: bool) -> Result<Outcome> {
    let store = open_existing(db)?;
    let id = match query.parse::<i64>() {
        Ok(id) if store.film(marquee_model::FilmId(id))?.is_some() => marquee_model::FilmId(id),
        _ => {
            let found = store.find_films(query, 10)?;
            if found.is_empty() {
                // Forgive typos as search does ("quiet harbour").
                if let Some(&id) = serve::films_like(db, query, 1)?.first() {
                    let film = store.film(id)?.context("the film disappeared while reading")?;
                    eprintln!("no film is titled {query:?}; showing the closest, {:?}", film.title);
                    return print_film(&film, json);
                }
            }
            match found.as_slice() {
                [] => bail!("no film matches {query:?}; `marquee films` lists them"),
                [one] => one.id,
                [first, rest @ ..] if marquee_store::normalize::title_key(&first.title) == marquee_store::normalize::title_key(query)
                    && rest.iter().all(|f| marquee_store::normalize::title_key(&f.title) != marquee_store::normalize::title_key(query)) => first.id,
                many => {
                    eprintln!("{query:?} matches several films; name one by id or add its year:");
                    eprint!("{}", output::films(many));
                    bail!("ambiguous film {query:?}");
                }
            }
        }
    };
    let film = store.film(id)?.context("the film disappeared while reading")?;
    print_film(&film, json)
}

fn print_film(film: &marquee_store::FilmDetail, json: bool) -> Result<Outcome> {
    if json {
        out(format_args!("{}\n", serde_json::to_string_pretty(film)?))?;
    } else {
        out(output::film(film))?;
    }
    Ok(Outcome::Ok)
}

fn reviews(db: &Path, critic: Option<String>, film: Option<String>, limit: u32, json: bool) -> Result<Outcome> {
    let store = open_existing(db)?;
    let query = ReviewQuery {
        per_page: limit.clamp(1, marquee_store::MAX_PER_PAGE),
        critic_name: critic,
        film_title: film,
        ..ReviewQuery::default()
    };
    let page = store.reviews(&query)?;
    if json {
        out(format_args!("{}\n", serde_json::to_string_pretty(&page)?))?;
    } else {
        out(output::reviews(&page.items))?;
        if page.total > page.items.len() as u64 {
            out(format_args!("… {} reviews in all (--limit to see more)\n", page.total))?;
        }
    }
    Ok(Outcome::Ok)
}

fn train(corpora: &Path, out: &Path) -> Result<Outcome> {
    let options = marquee_judge::TrainOptions::default();
    let (model, report) = marquee_judge::train(corpora, &options)
        .with_context(|| format!("training on {}", corpora.display()))?;
    model.save(out).with_context(|| format!("writing the model to {}", out.display()))?;
    eprintln!("{}", serde_json::to_string_pretty(&report)?);
    eprintln!("model {} written to {}; use it with --model {}", model.id(), out.display(), out.display());
    Ok(Outcome::Ok)
}

fn eval_verdict(corpora: &Path, json: bool) -> Result<Outcome> {
    let report = marquee_judge::evaluate(corpora, &marquee_judge::TrainOptions::default(), &marquee_judge::EvalOptions::default())
        .with_context(|| format!("evaluating on {}", corpora.display()))?;
    if json {
        out(format_args!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        out(format_args!("{report}\n"))?;
    }
    // A row below its bar is a failed check, as in a test run.
    Ok(if report.all_pass() { Outcome::Ok } else { Outcome::ChecksFailed })
}

fn demo(db: &Path, addr: &str, no_serve: bool) -> Result<Outcome> {
    let listener = if no_serve { None } else { Some(serve::bind(addr)?) };
    let dir = std::env::temp_dir().join(format!("marquee-samples-{}", std::process::id()));
    let input = crate::samples::write_to(&dir).context("writing the bundled samples")?;
    let pipeline = Pipeline::new(Judge::default_model().context("loading the default verdict model")?);
    let mut store = open_store(db)?;
    let report = ingest(&pipeline, &mut store, &[input]);
    std::fs::remove_dir_all(&dir).ok();
    let (report, _) = report?;
    serve::reindex(db, &store)?;
    print_summary(&report, db, false)?;
    match listener {
        Some(listener) => serve::run(db, pipeline, listener, None),
        None => Ok(Outcome::Ok),
    }
}
