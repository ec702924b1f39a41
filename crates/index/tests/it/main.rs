//! Integration tests of marquee-index.

mod search;
