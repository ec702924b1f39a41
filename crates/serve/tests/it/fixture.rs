//! A small store of hand-written reviews (our own words, not corpus text),
//! and helpers to send requests to the app.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use marquee_index::Index;
use marquee_model::{
    CastMember, Certificate, Event, Extraction, Film, Rating, Review, Verdict, VerdictBasis,
    VerdictLabel,
};
use marquee_serve::{AppState, Config};
use marquee_store::{ContentKind, DocumentInput, SqliteStore, Store};
use tower::ServiceExt;

pub const TOKEN: &str = "test-token-123";
pub const HOSTILE: &str = "<script>alert('x')</script>";

fn verdict(score: u8, evidence: &str) -> Verdict {
    Verdict {
        label: VerdictLabel::from_score(score),
        fresh: score >= 60,
        score,
        evidence: vec![evidence.to_owned()],
        basis: VerdictBasis::Model,
        model_score: score,
        disagreement: false,
        model: "fixture@1".to_owned(),
    }
}

fn lanterns() -> Film {
    Film {
        title: "The Paper Lanterns".into(),
        year: Some(1994),
        directors: vec!["Ines Vautrin".into()],
        writers: vec!["Ines Vautrin".into(), "Paul Okafor".into()],
        producers: vec![],
        cast: vec![
            CastMember { name: "Marta Oyelaran".into(), character: Some("Hana".into()) },
            CastMember { name: "Tobias Wren".into(), character: Some("Kellan".into()) },
        ],
        distributor: Some("Lamplight Pictures".into()),
        runtime_minutes: Some(112),
        certificate: Some(Certificate { system: "MPAA".into(), rating: "PG-13".into(), reasons: vec!["thematic material".into(), "brief language".into()] }),
        genres: vec!["drama".into()],
        ..Film::default()
    }
}

fn harbour() -> Film {
    Film {
        title: "Harbour of Glass".into(),
        year: Some(1987),
        directors: vec!["Dmitri Aalto".into()],
        cast: vec![CastMember { name: "Sunniva Berg".into(), character: None }],
        runtime_minutes: Some(95),
        certificate: Some(Certificate { system: "MPAA".into(), rating: "R".into(), reasons: vec!["violence".into()] }),
        ..Film::default()
    }
}

struct Doc {
    source: &'static str,
    critic: &'static str,
    film: Film,
    score: u8,
    evidence: &'static str,
    text: String,
    venues: Vec<String>,
    events: Vec<Event>,
}

fn docs() -> Vec<Doc> {
    vec![
        Doc {
            source: "lanterns-pinsk.txt",
            critic: "Harold Pinsk",
            film: lanterns(),
            score: 85,
            evidence: "A tender, luminous drama that earns every tear.",
            text: "THE PAPER LANTERNS\n\nA tender, luminous drama that earns every tear. Vautrin directs with patience.\n\nOyelaran is superb as Hana.".into(),
            venues: vec!["Bellweather Cinema".into()],
            events: vec![Event { kind: "Q&A".into(), date: Some("2030-05-14".into()), time: Some("19:30".into()), venue: Some("Bellweather Cinema".into()), participants: vec!["Ines Vautrin".into()] }],
        },
        Doc {
            source: "lanterns-feld.txt",
            critic: "Rosa Feld",
            film: lanterns(),
            score: 55,
            evidence: "Handsome to look at, but the second half drifts.",
            text: format!("Handsome to look at, but the second half drifts. A reader wrote in with {HOSTILE} and we print it verbatim."),
            venues: vec![],
            events: vec![Event { kind: "premiere".into(), date: Some("1994-03-02".into()), time: None, venue: Some("Odeon Row, Hall 2; upstairs".into()), participants: vec![] }],
        },
        Doc {
            source: "harbour-feld.txt",
            critic: "Rosa Feld",
            film: harbour(),
            score: 20,
            evidence: "A muddled thriller with a dreadful script.",
            text: "A muddled thriller with a dreadful script. The private detective wanders the harbour at night for no reason.".into(),
            venues: vec![],
            events: vec![],
        },
    ]
}

/// A store on disk (so that every pooled connection sees the same data),
/// filled with the fixture documents.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub state: AppState,
}

pub fn open(path: &std::path::Path) -> Result<Box<dyn Store>, marquee_store::Error> {
    Ok(Box::new(SqliteStore::open(path)?))
}

pub fn fixture() -> Fixture {
    fixture_with(Config { token: Some(TOKEN.into()), base_url: "http://marquee.test".into(), today: Some("2030-01-01".into()), ..Config::default() })
}

pub fn fixture_with(config: Config) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("marquee.db");
    let mut store = SqliteStore::open(&db).unwrap();
    for d in docs() {
        let mut review = Review::new(d.film);
        review.critic = Some(d.critic.into());
        review.publication = Some("The Evening Lantern".into());
        review.rating = (d.score > 80).then(|| Rating { text: "****".into(), score: 88 });
        review.verdict = Some(verdict(d.score, d.evidence));
        review.venues = d.venues;
        review.events = d.events;
        review.text = d.text.clone();
        let extraction = Extraction { source: d.source.into(), reviews: vec![review], ..Extraction::default() };
        let input = DocumentInput { source: d.source, origin: d.source, content: &d.text, kind: ContentKind::Text };
        store.ingest(&input, &extraction).unwrap();
    }
    let index = Index::create_in_ram().unwrap();
    index.rebuild(&store).unwrap();
    let state = AppState::new(move || open(&db), Arc::new(index), config).unwrap();
    let state = state.with_ingester(ingest_by_title);
    Fixture { dir, state }
}

/// A stand-in for the pipeline: the first line of the body is the title of
/// the film reviewed, and the verdict is positive when the text says "good".
fn ingest_by_title(
    store: &mut dyn Store,
    doc: &marquee_model::Document,
) -> Result<(marquee_store::IngestOutcome, Vec<marquee_model::Warning>), marquee_serve::IngestError> {
    let raw = doc.body.raw();
    let title = raw.lines().next().unwrap_or_default().trim().to_owned();
    let mut review = Review::new(Film::titled(title));
    review.critic = Some("Nell Quarry".into());
    review.verdict = Some(verdict(if raw.contains("good") { 75 } else { 30 }, raw.lines().last().unwrap_or_default()));
    review.text = raw.to_owned();
    let extraction = Extraction { source: doc.source.clone(), reviews: vec![review], ..Extraction::default() };
    let kind = match doc.body { marquee_model::Body::Html { .. } => ContentKind::Html, _ => ContentKind::Text };
    let input = DocumentInput { source: &doc.source, origin: &doc.origin, content: raw, kind };
    Ok((store.ingest(&input, &extraction)?, Vec::new()))
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub async fn send(state: &AppState, request: Request<Body>) -> Reply {
    let response = marquee_serve::app(state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply { status, content_type, headers, body: String::from_utf8(bytes.to_vec()).unwrap() }
}

pub async fn get(state: &AppState, uri: &str) -> Reply {
    send(state, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// The id of the first film whose title is `title`, via the API.
pub async fn film_id(state: &AppState, title: &str) -> i64 {
    let films = get(state, "/api/films?sort=title").await.json();
    films["items"].as_array().unwrap().iter().find(|f| f["title"] == title).unwrap()["id"].as_i64().unwrap()
}
