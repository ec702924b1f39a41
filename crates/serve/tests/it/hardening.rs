//! Issue 12: hostile requests. Each test is an attack and what must come of
//! it: a clear 400 (or a bounded answer), and a server that still answers.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use marquee_serve::{AppState, Config, Timeouts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::fixture::{Fixture, TOKEN, fixture, fixture_with, get, send};

/// Encodes a query-string value as curl sends it: spaces as `+`,
/// parentheses and colons as they are.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'(' | b')' | b':' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// The server still answers a plain search, on the API and as a page.
async fn still_answers(f: &Fixture) {
    let reply = get(&f.state, "/api/search?q=lanterns").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.json()["total"].as_u64().unwrap() >= 1);
    assert_eq!(get(&f.state, "/search?q=lanterns").await.status, StatusCode::OK);
}

/// `uri` is refused with a 400 and `code`: JSON under `/api`, the HTML error
/// page elsewhere; the message names `needle`.
#[track_caller]
fn assert_refused(reply: &crate::fixture::Reply, uri: &str, code: &str, needle: &str) {
    let uri = &uri[..uri.len().min(80)];
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}: {}", &reply.body[..reply.body.len().min(300)]);
    if uri.starts_with("/api/") {
        assert!(reply.content_type.starts_with("application/json"), "{uri}");
        let body = reply.json();
        assert_eq!(body["error"]["code"], code, "{uri}: {body}");
        assert!(body["error"]["message"].as_str().unwrap().contains(needle), "{uri}: {body}");
    } else {
        assert!(reply.content_type.starts_with("text/html"), "{uri}");
        assert!(reply.body.contains("That request did not work"), "{uri}");
        assert!(reply.body.contains(needle), "{uri}: the page says what is wrong");
    }
}

#[tokio::test]
async fn r12_row1_a_huge_page_number_is_refused_before_any_work() {
    let f = fixture();
    for uri in [
        "/api/search?q=love&page=100000000",
        "/search?q=love&page=100000000",
        "/api/search?q=love&page=501&per_page=20",
        "/search?q=love&page=501",
        "/api/films?page=100000000",
        "/films?page=100000000",
        "/api/reviews?page=4294967296",
        "/api/critics?page=100000000",
        "/api/venues?per_page=100000000",
        "/api/events?page=100001",
    ] {
        let reply = get(&f.state, uri).await;
        let needle = if uri.contains("501") { "first 10000 hits" } else { "from 1 to" };
        assert_refused(&reply, uri, "limit_exceeded", needle);
    }
    // The deepest page allowed is answered.
    let last = get(&f.state, "/api/search?q=lanterns&page=100&per_page=100").await;
    assert_eq!(last.status, StatusCode::OK, "{}", last.body);
    assert_eq!(last.json()["hits"].as_array().unwrap().len(), 0);
    still_answers(&f).await;
}

#[tokio::test]
async fn r12_row2_deep_nesting_is_refused_without_overflowing_the_stack() {
    let f = fixture();
    // The attack: 3,000 nested parentheses around a word, a 6 kB
    // URL, refused for its length; then depth within the length bound, by
    // groups, by NOTs and by field groups, refused for its nesting.
    let attack = format!("{}love{}", "(".repeat(3000), ")".repeat(3000));
    let parens = format!("{}love{}", "(".repeat(400), ")".repeat(400));
    let nots = format!("{}love", "NOT ".repeat(200));
    let field_groups = format!("{}love{}", "title:(".repeat(100), ")".repeat(100));
    for (q, needle) in [(&attack, "bytes long; at most 1024"), (&parens, "groups and NOTs"), (&nots, "groups and NOTs"), (&field_groups, "groups and NOTs")] {
        for path in ["/api/search", "/search"] {
            let uri = format!("{path}?q={}", enc(q));
            assert!(uri.len() < marquee_serve::MAX_QUERY_STRING_BYTES);
            assert_refused(&get(&f.state, &uri).await, &uri, "limit_exceeded", needle);
        }
    }
    // Past 8 KiB the query string itself is refused, unparsed.
    let deeper = format!("/api/search?q={}", enc(&format!("{}love{}", "(".repeat(10_000), ")".repeat(10_000))));
    assert_refused(&get(&f.state, &deeper).await, &deeper, "limit_exceeded", "query string");
    // Within the bound, nesting works.
    let nested = format!("{}lanterns{}", "(".repeat(32), ")".repeat(32));
    let reply = get(&f.state, &format!("/api/search?q={}", enc(&nested))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.json()["total"], get(&f.state, "/api/search?q=lanterns").await.json()["total"]);
    still_answers(&f).await;
}

