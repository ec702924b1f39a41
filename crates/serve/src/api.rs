//! The JSON API under `/api` and its OpenAPI document.
//!
//! The wire types (`*Dto`) are this crate's compatibility promise; they are
//! converted from the store's rows and documented with utoipa. Lists are
//! paged (`page`, `per_page`), filters are query parameters, and every error
//! is an [`ErrorBody`] with the status from [`ApiError::table`].

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use marquee_index::DocKind;
use marquee_model::{Body, CriticId, Document, FilmId, PersonId, ReviewId, VenueId};
use marquee_store::IngestOutcome;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::error::{ApiError, ErrorBody, ErrorDetail};
use crate::pages::id_of;
use crate::params::{EventParams, FilmParams, ListParams, Params, PostParams, ReviewParams, SearchParams};
use crate::state::{AppState, MAX_BODY_BYTES};

type ApiResult<T> = Result<Json<T>, ApiError>;

// ------------------------------------------------------------------ DTOs ---

/// A film, person, critic or venue named in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefDto {
    /// Its id.
    pub id: i64,
    /// Its title or name.
    pub name: String,
    /// The release year, for films.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

impl From<&marquee_store::FilmRef> for RefDto {
    fn from(f: &marquee_store::FilmRef) -> Self {
        RefDto { id: f.id.0, name: f.title.clone(), year: f.year }
    }
}
impl From<&marquee_store::PersonRef> for RefDto {
    fn from(p: &marquee_store::PersonRef) -> Self {
        RefDto { id: p.id.0, name: p.name.clone(), year: None }
    }
}
impl From<&marquee_store::CriticRef> for RefDto {
    fn from(c: &marquee_store::CriticRef) -> Self {
        RefDto { id: c.id.0, name: c.name.clone(), year: None }
    }
}
impl From<&marquee_store::VenueRef> for RefDto {
    fn from(v: &marquee_store::VenueRef) -> Self {
        RefDto { id: v.id.0, name: v.name.clone(), year: None }
    }
}

fn refs<'a, T: 'a>(list: impl IntoIterator<Item = &'a T>) -> Vec<RefDto>
where
    RefDto: From<&'a T>,
{
    list.into_iter().map(RefDto::from).collect()
}

/// How a film's reviews spread over the labels.
#[derive(Debug, Serialize, ToSchema)]
pub struct LabelCountsDto {
    /// Positive reviews.
    pub positive: u32,
    /// Mixed reviews.
    pub mixed: u32,
    /// Negative reviews.
    pub negative: u32,
}

/// A film's standing among critics.
#[derive(Debug, Serialize, ToSchema)]
pub struct StandingDto {
    /// Reviews of the film.
    pub reviews: u32,
    /// Reviews with a verdict.
    pub scored: u32,
    /// Share of fresh reviews, 0..1; null below 5 judged reviews.
    pub fresh_share: Option<f64>,
    /// Mean verdict score, 0..100.
    pub mean_score: Option<f64>,
    /// Bayesian-shrunk score, 0..100.
    pub shrunk_score: Option<f64>,
    /// Lower bound of the 95% interval around the shrunk score.
    pub interval_low: Option<f64>,
    /// Upper bound of that interval.
    pub interval_high: Option<f64>,
    /// The band of the mean score: positive, mixed or negative.
    pub label: Option<String>,
    /// The spread of labels.
    pub labels: LabelCountsDto,
}

impl From<&marquee_store::Standing> for StandingDto {
    fn from(s: &marquee_store::Standing) -> Self {
        StandingDto {
            reviews: s.reviews,
            scored: s.scored,
            fresh_share: s.fresh_share,
            mean_score: s.mean_score,
            shrunk_score: s.shrunk_score,
            interval_low: s.interval.map(|i| i.low),
            interval_high: s.interval.map(|i| i.high),
            label: s.label.map(|l| l.as_str().to_owned()),
            labels: LabelCountsDto { positive: s.labels.positive, mixed: s.labels.mixed, negative: s.labels.negative },
        }
    }
}

/// A film in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct FilmSummaryDto {
    /// Its id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Release year.
    pub year: Option<i32>,
    /// Running time in minutes.
    pub runtime_minutes: Option<u32>,
    /// Certificate mark.
    pub certificate: Option<String>,
    /// Directors.
    pub directors: Vec<RefDto>,
    /// Standing.
    pub standing: StandingDto,
}

