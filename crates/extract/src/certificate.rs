//! Rating-board certificates: "R (language)", "Rated PG-13 for violence and
//! some language", "MPAA Classification: No MPAA Rating (mature themes)".
//! The mark is normalised ("PG13" is "PG-13", "Not Rated" is "NR"); reasons
//! are lower case, split at commas, semicolons and "and" (GUIDE.md).

use std::sync::LazyLock;

use marquee_model::Certificate;
use regex::Regex;

/// The US marks as printed, case-sensitive for the letters.
const MARK: &str = r#"(?:NC-17|NC17|PG-13|PG13|PG 13|PG|G|R|X|NR|N/R|(?i:not\s+rated|unrated|no\s+mpaa\s+rating|not\s+yet\s+rated))"#;

/// What may follow a mark: reasons in parentheses or after "for".
const REASONS: &str = r"(?:\s*[,:]?\s*\((?P<paren>[^()\n]*(?:\n[^()\n]*)?)\)|\s*,?\s*(?i:for|due\s+to)\s+(?P<for>[^.;\n]*(?:\n[^.;\n]+)?))?";

/// A certificate from a labelled value that starts with the mark:
/// `R (violence, profanity)`, `"R" (presumably for violence)`, `PG-13 for ...`.
pub(crate) fn parse(value: &str) -> Option<Certificate> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r#"^\s*(?i:rated\s+)?["'`]?(?P<mark>{MARK})["'`]?(?:$|[\s.,;:)(])(?:\s*-\s*)?{REASONS}"#))
            .expect("static regex")
    });
    let caps = RE.captures(value)?;
    Some(build(&caps))
}

/// A certificate that a cue announces anywhere in the text: "MPAA Rating: R",
/// "Rated R for violence", "It is rated PG-13", "Parents guide: R (language)".
pub(crate) fn find_cued(text: &str) -> Option<Certificate> {
    static CUED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r#"(?:\b(?i:mpaa|mpaa\s+rating|mpaa\s+classification|mpaa\s+rated|rating|rated|parents'?\s+guide|parental\s+guide|certificate|classification|certification)\b(?:\s+(?i:by\s+the\s+mpaa|an?))?\s*(?::|-|\.{{2,}}|\s)\s*["'`]?(?P<mark>{MARK})["'`]?|(?P<not>(?i:not\s+rated|unrated)))(?:$|[^\w-]|-(?:rated|rating))(?:\s*-\s*)?{REASONS}"#
        ))
        .expect("static regex")
    });
    let mut found: Option<Certificate> = None;
    for caps in CUED.captures_iter(text) {
        // "It is not rated", "Not rated." state the mark; "not rated highly" does not.
        if let Some(not) = caps.name("not") {
            let before = text[..not.start()].trim_end();
            let lead = before.is_empty()
                || before.ends_with(['.', ';', '\n', ':'])
                || ["is", "was", "it's", "film's", "movie's", "picture's", "be"].iter().any(|w| before.to_lowercase().ends_with(&format!(" {w}")) || before.eq_ignore_ascii_case(w));
            let after = text[not.end()..].trim_start();
            if !lead || after.starts_with(|c: char| c.is_lowercase()) && !after.starts_with("by") && !after.starts_with("but") {
                continue;
            }
        }
        let whole = caps.get(0).expect("group 0 always matches");
        let cue = whole.as_str().to_ascii_lowercase();
        // "rating: B+" is a grade; accept the plain-word cues only before a mark.
        if cue.starts_with("rating") && !cue.contains(':') && !cue.contains("rating -") {
            continue;
        }
        let cert = build(&caps);
        match &found {
            None => found = Some(cert),
            // A later statement of the same mark may give the reasons the first left out.
            Some(f) if f.rating == cert.rating && f.reasons.is_empty() && !cert.reasons.is_empty() => {
                found = Some(cert)
            }
            Some(_) => {}
        }
    }
    found
}

