//! Errors: [`Error`] for the library's own failures (start-up, binding), and
//! [`ApiError`], the one error type every handler returns.

use std::net::SocketAddr;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Failures of the server as a whole.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A store connection could not be opened.
    #[error("opening the store: {0}")]
    Store(#[from] marquee_store::Error),
    /// The index failed.
    #[error("the search index: {0}")]
    Index(#[from] marquee_index::Error),
    /// The address could not be bound or the server failed. (The cause is
    /// the error's source, printed once by whoever prints the chain.)
    #[error("serving on {addr}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// The bearer token is empty: every POST would be refused.
    #[error("the bearer token is empty; give a secret, or no token to turn ingesting over HTTP off")]
    EmptyToken,
    /// Writing an export failed.
    #[error("writing the export")]
    Write(#[from] std::io::Error),
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// An error as the API reports it: a stable code, an HTTP status from
/// [`ApiError::table`], and a message for people. Internal details are
/// logged, never sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// No such film, review, person, critic, venue or route.
    #[error("{0} not found")]
    NotFound(String),
    /// A parameter or body is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// The search query does not parse.
    #[error("{0}")]
    InvalidQuery(String),
    /// A parameter or the search query is over one of the request bounds
    /// (`crate::params`, `marquee_index::limits`); the message names it.
    #[error("{0}")]
    LimitExceeded(String),
    /// A write without a valid bearer token.
    #[error("a valid bearer token is required")]
    Unauthorized,
    /// The server was started without a token or an ingester.
    #[error("ingesting over HTTP is turned off on this server")]
    IngestDisabled,
    /// A body over the size limit (refused from its `Content-Length`, or
    /// as soon as it grows past the limit).
    #[error("the body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    /// The body did not arrive in time.
    #[error("the body did not arrive within {0} seconds")]
    BodyTimeout(u64),
    /// A body of a type other than text or HTML.
    #[error("send text/plain or text/html")]
    UnsupportedMediaType,
    /// Our fault; the string is logged, not returned.
    #[error("internal error")]
    Internal(String),
}

/// The JSON body of every error response.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// The error inside [`ErrorBody`].
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// A stable, machine-readable code (`not_found`, `invalid_query`).
    pub code: &'static str,
    /// A sentence for people.
    pub message: String,
}

impl ApiError {
    /// The single table of codes and statuses.
    pub fn table(&self) -> (&'static str, StatusCode) {
        match self {
            ApiError::NotFound(_) => ("not_found", StatusCode::NOT_FOUND),
            ApiError::BadRequest(_) => ("bad_request", StatusCode::BAD_REQUEST),
            ApiError::InvalidQuery(_) => ("invalid_query", StatusCode::BAD_REQUEST),
            ApiError::LimitExceeded(_) => ("limit_exceeded", StatusCode::BAD_REQUEST),
            ApiError::Unauthorized => ("unauthorized", StatusCode::UNAUTHORIZED),
            ApiError::IngestDisabled => ("ingest_disabled", StatusCode::FORBIDDEN),
            ApiError::PayloadTooLarge(_) => ("payload_too_large", StatusCode::PAYLOAD_TOO_LARGE),
            ApiError::BodyTimeout(_) => ("body_timeout", StatusCode::REQUEST_TIMEOUT),
            ApiError::UnsupportedMediaType => ("unsupported_media_type", StatusCode::UNSUPPORTED_MEDIA_TYPE),
            ApiError::Internal(_) => ("internal", StatusCode::INTERNAL_SERVER_ERROR),
        }
    }

    /// The status this error is sent with.
    pub fn status(&self) -> StatusCode {
        self.table().1
    }

    /// Logs internal details; returns the body a client may see.
    pub(crate) fn body(&self) -> ErrorBody {
        if let ApiError::Internal(detail) = self {
            tracing::error!(detail = %detail, "internal error");
        }
        ErrorBody { error: ErrorDetail { code: self.table().0, message: self.to_string() } }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status(), axum::Json(self.body())).into_response();
        if self == ApiError::Unauthorized {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
