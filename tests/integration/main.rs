//! Integration tests: run the real `itsm-assess` binary on fixtures in a temporary folder.

mod bad_input;
mod browser;
mod common;
mod completions;
mod evidence;
mod exports;
mod identity;
mod outputs;
mod privacy;
mod report;
mod score;
mod validate;
mod verdict;
