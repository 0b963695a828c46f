//! Integration tests: run the real `itsm-assess` binary on fixtures in a temporary folder.

mod bad_input;
mod browser;
mod comments;
mod common;
mod completions;
mod engagement;
mod evidence;
mod exports;
mod identity;
mod options;
mod outputs;
mod privacy;
mod progress;
mod report;
mod score;
mod small;
mod validate;
mod verdict;
mod waves;
