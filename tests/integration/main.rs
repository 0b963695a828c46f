//! Integration tests: run the real `itsm-assess` binary on fixtures in a temporary folder.

mod bad_input;
mod common;
mod privacy;
mod validate;