impl From<&marquee_store::FilmSummary> for FilmSummaryDto {
    fn from(f: &marquee_store::FilmSummary) -> Self {
        FilmSummaryDto {
            id: f.id.0,
            title: f.title.clone(),
            year: f.year,
            runtime_minutes: f.runtime_minutes,
            certificate: f.certificate.clone(),
            directors: refs(&f.directors),
            standing: (&f.standing).into(),
        }
    }
}

/// A rating board's mark and reasons.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateDto {
    /// "MPAA", "BBFC", ...
    pub system: String,
    /// The mark.
    pub rating: String,
    /// The reasons, lower case.
    pub reasons: Vec<String>,
}

/// A performer and their character.
#[derive(Debug, Serialize, ToSchema)]
pub struct CastDto {
    /// The performer.
    pub person: RefDto,
    /// The character, when named.
    pub character: Option<String>,
}

/// A consensus sentence.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsensusDto {
    /// The sentence, verbatim.
    pub sentence: String,
    /// The review it comes from.
    pub review: i64,
    /// That review's critic.
    pub critic: Option<RefDto>,
}

/// The system's verdict on a review.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerdictDto {
    /// positive, mixed or negative.
    pub label: String,
    /// Whether the critic recommends the film.
    pub fresh: bool,
    /// 0..100.
    pub score: u8,
    /// The sentences that weigh most.
    pub evidence: Vec<String>,
    /// grade or model.
    pub basis: String,
    /// `name@version` of the model.
    pub model: String,
}

/// The critic's own grade.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingDto {
    /// As printed.
    pub text: String,
    /// Its value on 0..100.
    pub score: u8,
}

/// A review in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewSummaryDto {
    /// Its id.
    pub id: i64,
    /// The film.
    pub film: RefDto,
    /// The critic.
    pub critic: Option<RefDto>,
    /// The outlet.
    pub publication: Option<String>,
    /// The review's date.
    pub published: Option<String>,
    /// The critic's grade.
    pub rating: Option<RatingDto>,
    /// The verdict.
    pub verdict: Option<VerdictDto>,
    /// The opening words.
    pub excerpt: String,
    /// When it was stored (RFC 3339).
    pub ingested_at: String,
}

impl From<&marquee_store::ReviewSummary> for ReviewSummaryDto {
    fn from(r: &marquee_store::ReviewSummary) -> Self {
        ReviewSummaryDto {
            id: r.id.0,
            film: (&r.film).into(),
            critic: r.critic.as_ref().map(RefDto::from),
            publication: r.publication.clone(),
            published: r.published.clone(),
            rating: r.rating.as_ref().map(|g| RatingDto { text: g.text.clone(), score: g.score }),
            verdict: r.verdict.as_ref().map(|v| VerdictDto {
                label: v.label.as_str().to_owned(),
                fresh: v.fresh,
                score: v.score,
                evidence: v.evidence.clone(),
                basis: match v.basis {
                    marquee_model::VerdictBasis::Grade => "grade".to_owned(),
                    marquee_model::VerdictBasis::Model => "model".to_owned(),
                },
                model: v.model.clone(),
            }),
            excerpt: r.excerpt.clone(),
            ingested_at: r.ingested_at.clone(),
        }
    }
}

/// An event around a film.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDto {
    /// Its id.
    pub id: i64,
    /// "Q&A", "premiere", ...
    pub kind: String,
    /// `YYYY-MM-DD` or `--MM-DD`.
    pub date: Option<String>,
    /// `HH:MM`.
    pub time: Option<String>,
    /// The venue.
    pub venue: Option<RefDto>,
    /// The film.
    pub film: RefDto,
    /// Who takes part.
    pub participants: Vec<RefDto>,
    /// The review that announced it.
    pub review: i64,
}

