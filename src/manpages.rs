//! The manual pages: one for `itsm-assess` and one per subcommand (`itsm-assess-score(1)` and
//! so on, the names the main page refers to), each with its options, exit status and examples.

use anyhow::Result;
use clap_mangen::Man;

/// What every command exits with.
const EXIT_STATUS: &str = "0 success; 1 bad input (the message names the file and the place: line, column, question id); \
2 usage error; 130 interrupted.";

/// Examples per command, as command lines.
const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "itsm-assess",
        &[
            "itsm-assess demo",
            "itsm-assess init acme && cd acme && itsm-assess run",
        ],
    ),
    ("list", &["itsm-assess list"]),
    (
        "validate",
        &["itsm-assess validate my-questionnaire.yaml danger-signs"],
    ),
    (
        "schema",
        &[
            "itsm-assess schema -o questionnaire.schema.json",
            "itsm-assess schema --engagement",
        ],
    ),
    (
        "init",
        &[
            "itsm-assess init acme -q danger-signs",
            "itsm-assess init trial --sample",
        ],
    ),
    (
        "run",
        &[
            "itsm-assess run",
            "itsm-assess run acme/assessment.yaml --date 2026-11-30",
        ],
    ),
    (
        "template",
        &[
            "itsm-assess template -q danger-signs -o survey.csv",
            "itsm-assess template -q danger-signs -o workshop.xlsx",
        ],
    ),
    (
        "score",
        &[
            "itsm-assess score -q danger-signs -g role responses.csv",
            "itsm-assess score -q danger-signs -f json -o scores.json it.csv business.csv",
        ],
    ),
    (
        "roadmap",
        &[
            "itsm-assess roadmap -q danger-signs --capacity 8 -f md -o roadmap.md responses.csv",
            "itsm-assess roadmap -q danger-signs --target Defined --phases \"Now,Next,Later on\" responses.csv",
        ],
    ),
    (
        "report",
        &[
            "itsm-assess report -q danger-signs -g role --organisation \"Acme Ltd\" -o report.html responses.csv",
            "itsm-assess report -q danger-signs -f md responses.csv > report.md",
            "itsm-assess report -q danger-signs --baseline wave1.json --status status.csv -o follow-up.html wave2.csv",
        ],
    ),
    (
        "comments",
        &[
            "itsm-assess comments -q danger-signs -g role -o comments.csv responses.csv",
            "itsm-assess comments -q danger-signs --redact staff.txt -f md responses.csv",
        ],
    ),
    ("demo", &["itsm-assess demo -o itsm-demo"]),
    (
        "inspect",
        &[
            "itsm-assess inspect -q danger-signs responses.csv",
            "itsm-assess inspect -q danger-signs --write-mapping mapping.yaml export.csv",
        ],
    ),
    (
        "completions",
        &["itsm-assess completions bash > ~/.local/share/bash-completion/completions/itsm-assess"],
    ),
    (
        "man",
        &["itsm-assess man | man -l -", "itsm-assess man --dir man/"],
    ),
];

/// Every manual page as (file name, roff text): `itsm-assess.1` first, then one per
/// subcommand in the order the help lists them.
pub fn pages(cmd: clap::Command) -> Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let mut pages = vec![page(&cmd, "itsm-assess")?];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(page(sub, sub.get_name())?);
    }
    Ok(pages)
}

/// One page: clap_mangen's sections, then the exit status and the examples.
fn page(cmd: &clap::Command, key: &str) -> Result<(String, Vec<u8>)> {
    let man = Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out)?;
    }
    out.extend_from_slice(format!(".SH \"EXIT STATUS\"\n{}\n", roff(EXIT_STATUS)).as_bytes());
    if let Some((_, examples)) = EXAMPLES.iter().find(|(name, _)| *name == key) {
        out.extend_from_slice(b".SH EXAMPLES\n");
        for example in *examples {
            out.extend_from_slice(format!(".PP\n.nf\n{}\n.fi\n", roff(example)).as_bytes());
        }
    }
    man.render_version_section(&mut out)?;
    Ok((man.get_filename(), out))
}

/// Text made safe for roff: backslashes and hyphens escaped, no line starting with a control
/// character.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
