//! The report templates: embedded in the binary, overridable file by file from a folder (a
//! consultancy's branding). Templates are rendered by tera with HTML autoescaping on `.html`
//! files and a `md` filter that escapes Markdown in `.md` files.

use crate::format::escape_markdown;
use anyhow::{Context as _, Result, anyhow, bail};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;
use tera::{Kwargs, State, Tera};

/// The templates the reports use: file name and embedded default text.
pub const TEMPLATE_FILES: &[(&str, &str)] = &[
    ("report.html", include_str!("../../templates/report.html")),
    ("report.css", include_str!("../../templates/report.css")),
    ("report.md", include_str!("../../templates/report.md")),
    (
        "sections/head.html",
        include_str!("../../templates/sections/head.html"),
    ),
    ("too-few.html", include_str!("../../templates/too-few.html")),
    ("too-few.md", include_str!("../../templates/too-few.md")),
    (
        "sections/observations.html",
        include_str!("../../templates/sections/observations.html"),
    ),
    (
        "sections/observations.md",
        include_str!("../../templates/sections/observations.md"),
    ),
    (
        "sections/observations-summary.html",
        include_str!("../../templates/sections/observations-summary.html"),
    ),
    (
        "sections/observations-summary.md",
        include_str!("../../templates/sections/observations-summary.md"),
    ),
    (
        "sections/trend.html",
        include_str!("../../templates/sections/trend.html"),
    ),
    (
        "sections/trend.md",
        include_str!("../../templates/sections/trend.md"),
    ),
    (
        "sections/comments.html",
        include_str!("../../templates/sections/comments.html"),
    ),
    (
        "sections/comments.md",
        include_str!("../../templates/sections/comments.md"),
    ),
    (
        "sections/evidence.html",
        include_str!("../../templates/sections/evidence.html"),
    ),
    (
        "sections/evidence.md",
        include_str!("../../templates/sections/evidence.md"),
    ),
];

/// The largest template file read from an override folder.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The longest a template may take to render (a loop without end in an override).
pub const RENDER_TIME_LIMIT: Duration = Duration::from_secs(10);

/// The largest output a template may render: far above any report (a few megabytes), far
/// below what would exhaust the machine.
pub const MAX_RENDER_BYTES: usize = 64 * 1024 * 1024;

/// A loaded set of templates.
pub struct Templates {
    tera: Arc<Tera>,
    /// Where each template came from, for error messages.
    origins: Vec<(String, String)>,
}

impl Templates {
    /// The embedded templates, with any file of the same name in `dir` taking its place.
    ///
    /// Only the known template names are read from `dir`, and only regular files inside it
    /// (a link that leads out of the folder is refused); templates can include one another
    /// but never read the file system.
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        let mut sources: Vec<(String, String, String)> = Vec::new();
        let root = match dir {
            Some(d) => Some(check_dir(d)?),
            None => None,
        };
        for (name, text) in TEMPLATE_FILES {
            let overridden = match &root {
                Some((shown, canonical)) => read_override(shown, canonical, name)?,
                None => None,
            };
            match overridden {
                Some((origin, text)) => sources.push((name.to_string(), origin, text)),
                None => sources.push((
                    name.to_string(),
                    format!("templates/{name} (built in)"),
                    text.to_string(),
                )),
            }
        }
        let origins: Vec<(String, String)> = sources
            .iter()
            .map(|(n, o, _)| (n.clone(), o.clone()))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        tera.register_filter("md", |s: &str, _: Kwargs, _: &State| escape_markdown(s));
        tera.add_raw_templates(sources.iter().map(|(n, _, t)| (n.as_str(), t.as_str())))
            .map_err(|e| anyhow!(describe(&e, &origins)))?;
        Ok(Templates {
            tera: Arc::new(tera),
            origins,
        })
    }

    /// Render a template with a view struct as its context, within [`RENDER_TIME_LIMIT`] and
    /// [`MAX_RENDER_BYTES`]: an override that loops without end or writes without end stops
    /// with an error naming it. Rendering runs on a thread of its own so that the time limit
    /// holds even for a loop that writes nothing; past the limit that thread is left behind
    /// (the command ends with the error).
    pub fn render(&self, name: &str, view: &impl Serialize) -> Result<String> {
        let context = tera::Context::from_serialize(view)
            .map_err(|e| anyhow!("cannot pass the report data to the templates: {e}"))?;
        let origin = self
            .origins
            .iter()
            .find(|(n, _)| n == name)
            .map_or(name.to_string(), |(_, o)| o.clone());
        let (tera, template) = (Arc::clone(&self.tera), name.to_string());
        let (send, receive) = mpsc::channel();
        std::thread::Builder::new()
            .name("template".into())
            .spawn(move || {
                let mut out = Limited(Vec::new());
                let result = tera.render_to(&template, &context, &mut out);
                // The receiver is gone only after a timeout, which has been reported.
                let _ = send.send(result.map(|()| out.0));
            })
            .context("cannot start rendering the templates")?;
        match receive.recv_timeout(RENDER_TIME_LIMIT) {
            Ok(Ok(bytes)) => String::from_utf8(bytes)
                .map_err(|_| anyhow!("{origin}: the template rendered text that is not UTF-8")),
            Ok(Err(e)) if too_long(&e) => bail!(
                "{origin}: the template's output passed the limit of {} MB; it may loop without end",
                MAX_RENDER_BYTES / (1024 * 1024)
            ),
            Ok(Err(e)) => Err(anyhow!(describe(&e, &self.origins))),
            Err(_) => bail!(
                "{origin}: rendering took longer than {} seconds and was stopped; the template may loop without end",
                RENDER_TIME_LIMIT.as_secs()
            ),
        }
    }
}

