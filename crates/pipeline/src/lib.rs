//! marquee-pipeline: see ARCHITECTURE.md. (Skeleton.)
#![warn(missing_docs)]