#[tokio::test]
async fn r12_row3_many_distinct_unmatched_words_are_refused_or_answered_exactly() {
    let f = fixture();
    // 2,000 distinct words that match nothing: 17 kB.
    let words: Vec<String> = (0..2000).map(|i| format!("qz{i}vx")).collect();
    for path in ["/api/search", "/search"] {
        let uri = format!("{path}?q={}", enc(&words.join(" ")));
        assert_refused(&get(&f.state, &uri).await, &uri, "limit_exceeded", "");
        // The same under the length bound: refused for its words.
        let uri = format!("{path}?q={}", enc(&words[..100].join(" ")));
        assert_refused(&get(&f.state, &uri).await, &uri, "limit_exceeded", "words");
    }
    // 32 unmatched words are answered, exactly (no typo retry for so many).
    let reply = get(&f.state, &format!("/api/search?q={}", enc(&words[..32].join(" ")))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!((reply.json()["total"].as_u64(), reply.json()["fuzzy"].as_bool()), (Some(0), Some(false)));
    // A short query with a typo still gets the retry.
    let typo = get(&f.state, "/api/search?q=lantrens").await.json();
    assert_eq!(typo["fuzzy"], true, "{typo}");
    still_answers(&f).await;
}

#[tokio::test]
async fn r12_bad_parameters_share_one_error_table_on_pages_and_api() {
    let f = fixture();
    let long = "x".repeat(300);
    for (uri, code, needle) in [
        ("/api/films?page=x".to_owned(), "bad_request", "`page`"),
        ("/films?page=x".to_owned(), "bad_request", "`page`"),
        ("/films?sort=sideways".to_owned(), "bad_request", "`sort` is best"),
        ("/api/films?per_page=0".to_owned(), "limit_exceeded", "`per_page`"),
        ("/api/films?decade=nineties".to_owned(), "bad_request", "`decade`"),
        ("/api/reviews?label=great".to_owned(), "bad_request", "`label` is positive"),
        (format!("/api/reviews?critic_name={long}"), "limit_exceeded", "`critic_name` is 300 bytes"),
        ("/api/search?kind=planet".to_owned(), "bad_request", "`kind`"),
        ("/search?kind=planet".to_owned(), "bad_request", "`kind`"),
        ("/api/search?q=a&q=b".to_owned(), "bad_request", "duplicate"),
        ("/api/events?from=tomorrow".to_owned(), "bad_request", "`from`"),
        ("/events.ics?venue=seven".to_owned(), "bad_request", "`venue`"),
        (format!("/api/search?q={}", "y".repeat(1100)), "limit_exceeded", "at most 1024"),
        (format!("/films?junk={}", "z".repeat(9000)), "limit_exceeded", "query string"),
        (format!("/api/films/1?junk={}", "z".repeat(9000)), "limit_exceeded", "query string"),
    ] {
        let reply = get(&f.state, &uri).await;
        assert_refused(&reply, &uri, code, needle);
    }
    // Unknown and empty parameters are ignored, as a form's empty field is.
    assert_eq!(get(&f.state, "/films?utm_source=x&page=&sort=").await.status, StatusCode::OK);
    assert_eq!(get(&f.state, "/api/search?q=lanterns&kind=&label=").await.status, StatusCode::OK);
    still_answers(&f).await;
}

#[tokio::test]
async fn r12_every_response_has_the_security_headers() {
    let f = fixture();
    let film = crate::fixture::film_id(&f.state, "The Paper Lanterns").await;
    for uri in [
        "/".to_owned(), format!("/films/{film}"), "/search?q=lanterns".into(), "/style.css".into(),
        "/api/films".into(), "/api/openapi.json".into(), "/events.ics".into(), "/reviews.atom".into(),
        "/no/such/page".into(), "/api/no/such/route".into(), "/api/films?page=0".into(), "/films?page=0".into(),
    ] {
        let reply = get(&f.state, &uri).await;
        let header = |name: &str| reply.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let csp = header("content-security-policy");
        let directive = |name: &str| csp.split(';').map(str::trim).find(|d| d.split_whitespace().next() == Some(name)).map(str::to_owned);
        assert_eq!(directive("frame-ancestors").as_deref(), Some("frame-ancestors 'none'"), "{uri}: {csp}");
        assert_eq!(directive("default-src").as_deref(), Some("default-src 'none'"), "{uri}: {csp}");
        assert_eq!(directive("script-src").as_deref(), Some("script-src 'self'"), "{uri}: no inline script: {csp}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{uri}");
        assert_eq!(header("x-frame-options"), "DENY", "{uri}");
    }
}

/// What a CSP without inline script would block: `<script>` elements that
/// run (all but data blocks), `on…=` handler attributes, `javascript:` URLs.
fn inline_script(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    for (at, _) in lower.match_indices("<script") {
        let tag = &lower[at..lower[at..].find('>').map_or(lower.len(), |end| at + end)];
        if !tag.contains("type=\"application/ld+json\"") {
            return Some(tag.to_owned());
        }
    }
    // A handler attribute: whitespace, `on`, letters, `=`, inside a tag.
    let bytes = lower.as_bytes();
    let mut in_tag = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b' ' | b'\n' | b'\t' if in_tag && lower[i + 1..].starts_with("on") => {
                let name: String = lower[i + 1..].chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                if name.len() > 2 && lower[i + 1 + name.len()..].starts_with('=') {
                    return Some(lower[i..(i + 40).min(lower.len())].to_owned());
                }
            }
            _ => {}
        }
    }
    lower.contains("javascript:").then(|| "javascript: URL".to_owned())
}

