//! Integration tests: run the real `itsm-assess` binary on fixtures in a temporary folder.

mod common;
mod exports;
mod validate;
