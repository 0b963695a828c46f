//! Integration tests: run the real `itsm-assess` binary on fixtures in a temporary folder.

mod bad_input;
mod browser;
mod comments;
mod common;
mod completions;
mod docs;
mod engagement;
mod evidence;
mod exports;
mod hints;
mod identity;
mod options;
mod outputs;
mod privacy;
mod problems;
mod progress;
mod report;
mod score;
mod small;
mod template;
mod validate;
mod verdict;
mod waves;
