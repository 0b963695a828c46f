//! The demo report in a real browser: headless Chromium loads it with no console error, every
//! chart has a size, and it takes a screenshot and prints to PDF.
//!
//! Chromium comes from Debian's `chromium` package, which `.ci/run` installs. Where it is not
//! installed the test says so and passes, except under CI (`CI` set), where it fails.

use crate::common::{run, stderr};
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Run headless Chromium on a file with extra arguments; returns stdout and stderr.
fn headless(browser: &Path, profile: &Path, page: &Path, extra: &[String]) -> (String, String) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-quic",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Console messages Chromium logged at error level, or uncaught exceptions.
fn console_errors(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("ERROR") || l.contains("Uncaught")))
        .collect()
}

#[test]
fn the_demo_report_loads_in_headless_chromium_with_sized_charts_and_prints() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (see .ci/run)"
        );
        eprintln!("note: chromium is not installed; the browser test did not run");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    let result = run(["demo", "-o", demo.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let report = demo.join("report.html");
    let profile = dir.path().join("profile");

    // 1. Load the report as it is: no console error.
    let (_, log) = headless(&browser, &profile, &report, &["--dump-dom".into()]);
    assert!(console_errors(&log).is_empty(), "{log}");

    // 2. Measure every chart: a copy of the page with a measuring script appended writes the
    //    rendered size of each <svg> into the DOM, which --dump-dom prints.
    let html = std::fs::read_to_string(&report).unwrap();
    let probe = html.replace(
        "</body>",
        "<script>document.body.setAttribute('data-sizes', Array.from(document.querySelectorAll('svg')).map(function (s) { var r = s.getBoundingClientRect(); return Math.round(r.width) + 'x' + Math.round(r.height); }).join(' '));</script></body>",
    );
    let probe_path = dir.path().join("probe.html");
    std::fs::write(&probe_path, probe).unwrap();
    let (dom, log) = headless(
        &browser,
        &profile,
        &probe_path,
        &["--window-size=1280,1600".into(), "--dump-dom".into()],
    );
    assert!(console_errors(&log).is_empty(), "{log}");
    let sizes = dom
        .split("data-sizes=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the probe ran and wrote the chart sizes");
    let charts: Vec<(u32, u32)> = sizes
        .split_whitespace()
        .map(|s| {
            let (w, h) = s.split_once('x').unwrap();
            (w.parse().unwrap(), h.parse().unwrap())
        })
        .collect();
    let expected = html.matches("<svg").count();
    assert_eq!(charts.len(), expected, "{sizes}");
    assert!(
        expected >= 5,
        "radar, distributions, gaps and timeline: {sizes}"
    );
    for (w, h) in &charts {
        assert!(
            *w >= 200 && *h >= 100,
            "a chart is too small to read: {sizes}"
        );
    }

    // 3. A screenshot and a PDF.
    let shot = dir.path().join("report.png");
    headless(
        &browser,
        &profile,
        &report,
        &[
            "--window-size=1280,2400".into(),
            format!("--screenshot={}", shot.display()),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot was written");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000);
    let pdf_path = dir.path().join("report.pdf");
    headless(
        &browser,
        &profile,
        &report,
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", pdf_path.display()),
        ],
    );
    let pdf = std::fs::read(&pdf_path).expect("a PDF was written");
    assert!(pdf.starts_with(b"%PDF"));
    // Page objects are `/Type /Page`; the page tree is `/Type /Pages`.
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert!(
        pages >= 4,
        "expected a cover and several sections, found {pages} pages"
    );

    // Keep the pictures for a person to look at, when asked.
    if let Some(keep) = std::env::var_os("ITSM_ASSESS_KEEP_BROWSER_OUTPUT") {
        let keep = PathBuf::from(keep);
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::copy(&shot, keep.join("report.png")).unwrap();
        std::fs::copy(&pdf_path, keep.join("report.pdf")).unwrap();
    }
}
