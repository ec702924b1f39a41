//! The extraction record of `../shared/schema/EXTRACT.md`.

use serde::{Deserialize, Serialize};

/// Everything extracted from one input document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The input's file name, URL or JSON Lines `id`.
    pub source: String,
    /// The document as read, for HTML pages and other inputs with structure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<Article>,
    /// One entry per film reviewed; a page of capsules gives many.
    pub reviews: Vec<Review>,
    /// What extraction noticed but could not settle. Messy input is normal,
    /// not an error, so problems are reported here beside the result.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// A diagnostic attached to an [`Extraction`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// A stable, machine-readable code (`no_review_found`, `ambiguous_title`).
    pub code: String,
    /// A sentence for people.
    pub message: String,
}

/// The document before film extraction: for HTML, the main text without
/// navigation, ads or comments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The headline.
    pub title: Option<String>,
    /// The article's plain text, paragraphs separated by blank lines.
    pub body: Option<String>,
    /// The author line as printed.
    pub byline: Option<String>,
    /// Publication date, `YYYY-MM-DD` when known.
    pub published: Option<String>,
    /// The site or outlet name.
    pub site: Option<String>,
}

/// One film reviewed in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The film's record as the review states it.
    pub film: Film,
    /// The byline as printed.
    pub critic: Option<String>,
    /// The outlet named in the byline or sign-off.
    pub publication: Option<String>,
    /// The review's own date, `YYYY-MM-DD`, when the text prints a full date.
    pub published: Option<String>,
    /// The critic's own explicit grade.
    pub rating: Option<Rating>,
    /// The system's judgement of the critic's opinion; `None` until judged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// Where the film plays, as printed.
    pub venues: Vec<String>,
    /// Dated happenings around the film.
    pub events: Vec<Event>,
    /// What else the text names.
    pub mentions: Mentions,
    /// The part of the document that is this review (the whole text for a
    /// single review, one capsule on a roundup page). Not part of the
    /// extraction record; the judge and the store read it.
    #[serde(skip)]
    pub text: String,
}

impl Review {
    /// A review of `film` with nothing else known yet.
    pub fn new(film: Film) -> Self {
        Review { film, ..Review::default() }
    }
}

/// A film's record as a review states it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Film {
    /// The title as printed, without quotes or a trailing period. Empty
    /// when the text does not give it (the extraction then carries a
    /// `no_title` warning): a title is never invented.
    pub title: String,
    /// Where [`Film::title`] was read from; `None` when there is no title.
    /// Not part of the schema's required keys: written only when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_source: Option<TitleSource>,
    /// How sure extraction is that [`Film::title`] is the film's title;
    /// `None` when there is no title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_confidence: Option<TitleConfidence>,
    /// Other titles the text prints for the same film beside its title:
    /// "aka ...", a translation in brackets, an original-language title.
    /// As printed, without the "aka"; never the title itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alt_titles: Vec<String>,
    /// The release year when the text states or implies it.
    pub year: Option<i32>,
    /// Directors' full names.
    pub directors: Vec<String>,
    /// Screenplay, story and "written by" credits.
    pub writers: Vec<String>,
    /// Producers (not executive, co-, associate or line producers).
    pub producers: Vec<String>,
    /// Performers in the order the text first credits them.
    pub cast: Vec<CastMember>,
    /// The distributing company as first printed.
    pub distributor: Option<String>,
    /// Running time in whole minutes.
    pub runtime_minutes: Option<u32>,
    /// The rating board's mark and reasons.
    pub certificate: Option<Certificate>,
    /// Genres as printed.
    pub genres: Vec<String>,
}

impl Film {
    /// A film known only by its title.
    pub fn titled(title: impl Into<String>) -> Self {
        Film { title: title.into(), ..Film::default() }
    }
}

/// Where a film's title was read from, strongest evidence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TitleSource {
    /// The page's schema.org JSON-LD (`Movie`, a `Review`'s `itemReviewed`).
    JsonLd,
    /// A credit block: a "Title:" label, or the words a credit sentence
    /// opens with ("ARLINGTON ROAD. Directed by ...").
    Credits,
    /// The review's title line: a header above the byline, "TITLE (1998)",
    /// "TITLE -- a film review by ...", a capsule's head.
    Header,
    /// Supplied with the input rather than read from the review's text: a
    /// page's headline (`<h1>`, `og:title`) or an input record's title.
    Metadata,
    /// The film the prose keeps naming, for want of a title line.
    Prose,
}

impl TitleSource {
    /// The source as the record writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            TitleSource::JsonLd => "json_ld",
            TitleSource::Credits => "credits",
            TitleSource::Header => "header",
            TitleSource::Metadata => "metadata",
            TitleSource::Prose => "prose",
        }
    }
}

/// How sure extraction is of a title, in three bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TitleConfidence {
    /// Guessed: a name recurring in the prose, a page headline with words
    /// around the title. A curator should look at films resting on it.
    Low,
    /// A stand-alone line at the head of the review that passed the checks
    /// but carries nothing else marking it as a title.
    Medium,
    /// Labelled or marked as a title: structured data, a "Title:" label, a
    /// title line with its year, grade, certificate or byline beside it.
    High,
}

impl TitleConfidence {
    /// The band as the record writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            TitleConfidence::Low => "low",
            TitleConfidence::Medium => "medium",
            TitleConfidence::High => "high",
        }
    }
}

/// A performer and, where the text pairs them, the character they play.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CastMember {
    /// The performer's full name.
    pub name: String,
    /// The named character; `None` for an unnamed role ("her mother").
    pub character: Option<String>,
}

