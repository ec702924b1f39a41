//! Integration tests of marquee-article.

mod benchmark;
mod fixtures;
mod hostile;
