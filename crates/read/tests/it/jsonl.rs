use std::fs;
use std::io::Write;

use marquee_read::{Body, InputError, ReadOptions};

use crate::{read_all, text};

#[test]
fn records_with_ids_text_and_html_and_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batch.jsonl");
    let lines = [
        r#"{"id": "r1", "text": "First review.", "label": "pos"}"#,
        r#"{"text": "No id here."}"#,
        r#"{"id": 7, "html": "<p>Markup</p>", "url": "https://example.org/r"}"#,
        r#"{"id": "broken", "text": "unterminated"#,
        "",
        r#"{"id": "no-body"}"#,
        r#"{"id": "empty", "text": "   "}"#,
        r#"["not", "an", "object"]"#,
        r#"{"id": "last", "text": "Still read."}"#,
    ];
    fs::write(&path, lines.join("\n")).unwrap();
    let items = read_all(&[path.to_str().unwrap()], &ReadOptions::default());
    let shown: Vec<String> = items
        .iter()
        .map(|item| match item {
            Ok(doc) => format!("ok {} {}", doc.source, text(doc)),
            Err(err) => err.to_string(),
        })
        .collect();
    let at = |line: u32| format!("{}:{line}", path.display());
    assert_eq!(shown[0], "ok r1 First review.");
    assert_eq!(shown[1], "ok batch.jsonl:2 No id here.");
    assert_eq!(shown[2], "ok 7 <p>Markup</p>");
    assert!(shown[3].starts_with(&format!("{}: malformed JSON line: ", at(4))), "{}", shown[3]);
    assert_eq!(shown[4], format!("{}: malformed JSON line: no `text` or `html` string field", at(6)));
    assert_eq!(shown[5], format!("{}: empty, no text to read", at(7)));
    assert!(shown[6].starts_with(&format!("{}: malformed JSON line: ", at(8))), "{}", shown[6]);
    assert_eq!(shown[7], "ok last Still read.");
    assert_eq!(shown.len(), 8);
    let Ok(doc) = &items[2] else { panic!("line 3 reads") };
    assert_eq!(doc.body, Body::Html { html: "<p>Markup</p>".into(), url: Some("https://example.org/r".into()) });
    assert_eq!(doc.origin, at(3));
}

#[test]
fn gzipped_jsonl_and_long_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batch.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(fs::File::create(&path).unwrap(), flate2::Compression::fast());
    writeln!(gz, r#"{{"id": "a", "text": "{}"}}"#, "y".repeat(5000)).unwrap();
    writeln!(gz, r#"{{"id": "b", "text": "short"}}"#).unwrap();
    gz.finish().unwrap();
    let mut options = ReadOptions::default();
    options.max_document_bytes = 1000;
    let items = read_all(&[path.to_str().unwrap()], &options);
    assert!(matches!(&items[0], Err(InputError::TooLarge { input, .. }) if input.ends_with("batch.jsonl.gz:1")));
    assert_eq!(items[1].as_ref().unwrap().source, "b");
    assert_eq!(items.len(), 2);
}

#[test]
fn truncated_gzip_ends_the_file_with_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for i in 0..2000 {
        writeln!(gz, r#"{{"id": "{i}", "text": "review number {i} with some words"}}"#).unwrap();
    }
    let bytes = gz.finish().unwrap();
    fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let after = dir.path().join("after.txt");
    fs::write(&after, "next input").unwrap();
    let items = read_all(&[path.to_str().unwrap(), after.to_str().unwrap()], &ReadOptions::default());
    let errors: Vec<_> = items.iter().filter_map(|item| item.as_ref().err()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].to_string().contains("cut.jsonl.gz:"), "{}", errors[0]);
    assert_eq!(items.last().unwrap().as_ref().unwrap().source, "after.txt");
    assert!(items.len() > 100);
}

