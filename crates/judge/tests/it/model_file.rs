//! The model file: it round-trips, and damaged files are refused.

use marquee_judge::{Judge, Model};

use crate::judge;

#[test]
fn saved_models_load_back_identical() {
    let model = judge().model();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("m.bin");
    model.save(&path).expect("save");
    let again = Judge::load(&path).expect("load");
    assert_eq!(again.model().id(), model.id());
    assert_eq!(again.model().info(), model.info());
    for text in ["A triumph.", "A disaster from start to finish.", ""] {
        assert_eq!(again.model().margin(text), model.margin(text));
    }
}

#[test]
fn the_shipped_model_is_small() {
    let bytes = judge().model().to_bytes().expect("bytes");
    assert!(bytes.len() < 5_000_000, "{} bytes", bytes.len());
}

#[test]
fn damaged_models_are_refused() {
    let bytes = judge().model().to_bytes().expect("bytes");
    assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Model::from_bytes(b"not a model").is_err());
}
