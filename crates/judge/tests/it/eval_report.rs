//! Issue 13: `eval verdict` prints a table whose columns line up, marks a
//! row below its bar FAIL, and says whether every row passed (the CLI's
//! exit code follows `all_pass`).

use marquee_judge::{EvalReport, EvalRow};

fn row(corpus: &str, protocol: &str, metric: &str, value: f64, bar: Option<f64>) -> EvalRow {
    EvalRow { corpus: corpus.into(), protocol: protocol.into(), n: 1234, metric: metric.into(), value, bar }
}

#[test]
fn columns_line_up_and_a_failing_row_says_fail() {
    let report = EvalReport {
        model: "test".into(),
        rows: vec![
            row("polarity_v2", "10-fold", "accuracy", 0.91, Some(0.90)),
            row("rt_polarity", "a much longer protocol description than the others, trained on every corpus", "accuracy", 0.70, Some(0.78)),
            row("scale_data", "leave one author out", "mae", 14.5, None),
        ],
        reliability: Vec::new(),
        seconds: 3.0,
    };
    assert!(!report.all_pass());
    let text = report.to_string();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(lines.len(), 4, "{text}");
    // Every cell of the metric column starts where its heading does.
    let header = lines[0];
    let metric_col = header.find("metric").unwrap();
    for line in &lines[1..] {
        let cell = &line[metric_col..];
        assert!(cell.starts_with("accuracy") || cell.starts_with("mae"), "misaligned: {line:?}\n{text}");
    }
    assert!(lines[2].trim_end().ends_with("FAIL"), "{text}");
    assert!(lines[1].trim_end().ends_with("ok"), "{text}");
    assert!(!lines[3].contains("FAIL"), "{text}");

    let passing = EvalReport { rows: vec![report.rows[0].clone(), report.rows[2].clone()], ..report };
    assert!(passing.all_pass());
}
