//! Unit tests of the hints.