/// A bare mark in a credit block or capsule tail: "117 minutes. R (violence)",
/// "1995, PG, 92 minutes", "R, 127 minutes", "2:00 – PG-13 for martial arts violence".
pub(crate) fn find_bare(block: &str) -> Option<Certificate> {
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r#"(?:^|[\s,.;(–—-])\(?["']?(?P<mark>{MARK})["']?(?:\)|$|[.,;–—]?(?:\s|$)){REASONS}"#
        ))
        .expect("static regex")
    });
    BARE.captures_iter(block)
        .filter(|c| {
            // A lone capital in a sentence ("Plan R is") is no certificate:
            // the mark must stand between punctuation, or start/end a line.
            let m = c.name("mark").expect("group mark always matches");
            let before = block[..m.start()].trim_end_matches(['(', '"', '\'']).chars().last();
            let after = block[m.end()..].trim_start_matches(['"', '\'']).chars().next();
            let clean_before = before.is_none_or(|ch| matches!(ch, '.' | ',' | ';' | '\n' | '(' | '–' | '—' | '-' | ' ' | ':'));
            let clean_after = after.is_none_or(|ch| matches!(ch, '.' | ',' | ';' | '\n' | ')' | ' ' | '(' | '\r'));
            let word_before = block[..m.start()]
                .trim_end()
                .rsplit(|ch: char| ch.is_whitespace())
                .next()
                .unwrap_or("");
            let word_ok = word_before.is_empty()
                || word_before.ends_with(['.', ',', ';', ')', '(', '–', '—', '-', ':'])
                || word_before.chars().all(|ch| ch.is_ascii_digit())
                || word_before.eq_ignore_ascii_case("rated");
            clean_before && clean_after && word_ok
        })
        .map(|c| build(&c))
        .next()
}

/// "the R rating", "an R-rated movie": the mark alone.
pub(crate) fn find_mentioned(text: &str) -> Option<Certificate> {
    static MENTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\b(?:the|an?|its|this|his)\s+|\()(?P<mark>NC-17|PG-13|PG|G|R|X)(?:-rated|\s+rating|-rating)\b")
            .expect("static regex")
    });
    text.lines().filter(|l| l.contains("-rat") || l.contains(" rating")).find_map(|l| MENTION.captures(l)).map(|c| build(&c))
}

fn build(caps: &regex::Captures<'_>) -> Certificate {
    let mark = caps.name("mark").map_or("NR", |m| m.as_str());
    let reasons = caps
        .name("paren")
        .or_else(|| caps.name("for"))
        .map(|m| split_reasons(m.as_str()))
        .unwrap_or_default();
    Certificate { system: "MPAA".to_owned(), rating: normalise_mark(mark), reasons }
}

/// The mark as the record writes it.
pub(crate) fn normalise_mark(mark: &str) -> String {
    let upper = mark.to_ascii_uppercase();
    let collapsed: String = upper.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.as_str() {
        "NC17" => "NC-17".to_owned(),
        "PG13" | "PG 13" => "PG-13".to_owned(),
        "N/R" | "NOT RATED" | "UNRATED" | "NO MPAA RATING" | "NOT YET RATED" => "NR".to_owned(),
        _ => collapsed,
    }
}

