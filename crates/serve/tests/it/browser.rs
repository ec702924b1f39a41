//! End to end: a real server on a loopback port, driven by headless
//! Chromium. Runs when MARQUEE_E2E=1 and /usr/bin/chromium (or $CHROMIUM)
//! exists; screenshots go to $MARQUEE_E2E_SHOTS (default: a temp dir).

use std::path::PathBuf;
use std::process::Command;

use crate::fixture::fixture;

fn chromium() -> Option<PathBuf> {
    if std::env::var("MARQUEE_E2E").ok().as_deref() != Some("1") {
        eprintln!("skipping: browser tests need MARQUEE_E2E=1");
        return None;
    }
    let path = PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    assert!(path.exists(), "MARQUEE_E2E=1 but no Chromium at {}", path.display());
    Some(path)
}

struct Browser {
    bin: PathBuf,
    profile: tempfile::TempDir,
}

impl Browser {
    fn run(&self, extra: &[&str], url: &str) -> String {
        let out = Command::new(&self.bin)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars"])
            .arg(format!("--user-data-dir={}", self.profile.path().display()))
            .args(extra)
            .arg(url)
            .output()
            .expect("chromium runs");
        assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The DOM after the page loaded, as Chromium serialises it.
    fn dom(&self, url: &str) -> String {
        self.run(&["--dump-dom", "--virtual-time-budget=2000"], url)
    }

    fn screenshot(&self, url: &str, path: &std::path::Path, width: u32, height: u32) {
        self.run(&[&format!("--screenshot={}", path.display()), &format!("--window-size={width},{height}")], url);
        assert!(std::fs::metadata(path).map(|m| m.len() > 1000).unwrap_or(false), "no screenshot at {}", path.display());
    }
}

/// The first `href` in `dom` that starts with `prefix`.
fn first_link(dom: &str, prefix: &str) -> String {
    let needle = format!("href=\"{prefix}");
    let start = dom.find(&needle).unwrap_or_else(|| panic!("no link to {prefix}")) + 6;
    let end = dom[start..].find('"').unwrap() + start;
    dom[start..end].replace("&amp;", "&")
}

/// Text a person sees: the DOM without tags.
fn visible_text(dom: &str) -> String {
    let body = dom.split("<body").nth(1).unwrap_or(dom);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => { in_tag = false; out.push(' '); }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

#[test]
fn a_person_can_browse_search_and_follow_links() {
    let Some(bin) = chromium() else { return };
    let f = fixture();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let app = marquee_serve::app(f.state.clone());
    runtime.spawn(async move { axum::serve(listener, app).await.unwrap() });
    let base = format!("http://{addr}");
    let browser = Browser { bin, profile: tempfile::tempdir().unwrap() };
    let shots = std::env::var("MARQUEE_E2E_SHOTS").map(PathBuf::from).unwrap_or_else(|_| f.dir.path().join("shots"));
    std::fs::create_dir_all(&shots).unwrap();

    // The front page: new reviews, best films, upcoming events.
    let home = browser.dom(&format!("{base}/"));
    let text = visible_text(&home);
    for expected in ["New reviews", "Best-reviewed films", "Upcoming events", "The Paper Lanterns", "Bellweather Cinema"] {
        assert!(text.contains(expected), "home page lacks {expected:?}: {text}");
    }
    assert!(!home.contains("<script>alert"), "review markup reached the DOM");
    browser.screenshot(&format!("{base}/"), &shots.join("home-desktop.png"), 1280, 1400);
    browser.screenshot(&format!("{base}/"), &shots.join("home-phone.png"), 390, 1600);

    // Search as a person would: the form's GET URL.
    let results = browser.dom(&format!("{base}/search?q=vautrin"));
    assert!(visible_text(&results).contains("results for “vautrin”"));
    browser.screenshot(&format!("{base}/search?q=vautrin"), &shots.join("search.png"), 1280, 1200);

    // Follow the first film link to the film page.
    let film_href = first_link(&results, "/films/");
    let film = browser.dom(&format!("{base}{film_href}"));
    let text = visible_text(&film);
    for expected in ["The Paper Lanterns", "Standing among critics", "Directed by Ines Vautrin", "Hana", "Rosa Feld", "Q&A"] {
        assert!(text.contains(expected), "film page lacks {expected:?}");
    }
    browser.screenshot(&format!("{base}{film_href}"), &shots.join("film-desktop.png"), 1280, 2000);
    browser.screenshot(&format!("{base}{film_href}"), &shots.join("film-phone.png"), 390, 2400);

    // From the film to a critic, and from there to a review.
    let critic_href = first_link(&film, "/critics/");
    let critic = browser.dom(&format!("{base}{critic_href}"));
    assert!(visible_text(&critic).contains("reviews"));
    let review_href = first_link(&critic, "/reviews/");
    let review = browser.dom(&format!("{base}{review_href}"));
    assert!(visible_text(&review).contains("The review"));
    assert!(!review.contains("<script>alert"), "review markup reached the DOM");
    browser.screenshot(&format!("{base}{review_href}"), &shots.join("review.png"), 1280, 1200);

    // A person page and the events page.
    let person_href = first_link(&film, "/people/");
    assert!(visible_text(&browser.dom(&format!("{base}{person_href}"))).contains("Director"));
    let events = browser.dom(&format!("{base}/events"));
    assert!(visible_text(&events).contains("Upcoming"));
    browser.screenshot(&format!("{base}/events"), &shots.join("events.png"), 1280, 1000);
    eprintln!("screenshots in {}", shots.display());
}
