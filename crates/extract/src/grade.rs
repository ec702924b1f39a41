//! The critic's own grade: stars, fractions, scales, letter grades.
//!
//! Every notation becomes a [`Rating`] with its linear value on 0..100
//! (`../shared/gold/GUIDE.md`): x of max stars is 100·x/max, a scale from
//! min to max is 100·(x−min)/(max−min), letters follow a fixed table. A grade
//! whose maximum is neither printed beside it nor in a key elsewhere in the
//! text gives no rating.

use std::sync::LazyLock;

use marquee_model::Rating;
use regex::Regex;

/// A number as critics print it: `3`, `3.5`, `3 1/2`, `3½`, `three`, `three and a half`.
const NUM: &str = r"(?:(?:\d{1,3}(?:\.\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s*(?:1/2|½|1/4|¼|3/4|¾)|\s+and\s+a\s+half|-and-a-half|\.5)?|(?:1/2|½|half))";

/// A run of stars, possibly spaced (`* * *`), with a fraction (`***1/2`, `★★★½`).
const STARS: &str = r"(?:(?:\*\s?){0,9}\*|★{1,10}|☆{1,10})(?:\s*(?:1/2|½|1/4|¼|3/4|¾|\+))?";

/// Where a grade came from; a higher class wins over any lower one, and
/// within a class the first printed wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    /// Anywhere, in a notation that states its own maximum in words.
    Loose,
    /// On a short line of its own, a title line or an "I give it" sentence.
    Placed,
    /// After a label ("RATING:", "Grade:").
    Labelled,
}

#[derive(Debug)]
struct Candidate {
    class: Class,
    at: usize,
    rating: Rating,
}

/// Finds the critic's grade in `text`.
pub(crate) fn find(text: &str) -> Option<Rating> {
    find_with_key(text, legend_max(text))
}

/// Finds the grade of one capsule of a roundup: a key printed once for the
/// whole page ("***** Buy it. **** Rent it twice ...") sets the maximum of
/// every capsule's stars.
pub(crate) fn find_in_capsule(capsule: &str, page: &str) -> Option<Rating> {
    let key_max = legend_max(capsule).or_else(|| legend_max(page));
    find_with_key(capsule, key_max).or_else(|| {
        // The capsule's head, "THE SALT ROAD (1987) ****", graded on the key.
        static HEAD_STARS: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(&format!(r"(?:^|\s)(?P<s>{STARS})(?:\s|$|[.,;:-])")).expect("static regex"));
        let max = key_max?;
        let first = capsule.lines().next()?;
        let stars = HEAD_STARS.captures(first)?.name("s")?.as_str();
        let x = number_or_stars(stars)?;
        (x <= max).then(|| Rating { text: stars.trim().to_owned(), score: linear(x, 0.0, max) })
    })
}

fn find_with_key(text: &str, key_max: Option<f64>) -> Option<Rating> {
    let mut best: Option<Candidate> = None;
    let mut offer = |c: Candidate| {
        let better = match &best {
            None => true,
            Some(b) => c.class > b.class || (c.class == b.class && c.at < b.at),
        };
        if better {
            best = Some(c);
        }
    };
    let mut line_start = 0;
    let all: Vec<&str> = text.split_inclusive('\n').collect();
    for (i, &line) in all.iter().enumerate() {
        let at = line_start;
        line_start += line.len();
        // A grade wrapped inside a parenthesis ("Rating: 6 (0 to\n 10)") is
        // read with the next line joined on.
        let joined;
        let line = match all.get(i + 1) {
            Some(next) if line.rfind('(') > line.rfind(')') => {
                joined = format!("{} {}", line.trim_end(), next.trim_start());
                joined.as_str()
            }
            _ => line,
        };
        for c in in_line(line, key_max) {
            offer(Candidate { at: at + c.at, ..c });
        }
    }
    best.map(|c| c.rating)
}