#[tokio::test]
async fn r12_pages_have_no_inline_script_for_the_policy_to_block() {
    let f = fixture();
    let film = crate::fixture::film_id(&f.state, "The Paper Lanterns").await;
    let api = get(&f.state, &format!("/api/films/{film}")).await.json();
    let review = api["reviews"][0]["id"].as_i64().unwrap();
    let critic = api["reviews"][0]["critic"]["id"].as_i64().unwrap();
    let person = api["directors"][0]["id"].as_i64().unwrap();
    let venue = api["venues"][0]["id"].as_i64().unwrap();
    for uri in [
        "/".to_owned(), "/films".into(), format!("/films/{film}"), format!("/reviews/{review}"),
        format!("/people/{person}"), "/critics".into(), format!("/critics/{critic}"), "/venues".into(),
        format!("/venues/{venue}"), "/events".into(), "/search?q=lanterns".into(), "/search?q=nosuchfield:x".into(),
        "/no/such/page".into(), "/films?page=0".into(),
    ] {
        let reply = get(&f.state, &uri).await;
        assert!(reply.content_type.starts_with("text/html"), "{uri}");
        assert_eq!(inline_script(&reply.body), None, "{uri}");
    }
    // The checker itself finds what it looks for.
    assert!(inline_script("<p><script>x()</script></p>").is_some());
    assert!(inline_script("<a href=x onclick=\"y()\">").is_some());
    assert!(inline_script("<a href=\"javascript:y()\">").is_some());
    assert_eq!(inline_script("<script type=\"application/ld+json\">{}</script><p>once upon a time</p>"), None);
}

#[test]
fn r12_an_empty_token_is_refused_at_start() {
    for token in ["", "   "] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        let config = Config { token: Some(token.into()), ..Config::default() };
        let index = std::sync::Arc::new(marquee_index::Index::create_in_ram().unwrap());
        let made = AppState::new(move || crate::fixture::open(&db), index, config);
        let err = made.expect_err("an empty token must not start a server");
        assert!(matches!(err, marquee_serve::Error::EmptyToken), "{err}");
        assert!(err.to_string().contains("token is empty"), "{err}");
    }
}

// ---------------------------------------------------------------- over TCP ---