impl From<&marquee_store::EventView> for EventDto {
    fn from(e: &marquee_store::EventView) -> Self {
        EventDto {
            id: e.id,
            kind: e.kind.clone(),
            date: e.date.clone(),
            time: e.time.clone(),
            venue: e.venue.as_ref().map(RefDto::from),
            film: (&e.film).into(),
            participants: refs(&e.participants),
            review: e.review.0,
        }
    }
}

/// Everything about a film.
#[derive(Debug, Serialize, ToSchema)]
pub struct FilmDto {
    /// Its id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Every title it is known by, this one first.
    pub titles: Vec<String>,
    /// Its IMDb id, when linked to an imported catalogue.
    pub imdb_id: Option<String>,
    /// Release year.
    pub year: Option<i32>,
    /// Running time in minutes.
    pub runtime_minutes: Option<u32>,
    /// The certificate.
    pub certificate: Option<CertificateDto>,
    /// The distributor.
    pub distributor: Option<String>,
    /// Genres.
    pub genres: Vec<String>,
    /// Directors.
    pub directors: Vec<RefDto>,
    /// Writers.
    pub writers: Vec<RefDto>,
    /// Producers.
    pub producers: Vec<RefDto>,
    /// Cast, with characters.
    pub cast: Vec<CastDto>,
    /// Standing.
    pub standing: StandingDto,
    /// The most typical evidence sentences.
    pub consensus: Vec<ConsensusDto>,
    /// Every review, newest first.
    pub reviews: Vec<ReviewSummaryDto>,
    /// Where it plays.
    pub venues: Vec<RefDto>,
    /// Events around it.
    pub events: Vec<EventDto>,
}

impl From<&marquee_store::FilmDetail> for FilmDto {
    fn from(f: &marquee_store::FilmDetail) -> Self {
        FilmDto {
            id: f.id.0,
            title: f.title.clone(),
            titles: f.titles.clone(),
            imdb_id: f.imdb_id.clone(),
            year: f.year,
            runtime_minutes: f.runtime_minutes,
            certificate: f.certificate.as_ref().map(|c| CertificateDto {
                system: c.system.clone(),
                rating: c.rating.clone(),
                reasons: c.reasons.clone(),
            }),
            distributor: f.distributor.clone(),
            genres: f.genres.clone(),
            directors: refs(&f.credits.directors),
            writers: refs(&f.credits.writers),
            producers: refs(&f.credits.producers),
            cast: f.credits.cast.iter().map(|c| CastDto { person: (&c.person).into(), character: c.character.clone() }).collect(),
            standing: (&f.standing).into(),
            consensus: f.consensus.iter().map(|c| ConsensusDto {
                sentence: c.sentence.clone(),
                review: c.review.0,
                critic: c.critic.as_ref().map(RefDto::from),
            }).collect(),
            reviews: f.reviews.iter().map(ReviewSummaryDto::from).collect(),
            venues: refs(&f.venues),
            events: f.events.iter().map(EventDto::from).collect(),
        }
    }
}

/// What else a review names.
#[derive(Debug, Serialize, ToSchema)]
pub struct MentionsDto {
    /// People not among the credits.
    pub people: Vec<String>,
    /// Other films.
    pub films: Vec<String>,
    /// Musical acts.
    pub music: Vec<String>,
}

/// A review with its full text.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewDto {
    /// The summary fields.
    #[serde(flatten)]
    pub summary: ReviewSummaryDto,
    /// The document's source (file name, URL, id).
    pub source: String,
    /// The review's text.
    pub text: String,
    /// Venues it names.
    pub venues: Vec<RefDto>,
    /// Events it announces.
    pub events: Vec<EventDto>,
    /// What else it names.
    pub mentions: MentionsDto,
}

/// A film in a filmography.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonFilmDto {
    /// The film.
    pub film: RefDto,
    /// The character played.
    pub character: Option<String>,
}

fn filmography(list: &[marquee_store::PersonFilm]) -> Vec<PersonFilmDto> {
    list.iter().map(|p| PersonFilmDto { film: (&p.film).into(), character: p.character.clone() }).collect()
}

