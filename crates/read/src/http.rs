//! Fetching http(s) URLs with ureq: timeouts, a redirect limit, a size limit,
//! the content type and charset from the headers (and `<meta>` for HTML), a
//! user agent that names marquee, and a pause between requests to one host.
//!
//! Requests are made one at a time (the reader is a sequential iterator), so
//! no host ever sees two of ours at once.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use marquee_model::{Body, Document};
use ureq::ResponseExt;

use crate::error::{InputError, Result};
use crate::HttpOptions;

/// A polite HTTP client that remembers when it last spoke to each host.
pub struct Fetcher {
    agent: ureq::Agent,
    per_host_delay: Duration,
    last_request: HashMap<String, Instant>,
}

impl Fetcher {
    pub fn new(options: &HttpOptions) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_connect(Some(options.connect_timeout))
            .timeout_global(Some(options.timeout))
            .max_redirects(options.max_redirects)
            .user_agent(options.user_agent.as_str())
            // Status codes are turned into our own error below, with the URL.
            .http_status_as_error(false)
            .build()
            .into();
        Fetcher { agent, per_host_delay: options.per_host_delay, last_request: HashMap::new() }
    }

    /// Fetches `url` into a [`Document`] whose `source` and `origin` are the
    /// URL as given and whose HTML `url` is the final address after redirects.
    pub fn fetch(&mut self, url: &str, limit: u64) -> Result<Document> {
        let input = url.to_owned();
        let host = host_of(url).ok_or_else(|| InputError::InvalidUrl { input: input.clone(), reason: "no host".to_owned() })?;
        self.wait_for(&host);
        let result = self.agent.get(url).call();
        self.last_request.insert(host, Instant::now());
        let mut response = result.map_err(|err| request_error(&input, err))?;
        let status = response.status().as_u16();
        if status >= 400 {
            return Err(InputError::HttpStatus { input, status });
        }
        if (300..400).contains(&status) {
            // With `max_redirects` at 0 ureq hands back the redirect itself.
            return Err(InputError::Fetch { input, reason: "too many redirects".to_owned() });
        }
        let final_url = response.get_uri().to_string();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let kind = match content_type.as_deref() {
            None => Kind::Sniff,
            Some(value) => match classify(value) {
                Some(kind) => kind,
                None => return Err(InputError::ContentType { input, content_type: value.to_owned() }),
            },
        };
        let charset = content_type.as_deref().and_then(charset_param);
        if let Some(length) = response.body().content_length()
            && length > limit {
                return Err(InputError::TooLarge { input, size: length, limit });
            }
        let bytes = response.body_mut().with_config().limit(limit).read_to_vec().map_err(|err| match err {
            ureq::Error::BodyExceedsLimit(_) => InputError::TooLarge { input: input.clone(), size: limit + 1, limit },
            err => request_error(&input, err),
        })?;
        let mut document = crate::decode_document(&bytes, input.clone(), input, charset.as_deref(), kind == Kind::Html)?;
        match &mut document.body {
            Body::Html { url, .. } => *url = Some(final_url),
            Body::Text(_) => {}
        }
        Ok(document)
    }

    fn wait_for(&self, host: &str) {
        if let Some(last) = self.last_request.get(host) {
            let since = last.elapsed();
            if since < self.per_host_delay {
                std::thread::sleep(self.per_host_delay - since);
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Text,
    /// No content type: decide from the bytes.
    Sniff,
}

/// What a Content-Type header says we can read; `None` for other types.
fn classify(content_type: &str) -> Option<Kind> {
    let mime = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Some(Kind::Html),
        "" | "application/octet-stream" => Some(Kind::Sniff),
        "text/plain" | "text/markdown" | "text/x-markdown" => Some(Kind::Text),
        mime if mime.starts_with("text/") => Some(Kind::Sniff),
        _ => None,
    }
}

/// The `charset` parameter of a Content-Type header.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches(['"', '\'']).to_owned())
    })
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn request_error(input: &str, err: ureq::Error) -> InputError {
    let input = input.to_owned();
    let reason = match err {
        ureq::Error::StatusCode(status) => return InputError::HttpStatus { input, status },
        ureq::Error::BadUri(reason) => return InputError::InvalidUrl { input, reason },
        ureq::Error::Timeout(what) => format!("timed out ({what})"),
        ureq::Error::HostNotFound => "host not found".to_owned(),
        ureq::Error::TooManyRedirects => "too many redirects".to_owned(),
        ureq::Error::ConnectionFailed => "connection failed".to_owned(),
        ureq::Error::Io(err) => err.to_string(),
        err => err.to_string(),
    };
    InputError::Fetch { input, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(classify("text/html; charset=ISO-8859-1"), Some(Kind::Html));
        assert_eq!(classify("image/png"), None);
        assert_eq!(charset_param("text/html; charset=\"ISO-8859-1\""), Some("ISO-8859-1".to_owned()));
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(host_of("http://user@Example.com:80/a?b"), Some("example.com:80".to_owned()));
    }
}
