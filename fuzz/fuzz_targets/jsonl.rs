//! The JSON Lines reader: bounded line reading, record parsing, ids. Must
//! never panic, and must always make progress to the end of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = memchr_count(data) + 1;
    let items = marquee_read::read_jsonl(std::io::Cursor::new(data.to_vec()), "f.jsonl", 256).count();
    assert!(items <= lines);
});

fn memchr_count(data: &[u8]) -> usize {
    data.iter().filter(|&&b| b == b'\n').count()
}