/// A person's filmography.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonDto {
    /// Their id.
    pub id: i64,
    /// Their name.
    pub name: String,
    /// As director.
    pub directed: Vec<PersonFilmDto>,
    /// As writer.
    pub wrote: Vec<PersonFilmDto>,
    /// As producer.
    pub produced: Vec<PersonFilmDto>,
    /// As performer.
    pub performed: Vec<PersonFilmDto>,
    /// Events they take part in.
    pub events: Vec<EventDto>,
    /// Reviews that mention them.
    pub mentioned_in: Vec<i64>,
}

/// A critic's record.
#[derive(Debug, Serialize, ToSchema)]
pub struct CriticDto {
    /// Their id.
    pub id: i64,
    /// Byline.
    pub name: String,
    /// Reviews written.
    pub reviews: u32,
    /// Mean verdict score.
    pub mean_score: Option<f64>,
    /// Mean difference from other critics on the same films (positive: kinder).
    pub generosity: Option<f64>,
    /// Reviews `generosity` is computed over.
    pub shared_films: u32,
    /// Outlets.
    pub publications: Vec<String>,
}

impl From<&marquee_store::CriticSummary> for CriticDto {
    fn from(c: &marquee_store::CriticSummary) -> Self {
        CriticDto {
            id: c.id.0,
            name: c.name.clone(),
            reviews: c.reviews,
            mean_score: c.mean_score,
            generosity: c.generosity,
            shared_films: c.shared_films,
            publications: c.publications.clone(),
        }
    }
}

/// A critic's record and reviews.
#[derive(Debug, Serialize, ToSchema)]
pub struct CriticDetailDto {
    /// The record.
    #[serde(flatten)]
    pub critic: CriticDto,
    /// Their reviews, newest first.
    pub review_list: Vec<ReviewSummaryDto>,
}

/// A venue in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct VenueSummaryDto {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Films playing there.
    pub films: u32,
    /// Events there.
    pub events: u32,
}

/// A venue's films and events.
#[derive(Debug, Serialize, ToSchema)]
pub struct VenueDto {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Films playing there.
    pub films: Vec<RefDto>,
    /// Events there.
    pub events: Vec<EventDto>,
}

macro_rules! page_dto {
    ($name:ident, $item:ty, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Serialize, ToSchema)]
        pub struct $name {
            /// This page's rows.
            pub items: Vec<$item>,
            /// 1-based page number.
            pub page: u32,
            /// Rows per page.
            pub per_page: u32,
            /// Rows over all pages.
            pub total: u64,
        }
    };
}
page_dto!(FilmPage, FilmSummaryDto, "One page of films.");
page_dto!(ReviewPage, ReviewSummaryDto, "One page of reviews.");
page_dto!(CriticPage, CriticDto, "One page of critics.");
page_dto!(VenuePage, VenueSummaryDto, "One page of venues.");
page_dto!(EventPage, EventDto, "One page of events.");

/// A search hit.
#[derive(Debug, Serialize, ToSchema)]
pub struct HitDto {
    /// film, review, person or critic.
    pub kind: String,
    /// Its id.
    pub id: i64,
    /// Where it lives on the site.
    pub url: String,
    /// For reviews, the film.
    pub film_id: Option<i64>,
    /// Title or name.
    pub title: String,
    /// For reviews, the critic.
    pub critic: Option<String>,
    /// The film's year.
    pub year: Option<i32>,
    /// For reviews, the verdict label.
    pub label: Option<String>,
    /// BM25 relevance.
    pub score: f32,
    /// A passage with the matches highlighted in `<mark>`; all other text escaped.
    pub snippet_html: String,
}

/// A facet value and its count.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetCountDto {
    /// The value.
    pub value: String,
    /// Matching documents.
    pub count: u64,
}

/// Counts per facet.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetsDto {
    /// By kind.
    pub kind: Vec<FacetCountDto>,
    /// By certificate.
    pub certificate: Vec<FacetCountDto>,
    /// By decade.
    pub decade: Vec<FacetCountDto>,
    /// By verdict label.
    pub label: Vec<FacetCountDto>,
}

/// Search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchDto {
    /// Matches in all.
    pub total: usize,
    /// Nothing matched exactly; these allow one typo per word.
    pub fuzzy: bool,
    /// This page of hits.
    pub hits: Vec<HitDto>,
    /// Facet counts.
    pub facets: FacetsDto,
}

