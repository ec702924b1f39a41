use std::fs;

use marquee_read::{InputError, ReadOptions};

use crate::{is_html, read_all, text};

#[test]
fn folder_is_read_recursively_sorted_skipping_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("b")).unwrap();
    fs::create_dir(root.join(".git")).unwrap();
    fs::write(root.join("c.txt"), "third").unwrap();
    fs::write(root.join("a.md"), "# first").unwrap();
    fs::write(root.join("b").join("inner.txt"), "second").unwrap();
    fs::write(root.join(".hidden.txt"), "never").unwrap();
    fs::write(root.join(".git").join("config"), "never").unwrap();
    let docs = read_all(&[root.to_str().unwrap()], &ReadOptions::default());
    let got: Vec<(String, String)> =
        docs.into_iter().map(|d| d.unwrap()).map(|d| (d.source.clone(), text(&d).to_owned())).collect();
    assert_eq!(
        got,
        [("a.md".into(), "# first".into()), ("inner.txt".into(), "second".into()), ("c.txt".into(), "third".into())]
    );
}

#[test]
fn source_is_the_file_name_and_origin_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.txt");
    fs::write(&path, "Words about a film.").unwrap();
    let docs = read_all(&[path.to_str().unwrap()], &ReadOptions::default());
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(doc.source, "review.txt");
    assert_eq!(doc.origin, path.display().to_string());
    assert!(!is_html(doc));
}

#[test]
fn html_by_extension_and_by_sniffing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("page.htm"), "<p>A fragment, no doctype.</p>").unwrap();
    fs::write(dir.path().join("saved"), "<!DOCTYPE html><html><body><p>x</p></body></html>").unwrap();
    fs::write(dir.path().join("talk.txt"), "A review may mention <html> in passing.").unwrap();
    let docs = read_all(&[dir.path().to_str().unwrap()], &ReadOptions::default());
    let kinds: Vec<(String, bool)> = docs.iter().map(|d| d.as_ref().unwrap()).map(|d| (d.source.clone(), is_html(d))).collect();
    assert_eq!(kinds, [("page.htm".into(), true), ("saved".into(), true), ("talk.txt".into(), false)]);
}

#[test]
fn gzip_files_are_decompressed() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.txt.gz");
    let mut gz = flate2::write::GzEncoder::new(fs::File::create(&path).unwrap(), flate2::Compression::default());
    gz.write_all(b"Compressed words.").unwrap();
    gz.finish().unwrap();
    let docs = read_all(&[path.to_str().unwrap()], &ReadOptions::default());
    assert_eq!(text(docs[0].as_ref().unwrap()), "Compressed words.");
}

/// Each bad input gives one error naming it, and the batch goes on.
#[test]
fn bad_inputs_give_one_line_each_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    fs::write(p("1-good.txt"), "A good review.").unwrap();
    fs::write(p("2-binary.dat"), [0x00u8, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00, 0x7f]).unwrap();
    fs::write(p("3-empty.txt"), "").unwrap();
    fs::write(p("4-blank.txt"), " \n\t\n").unwrap();
    // A UTF-8 byte order mark followed by bytes that are not UTF-8.
    let mut undecodable = b"\xEF\xBB\xBF".to_vec();
    undecodable.extend(std::iter::repeat_n([0xC3u8, 0x28], 200).flatten());
    fs::write(p("5-undecodable.txt"), undecodable).unwrap();
    fs::write(p("6-pdf.txt"), b"%PDF-1.7 some text that looks fine").unwrap();
    // 200 MB, but sparse: refused from its size, never read.
    let huge = fs::File::create(p("7-huge.txt")).unwrap();
    huge.set_len(200 * 1000 * 1000).unwrap();
    drop(huge);
    fs::write(p("8-good.md"), "Another review.").unwrap();
    let missing = dir.path().join("missing.txt");

    let started = std::time::Instant::now();
    let items = read_all(&[dir.path().to_str().unwrap(), missing.to_str().unwrap()], &ReadOptions::default());
    assert!(started.elapsed().as_secs() < 5, "the 200 MB file must be refused without reading it");

    let lines: Vec<String> = items
        .iter()
        .map(|item| match item {
            Ok(doc) => format!("ok {}", doc.source),
            Err(err) => err.to_string(),
        })
        .collect();
    let name = |n: &str| p(n).display().to_string();
    assert_eq!(lines[0], "ok 1-good.txt");
    assert_eq!(lines[1], format!("{}: contains NUL bytes (binary), not text", name("2-binary.dat")));
    assert_eq!(lines[2], format!("{}: empty, no text to read", name("3-empty.txt")));
    assert_eq!(lines[3], format!("{}: empty, no text to read", name("4-blank.txt")));
    assert_eq!(lines[4], format!("{}: undecodable: the bytes are not valid UTF-8 text", name("5-undecodable.txt")));
    assert_eq!(lines[5], format!("{}: PDF (binary), not text", name("6-pdf.txt")));
    assert_eq!(lines[6], format!("{}: too large: 200.0 MB over the limit of 52.4 MB", name("7-huge.txt")));
    assert_eq!(lines[7], "ok 8-good.md");
    assert_eq!(lines[8], format!("{}: no such file or folder", missing.display()));
    assert_eq!(lines.len(), 9);
    for line in &lines {
        assert!(!line.contains('\n'), "one line: {line}");
    }
    assert!(matches!(items[6], Err(InputError::TooLarge { size: 200_000_000, .. })));
    assert_eq!(items[8].as_ref().unwrap_err().input(), missing.display().to_string());
}