/// The grades a single line offers, with offsets relative to the line.
fn in_line(line: &str, key_max: Option<f64>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return out;
    }
    // Metadata headers some archives carry: "X-RT-RatingText: 7/10".
    if let Some(value) = trimmed.strip_prefix("X-RT-RatingText:") {
        if let Some(r) = value_grade(value.trim(), key_max, true) {
            // An archive's header is a fallback: the critic's own printed line wins.
            out.push(Candidate { class: Class::Loose, at: usize::MAX / 2, rating: r });
        }
        return out;
    }
    if trimmed.starts_with("X-") {
        return out;
    }
    // Most lines are prose with no grade in them: look closer only at lines
    // with a digit, a star, or a grading word (regexes are the hot path).
    let lower = line.to_ascii_lowercase();
    let symbols = line.bytes().any(|b| b.is_ascii_digit() || b == b'*') || line.contains(['★', '½']);
    let worded = ["rating", "grade", "score", "verdict", "star", "scale", "gauge", "out of"].iter().any(|w| lower.contains(w));
    if !symbols && !worded {
        return out;
    }
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:^|[^\w-])(?:(?:my|our|overall|final|the|[\w']+'s?|chad'z|psychosis|alternate|alternative)\s+)?(rating|grade|score|verdict|stars|alternative\s+scale|grade\s+given)(\s*\([^)\n]{1,20}\))?(\s+out\s+of\s+(?:\d+|\*+))?\s*(?::|\.{2,}|=|-{1,2}>?)\s*",
        )
        .expect("static regex")
    });
    for caps in LABEL.captures_iter(line) {
        let whole = caps.get(0).expect("group 0 always matches");
        // "MPAA Rating:" and "Rating: R" are the rating board's, not the critic's.
        let before = &line[..whole.start()];
        if before.to_ascii_lowercase().trim_end().ends_with("mpaa") {
            continue;
        }
        let scale = caps.get(2).map(|m| m.as_str()).or(caps.get(3).map(|m| m.as_str()));
        let value = &line[whole.end()..];
        let value = value.trim();
        let graded = match scale.and_then(scale_of) {
            Some((lo, hi)) => leading_number_or_stars(value).map(|(x, len)| {
                let text = format!("{}{}", &line[whole.start()..whole.end()].trim_start_matches(|c: char| !c.is_alphanumeric()), &value[..len]);
                Rating { text: text.trim().to_owned(), score: linear(x, lo, hi) }
            }),
            None => value_grade(value, key_max, true),
        };
        if let Some(rating) = graded {
            out.push(Candidate { class: Class::Labelled, at: whole.start(), rating });
            return out;
        }
    }
    if !symbols && !lower.contains("star") && !lower.contains("out of") || is_legend_line(line) {
        return out;
    }
    let placed = is_placed(line);
    for (at, rating) in notations(line) {
        let class = if placed { Class::Placed } else { Class::Loose };
        out.push(Candidate { class, at, rating });
    }
    out
}

/// A line where a bare grade is the critic's: short, or a sentence that
/// gives a grade.
fn is_placed(line: &str) -> bool {
    static GIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:i\s+(?:give|rate|award)|give\s+it|rate\s+it|rates|earns|gets|deserves|worth)\b")
            .expect("static regex")
    });
    line.trim().chars().count() <= 70 || GIVE.is_match(line)
}