/// What `POST /api/reviews` did.
#[derive(Debug, Serialize, ToSchema)]
pub struct IngestDto {
    /// inserted or unchanged.
    pub outcome: String,
    /// The stored document.
    pub document: i64,
    /// The reviews found in it.
    pub reviews: Vec<i64>,
    /// Their films' pages.
    pub films: Vec<String>,
    /// What extraction noticed but could not settle.
    pub warnings: Vec<String>,
}

// -------------------------------------------------------------- handlers ---

#[utoipa::path(get, path = "/api/films", params(FilmParams), tag = "films",
    responses((status = 200, body = FilmPage), (status = 400, body = ErrorBody)))]
pub(crate) async fn films(State(state): State<AppState>, Params(params): Params<FilmParams>) -> ApiResult<FilmPage> {
    let q = params.query();
    let page = state.read(move |s| s.films(&q)).await?;
    Ok(Json(FilmPage { items: page.items.iter().map(Into::into).collect(), page: page.page, per_page: page.per_page, total: page.total }))
}

#[utoipa::path(get, path = "/api/films/{id}", params(("id" = i64, Path, description = "Film id")), tag = "films",
    responses((status = 200, body = FilmDto), (status = 404, body = ErrorBody)))]
pub(crate) async fn film(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<FilmDto> {
    let id = id_of("film", &id)?;
    let f = state.read(move |s| s.film(FilmId(id))).await?.ok_or_else(|| ApiError::NotFound(format!("film {id}")))?;
    Ok(Json((&f).into()))
}

#[utoipa::path(get, path = "/api/reviews", params(ReviewParams), tag = "reviews",
    responses((status = 200, body = ReviewPage), (status = 400, body = ErrorBody)))]
pub(crate) async fn reviews(State(state): State<AppState>, Params(params): Params<ReviewParams>) -> ApiResult<ReviewPage> {
    let q = params.query();
    let page = state.read(move |s| s.reviews(&q)).await?;
    Ok(Json(ReviewPage { items: page.items.iter().map(Into::into).collect(), page: page.page, per_page: page.per_page, total: page.total }))
}

#[utoipa::path(get, path = "/api/reviews/{id}", params(("id" = i64, Path, description = "Review id")), tag = "reviews",
    responses((status = 200, body = ReviewDto), (status = 404, body = ErrorBody)))]
pub(crate) async fn review(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<ReviewDto> {
    let id = id_of("review", &id)?;
    let r = state.read(move |s| s.review(ReviewId(id))).await?.ok_or_else(|| ApiError::NotFound(format!("review {id}")))?;
    Ok(Json(ReviewDto {
        summary: (&r.summary).into(),
        source: r.summary.source.clone(),
        text: r.text,
        venues: refs(&r.venues),
        events: r.events.iter().map(EventDto::from).collect(),
        mentions: MentionsDto { people: r.mentions.people, films: r.mentions.films, music: r.mentions.music },
    }))
}

#[utoipa::path(post, path = "/api/reviews", tag = "reviews",
    request_body(content = String, description = "The review: plain text or an HTML page", content_type = "text/plain"),
    params(PostParams),
    security(("bearer" = [])),
    responses((status = 201, body = IngestDto, description = "Stored"), (status = 200, body = IngestDto, description = "Already stored"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, description = "Body too large"), (status = 415, body = ErrorBody)))]
