//! The `marquee` command. This file parses arguments, builds a validated
//! config, calls the library, and turns errors into exit codes; every
//! behaviour lives in the library crates.

use std::process::ExitCode;

use clap::Parser;

mod args;
mod cmd;
mod output;
mod samples;

/// Exit codes: 0 all good, 1 some inputs failed (the rest were processed),
/// 2 the command could not run (bad arguments, unreadable database).
fn main() -> ExitCode {
    let args = args::Args::parse();
    init_tracing(args.verbose);
    match cmd::run(args) {
        Ok(cmd::Outcome::Ok) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::SomeInputsFailed | cmd::Outcome::ChecksFailed) => ExitCode::from(1),
        // The reader went away (`marquee films | head -1`): that is the end
        // of the output, not an error, as in ripgrep.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("marquee: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn init_tracing(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("MARQUEE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}
