//! Running times: "1:42", "1 hr. 42", "2 hours, 15 mins", "135 MIN", "92 mins."
//! become whole minutes.

use std::sync::LazyLock;

use regex::Regex;

/// A duration as critics print it (the regex source, shared by the finders).
const DUR: &str = r"(?:\d{1,2}\s?:\s?\d{2}\b|\d\s*(?:hours?|hrs?\.?|h)\s*,?\s*(?:and\s+)?\d{1,2}\s*(?:minutes?|mins?\.?|m\b)?|\d{1,3}\s*(?:minutes?|mins?\b\.?|MIN\b|m\b)|\d\s*(?:hours?|hrs?\.?)(?:\s+long)?\b|(?:one|two|three)\s+hours?(?:\s+and\s+\d{1,2}\s+minutes)?)";

/// Whole minutes of a duration at the start of `s` (after spaces).
pub(crate) fn parse(s: &str) -> Option<u32> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:(?P<h>\d{1,2})\s?:\s?(?P<m>\d{2})\b|(?P<h2>\d|one|two|three)\s*(?:hours?|hrs?\.?|h)\s*,?\s*(?:and\s+)?(?:(?P<m2>\d{1,2})\s*(?:minutes?|mins?\.?|m\b)?)?|(?P<m3>\d{1,3})\s*(?:minutes?|mins?\b\.?|m\b))")
            .expect("static regex")
    });
    let caps = RE.captures(s)?;
    let num = |name: &str| caps.name(name).and_then(|m| word_or_digits(m.as_str()));
    let minutes = if let (Some(h), Some(m)) = (num("h"), num("m")) {
        if m >= 60 {
            return None;
        }
        h * 60 + m
    } else if let Some(h) = num("h2") {
        let m = num("m2").unwrap_or(0);
        if m >= 60 {
            return None;
        }
        h * 60 + m
    } else {
        num("m3")?
    };
    (5..=600).contains(&minutes).then_some(minutes)
}

fn word_or_digits(s: &str) -> Option<u32> {
    match s.to_ascii_lowercase().as_str() {
        "one" => Some(1),
        "two" => Some(2),
        "three" => Some(3),
        d => d.parse().ok(),
    }
}

/// A running time that a cue announces: "Running time: 2 hours, 15 mins",
/// "Running Length: 1:51", "IN DREAMS runs 1:40", "length: 92 mins.".
pub(crate) fn find_cued(text: &str) -> Option<u32> {
    static CUED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)\b(?:running\s*(?:time|length)|run\s*-?\s*time|runtime|length\s*[:=-]|runs|clocks\s+in\s+at)\s*(?:[:=.\-]+\s*|is\s+|of\s+|at\s+)*(?:about\s+|approx(?:imately|\.)?\s+|roughly\s+|nearly\s+|almost\s+|just\s+(?:over|under)\s+|a\s+(?:\w+\s+)?)?(?P<d>{DUR})"
        ))
        .expect("static regex")
    });
    CUED.captures_iter(text).find_map(|c| parse(c.name("d")?.as_str()))
}

/// A bare running time inside a credit block or a capsule's tail: "117
/// minutes.", "1999 - 131 minutes", "1 hr. 42", "2:00 – PG-13".
pub(crate) fn find_bare(block: &str) -> Option<u32> {
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)(?:^|[\s,.(;–—\[-])(?P<d>\d{{1,3}}\s*(?:minutes?|mins?\b\.?|MIN\b)|\d\s*(?:hours?|hrs?\.?)\s*,?\s*\d{{1,2}}\b\s*(?:minutes?|mins?\.?)?|\d:\d\d(?:\s*[–—-]\s*(?:G|PG|R|NC|NR|X|Not|Unrated)))"
        ))
        .expect("static regex")
    });
    BARE.captures_iter(block).find_map(|c| parse(c.name("d")?.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_become_minutes() {
        for (s, m) in [
            ("1:42", 102),
            ("1 hr. 42", 102),
            ("2 hours, 15 mins.", 135),
            ("135 MIN.", 135),
            ("92 mins., color", 92),
            ("2hrs 20minutes", 140),
            ("104 minutes", 104),
            ("1 hour 32 minutes", 92),
            ("2 hours", 120),
            ("1h42", 102),
            ("two hours and 10 minutes", 130),
        ] {
            assert_eq!(parse(s), Some(m), "{s}");
        }
        assert_eq!(parse("1:75"), None);
        assert_eq!(parse("3 minutes"), None);
        assert_eq!(parse("Rated R"), None);
    }

    #[test]
    fn cues_announce_runtimes() {
        assert_eq!(find_cued("Running time: 2 hours, 15 mins."), Some(135));
        assert_eq!(find_cued("Running Length: 1:51\n"), Some(111));
        assert_eq!(find_cued("IN DREAMS runs 1:40.  It is rated R"), Some(100));
        assert_eq!(find_cued("length: 92 mins., color"), Some(92));
        assert_eq!(find_cued("Running Time : 2hrs 20minutes"), Some(140));
        assert_eq!(find_cued("MPAA Rating: R. Running time: 135 MIN."), Some(135));
        assert_eq!(find_cued("The film runs about 95 minutes."), Some(95));
        assert_eq!(find_cued("the movie runs over two hours"), None);
        assert_eq!(find_cued("a length of rope, 12 feet"), None);
    }

    #[test]
    fn bare_runtimes_in_blocks() {
        assert_eq!(find_bare("A Screen Gems release. 117 minutes. R (violence)"), Some(117));
        assert_eq!(find_bare("1999 - 131 minutes"), Some(131));
        assert_eq!(find_bare("R, 127 minutes"), Some(127));
        assert_eq!(find_bare("Sailor Moon ***1/2 1 hr. 42 PG-13 (violence)"), Some(102));
        assert_eq!(find_bare("2:00 – PG-13 for martial arts violence"), Some(120));
        assert_eq!(find_bare("Released 1995 in 35 countries."), None);
    }
}
