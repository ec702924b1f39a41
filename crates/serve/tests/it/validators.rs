//! Independent validators, run through Python: pyld (a JSON-LD processor),
//! openapi-spec-validator, and the standard library's XML parser for Atom.
//! When Python or a module is missing the check is skipped with a visible
//! message, except under CI or MARQUEE_E2E=1, where it must run
//! (`.ci/run` installs them: `pip install pyld openapi-spec-validator`).

use std::io::Write;
use std::process::{Command, Stdio};

fn required() -> bool {
    std::env::var_os("CI").is_some() || std::env::var("MARQUEE_E2E").is_ok_and(|v| v == "1")
}

/// Runs `script` with `input` on standard input; `None` when skipped.
fn python(module: &str, script: &str, input: &str) -> Option<String> {
    let probe = Command::new("python3").args(["-c", &format!("import {module}")]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(!required(), "python3 with {module} is required here");
        eprintln!("skipping: python3 module {module} not found");
        return None;
    }
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{module} rejected it:\n{}\n{}", String::from_utf8_lossy(&out.stderr), input.chars().take(2000).collect::<String>());
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Expands `doc` with pyld and converts it to RDF; checks that it yields
/// triples with schema.org types. The schema.org context is served from
/// memory (tests are offline) as its vocabulary mapping.
pub fn check_jsonld(doc: &serde_json::Value) {
    let script = r#"
import json, sys
from pyld import jsonld
def loader(url, options=None):
    if url.rstrip('/') in ('https://schema.org', 'http://schema.org'):
        return {'contentType': 'application/ld+json', 'contextUrl': None, 'documentUrl': url,
                'document': {'@context': {'@vocab': 'https://schema.org/'}}}
    raise Exception('offline: ' + url)
jsonld.set_document_loader(loader)
doc = json.load(sys.stdin)
quads = jsonld.to_rdf(doc, {'format': 'application/n-quads'})
types = sorted({l.split(' ')[2] for l in quads.splitlines() if '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>' in l})
print(len(quads.splitlines()))
print(' '.join(types))
"#;
    if let Some(out) = python("pyld", script, &doc.to_string()) {
        let mut lines = out.lines();
        let triples: usize = lines.next().unwrap().parse().unwrap();
        let types = lines.next().unwrap_or_default();
        assert!(triples > 0, "no triples from {doc}");
        assert!(types.contains("<https://schema.org/"), "types: {types}");
    }
}

/// The types a JSON-LD document declares, per pyld.
pub fn jsonld_types(doc: &serde_json::Value) -> Option<String> {
    let script = r#"
import json, sys
from pyld import jsonld
def loader(url, options=None):
    return {'contentType': 'application/ld+json', 'contextUrl': None, 'documentUrl': url,
            'document': {'@context': {'@vocab': 'https://schema.org/'}}}
jsonld.set_document_loader(loader)
quads = jsonld.to_rdf(json.load(sys.stdin), {'format': 'application/n-quads'})
print(' '.join(sorted({l.split(' ')[2] for l in quads.splitlines() if 'rdf-syntax-ns#type' in l})))
"#;
    python("pyld", script, &doc.to_string())
}

/// Validates an OpenAPI document with openapi-spec-validator.
pub fn check_openapi(doc: &serde_json::Value) {
    let script = "import json,sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(sys.stdin))\nprint('ok')";
    if let Some(out) = python("openapi_spec_validator", script, &doc.to_string()) {
        assert_eq!(out.trim(), "ok");
    }
}

/// Parses an Atom feed with Python's XML parser and checks the elements
/// RFC 4287 requires of a feed and of each entry.
pub fn check_atom(feed: &str) {
    let script = r#"
import sys, xml.etree.ElementTree as ET
A = '{http://www.w3.org/2005/Atom}'
root = ET.fromstring(sys.stdin.read().encode('utf-8'))
assert root.tag == A + 'feed', root.tag
for el in ('id', 'title', 'updated'):
    assert root.find(A + el) is not None, el
entries = root.findall(A + 'entry')
for e in entries:
    for el in ('id', 'title', 'updated', 'link'):
        assert e.find(A + el) is not None, el
print(len(entries))
"#;
    if let Some(out) = python("xml.etree.ElementTree", script, feed) {
        assert_eq!(out.trim().parse::<usize>().unwrap(), feed.matches("<entry>").count());
    }
}

#[tokio::test]
async fn the_openapi_document_validates() {
    let f = crate::fixture::fixture();
    let reply = crate::fixture::get(&f.state, "/api/openapi.json").await;
    let doc = reply.json();
    assert!(doc["paths"]["/api/films/{id}"]["get"].is_object());
    assert!(doc["paths"]["/api/reviews"]["post"]["security"].is_array());
    check_openapi(&doc);
}

#[tokio::test]
async fn page_jsonld_is_valid_schema_org() {
    let f = crate::fixture::fixture();
    let film = crate::fixture::film_id(&f.state, "The Paper Lanterns").await;
    let venue = crate::fixture::get(&f.state, "/api/venues").await.json()["items"][0]["id"].as_i64().unwrap();
    let mut all_types = String::new();
    for uri in ["/".to_owned(), format!("/films/{film}"), "/events".into(), format!("/venues/{venue}"), "/critics".into()] {
        let html = crate::fixture::get(&f.state, &uri).await.body;
        for block in crate::pages::jsonld_blocks(&html) {
            check_jsonld(&block);
            all_types.push_str(&jsonld_types(&block).unwrap_or_default());
        }
    }
    if !all_types.is_empty() {
        for t in ["Movie", "CriticReview", "ScreeningEvent", "MovieTheater", "Person", "Rating"] {
            assert!(all_types.contains(&format!("<https://schema.org/{t}>")), "no {t} in {all_types}");
        }
    }
}
