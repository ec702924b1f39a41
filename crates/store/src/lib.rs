//! marquee-store: see ARCHITECTURE.md. (Skeleton; filled by its issue.)
#![warn(missing_docs)]
