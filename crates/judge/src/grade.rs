//! Finding a printed grade that states its maximum ("*** out of ****",
//! "7/10", "3.5 stars (out of 4)", "Grade: B+"), to label raw training
//! reviews. This is a training aid, not the extractor's grade reader: it only
//! needs to be right when it answers, and it answers for fewer layouts.

use regex::Regex;

/// A grade found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundGrade {
    /// The grade's place on its scale, 0..=1.
    pub fraction: f32,
    /// Its byte range in the text.
    pub span: std::ops::Range<usize>,
}

/// Compiled patterns.
pub struct GradeFinder {
    scale: Regex,
    letter: Regex,
}

impl GradeFinder {
    /// Compiles the patterns.
    pub fn new() -> Self {
        // The patterns are literals checked by the tests, so they compile.
        let scale = Regex::new(
            r"(?i)(?:^|[^\d/.*])((\d{1,2}(?:\.\d)?)|(\*{1,5}))\s*(1/2|½)?\s*(?:stars?\s*)?\(?\s*(?:out of|/|of)\s*(?:(\d{1,3})|(\*{1,5}))(?:[^\d/*]|$)",
        )
        .expect("valid grade pattern");
        let letter = Regex::new(r"(?:(?i)grade|rating)\s*:\s*([A-DF][+-]?)(?:[^\w+-]|$)").expect("valid letter pattern");
        GradeFinder { scale, letter }
    }

    /// The first grade with an explicit maximum, else the first labelled
    /// letter grade.
    pub fn find(&self, text: &str) -> Option<FoundGrade> {
        for caps in self.scale.captures_iter(text) {
            let value: f32 = match (caps.get(2), caps.get(3)) {
                (Some(n), _) => n.as_str().parse().ok()?,
                (None, Some(stars)) => stars.as_str().len() as f32,
                _ => continue,
            };
            let half = if caps.get(4).is_some() { 0.5 } else { 0.0 };
            let max: f32 = match (caps.get(5), caps.get(6)) {
                (Some(n), _) => n.as_str().parse().ok()?,
                (None, Some(stars)) => stars.as_str().len() as f32,
                _ => continue,
            };
            if ![4.0, 5.0, 10.0, 100.0].contains(&max) || value + half > max {
                continue;
            }
            let whole = caps.get(0)?;
            let start = caps.get(1)?.start();
            return Some(FoundGrade { fraction: (value + half) / max, span: start..whole.end() });
        }
        let caps = self.letter.captures(text)?;
        let grade = caps.get(1)?;
        let fraction = match grade.as_str() {
            "A+" | "A" => 1.0,
            "A-" => 0.91,
            "B+" => 0.83,
            "B" => 0.75,
            "B-" => 0.67,
            "C+" => 0.58,
            "C" => 0.5,
            "C-" => 0.42,
            "D+" => 0.33,
            "D" => 0.25,
            "D-" => 0.16,
            _ => 0.0,
        };
        Some(FoundGrade { fraction, span: grade.range() })
    }
}

impl Default for GradeFinder {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: Option<(f32, &str)>) {
        let found = GradeFinder::new().find(text);
        let got = found.as_ref().map(|g| (g.fraction, &text[g.span.clone()]));
        match (got, expected) {
            (Some((f, span)), Some((ef, espan))) => {
                assert!((f - ef).abs() < 1e-3, "{text:?}: {f} != {ef}");
                assert_eq!(span.trim(), espan, "{text:?}");
            }
            (got, expected) => assert_eq!(got.map(|g| g.0), expected.map(|e| e.0), "{text:?}"),
        }
    }

    #[test]
    fn grades_with_a_maximum_are_found() {
        check("RATING: *** out of ****. A fine film.", Some((0.75, "*** out of ****.")));
        check("I give it **1/2 (out of ****)", Some((0.625, "**1/2 (out of ****)")));
        check("Score: 7/10", Some((0.7, "7/10")));
        check("3.5 stars out of 5", Some((0.7, "3.5 stars out of 5")));
        check("Grade: B+", Some((0.83, "B+")));
    }

    #[test]
    fn dates_halves_and_unbounded_numbers_are_not_grades() {
        check("Seen on 10/12/97 at the Bijou.", None);
        check("It runs 1/2 hour too long.", None);
        check("Only 12 of 30 jokes land.", None);
        check("Rating: a waste of time", None);
    }
}