/// Grades with a printed maximum anywhere in `line`; (offset, rating).
fn notations(line: &str) -> Vec<(usize, Rating)> {
    static FORMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        let x = format!(r"(?:{NUM}|{STARS})");
        let max = format!(r"(?:{NUM}|{STARS})");
        [
            // "3 1/2 stars out of 4", "*** (out of four)", "three stars [***] out of the five",
            // "**** out of *****", "1 star out of 4", "3.5 on 4", "9.5 out of 10".
            format!(
                r"(?i)(?:^|[\s(\[:])(?P<x>{x})(?:\s*(?:stars?|points?))?(?:\s*[\[(][^\])\n]{{0,12}}[\])])?\s*[,(\[]?\s*(?:out\s+of|on|of)\s+(?:a\s+possible\s+|the\s+|a\s+maximum\s+of\s+)?(?P<max>{max})(?:\s*(?:stars?|points?))?\s*[)\]]?"
            ),
            // "7/10", "8 / 10", "6.5/10"; not dates ("3/18/96").
            r"(?:^|[\s(\[:])(?P<x>\d{1,3}(?:\.\d+)?)\s?/\s?(?P<max>4|5|10|20|100)\b(?:[^/\d]|$)".to_owned(),
            // "0 on the [-4,+4] scale", "a -1 on the -4 to +4 scale", "3 on the 0 to 10 scale".
            r"(?i)(?P<x>[-+]?\d{1,2}(?:\.\d)?)\s+on\s+(?:the|a|my)\s+\[?(?P<lo>[-+]?\d{1,2})\s*(?:to|,|\.\.)\s*(?P<hi>[-+]?\d{1,3})\]?\s+scale".to_owned(),
            // "6 (0 to 10)", "-1 (-4 to +4)", "** 1/2 (0 TO ****)".
            format!(r"(?i)(?:^|[\s:])(?P<x>[-+]?\d{{1,2}}(?:\.\d)?|{STARS})\s*\(\s*(?P<lo>[-+]?\d{{1,2}})\s*to\s*(?P<hi>[-+]?\d{{1,3}}|\*+)\s*\)"),
            // "On the Granger Movie Gauge of 1 to 10, ... is a fanciful if uneven 5".
            r"(?i)\b(?:scale|gauge|meter)\s+(?:of|from)\s+(?P<lo>[-+]?\d{1,2})\s*(?:to|-)\s*(?P<hi>[-+]?\d{1,3})\b[^.\d\n]{0,80}?(?P<x>[-+]?\d{1,2}(?:\.\d)?)\b".to_owned(),
        ]
        .iter()
        .map(|r| Regex::new(r).expect("static regex"))
        .collect()
    });
    let mut out = Vec::new();
    for re in FORMS.iter() {
        for caps in re.captures_iter(line) {
            let whole = caps.get(0).expect("group 0 always matches");
            let text = whole.as_str().trim_matches(|c: char| c.is_whitespace() || c == '(' || c == '[' || c == ':');
            let Some(x) = caps.name("x").and_then(|m| number_or_stars(m.as_str())) else { continue };
            let (lo, hi) = if let (Some(lo), Some(hi)) = (caps.name("lo"), caps.name("hi")) {
                match (number_or_stars(lo.as_str()), number_or_stars(hi.as_str())) {
                    (Some(lo), Some(hi)) => (lo, hi),
                    _ => continue,
                }
            } else if let Some(max) = caps.name("max").and_then(|m| number_or_stars(m.as_str())) {
                (0.0, max)
            } else {
                continue;
            };
            if !(hi > lo) || x < lo || x > hi {
                continue;
            }
            // A bare "one of the five" in prose is no grade: "x of y" needs
            // stars (word or symbol), and any plain count a grade-sized maximum.
            let lower = text.to_ascii_lowercase();
            let starred = lower.contains("star") || text.contains(['*', '★']);
            let of_only = !lower.contains("out of") && !lower.contains(" on ") && !lower.contains('/') && !lower.contains("to");
            if (of_only && !starred) || !(starred || matches!(hi as i64, 4 | 5 | 10 | 20 | 100) || lo != 0.0) {
                continue;
            }
            out.push((whole.start(), Rating { text: text.to_owned(), score: linear(x, lo, hi) }));
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out
}

/// The grade a labelled value states: "B+", "7/10", "** 1/2", "***" with a key.
fn value_grade(value: &str, key_max: Option<f64>, labelled: bool) -> Option<Rating> {
    let value = value.trim();
    if let Some((at, r)) = notations(value).into_iter().next() {
        if at <= 3 {
            return Some(r);
        }
    }
    if labelled {
        if let Some(r) = letter(value) {
            return Some(r);
        }
    }
    static STAR_RUN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"^(?P<s>{STARS})(?:\s|$|[.,;)])")).expect("static regex"));
    if let Some(caps) = STAR_RUN.captures(value) {
        let stars = caps.name("s").expect("group s always matches").as_str();
        let x = number_or_stars(stars)?;
        let max = key_max?;
        if x <= max {
            return Some(Rating { text: stars.trim().to_owned(), score: linear(x, 0.0, max) });
        }
    }
    None
}

/// A letter grade at the start of `value`: "B+", "A-", "C".
fn letter(value: &str) -> Option<Rating> {
    static LETTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([A-DF])\s?([+-]|plus|minus)?(?:$|[\s.,;)!(])").expect("static regex"));
    let caps = LETTER.captures(value)?;
    let base = caps.get(1)?.as_str();
    let sign = caps.get(2).map_or("", |m| match m.as_str() {
        "plus" => "+",
        "minus" => "-",
        s => s,
    });
    let text = format!("{base}{sign}");
    let score = letter_score(&text)?;
    Some(Rating { text, score })
}