/// A buffer that refuses to grow past [`MAX_RENDER_BYTES`].
struct Limited(Vec<u8>);

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_RENDER_BYTES {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "template output too long",
            ));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether a rendering error comes from [`Limited`] refusing more output.
fn too_long(e: &tera::Error) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        if err
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::FileTooLarge)
        {
            return true;
        }
        current = err.source();
    }
    e.to_string().contains("template output too long")
}

fn check_dir(dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let meta = std::fs::metadata(dir)
        .with_context(|| format!("{}: cannot read the templates folder", dir.display()))?;
    if !meta.is_dir() {
        bail!(
            "{}: is not a folder; --templates takes a folder of template files",
            dir.display()
        );
    }
    let canonical = std::fs::canonicalize(dir)
        .with_context(|| format!("{}: cannot read the templates folder", dir.display()))?;
    Ok((dir.to_path_buf(), canonical))
}

/// Read `name` from the override folder if it is there.
fn read_override(shown: &Path, canonical: &Path, name: &str) -> Result<Option<(String, String)>> {
    let path = shown.join(name);
    let origin = path.display().to_string();
    // Only a file that is not there falls back to the built-in template; one that cannot be
    // looked at (a folder without search permission) is an error, not silently skipped.
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => bail!("{origin}: cannot read the template: {e}"),
    };
    let real = std::fs::canonicalize(&path)
        .with_context(|| format!("{origin}: cannot read the template"))?;
    if !real.starts_with(canonical) {
        bail!(
            "{origin}: leads outside the templates folder; a template override must be a file inside it"
        );
    }
    if meta.is_dir() || std::fs::metadata(&real).is_ok_and(|m| m.is_dir()) {
        bail!("{origin}: is a directory, expected a template file");
    }
    let text = crate::input::read_text_file(&real, MAX_TEMPLATE_BYTES, "template")
        .map_err(|p| anyhow!("{origin}: {}", strip_file(&p.to_string())))?;
    Ok(Some((origin, text)))
}

/// Drop the leading `file:` of a problem message (the caller names the file its own way).
fn strip_file(message: &str) -> String {
    message
        .split_once(": ")
        .map_or(message, |(_, rest)| rest)
        .to_string()
}

/// Describe a tera error as `file:line:column: message`, naming where the template came from.
/// Tera wraps some errors (an unknown filter found while checking all templates) in a plain
/// message whose cause holds the position, so the whole chain is searched.
fn describe(e: &tera::Error, origins: &[(String, String)]) -> String {
    let origin_of = |name: &str| -> String {
        origins
            .iter()
            .find(|(n, _)| n == name)
            .map_or(name.to_string(), |(_, o)| o.clone())
    };
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        if let Some(tera_error) = err.downcast_ref::<tera::Error>()
            && let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) =
                tera_error.kind()
        {
            let span = report.span();
            return format!(
                "{}:{}:{}: template error: {}",
                origin_of(report.filename()),
                span.start_line,
                span.start_col + 1,
                report.message()
            );
        }
        current = err.source();
    }
    let text = e.to_string();
    located_report(&text, &origin_of).unwrap_or_else(|| format!("template error: {text}"))
}

/// Tera's checks of all templates at once (unknown filters, tests, functions, includes) come as
/// text reports: `error: MESSAGE` then ` --> NAME:LINE:COLUMN`. Turn each into
/// `ORIGIN:LINE:COLUMN: template error: MESSAGE`, followed by the report for context.
fn located_report(text: &str, origin_of: &dyn Fn(&str) -> String) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for pair in lines.windows(2) {
        let (Some(message), Some(place)) = (
            pair[0].trim().strip_prefix("error: "),
            pair[1].trim().strip_prefix("--> "),
        ) else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (Some(column), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        out.push(format!(
            "{}:{line}:{column}: template error: {message}",
            origin_of(name)
        ));
    }
    (!out.is_empty()).then(|| format!("{}\n{text}", out.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_templates_parse() {
        assert!(Templates::load(None).is_ok());
    }
}
