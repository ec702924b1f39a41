//! How extraction and judging grow with the length of one line: a review
//! with no line breaks at all, of 1, 2, 5, 10 and 20 MB, goes through the
//! pipeline's own per-document step (extract, then judge), and the CPU
//! seconds of each are printed. Linear code doubles its time when the size
//! doubles; anything quadratic shows at once.
//!
//! ```text
//! cargo run --release -p marquee-pipeline --example long_lines -- [--corpus PATH] [--max-secs S] [MB ...]
//! ```
//!
//! * the review is prose generated here (our own sentence patterns, with
//!   names, credits, grades, quotes, brackets and numbers, so that every
//!   reader of the extractor has something to look at), joined into one
//!   line; with `--corpus PATH` (a `.jsonl.gz` such as ramr) it is instead
//!   the corpus's reviews, read at run time, with their line breaks turned
//!   into spaces;
//! * `--max-secs S` (default 300): stop after the first size that takes
//!   longer than that, since a quadratic path at 20 MB would run for hours;
//! * sizes default to `1 2 5 10 20`.
//!
//! Figures are CPU time of this process (user + system, from
//! `/proc/self/stat`), so that other work on a shared machine does not
//! count. Nothing is asserted: speed is measured here, never in tests.

use marquee_model::{Body, Document};
use marquee_pipeline::{Judge, Pipeline};

fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    // utime and stime are fields 14 and 15 of stat, the 12th and 13th after the name.
    let ticks = |i: usize| fields.get(i).and_then(|t| t.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// A small deterministic generator (xorshift), so that every run reads the
/// same review.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &["Marta", "Jonas", "Ilse", "Tomas", "Odile", "Rafe", "Greta", "Anselm", "Nadia", "Piet"];
const LAST: &[&str] = &["Vandermeer", "Holloway", "Quist", "Arbogast", "Lindqvist", "Okafor", "Sorel", "Brandt"];
const FILMS: &[&str] = &["Quiet Harbor", "The Salt Road", "Night of the Long Tide", "Paper Lanterns", "Cold Orchard"];
const ADJ: &[&str] = &["tender", "clumsy", "luminous", "overlong", "brisk", "muddled", "haunting", "flat", "sly"];

/// One sentence in one of the shapes critics write, in our own words.
fn sentence(rng: &mut Rng, out: &mut String) {
    let name = |rng: &mut Rng| format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let film = rng.pick(FILMS);
    let adj = rng.pick(ADJ);
    let n = rng.next() % 200;
    let s = match rng.next() % 12 {
        0 => format!("{} plays {}, a ferry pilot who cannot leave the island. ", name(rng), rng.pick(FIRST)),
        1 => format!("Directed by {} and written by {}, \"{film}\" runs {} minutes. ", name(rng), name(rng), 80 + n % 60),
        2 => format!("The film is {adj}, and the score by {} is {}. ", name(rng), rng.pick(ADJ)),
        3 => format!("Rated PG-13 for some language and brief violence ({film}, {}). ", 1950 + n % 70),
        4 => format!("I give it {} stars out of four, which is about right. ", 1 + n % 4),
        5 => format!("It is not as {adj} as {} ({}), but it is close. ", rng.pick(FILMS), 1960 + n % 60),
        6 => format!("Cast: {} ({}), {} ({}). ", name(rng), rng.pick(FIRST), name(rng), rng.pick(FIRST)),
        7 => format!("Why does {} keep returning to the lighthouse? Nobody says! ", rng.pick(FIRST)),
        8 => format!("Mr. {} and Dr. {} argue in the kitchen for {} minutes. ", rng.pick(LAST), rng.pick(LAST), n % 20),
        9 => format!("Grade: B{} -- the second half drags. ", if n.is_multiple_of(2) { "+" } else { "-" }),
        10 => format!("{film} opens Friday at the Rialto; a Q&A with {} follows at 7:30 p.m. ", name(rng)),
        _ => format!("What a {adj}, {} picture this is, and how little it trusts its audience. ", rng.pick(ADJ)),
    };
    out.push_str(&s);
}

fn synthetic(bytes: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut text = String::with_capacity(bytes + 256);
    text.push_str("QUIET HARBOR (1998) A film review by Marta Quist. ");
    while text.len() < bytes {
        sentence(&mut rng, &mut text);
    }
    text
}

fn from_corpus(path: &str, bytes: usize) -> anyhow::Result<String> {
    let mut text = String::with_capacity(bytes + 64 * 1024);
    let options = marquee_read::ReadOptions::default();
    'outer: loop {
        for doc in marquee_read::read_inputs(&[path.to_owned()], &options) {
            let doc = doc?;
            for word in doc.body.raw().split_whitespace() {
                text.push_str(word);
                text.push(' ');
            }
            if text.len() >= bytes {
                break 'outer;
            }
        }
    }
    Ok(text)
}

fn main() -> anyhow::Result<()> {
    let mut corpus = None;
    let mut max_secs = 300.0;
    let mut sizes = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--corpus" => corpus = Some(args.next().ok_or_else(|| anyhow::anyhow!("--corpus needs a path"))?),
            "--max-secs" => max_secs = args.next().ok_or_else(|| anyhow::anyhow!("--max-secs needs a number"))?.parse()?,
            mb => sizes.push(mb.parse::<f64>()?),
        }
    }
    if sizes.is_empty() {
        sizes = vec![1.0, 2.0, 5.0, 10.0, 20.0];
    }
    let pipeline = Pipeline::new(Judge::default_model()?);
    println!("{:>6} {:>10} {:>10} {:>10} {:>8}", "MB", "extract s", "judge s", "total s", "s/MB");
    for mb in sizes {
        let bytes = (mb * 1e6) as usize;
        let text = match &corpus {
            Some(path) => from_corpus(path, bytes)?,
            None => synthetic(bytes),
        };
        let doc = Document { source: "long.txt".into(), origin: "long.txt".into(), body: Body::Text(text) };
        let start = cpu_seconds();
        let mut extraction = match pipeline.process_with(&doc, false) {
            Ok(extraction) => extraction,
            Err(failure) => anyhow::bail!("{failure}"),
        };
        let extracted = cpu_seconds();
        pipeline.judge_all(&mut extraction);
        let end = cpu_seconds();
        let total = end - start;
        println!(
            "{mb:>6.1} {:>10.2} {:>10.2} {total:>10.2} {:>8.3}   ({} reviews)",
            extracted - start,
            end - extracted,
            total / mb,
            extraction.reviews.len()
        );
        if total > max_secs {
            println!("stopped: {mb} MB took {total:.0} s, over --max-secs {max_secs}");
            break;
        }
    }
    Ok(())
}