#[test]
fn size_limit_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, "x".repeat(2000)).unwrap();
    let mut options = ReadOptions::default();
    options.max_document_bytes = 1000;
    let items = read_all(&[path.to_str().unwrap()], &options);
    assert!(matches!(items[0], Err(InputError::TooLarge { size: 2000, limit: 1000, .. })));
}

#[cfg(unix)]
#[test]
fn unreadable_folder_and_symlink_cycle() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let looped = dir.path().join("loop");
    fs::create_dir(&looped).unwrap();
    fs::write(looped.join("a.txt"), "once").unwrap();
    std::os::unix::fs::symlink(&looped, looped.join("again")).unwrap();

    let items = read_all(&[locked.to_str().unwrap(), looped.to_str().unwrap()], &ReadOptions::default());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    // Root can list any folder, so only check the message when it failed.
    if let Err(err) = &items[0] {
        assert!(err.to_string().starts_with(&format!("{}: cannot read folder: ", locked.display())), "{err}");
    }
    let ok: Vec<_> = items.iter().filter_map(|item| item.as_ref().ok()).collect();
    assert_eq!(ok.len(), 1, "the cycle is read once");
}

/// Reads `inputs` on another thread and fails, instead of hanging the test
/// run, if that takes more than a minute (opening a FIFO would wait forever).
#[cfg(unix)]
fn read_all_or_hang(inputs: Vec<String>) -> Vec<Result<marquee_read::Document, InputError>> {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let items: Vec<_> = marquee_read::read_inputs(&inputs, &ReadOptions::default()).collect();
        let _ = send.send(items);
    });
    receive.recv_timeout(std::time::Duration::from_secs(60)).expect("reading hung on a special file")
}

/// r12 (row 7): a FIFO, a socket or a device, in a folder or named
/// directly, is skipped with one message naming it; the rest is read.
#[cfg(unix)]
#[test]
fn r12_fifos_sockets_and_devices_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    fs::write(p("a.txt"), "A review before.").unwrap();
    let status = std::process::Command::new("mkfifo").arg(p("b-fifo.txt")).arg(p("c-fifo.jsonl")).status().unwrap();
    assert!(status.success(), "mkfifo failed");
    let _socket = std::os::unix::net::UnixListener::bind(p("d.sock")).unwrap();
    std::os::unix::fs::symlink(p("b-fifo.txt"), p("e-link.txt")).unwrap();
    fs::write(p("f.txt"), "A review after.").unwrap();
    let fifo = p("b-fifo.txt").display().to_string();
    let inputs = vec![dir.path().display().to_string(), fifo.clone(), "/dev/null".to_owned()];
    let lines: Vec<String> = read_all_or_hang(inputs)
        .iter()
        .map(|item| match item {
            Ok(doc) => format!("ok {}", doc.source),
            Err(err) => err.to_string(),
        })
        .collect();
    let name = |n: &str| p(n).display().to_string();
    assert_eq!(
        lines,
        [
            "ok a.txt".to_owned(),
            format!("{fifo}: not a regular file (a FIFO), skipped"),
            format!("{}: not a regular file (a FIFO), skipped", name("c-fifo.jsonl")),
            format!("{}: not a regular file (a socket), skipped", name("d.sock")),
            format!("{}: not a regular file (a FIFO), skipped", name("e-link.txt")),
            "ok f.txt".to_owned(),
            format!("{fifo}: not a regular file (a FIFO), skipped"),
            "/dev/null: not a regular file (a character device), skipped".to_owned(),
        ]
    );
    // Named one at a time, through the single-file reader, too.
    let err = marquee_read::read_file(&p("b-fifo.txt"), &ReadOptions::default()).unwrap_err();
    assert!(matches!(err, InputError::NotRegularFile { kind: "a FIFO", .. }), "{err}");
}