/// GUIDE.md's letter table.
pub(crate) fn letter_score(grade: &str) -> Option<u8> {
    Some(match grade {
        "A+" | "A" => 100,
        "A-" => 91,
        "B+" => 83,
        "B" => 75,
        "B-" => 67,
        "C+" => 58,
        "C" => 50,
        "C-" => 42,
        "D+" => 33,
        "D" => 25,
        "D-" => 16,
        "F" | "F+" | "F-" => 0,
        _ => return None,
    })
}

/// The number at the start of a labelled value, and how many bytes it takes.
fn leading_number_or_stars(value: &str) -> Option<(f64, usize)> {
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:[-+]?{NUM}|{STARS})")).expect("static regex"));
    let m = LEAD.find(value)?;
    Some((number_or_stars(m.as_str())?, m.end()))
}

/// "(0 TO 10)" or "(0 TO ****)" or "out of 4" in a label: the scale.
fn scale_of(label: &str) -> Option<(f64, f64)> {
    static SCALE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)(?:\(\s*(?P<lo>[-+]?\d+)\s*to\s*(?P<hi>[-+]?\d+|{STARS})\s*\)|out\s+of\s+(?P<max>\d+|\*+))"))
            .expect("static regex")
    });
    let caps = SCALE.captures(label)?;
    if let Some(max) = caps.name("max") {
        return Some((0.0, number_or_stars(max.as_str())?));
    }
    Some((number_or_stars(caps.name("lo")?.as_str())?, number_or_stars(caps.name("hi")?.as_str())?))
}

/// The value of a number, a number word or a run of stars.
pub(crate) fn number_or_stars(s: &str) -> Option<f64> {
    let s = s.trim();
    let stars = s.chars().filter(|c| matches!(c, '*' | '★' | '☆')).count();
    if stars > 0 {
        let rest: String = s.chars().filter(|c| !matches!(c, '*' | '★' | '☆' | ' ')).collect();
        return Some(stars as f64 + fraction(&rest).unwrap_or(0.0));
    }
    let lower = s.to_ascii_lowercase();
    let (sign, body) = match lower.strip_prefix('-') {
        Some(b) => (-1.0, b),
        None => (1.0, lower.strip_prefix('+').unwrap_or(&lower)),
    };
    let body = body.trim();
    // Whole part, then an optional fraction.
    let split = body
        .find(|c: char| c == ' ' || c == '½' || c == '¼' || c == '¾' || c == '-')
        .unwrap_or(body.len());
    let (whole, frac) = body.split_at(split);
    let whole_value = match whole {
        "" => 0.0,
        w if w.contains('/') => fraction(w)?,
        w => word_number(w).or_else(|| w.parse::<f64>().ok())?,
    };
    let frac = frac.trim().trim_start_matches('-').replace("-and-a-half", "and a half");
    let frac_value = if frac.is_empty() { 0.0 } else { fraction(&frac)? };
    Some(sign * (whole_value + frac_value))
}

fn fraction(s: &str) -> Option<f64> {
    Some(match s.trim() {
        "" => 0.0,
        "1/2" | "½" | "and a half" | "and-a-half" | "half" | "+" => 0.5,
        "1/4" | "¼" => 0.25,
        "3/4" | "¾" => 0.75,
        _ => return None,
    })
}

fn word_number(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "half" => 0.5,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        _ => return None,
    })
}

/// 100·(x−lo)/(hi−lo), rounded half up, clamped to 0..=100.
fn linear(x: f64, lo: f64, hi: f64) -> u8 {
    let v = 100.0 * (x - lo) / (hi - lo);
    // The clamp keeps the cast in range.
    (v + 0.5).floor().clamp(0.0, 100.0) as u8
}

/// A line of a rating key ("**** = One of the top films", "| * Awful |").
fn is_legend_line(line: &str) -> bool {
    static KEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^[\s|\\/>-]*(?:{STARS}|\d(?:\.\d)?\s*(?:stars?|bytes?|points?)?|[A-DF][+-]?)\s*(?:=|-{{1,2}}|:)?\s+[A-Za-z]"
        ))
        .expect("static regex")
    });
    static STARRED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"^[\s|\\/>-]*{STARS}\s*(?:=|-{{1,2}}|:)\s*\w")).expect("static regex"));
    STARRED.is_match(line) || (KEY.is_match(line) && line.contains('=') && !line.contains(':'))
}