pub(crate) async fn post_review(
    State(state): State<AppState>,
    Params(params): Params<PostParams>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    // Everything that can refuse the request is decided from the headers,
    // before a byte of the body is read: a client without the token cannot
    // make the server take in 4 MB (and with `Expect: 100-continue` it is
    // never asked to send it).
    state.authorize(headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()))?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("text/plain");
    let mime = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let html = match mime.as_str() {
        "text/plain" | "text/markdown" => false,
        "text/html" | "application/xhtml+xml" => true,
        _ => return Err(ApiError::UnsupportedMediaType),
    };
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(ApiError::PayloadTooLarge(MAX_BODY_BYTES));
    }
    let timeout = state.config().timeouts.body_read;
    let bytes = match tokio::time::timeout(timeout, axum::body::to_bytes(body, MAX_BODY_BYTES)).await {
        Err(_) => return Err(ApiError::BodyTimeout(timeout.as_secs())),
        Ok(Err(e)) => {
            return Err(if e.into_inner().is::<http_body_util::LengthLimitError>() {
                ApiError::PayloadTooLarge(MAX_BODY_BYTES)
            } else {
                ApiError::BadRequest("the body could not be read whole".into())
            });
        }
        Ok(Ok(bytes)) => bytes,
    };
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| ApiError::BadRequest("the body is not UTF-8".into()))?;
    if text.trim().is_empty() {
        return Err(ApiError::BadRequest("the body is empty".into()));
    }
    let body = if html { Body::Html { html: text, url: None } } else { Body::Text(text) };
    let source = params.source.unwrap_or_else(|| "http-post".to_owned());
    let doc = Document { origin: format!("POST /api/reviews ({source})"), source, body };
    let (outcome, warnings) = state.ingest(doc).await?;
    let base = &state.config().base_url;
    let warnings = warnings.into_iter().map(|w| format!("{}: {}", w.code, w.message)).collect();
    let (status, dto) = match outcome {
        IngestOutcome::Inserted { document, reviews, films, .. } => (StatusCode::CREATED, IngestDto {
            outcome: "inserted".into(),
            document: document.0,
            reviews: reviews.iter().map(|r| r.0).collect(),
            films: films.iter().map(|f| format!("{base}/films/{f}")).collect(),
            warnings,
        }),
        other => (StatusCode::OK, IngestDto {
            outcome: "unchanged".into(),
            document: other.document().0,
            reviews: Vec::new(),
            films: Vec::new(),
            warnings,
        }),
    };
    Ok((status, Json(dto)).into_response())
}

#[utoipa::path(get, path = "/api/people/{id}", params(("id" = i64, Path, description = "Person id")), tag = "people",
    responses((status = 200, body = PersonDto), (status = 404, body = ErrorBody)))]
pub(crate) async fn person(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<PersonDto> {
    let id = id_of("person", &id)?;
    let p = state.read(move |s| s.person(PersonId(id))).await?.ok_or_else(|| ApiError::NotFound(format!("person {id}")))?;
    Ok(Json(PersonDto {
        id: p.id.0,
        name: p.name.clone(),
        directed: filmography(&p.directed),
        wrote: filmography(&p.wrote),
        produced: filmography(&p.produced),
        performed: filmography(&p.performed),
        events: p.events.iter().map(EventDto::from).collect(),
        mentioned_in: p.mentioned_in.iter().map(|r| r.0).collect(),
    }))
}

/// This page of `all`, converted, with its number, size and the total.
fn paginate<T, U>(params: &ListParams, all: &[T], f: impl Fn(&T) -> U) -> (Vec<U>, u32, u32, u64) {
    let (rows, page, per_page) = params.slice(all);
    (rows.iter().map(f).collect(), page, per_page, all.len() as u64)
}

#[utoipa::path(get, path = "/api/critics", params(ListParams), tag = "critics",
    responses((status = 200, body = CriticPage), (status = 400, body = ErrorBody)))]
pub(crate) async fn critics(State(state): State<AppState>, Params(params): Params<ListParams>) -> ApiResult<CriticPage> {
    let all = state.read(|s| s.critics()).await?;
    let (items, page, per_page, total) = paginate(&params, &all, |c| CriticDto::from(c));
    Ok(Json(CriticPage { items, page, per_page, total }))
}

#[utoipa::path(get, path = "/api/critics/{id}", params(("id" = i64, Path, description = "Critic id")), tag = "critics",
    responses((status = 200, body = CriticDetailDto), (status = 404, body = ErrorBody)))]
