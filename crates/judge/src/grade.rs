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