/// Reasons, lower case, split at commas, semicolons and "and"; words that
/// only spell out the mark ("Parental Guidance-13") or hedge are dropped.
pub(crate) fn split_reasons(s: &str) -> Vec<String> {
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s+(?:and\s+)?(?:would|is|it's|it\s+is|should|may|might|could|was|will|has|makes|but|though|although|which|so\s|if\s|parents|i\s|this\s+is|the\s+film|the\s+movie)\b.*$")
            .expect("static regex")
    });
    static SPLIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s*(?:,|;|\band\b|&|/)\s*").expect("static regex"));
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = CUT.replace(&joined, "");
    SPLIT
        .split(&cut)
        .map(|r| {
            let r = r.trim().trim_matches(|c: char| matches!(c, '.' | '"' | '\'' | ')' | '(' | ':'));
            let r = r.strip_prefix("for ").or_else(|| r.strip_prefix("For ")).unwrap_or(r);
            let r = r.strip_prefix("presumably for ").unwrap_or(r);
            r.trim().to_lowercase()
        })
        .filter(|r| {
            !r.is_empty()
                && r.len() < 60
                && !r.contains("parental guidance")
                && !r.contains("restricted")
                && !r.contains("general audience")
                && !r.starts_with("under 17")
                && !r.starts_with("mpaa")
                && r != "etc"
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(c: Option<Certificate>) -> Option<(String, Vec<String>)> {
        c.map(|c| (c.rating, c.reasons))
    }

    fn cert(mark: &str, reasons: &[&str]) -> Option<(String, Vec<String>)> {
        Some((mark.to_owned(), reasons.iter().map(|r| r.to_string()).collect()))
    }

    #[test]
    fn labelled_values() {
        assert_eq!(show(parse("PG-13 (profanity, adult themes, violence)")), cert("PG-13", &["profanity", "adult themes", "violence"]));
        assert_eq!(show(parse(r#""R" (presumably for violence and profanity)"#)), cert("R", &["violence", "profanity"]));
        assert_eq!(show(parse("No MPAA Rating (Mature themes, violence)")), cert("NR", &["mature themes", "violence"]));
        assert_eq!(show(parse("PG (for some cheap scares)")), cert("PG", &["some cheap scares"]));
        assert_eq!(show(parse("R (language)")), cert("R", &["language"]));
        assert_eq!(show(parse("PG13")), cert("PG-13", &[]));
        assert_eq!(show(parse("Great fun")), None);
    }

    #[test]
    fn cued_in_text() {
        assert_eq!(show(find_cued("IN DREAMS runs 1:40.  It is rated R for violence and profanity and would be fine for teenagers.")), cert("R", &["violence", "profanity"]));
        assert_eq!(show(find_cued("Parents guide: R (language)\n")), cert("R", &["language"]));
        assert_eq!(show(find_cued("MPAA Rating:  PG-13 (profanity, adult themes, violence)\n")), cert("PG-13", &["profanity", "adult themes", "violence"]));
        assert_eq!(show(find_cued("Reviewed at Loews, N.Y., May 2. MPAA Rating: R. Running time: 135 MIN.")), cert("R", &[]));
        assert_eq!(show(find_cued("Rated PG (for mild profanity and sexual dialogue).")), cert("PG", &["mild profanity", "sexual dialogue"]));
        assert_eq!(show(find_cued("Rated R, 2 stars (out of five stars)")), cert("R", &[]));
        assert_eq!(
            show(find_cued("Motion Picture Association of America - PG-13 (Parental Guidance-13), Rated PG-13 for some sexual content")),
            cert("PG-13", &["some sexual content"])
        );
        assert_eq!(show(find_cued("Not rated.  Running time: 90 minutes")), cert("NR", &[]));
        assert_eq!(show(find_cued("UNZIPPED flies by.  It is not rated, but would be PG-13.")), cert("NR", &[]));
        assert_eq!(show(find_cued("His work is not rated highly by anyone.")), None);
        assert_eq!(show(find_cued("He rated it highly.")), None);
        assert_eq!(show(find_cued("RATING: B+")), None);
    }

    #[test]
    fn bare_marks_in_blocks() {
        assert_eq!(show(find_bare("A Screen Gems release. 117\nminutes. R (violence)")), cert("R", &["violence"]));
        assert_eq!(show(find_bare("1995, PG, 92 minutes [1 hour, 32 minutes]")), cert("PG", &[]));
        assert_eq!(show(find_bare("R, 127 minutes")), cert("R", &[]));
        assert_eq!(show(find_bare("2:00 – PG-13 for martial arts violence and some sexuality")), cert("PG-13", &["martial arts violence", "some sexuality"]));
        assert_eq!(show(find_bare("1 hr. 42 PG-13 (violence, adult themes) - S.R.")), cert("PG-13", &["violence", "adult themes"]));
        assert_eq!(show(find_bare("Directed by Jim Smith. With Ann R Jones.")), None);
    }

    #[test]
    fn mentions_give_the_mark() {
        assert_eq!(show(find_mentioned("despite the R rating and")), cert("R", &[]));
        assert_eq!(show(find_mentioned("an R-rated comedy")), cert("R", &[]));
        assert_eq!(show(find_mentioned("a G rating is nice")), cert("G", &[]));
    }
}
