//! URLs, against a server on 127.0.0.1 started by the test: never the internet.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use marquee_read::{Body, InputError, ReadOptions};

use crate::read_all;

/// Starts a tiny HTTP/1.1 server that answers each connection from `route`
/// and closes it. Returns the base URL.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            std::thread::spawn(move || answer(stream));
        }
    });
    base
}

fn answer(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap();
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut user_agent = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("user-agent:") {
            user_agent = value.trim().to_owned();
        }
    }
    let respond = |stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let head = format!("HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n", body.len());
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match path.as_str() {
        "/page" => {
            let html = "<html><body><p>Une r\u{e9}ussite, dr\u{f4}le et \u{e9}mouvante.</p></body></html>";
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(html);
            respond(&mut stream, "200 OK", "Content-Type: text/html; charset=windows-1252\r\n", &bytes);
        }
        "/meta" => {
            let html = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\u{e9} cr\u{e8}me, d\u{e9}j\u{e0} vu.</p></body></html>";
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(html);
            respond(&mut stream, "200 OK", "Content-Type: text/html\r\n", &bytes);
        }
        "/text" => respond(&mut stream, "200 OK", "Content-Type: text/plain\r\n", b"Plain words."),
        "/ua" => respond(&mut stream, "200 OK", "Content-Type: text/plain\r\n", user_agent.as_bytes()),
        "/redirect" => respond(&mut stream, "302 Found", "Location: /page\r\n", b""),
        "/loop" => respond(&mut stream, "302 Found", "Location: /loop\r\n", b""),
        "/missing" => respond(&mut stream, "404 Not Found", "Content-Type: text/plain\r\n", b"no"),
        "/image" => respond(&mut stream, "200 OK", "Content-Type: image/png\r\n", b"\x89PNG...."),
        "/big" => respond(&mut stream, "200 OK", "Content-Type: text/plain\r\n", &vec![b'a'; 5000]),
        "/big-unannounced" => {
            // No Content-Length: the body ends when the connection closes.
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
            let _ = stream.write_all(&vec![b'a'; 5000]);
        }
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            respond(&mut stream, "200 OK", "Content-Type: text/plain\r\n", b"late");
        }
        _ => respond(&mut stream, "500 Internal Server Error", "", b""),
    }
}

fn options() -> ReadOptions {
    let mut options = ReadOptions::default();
    options.http.per_host_delay = Duration::ZERO;
    options.http.timeout = Duration::from_secs(1);
    options.max_document_bytes = 1000;
    options
}

#[test]
fn pages_charsets_redirects_and_user_agent() {
    let base = serve();
    let urls = ["/page", "/meta", "/text", "/redirect", "/ua"].map(|p| format!("{base}{p}"));
    let items = read_all(&urls.each_ref().map(String::as_str), &options());
    let docs: Vec<_> = items.into_iter().map(Result::unwrap).collect();
    assert_eq!(docs[0].source, urls[0]);
    assert_eq!(
        docs[0].body,
        Body::Html {
            html: "<html><body><p>Une r\u{e9}ussite, dr\u{f4}le et \u{e9}mouvante.</p></body></html>".into(),
            url: Some(urls[0].clone())
        }
    );
    assert!(docs[1].body.raw().contains("Caf\u{e9} cr\u{e8}me, d\u{e9}j\u{e0} vu."));
    assert_eq!(docs[2].body, Body::Text("Plain words.".into()));
    // A redirect keeps the address asked for as the source and records the
    // final one as the page's URL.
    assert_eq!(docs[3].source, urls[3]);
    assert!(matches!(&docs[3].body, Body::Html { url: Some(url), .. } if url == &urls[0]));
    assert!(docs[4].body.raw().starts_with("marquee/"), "{}", docs[4].body.raw());
}

#[test]
fn each_failure_has_its_own_clear_error() {
    let base = serve();
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/", listener.local_addr().unwrap())
    };
    let urls: Vec<String> = ["/loop", "/missing", "/image", "/big", "/big-unannounced", "/slow"]
        .iter()
        .map(|p| format!("{base}{p}"))
        .chain([closed.clone(), "http://".to_owned()])
        .collect();
    let items = read_all(&urls.iter().map(String::as_str).collect::<Vec<_>>(), &options());
    let errors: Vec<InputError> = items.into_iter().map(Result::unwrap_err).collect();
    for (err, url) in errors.iter().zip(&urls) {
        assert_eq!(err.input(), url);
        assert!(err.to_string().starts_with(&format!("{url}: ")), "{err}");
    }
    assert_eq!(errors[0].to_string(), format!("{}: fetch failed: too many redirects", urls[0]));
    assert_eq!(errors[1].to_string(), format!("{}: the server answered HTTP 404", urls[1]));
    assert_eq!(errors[2].to_string(), format!("{}: not a text or HTML page (Content-Type: image/png)", urls[2]));
    assert!(matches!(errors[3], InputError::TooLarge { size: 5000, limit: 1000, .. }), "{}", errors[3]);
    assert!(matches!(errors[4], InputError::TooLarge { limit: 1000, .. }), "{}", errors[4]);
    assert!(errors[5].to_string().contains("timed out"), "{}", errors[5]);
    assert!(matches!(errors[6], InputError::Fetch { .. }), "{}", errors[6]);
    assert!(matches!(errors[7], InputError::InvalidUrl { .. }), "{}", errors[7]);
}

#[test]
fn requests_to_one_host_are_spaced() {
    let base = serve();
    let mut options = options();
    options.http.per_host_delay = Duration::from_millis(300);
    let urls = [format!("{base}/text"), format!("{base}/text"), format!("{base}/text")];
    let started = Instant::now();
    let items = read_all(&urls.each_ref().map(String::as_str), &options);
    assert!(items.iter().all(Result::is_ok));
    assert!(started.elapsed() >= Duration::from_millis(600), "{:?}", started.elapsed());
}