/// The corpus the CLI reads in issue 2 reads whole, with its ids as sources.
#[test]
fn ramr_corpus_reads_when_present() {
    let Some(path) = marquee_testkit::shared_file("corpora/ramr/ramr.jsonl.gz") else { return };
    let path = path.to_str().expect("a UTF-8 path");
    let (mut ok, mut empty) = (0, 0);
    let mut first = None;
    for item in marquee_read::read_inputs(&[path.to_owned()], &ReadOptions::default()) {
        match item {
            Ok(doc) => {
                first.get_or_insert(doc.source.clone());
                ok += 1;
            }
            // The corpus holds a few records whose text is a bare newline.
            Err(InputError::Empty { .. }) => empty += 1,
            Err(err) => panic!("{err}"),
        }
    }
    assert_eq!(ok + empty, 27_862);
    assert!(empty < 50, "{empty} empty records");
    assert!(!first.unwrap().contains("ramr.jsonl.gz:"), "records have ids");
}

/// JSON Lines from any reader, such as standard input.
#[test]
fn jsonl_from_a_reader() {
    let data = b"{\"id\": \"x\", \"text\": \"From a pipe.\"}\n\n{\"text\": \"No id.\"}\nnot json\n".to_vec();
    let items: Vec<_> = marquee_read::read_jsonl(std::io::Cursor::new(data), "stdin", 1000).collect();
    assert_eq!(items[0].as_ref().unwrap().source, "x");
    assert_eq!(items[1].as_ref().unwrap().source, "stdin:3");
    assert!(items[2].as_ref().unwrap_err().to_string().starts_with("stdin:4: malformed JSON line: "));
    assert_eq!(items.len(), 3);
}

/// r12 (row 10): a gzip file of nothing but line breaks (the attack is 4 GB
/// of them in 4 MB) is skipped at the speed of decompression, with the line
/// numbers of what follows still right. Here 64 MB, to keep the test cheap;
/// `examples/hostile_jsonl.rs` in marquee-pipeline times the 4 GB one.
#[test]
fn r12_a_flood_of_blank_lines_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(fs::File::create(&path).unwrap(), flate2::Compression::best());
    let block = vec![b'\n'; 1 << 20];
    for _ in 0..64 {
        gz.write_all(&block).unwrap();
    }
    gz.write_all(b"  \t \r\n{\"text\": \"After the flood.\"}\n\n \n").unwrap();
    gz.finish().unwrap();
    let items = read_all(&[path.to_str().unwrap()], &ReadOptions::default());
    assert_eq!(items.len(), 1);
    let doc = items[0].as_ref().unwrap();
    assert_eq!(text(doc), "After the flood.");
    assert_eq!(doc.origin, format!("{}:{}", path.display(), 64 * (1 << 20) + 2));
}

/// r12 (row 11): an `id` longer than any name is refused for its line, and
/// the next line is read.
#[test]
fn r12_huge_ids_are_refused() {
    let id = "i".repeat(marquee_read::MAX_ID_BYTES + 1);
    let data = format!("{{\"id\": \"{id}\", \"text\": \"A review.\"}}\n{{\"id\": \"ok\", \"text\": \"Another.\"}}\n");
    let items: Vec<_> = marquee_read::read_jsonl(std::io::Cursor::new(data.into_bytes()), "f.jsonl", 1 << 20).collect();
    assert_eq!(
        items[0].as_ref().unwrap_err().to_string(),
        "f.jsonl:1: malformed JSON line: `id` is 4097 bytes long, over the limit of 4096"
    );
    assert_eq!(items[1].as_ref().unwrap().source, "ok");
    let id = "i".repeat(marquee_read::MAX_ID_BYTES);
    let data = format!("{{\"id\": \"{id}\", \"text\": \"At the limit.\"}}\n");
    let items: Vec<_> = marquee_read::read_jsonl(std::io::Cursor::new(data.into_bytes()), "f.jsonl", 1 << 20).collect();
    assert_eq!(items[0].as_ref().unwrap().source, id);
}