/// A rating board's mark ("R") and the reasons given, lower case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// "MPAA" for US marks, "BBFC" for British ones, and so on.
    pub system: String,
    /// The mark: "G", "PG", "PG-13", "R", "NC-17", "NR", "15".
    pub rating: String,
    /// The reasons, split at commas, semicolons and "and".
    pub reasons: Vec<String>,
}

/// The critic's own grade, as printed, and its linear value on 0..100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// The grade as printed ("***1/2", "B+", "7/10").
    pub text: String,
    /// The grade's linear value on 0..=100.
    pub score: u8,
}

/// Metacritic's bands over a 0..100 score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VerdictLabel {
    /// Score 61 and above.
    Positive,
    /// Score 40 to 60.
    Mixed,
    /// Score 39 and below.
    Negative,
}

impl VerdictLabel {
    /// The band a 0..100 score falls in.
    pub fn from_score(score: u8) -> Self {
        match score {
            61.. => VerdictLabel::Positive,
            40..=60 => VerdictLabel::Mixed,
            _ => VerdictLabel::Negative,
        }
    }

    /// The label as the record writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            VerdictLabel::Positive => "positive",
            VerdictLabel::Mixed => "mixed",
            VerdictLabel::Negative => "negative",
        }
    }
}

/// What decided a [`Verdict`]'s score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VerdictBasis {
    /// The critic's printed grade decided the score, as at Metacritic.
    Grade,
    /// No grade was printed; the model's reading of the prose decided.
    Model,
}

/// The system's judgement of a critic's opinion of a film.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Metacritic's band of `score`.
    pub label: VerdictLabel,
    /// Whether the critic recommends the film.
    pub fresh: bool,
    /// 0..=100.
    pub score: u8,
    /// The sentences that weigh most in the call, verbatim, strongest first.
    pub evidence: Vec<String>,
    /// What decided `score`.
    pub basis: VerdictBasis,
    /// The model's own 0..=100 reading of the prose, kept even when a grade
    /// decides.
    pub model_score: u8,
    /// The grade and the model's reading disagree by a wide margin.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disagreement: bool,
    /// The model that judged, `name@version`; scores are deterministic for a
    /// given model version.
    pub model: String,
}

/// A dated happening around the film: a Q&A, a premiere, a festival screening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// "Q&A", "premiere", "screening", ...
    pub kind: String,
    /// `YYYY-MM-DD`, or `--MM-DD` when the year cannot be known.
    pub date: Option<String>,
    /// 24-hour `HH:MM`.
    pub time: Option<String>,
    /// Where it happens, as printed.
    pub venue: Option<String>,
    /// Who takes part, full names.
    pub participants: Vec<String>,
}

/// What else a review names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentions {
    /// Every person named who is not among the film's credits.
    pub people: Vec<String>,
    /// Other films named.
    pub films: Vec<String>,
    /// Musical acts whose music the text discusses.
    pub music: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_bands_follow_metacritic() {
        assert_eq!(VerdictLabel::from_score(100), VerdictLabel::Positive);
        assert_eq!(VerdictLabel::from_score(61), VerdictLabel::Positive);
        assert_eq!(VerdictLabel::from_score(60), VerdictLabel::Mixed);
        assert_eq!(VerdictLabel::from_score(40), VerdictLabel::Mixed);
        assert_eq!(VerdictLabel::from_score(39), VerdictLabel::Negative);
        assert_eq!(VerdictLabel::from_score(0), VerdictLabel::Negative);
    }

    #[test]
    fn title_provenance_round_trips() {
        let film = Film {
            title_source: Some(TitleSource::JsonLd),
            title_confidence: Some(TitleConfidence::High),
            alt_titles: vec!["Les Lanternes".into()],
            ..Film::titled("The Lanterns")
        };
        let json = serde_json::to_value(&film).unwrap();
        assert_eq!(json["title_source"], TitleSource::JsonLd.as_str());
        assert_eq!(json["title_confidence"], TitleConfidence::High.as_str());
        assert_eq!(json["alt_titles"][0], "Les Lanternes");
        assert_eq!(serde_json::from_value::<Film>(json).unwrap(), film);
        // A record written before these keys existed still reads.
        let old: Film = serde_json::from_str(r#"{"title":"X","year":null,"directors":[],"writers":[],"producers":[],"cast":[],"distributor":null,"runtime_minutes":null,"certificate":null,"genres":[]}"#).unwrap();
        assert_eq!(old.title_source, None);
        assert!(TitleConfidence::Low < TitleConfidence::High);
    }

    #[test]
    fn record_writes_every_schema_key() {
        let extraction = Extraction {
            source: "a.txt".into(),
            reviews: vec![Review::new(Film::titled("A Film"))],
            ..Extraction::default()
        };
        let json = serde_json::to_value(&extraction).unwrap();
        let review = &json["reviews"][0];
        for key in ["critic", "publication", "published", "rating", "venues", "events", "mentions"] {
            assert!(review.get(key).is_some(), "missing {key}");
        }
        for key in ["year", "directors", "writers", "producers", "cast", "distributor",
                    "runtime_minutes", "certificate", "genres"] {
            assert!(review["film"].get(key).is_some(), "missing film.{key}");
        }
        assert!(review["film"].get("title_source").is_none(), "written only when known");
        assert!(json.get("article").is_none());
        assert!(json.get("warnings").is_none());
        assert!(review.get("verdict").is_none());
    }
}
