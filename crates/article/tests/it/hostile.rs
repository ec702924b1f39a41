//! Hostile input: nothing panics or overflows the stack, within the limits
//! the crate documents.

use marquee_article::extract_page;
use proptest::prelude::*;

/// Runs `f` on a thread with a small stack (256 KB, well under the 2 MB of
/// test threads and the 8 MB of a main thread), so that recursion on the
/// tree would show.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(256 * 1024).spawn(f).unwrap().join().unwrap();
}

#[test]
fn deep_nesting() {
    on_small_stack(|| {
        let depth = 50_000;
        let html = format!("<html><body>{}<p>deep text</p>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
        let _ = extract_page(&html, None);
        let unclosed = format!("<html><body>{}", "<span><b><i>".repeat(depth));
        let _ = extract_page(&unclosed, None);
    });
}

#[test]
fn endless_attributes_binary_and_zero_bytes() {
    on_small_stack(|| {
        let attributes: String = (0..20_000).map(|i| format!(" data-a{i}=\"{i}\"")).collect();
        let _ = extract_page(&format!("<html><body><div{attributes}><p>text</p></div></body></html>"), None);
        let binary: String = (0..100_000u32).map(|i| char::from_u32(i % 0xD7FF).unwrap_or('\0')).collect();
        let _ = extract_page(&binary, None);
        let _ = extract_page(&"\0".repeat(100_000), None);
        let _ = extract_page("<script type=\"application/ld+json\">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", None);
        let nested_json = format!("<script type=\"application/ld+json\">{}{}</script>", "{\"a\":".repeat(10_000), "1");
        let _ = extract_page(&nested_json, None);
    });
}

#[test]
fn huge_page_is_cut_at_the_limit() {
    let paragraph = "<p>A paragraph of ordinary review prose, long enough to count as content.</p>";
    let html = paragraph.repeat(marquee_article::MAX_HTML_BYTES / paragraph.len() + 1000);
    assert!(html.len() > marquee_article::MAX_HTML_BYTES);
    let started = std::time::Instant::now();
    let _ = extract_page(&html, None);
    eprintln!("{} MB page in {:?}", html.len() / 1_000_000, started.elapsed());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Arbitrary tag soup never panics.
    #[test]
    fn tag_soup_never_panics(parts in proptest::collection::vec(prop_oneof![
        Just("<div>".to_owned()), Just("</div>".to_owned()), Just("<p>".to_owned()), Just("<a href=x>".to_owned()),
        Just("</a>".to_owned()), Just("<table><tr><td>".to_owned()), Just("<script type=\"application/ld+json\">{\"@type\":\"Review\",".to_owned()),
        Just("</script>".to_owned()), Just("<meta property=og:title content=".to_owned()), Just("<!--".to_owned()),
        "[a-zA-Z ,.]{0,80}", "\\PC{0,20}",
    ], 0..60)) {
        let html = parts.concat();
        let page = extract_page(&html, None);
        if let Some(body) = page.article.body {
            prop_assert!(!body.trim().is_empty());
        }
    }
}

/// r12 (row 9): one tag with 300,000 attributes (a 4.9 MB page; html5ever
/// checks each attribute against every earlier one, which ran for more
/// than 300 s) is refused with a clear error by `try_extract_page`, and
/// `extract_page` reads the page without that tag.
#[test]
fn r12_a_tag_with_300k_attributes_is_refused() {
    let attributes: String = (0..300_000).map(|i| format!(" data-x{i}=\"{}\"", i % 10)).collect();
    let prose = "<p>A paragraph of ordinary review prose, long enough to count as the article's content.</p>";
    let html = format!("<html><body><div{attributes}>{}</div></body></html>", prose.repeat(5));
    assert!(html.len() > 4_500_000);
    let err = marquee_article::try_extract_page(&html, None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hostile or broken markup: a tag with 300000 attributes, over the limit of 512"
    );
    let page = extract_page(&html, None);
    assert!(page.article.body.unwrap_or_default().contains("ordinary review prose"));
    // A tag at the limit is read as it is.
    let attributes: String = (0..marquee_article::MAX_ATTRIBUTES).map(|i| format!(" data-x{i}")).collect();
    let html = format!("<html><body><div{attributes}>{}</div></body></html>", prose.repeat(5));
    assert!(marquee_article::try_extract_page(&html, None).is_ok());
}

/// r12: tags that never end (`<a x='1' ` again and again with no `>`
/// outside a quote) are scanned once, not once per `<`.
#[test]
fn r12_unterminated_tags_do_not_rescan_the_page() {
    let html = format!("<html><body><p>text</p>{}x='>'", "<a x='1' ".repeat(200_000));
    let _ = extract_page(&html, None);
    let html = format!("<html><body>{}", "<a \"".repeat(300_000));
    let _ = extract_page(&html, None);
}
