//! The `itsm-assess` command: parse the arguments, run, and turn the outcome into an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "itsm-assess: internal error (this is a bug, please report it with the command you ran): {info}"
        );
    }));
    // Without the handler an interrupt could leave a temporary output file behind; the run
    // itself does not depend on it, so a failure to install it is only reported.
    if let Err(e) = itsm_assess::output::remove_temporaries_on_interrupt() {
        eprintln!("itsm-assess: warning: {e:#}");
    }
    itsm_assess::error::set_vocabulary(itsm_assess::cli::flag);
    let cli = match itsm_assess::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match itsm_assess::app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Messages quote file contents: no escape sequence from a file reaches the terminal.
            let message = format!("{e:#}");
            eprintln!(
                "itsm-assess: {}",
                itsm_assess::output::terminal_safe(&message)
            );
            ExitCode::from(1)
        }
    }
}

/// A closed pipe (`itsm-assess score ... | head`) is not a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
