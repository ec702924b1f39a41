//! Integration tests of marquee-extract: golden fixtures in `tests/data`
//! and checks against the real data in `../shared` when it is present.

mod golden;
mod robust;
mod shared;
mod titles;
