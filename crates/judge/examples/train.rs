//! Trains the verdict model and saves it:
//! `cargo run --release -p marquee-judge --example train -- ../shared/corpora crates/judge/model/default.bin`
//! (the lead's `marquee train` calls the same library function).
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let corpora = PathBuf::from(args.next().unwrap_or_else(|| "../shared/corpora".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "crates/judge/model/default.bin".into()));
    let options = marquee_judge::TrainOptions::default();
    let (model, report) = marquee_judge::train(&corpora, &options)?;
    model.save(&out)?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    println!("saved {} to {}", model.id(), out.display());
    Ok(())
}
