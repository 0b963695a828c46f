//! Integration tests: run the real `itsm-assess` binary on fixtures in a temporary folder.

mod browser;
mod common;
mod exports;
mod report;
mod score;
mod validate;