/// The largest star run in a rating key, when the text prints one: a key
/// states the maximum of a bare star grade elsewhere in the text.
fn legend_max(text: &str) -> Option<f64> {
    static RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"^[\s|\\/>-]*(?:[A-Za-z]+\s*:\s*)?({STARS})")).expect("static regex"));
    let mut lines = 0;
    let mut max: f64 = 0.0;
    for line in text.lines() {
        if !line.contains('*') && !line.contains('★') {
            continue;
        }
        if let Some(caps) = RUN.captures(line) {
            let rest = &line[caps.get(0).map_or(0, |m| m.end())..];
            let described = rest.trim_start_matches([' ', '=', '-', ':', '\t']).starts_with(char::is_alphabetic);
            if described {
                lines += 1;
                let stars = caps[1].chars().filter(|c| matches!(c, '*' | '★')).count() as f64;
                max = max.max(stars);
            }
        }
    }
    (lines >= 3 && max >= 3.0).then_some(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: Option<u8>) {
        let got = find(text).map(|r| r.score);
        assert_eq!(got, expected, "grade of {text:?}: {:?}", find(text));
    }

    #[test]
    fn stars_with_printed_maximum() {
        check("Con Air (R) *** 1/2 (out of ****)\n", Some(88));
        check("Bicentennial Man      * * * (out of * * * * )\n", Some(75));
        check("*** (out of four)\n\nSome prose.", Some(75));
        check("Rating out of 4: **1/2\n", Some(63));
        check("Rating : **** out of *****\n", Some(80));
        check("RATING (0 TO ****):  ** 1/2\n", Some(63));
        check("Cannonball Run II (1984) ***1/2 out of ****\n", Some(88));
        check("★★★½ out of ★★★★\n", Some(88));
    }

    #[test]
    fn counted_stars() {
        check("The Contender (2000)  1 star out of 4. Starring Joan Allen.", Some(25));
        check("Rated R, 2 stars (out of five stars)\n", Some(40));
        check("I give it three stars [***] out of the five.\n", Some(60));
        check("3 1/2 stars out of 4\n", Some(88));
        check("I rate it 3.5 on 4.\n", Some(88));
    }

    #[test]
    fn numeric_scales() {
        check("RATING (0 TO 10): 7.0\nAlternative Scale: *** out of ****\n", Some(70));
        check("RATING:  8 / 10 --> Great movie\n", Some(80));
        check("RATING: 6/10 (++)\n", Some(60));
        check("I give it 9.5 out of 10.\n", Some(95));
        check("Rating: 3 (0 to 10), -1 (-4 to +4)\n", Some(30));
        check("arguments.  Rating: 6 (0 to\n          10), +1 (-4 to +4)\n", Some(60));
        check("It rates a 0 on the [-4,+4] scale.\n", Some(50));
        check("I rate it a +2 on the -4 to +4 scale.\n", Some(75));
        check("On the Granger Movie Gauge of 1 to 10, it is a fanciful if uneven 5, offering moments.\n", Some(44));
        check("On the Renshaw scale of 0 to 10 idyll chatters: 6\n", Some(60));
    }

    #[test]
    fn letter_grades_need_a_label() {
        check("Grade..........................B+\n", Some(83));
        check("GRADE: B\n", Some(75));
        check("Grade: A-\n", Some(91));
        check("Plan B was a good idea.\n", None);
        check("MPAA Rating: R (violence)\n", None);
    }

    #[test]
    fn bare_stars_need_a_key() {
        check("RATING:  **\n", None);
        let keyed = "RATING:  **\n\n \\ ***** Perfection \\\n \\ **** Good film \\\n \\ *** Average \\\n \\ ** Sub-par \\\n \\ * Awful \\\n";
        check(keyed, Some(40));
    }

    #[test]
    fn dates_and_keys_are_not_grades() {
        check("Seen on 3/18/96 at the mall.\n", None);
        check("**** = One of the best\n***  = Excellent\n**   = Average\n*    = Poor\n", None);
        check("Grade: 75\n", None);
    }

    #[test]
    fn archive_header_is_a_fallback() {
        check("Some prose here.\nX-RT-RatingText: 7/10\n", Some(70));
        check("RATING: 6/10\nX-RT-RatingText: 7/10\n", Some(60));
    }
}
