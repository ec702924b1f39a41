//! The keys that decide identity, re-exported from `marquee-resolve`
//! ([`marquee_resolve::keys`]), where film and critic resolution use them.

pub use marquee_resolve::keys::{name_key, title_key};
