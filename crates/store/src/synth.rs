//! Deterministic synthetic documents and extractions, for tests and the
//! ingest benchmark (filled in next).
