//! The read queries (bodies being filled in).
#![allow(unused_variables)]
use std::ops::ControlFlow;
use marquee_model::{CriticId, FilmId, PersonId, ReviewId, VenueId};
use rusqlite::Connection;
use crate::api::*;
use crate::{Error, Result};

pub(super) fn counts(conn: &Connection) -> Result<Counts> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn films(conn: &Connection, query: &FilmQuery) -> Result<Page<FilmSummary>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn film(conn: &Connection, id: FilmId) -> Result<Option<FilmDetail>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn find_films(conn: &Connection, query: &str, limit: u32) -> Result<Vec<FilmSummary>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn best_films(conn: &Connection, n: u32) -> Result<Vec<FilmSummary>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn review(conn: &Connection, id: ReviewId) -> Result<Option<ReviewDetail>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn reviews(conn: &Connection, query: &ReviewQuery) -> Result<Page<ReviewSummary>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn recent_reviews(conn: &Connection, n: u32) -> Result<Vec<ReviewSummary>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn person(conn: &Connection, id: PersonId) -> Result<Option<PersonDetail>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn find_people(conn: &Connection, query: &str, limit: u32) -> Result<Vec<PersonRef>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn critics(conn: &Connection) -> Result<Vec<CriticSummary>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn critic(conn: &Connection, id: CriticId) -> Result<Option<CriticDetail>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn venues(conn: &Connection) -> Result<Vec<VenueSummary>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn venue(conn: &Connection, id: VenueId) -> Result<Option<VenueDetail>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn events(conn: &Connection, query: &EventQuery) -> Result<Vec<EventView>> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn for_each_review_for_index(conn: &Connection, after: Option<ReviewId>, f: &mut dyn FnMut(IndexReview) -> ControlFlow<()>) -> Result<()> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn for_each_film_export(conn: &Connection, f: &mut dyn FnMut(FilmExport) -> ControlFlow<()>) -> Result<()> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}

pub(super) fn for_each_review_export(conn: &Connection, f: &mut dyn FnMut(ReviewExport) -> ControlFlow<()>) -> Result<()> {
    Err(Error::InvalidQuery("not implemented yet".into()))
}
