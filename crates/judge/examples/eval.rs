//! Runs `evaluate` with options given as JSON overrides of the defaults:
//! `cargo run --release -p marquee-judge --example eval -- ../shared/corpora '{"beta":0.5}' [which-json]`.
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "../shared/corpora".into()));
    let mut options = serde_json::to_value(marquee_judge::TrainOptions::default())?;
    if let Some(over) = args.next() {
        let over: serde_json::Value = serde_json::from_str(&over)?;
        for (k, v) in over.as_object().into_iter().flatten() {
            options[k] = v.clone();
        }
    }
    let options: marquee_judge::TrainOptions = serde_json::from_value(options)?;
    let mut which = serde_json::to_value(marquee_judge::EvalOptions::default())?;
    if let Some(over) = args.next() {
        let over: serde_json::Value = serde_json::from_str(&over)?;
        for (k, v) in over.as_object().into_iter().flatten() {
            which[k] = v.clone();
        }
    }
    let which: marquee_judge::EvalOptions = serde_json::from_value(which)?;
    let report = marquee_judge::evaluate(&dir, &options, &which)?;
    print!("{report}");
    Ok(())
}
