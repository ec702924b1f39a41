//! The sample reviews bundled with marquee (`samples/` at the repository
//! root, written for this project), compiled into the binary so that
//! `marquee demo` works from anywhere.

/// File name and content of each bundled sample.
pub const SAMPLES: &[(&str, &str)] = &[
    ("lantern-keeper-inquirer.txt", include_str!("../../../samples/lantern-keeper-inquirer.txt")),
    ("lantern-keeper-berardinelli.txt", include_str!("../../../samples/lantern-keeper-berardinelli.txt")),
    ("lantern-keeper-capsule.txt", include_str!("../../../samples/lantern-keeper-capsule.txt")),
    ("salt-and-iron-schwartz.txt", include_str!("../../../samples/salt-and-iron-schwartz.txt")),
    ("salt-and-iron-ebert.txt", include_str!("../../../samples/salt-and-iron-ebert.txt")),
    ("weekend-capsules.txt", include_str!("../../../samples/weekend-capsules.txt")),
    ("quiet-harbor-variety.txt", include_str!("../../../samples/quiet-harbor-variety.txt")),
    ("quiet-harbor-page.html", include_str!("../../../samples/quiet-harbor-page.html")),
    ("leeper-midnight-aurora.txt", include_str!("../../../samples/leeper-midnight-aurora.txt")),
    ("midnight-aurora-tribune.txt", include_str!("../../../samples/midnight-aurora-tribune.txt")),
    ("last-tram-capsule.txt", include_str!("../../../samples/last-tram-capsule.txt")),
];

/// Writes the samples into `dir` (so that they are read like any other
/// folder) and returns the folder's path as an input.
pub fn write_to(dir: &std::path::Path) -> std::io::Result<String> {
    std::fs::create_dir_all(dir)?;
    for (name, content) in SAMPLES {
        std::fs::write(dir.join(name), content)?;
    }
    Ok(dir.display().to_string())
}