/// The app served on a loopback port with `timeouts`; stops when dropped.
struct Server {
    addr: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _fixture: Fixture,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn start(timeouts: Timeouts) -> Server {
    let f = fixture_with(Config {
        token: Some(TOKEN.into()),
        base_url: "http://marquee.test".into(),
        today: Some("2030-01-01".into()),
        timeouts,
        ..Config::default()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let state = f.state.clone();
    tokio::spawn(marquee_serve::serve_on(listener, state, async move {
        let _ = stopped.await;
    }));
    Server { addr, stop: Some(stop), _fixture: f }
}

fn short() -> Timeouts {
    Timeouts { header_read: Duration::from_millis(400), idle: Duration::from_millis(1500), body_read: Duration::from_millis(700) }
}

/// Reads what the server sends until it closes the connection or `within`
/// passes; returns the text and whether it closed.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> (String, bool) {
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + within;
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return (String::from_utf8_lossy(&out).into_owned(), false),
            Ok(Ok(0) | Err(_)) => return (String::from_utf8_lossy(&out).into_owned(), true),
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// One GET over a fresh connection; the status line's code.
async fn http_get(addr: std::net::SocketAddr, path: &str) -> u16 {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").as_bytes()).await.unwrap();
    let (text, _) = read_until_closed(&mut s, Duration::from_secs(10)).await;
    text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r12_row12_idle_and_slow_connections_are_closed() {
    let server = start(short()).await;
    // 500 connections that never send a byte.
    let mut idle = Vec::new();
    for _ in 0..500 {
        idle.push(TcpStream::connect(server.addr).await.unwrap());
    }
    // One that sends half its headers and stalls.
    let mut slow = TcpStream::connect(server.addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: t\r\n").await.unwrap();
    // One kept alive after a request.
    let mut kept = TcpStream::connect(server.addr).await.unwrap();
    kept.write_all(b"GET /style.css HTTP/1.1\r\nHost: t\r\n\r\n").await.unwrap();
    let started = Instant::now();

    let (first, closed) = read_until_closed(&mut kept, Duration::from_secs(5)).await;
    assert!(first.starts_with("HTTP/1.1 200"), "{first:.80}");
    assert!(closed, "a kept-alive connection is closed once idle");
    let (_, closed) = read_until_closed(&mut slow, Duration::from_secs(5)).await;
    assert!(closed, "half-sent headers time out");
    for (i, s) in idle.iter_mut().enumerate() {
        let (_, closed) = read_until_closed(s, Duration::from_secs(5)).await;
        assert!(closed, "idle connection {i} still open after {:?}", started.elapsed());
    }
    assert!(started.elapsed() < Duration::from_secs(10));
    // And the server answers.
    assert_eq!(http_get(server.addr, "/api/search?q=lanterns").await, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r12_row12_a_post_with_a_wrong_token_is_refused_before_its_body_is_read() {
    let server = start(Timeouts { body_read: Duration::from_secs(30), ..short() }).await;
    for (auth, expect, status) in [("Bearer wrong", true, 401), ("Bearer wrong", false, 401), ("", false, 401)] {
        let mut s = TcpStream::connect(server.addr).await.unwrap();
        let expect = if expect { "Expect: 100-continue\r\n" } else { "" };
        let auth = if auth.is_empty() { String::new() } else { format!("Authorization: {auth}\r\n") };
        // Headers promise 3 MB; not one byte of it is sent.
        let head = format!("POST /api/reviews HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 3000000\r\n{auth}{expect}\r\n");
        s.write_all(head.as_bytes()).await.unwrap();
        let started = Instant::now();
        let (reply, _) = read_until_closed(&mut s, Duration::from_secs(3)).await;
        assert!(reply.starts_with(&format!("HTTP/1.1 {status}")), "{reply:.200}");
        assert!(!reply.contains("100 Continue"), "the client was asked for the body: {reply:.200}");
        assert!(reply.contains("\"unauthorized\""), "{reply:.300}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }
    // A body larger than the limit is refused from its length, unread.
    let mut s = TcpStream::connect(server.addr).await.unwrap();
    s.write_all(format!("POST /api/reviews HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: text/plain\r\nContent-Length: 50000000\r\n\r\n").as_bytes()).await.unwrap();
    let (reply, _) = read_until_closed(&mut s, Duration::from_secs(3)).await;
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply:.200}");
    assert!(reply.contains("\"payload_too_large\""), "{reply:.300}");
    assert_eq!(http_get(server.addr, "/api/films").await, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r12_row12_a_body_that_never_arrives_times_out() {
    let server = start(Timeouts { idle: Duration::from_secs(30), ..short() }).await;
    let mut s = TcpStream::connect(server.addr).await.unwrap();
    s.write_all(format!("POST /api/reviews HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nA few bytes").as_bytes()).await.unwrap();
    let (reply, _) = read_until_closed(&mut s, Duration::from_secs(5)).await;
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply:.200}");
    assert!(reply.contains("\"body_timeout\""), "{reply:.300}");
    assert_eq!(http_get(server.addr, "/").await, 200);
}

#[tokio::test]
async fn r12_a_post_within_bounds_still_works_in_process() {
    let f = fixture();
    let request = Request::post("/api/reviews?source=ok.txt")
        .header("content-type", "text/plain")
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Body::from("Granite Evenings\n\nA good, patient film."))
        .unwrap();
    let reply = send(&f.state, request).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let request = Request::post("/api/reviews")
        .header("content-type", "text/plain")
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Body::from("x".repeat(marquee_serve::MAX_BODY_BYTES + 1)))
        .unwrap();
    let reply = send(&f.state, request).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", reply.body);
    assert_eq!(reply.json()["error"]["code"], "payload_too_large");
}
