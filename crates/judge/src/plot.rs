//! The reliability plot of an evaluation: each corpus's mean critic grade
//! against the mean calibrated score, by bins of ten score points.
//!
//! Written by hand as SVG: the figure is a square, a diagonal and a few
//! polylines, which a plotting crate would not make shorter.

use std::fmt::Write;

use crate::eval::EvalReport;

const SIZE: f64 = 360.0;
const MARGIN: f64 = 48.0;
const COLOURS: [&str; 4] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

/// An SVG reliability plot of `report`'s curves: perfect calibration lies
/// on the diagonal; each point's area follows its bin's share of documents.
pub fn reliability_svg(report: &EvalReport) -> String {
    let width = SIZE + 2.0 * MARGIN + 150.0;
    let height = SIZE + 2.0 * MARGIN;
    let x = |score: f64| MARGIN + score / 100.0 * SIZE;
    let y = |grade: f64| MARGIN + SIZE - grade / 100.0 * SIZE;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(svg, r#"<text x="{}" y="20" font-size="14">Verdict calibration: {}</text>"#, MARGIN, escape(&report.model));
    for t in (0..=100).step_by(20) {
        let t = f64::from(t);
        let _ = writeln!(
            svg,
            r##"<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#eee"/><line x1="{x0}" y1="{3}" x2="{4}" y2="{3}" stroke="#eee"/>"##,
            x(t),
            y(0.0),
            y(100.0),
            y(t),
            x(100.0),
            x0 = x(0.0),
        );
        let _ = writeln!(svg, r#"<text x="{}" y="{}" text-anchor="middle">{t}</text>"#, x(t), y(0.0) + 16.0);
        let _ = writeln!(svg, r#"<text x="{}" y="{}" text-anchor="end">{t}</text>"#, x(0.0) - 6.0, y(t) + 4.0);
    }
    let _ = writeln!(svg, r#"<rect x="{}" y="{}" width="{SIZE}" height="{SIZE}" fill="none" stroke="black"/>"#, x(0.0), y(100.0));
    let _ = writeln!(
        svg,
        r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888" stroke-dasharray="4 4"/>"##,
        x(0.0),
        y(0.0),
        x(100.0),
        y(100.0)
    );
    let _ = writeln!(svg, r#"<text x="{}" y="{}" text-anchor="middle">calibrated score (mean per bin of 10)</text>"#, x(50.0), height - 8.0);
    let _ = writeln!(
        svg,
        r#"<text transform="translate(14 {}) rotate(-90)" text-anchor="middle">critic's own grade (mean)</text>"#,
        y(50.0)
    );
    for (k, curve) in report.reliability.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let total: usize = curve.bins.iter().map(|b| b.n).sum();
        let points: Vec<String> = curve.bins.iter().map(|b| format!("{:.1},{:.1}", x(b.mean_score), y(b.mean_grade))).collect();
        let _ = writeln!(svg, r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"#, points.join(" "));
        for b in &curve.bins {
            let r = 2.0 + 10.0 * (b.n as f64 / total.max(1) as f64).sqrt();
            let _ = writeln!(
                svg,
                r#"<circle cx="{:.1}" cy="{:.1}" r="{r:.1}" fill="{colour}" fill-opacity="0.5"><title>{}: {} reviews scored {}-{}: mean score {:.1}, mean grade {:.1}</title></circle>"#,
                x(b.mean_score),
                y(b.mean_grade),
                escape(&curve.corpus),
                b.n,
                b.from,
                u32::from(b.from) + 9,
                b.mean_score,
                b.mean_grade
            );
        }
        let ly = MARGIN + 20.0 + 36.0 * k as f64;
        let lx = x(100.0) + 16.0;
        let _ = writeln!(svg, r#"<rect x="{lx}" y="{}" width="12" height="12" fill="{colour}"/>"#, ly - 10.0);
        let _ = writeln!(svg, r#"<text x="{}" y="{ly}">{} (n {total})</text>"#, lx + 18.0, escape(&curve.corpus));
        let _ = writeln!(svg, r#"<text x="{}" y="{}">ECE {:.2} points</text>"#, lx + 18.0, ly + 15.0, curve.ece());
    }
    svg.push_str("</svg>\n");
    svg
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