pub(crate) async fn critic(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<CriticDetailDto> {
    let id = id_of("critic", &id)?;
    let c = state.read(move |s| s.critic(CriticId(id))).await?.ok_or_else(|| ApiError::NotFound(format!("critic {id}")))?;
    Ok(Json(CriticDetailDto { critic: (&c.summary).into(), review_list: c.reviews.iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/api/venues", params(ListParams), tag = "venues",
    responses((status = 200, body = VenuePage), (status = 400, body = ErrorBody)))]
pub(crate) async fn venues(State(state): State<AppState>, Params(params): Params<ListParams>) -> ApiResult<VenuePage> {
    let all = state.read(|s| s.venues()).await?;
    let (items, page, per_page, total) = paginate(&params, &all, |v| VenueSummaryDto { id: v.id.0, name: v.name.clone(), films: v.films, events: v.events });
    Ok(Json(VenuePage { items, page, per_page, total }))
}

#[utoipa::path(get, path = "/api/venues/{id}", params(("id" = i64, Path, description = "Venue id")), tag = "venues",
    responses((status = 200, body = VenueDto), (status = 404, body = ErrorBody)))]
pub(crate) async fn venue(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<VenueDto> {
    let id = id_of("venue", &id)?;
    let v = state.read(move |s| s.venue(VenueId(id))).await?.ok_or_else(|| ApiError::NotFound(format!("venue {id}")))?;
    Ok(Json(VenueDto { id: v.id.0, name: v.name.clone(), films: refs(&v.films), events: v.events.iter().map(EventDto::from).collect() }))
}

#[utoipa::path(get, path = "/api/events", params(EventParams), tag = "events",
    responses((status = 200, body = EventPage), (status = 400, body = ErrorBody)))]
pub(crate) async fn events(State(state): State<AppState>, Params(params): Params<EventParams>) -> ApiResult<EventPage> {
    let q = params.query();
    let all = state.read(move |s| s.events(&q)).await?;
    let (items, page, per_page, total) = paginate(&params.list(), &all, |e| EventDto::from(e));
    Ok(Json(EventPage { items, page, per_page, total }))
}

#[utoipa::path(get, path = "/api/search", params(SearchParams), tag = "search",
    responses((status = 200, body = SearchDto), (status = 400, body = ErrorBody)))]
pub(crate) async fn search(State(state): State<AppState>, Params(params): Params<SearchParams>) -> ApiResult<SearchDto> {
    let query = params.query(20)?;
    let results = state.search(query).await?;
    let facet = |v: &[(String, u64)]| v.iter().map(|(value, count)| FacetCountDto { value: value.clone(), count: *count }).collect();
    let base = &state.config().base_url;
    Ok(Json(SearchDto {
        total: results.total,
        fuzzy: results.fuzzy,
        hits: results.hits.iter().map(|h| HitDto {
            kind: h.kind.as_str().to_owned(),
            id: h.id,
            url: format!("{base}/{}/{}", match h.kind { DocKind::Film => "films", DocKind::Review => "reviews", DocKind::Person => "people", DocKind::Critic => "critics" }, h.id),
            film_id: h.film_id,
            title: h.title.clone(),
            critic: h.critic.clone(),
            year: h.year,
            label: h.label.clone(),
            score: h.score,
            snippet_html: h.snippet.to_html(),
        }).collect(),
        facets: FacetsDto {
            kind: facet(&results.facets.kind),
            certificate: facet(&results.facets.certificate),
            decade: facet(&results.facets.decade),
            label: facet(&results.facets.label),
        },
    }))
}

/// Unknown API routes: a JSON 404, not the HTML one.
pub(crate) async fn not_found() -> ApiError {
    ApiError::NotFound("no such API route".into())
}

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

/// The OpenAPI document of the JSON API.
#[derive(OpenApi)]
#[openapi(
    info(title = "marquee API", description = "Film reviews, read and weighed: films with their standing, reviews with verdicts, people, critics, venues, events and search. Reading needs no token; POST /api/reviews needs the server's bearer token."),
    paths(films, film, reviews, review, post_review, person, critics, critic, venues, venue, events, search),
    components(schemas(ErrorBody, ErrorDetail)),
    modifiers(&BearerAuth),
    tags((name = "films"), (name = "reviews"), (name = "people"), (name = "critics"), (name = "venues"), (name = "events"), (name = "search"))
)]
pub struct ApiDoc;

/// `GET /api/openapi.json`.
pub(crate) async fn openapi() -> Response {
    Json(ApiDoc::openapi()).into_response()
}
