//! Chart adapters.
