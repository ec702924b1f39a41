//! The command line as clap sees it. Values are checked and turned into
//! ready-to-use settings in `cmd`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// marquee: an offline film-review aggregator. Reads critics' reviews,
/// extracts the film record, judges each verdict, stores and serves it all.
#[derive(Debug, Parser)]
#[command(name = "marquee", version, about, long_about = None)]
pub struct Args {
    /// More log output on standard error (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by the commands that open the database.
#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// The SQLite database file.
    #[arg(long, env = "MARQUEE_DB", default_value = "marquee.db")]
    pub db: PathBuf,
}

/// Options shared by commands that judge reviews.
#[derive(Debug, clap::Args)]
pub struct ModelArgs {
    /// A verdict model trained with `marquee train` (default: the model
    /// shipped with marquee).
    #[arg(long, env = "MARQUEE_MODEL")]
    pub model: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the extraction record of each document (no database needed).
    Extract {
        /// Files, folders (read recursively), `-` for standard input, JSON
        /// Lines files (.jsonl, .jsonl.gz) or http(s) URLs.
        #[arg(required = true)]
        paths: Vec<String>,
        /// `json` pretty-prints; `jsonl` writes one record per line. Default:
        /// json on a terminal, jsonl otherwise.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Leave out the verdict (faster).
        #[arg(long)]
        no_verdict: bool,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Store documents, their reviews, films and people in the database.
    Ingest {
        /// Files, folders, `-`, JSON Lines files or URLs, as for `extract`.
        #[arg(required = true)]
        paths: Vec<String>,
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        model: ModelArgs,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List films with their standing among critics.
    Films {
        #[command(flatten)]
        db: DbArgs,
        /// Order: best, title, year, reviews, recent.
        #[arg(long, default_value = "best")]
        sort: String,
        /// How many films.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Instead, what a curator should check: titles on weak evidence,
        /// likely duplicates with the reason, reviews set aside untitled.
        #[arg(long)]
        doubtful: bool,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Curators' corrections to films: merge two, split one.
    Film {
        #[command(subcommand)]
        action: FilmAction,
    },
    /// Curators' corrections to reviews: move one to another film.
    Review {
        #[command(subcommand)]
        action: ReviewAction,
    },
    /// Curators' corrections to critics: merge two, split bylines off one.
    Critic {
        #[command(subcommand)]
        action: CriticAction,
    },
    /// Link films to an IMDb catalogue you downloaded (the non-commercial
    /// dataset files; marquee never fetches them).
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// Resolve film and critic identity again (ingest does it; `--all`
    /// starts from scratch, applying every curator's decision).
    Resolve {
        /// Resolve every review, not only those stored since the last time.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Show one film: credits, standing, every review with its verdict.
    Show {
        /// A title, optionally with its year ("Psycho 1998"), or a film id.
        film: String,
        #[command(flatten)]
        db: DbArgs,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// List reviews, newest first.
    Reviews {
        /// Only this critic's reviews (part of the name is enough).
        #[arg(long)]
        critic: Option<String>,
        /// Only reviews of films whose title contains this.
        #[arg(long)]
        film: Option<String>,
        /// How many reviews.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[command(flatten)]
        db: DbArgs,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Train a verdict model on the labelled corpora.
    Train {
        /// The corpora folder (rt_polarity, polarity_v2, scale_data).
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        /// Where to write the model.
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Measure marquee on the labelled corpora.
    Eval {
        #[command(subcommand)]
        what: EvalWhat,
    },
    /// Ingest the bundled sample reviews into the database and serve the web UI.
    Demo {
        #[command(flatten)]
        db: DbArgs,
        /// Address to serve on.
        #[arg(long, default_value = "127.0.0.1:3000")]
        addr: String,
        /// Only ingest the samples; do not serve.
        #[arg(long)]
        no_serve: bool,
    },
    /// Serve the web pages, the JSON API and the feeds.
    Serve {
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        model: ModelArgs,
        /// Address to serve on.
        #[arg(long, default_value = "127.0.0.1:3000")]
        addr: String,
        /// Bearer token that `POST /api/reviews` requires; ingesting over
        /// HTTP is off without it.
        #[arg(long, env = "MARQUEE_TOKEN")]
        token: Option<String>,
    },
    /// Full-text search over reviews, films, people and critics.
    Search {
        /// A query: words, "phrases", fields (title:, director:, cast:,
        /// critic:, venue:, year:, label:).
        query: String,
        /// How many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[command(flatten)]
        db: DbArgs,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index from the database.
    Reindex {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Write films or reviews as JSON Lines, CSV or JSON-LD to standard output.
    Export {
        /// jsonl, csv or jsonld.
        #[arg(long, default_value = "jsonl")]
        format: String,
        /// films or reviews.
        #[arg(long, default_value = "reviews")]
        records: String,
        #[command(flatten)]
        db: DbArgs,
        /// The public address of the site the JSON-LD ids and links point
        /// to (`https://reviews.example.org`).
        #[arg(long, env = "MARQUEE_BASE_URL", default_value = "http://127.0.0.1:3000")]
        base_url: String,
    },
    /// Measure extraction and ingest throughput on a real corpus.
    Bench {
        /// A JSON Lines corpus (.jsonl.gz).
        #[arg(long, default_value = "../shared/corpora/ramr/ramr.jsonl.gz")]
        corpus: PathBuf,
        /// Only the first N documents for the one-core extraction and judging
        /// figures (the ingest figure always covers the whole corpus).
        #[arg(long)]
        limit: Option<usize>,
    },
}

#[derive(Debug, Subcommand)]
pub enum EvalWhat {
    /// The verdict model by the corpora's own protocols.
    Verdict {
        /// The corpora folder.
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Pretty-printed JSON (an array when there are several documents).
    Json,
    /// One JSON record per line.
    Jsonl,
}

/// `marquee film ...`
#[derive(Debug, Subcommand)]
pub enum FilmAction {
    /// FROM and INTO are one film: FROM's reviews join INTO, for good.
    Merge {
        /// The film that stays.
        into: i64,
        /// The film that joins it.
        from: i64,
        #[command(flatten)]
        db: DbArgs,
    },
    /// The given reviews of FILM are of another film, together, for good.
    Split {
        /// The film to split.
        film: i64,
        /// Review ids that go to the new film.
        #[arg(required = true)]
        reviews: Vec<i64>,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// `marquee review ...`
#[derive(Debug, Subcommand)]
pub enum ReviewAction {
    /// REVIEW is of film TO, for good.
    Move {
        /// The review.
        review: i64,
        /// The film it is of.
        to: i64,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// `marquee critic ...`
#[derive(Debug, Subcommand)]
pub enum CriticAction {
    /// FROM and INTO are one critic.
    Merge {
        /// The critic that stays.
        into: i64,
        /// The critic that joins them.
        from: i64,
        #[command(flatten)]
        db: DbArgs,
    },
    /// The given bylines of CRITIC belong to another critic.
    Split {
        /// The critic.
        critic: i64,
        /// Bylines (as printed) that go to the new critic.
        #[arg(required = true)]
        names: Vec<String>,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// `marquee catalog ...`
#[derive(Debug, Subcommand)]
pub enum CatalogAction {
    /// Read the dataset files and link every film whose title, year and
    /// directors agree with one catalogue title.
    Import {
        /// title.basics.tsv.gz
        #[arg(long)]
        basics: PathBuf,
        /// title.akas.tsv.gz (alternative titles)
        #[arg(long)]
        akas: Option<PathBuf>,
        /// title.crew.tsv.gz (directors; needs --names)
        #[arg(long)]
        crew: Option<PathBuf>,
        /// name.basics.tsv.gz (the directors' names)
        #[arg(long)]
        names: Option<PathBuf>,
        #[command(flatten)]
        db: DbArgs,
    },
}
