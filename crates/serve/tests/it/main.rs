//! Integration tests of marquee-serve: the app driven in-process with
//! `tower::ServiceExt::oneshot`, feeds and documents checked by independent
//! parsers, and (with MARQUEE_E2E=1 and Chromium installed) a real browser.

mod api;
mod browser;
mod feeds;
mod fixture;
mod hardening;
mod pages;
mod validators;
