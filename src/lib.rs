//! itsm-assess: assess the maturity of an IT service management programme from survey
//! responses and plan its recovery.
pub mod charts;
