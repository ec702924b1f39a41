//! People and musical acts a review names besides the film's credits.

use super::lexicon::is_stop;
use super::names::{People, Run, key, likely_person, name_run, person_shaped};
use super::tokens::{Kind, Toks};

/// Nouns before a name that say it is a person ("critic Don Irvine").
const PERSON_NOUNS: &[&str] = &["actor", "actress", "critic", "singer", "director", "writer",
                                "producer", "novelist", "author", "composer", "star",
                                "comedian", "musician", "rapper", "songwriter", "filmmaker",
                                "cinematographer", "editor", "co-star", "costar", "playwright",
                                "poet", "journalist", "reviewer", "host", "model", "designer",
                                "choreographer", "photographer", "president", "senator"];
/// Nouns before a name that say it is a musical act.
const BAND_NOUNS: &[&str] = &["band", "bands", "duo", "trio", "quartet", "group", "groups"];
/// Nouns before a name that say it is a solo musician.
const MUSICIAN_NOUNS: &[&str] = &["singer", "rapper", "songwriter", "singer-songwriter",
                                  "musician", "guitarist", "crooner", "diva", "pianist",
                                  "drummer", "bassist", "vocalist"];
/// Nouns after a name that say it is a musical act ("a Bryan Adams song").
const MUSIC_AFTER: &[&str] = &["song", "songs", "tune", "tunes", "album", "albums", "single",
                               "record", "records", "ballad", "anthem", "hit", "hits"];

/// What the mention rules must leave out.
pub(crate) struct Known<'a> {
    pub title: &'a str,
    pub critic: Option<&'a str>,
    pub characters: &'a [String],
}

/// The musical acts the text discusses, and which of them are bands (not
/// people).
pub(crate) fn music(t: &Toks, people: &People) -> (Vec<String>, Vec<String>) {
    let mut acts: Vec<(usize, String)> = Vec::new();
    let mut bands: Vec<String> = Vec::new();
    let push = |acts: &mut Vec<(usize, String)>, at: usize, name: String| {
        if !acts.iter().any(|(_, a)| key(a) == key(&name)) {
            acts.push((at, name));
        }
    };
    for k in 0..t.len() {
        // "the Nashville band Bully", "the bands Katie Ellen and Chumped".
        if t.is_any(k, lex!(BAND_NOUNS)) && t.is_lower(k) {
            let mut i = k + 1;
            if t.is_p(i, '"') || t.is_p(i, '“') {
                i += 1;
            }
            while let Some(run) = act_run(t, i) {
                bands.push(run.text());
                push(&mut acts, run.a, run.text());
                i = run.b;
                if t.is_p(i, '"') || t.is_p(i, '”') {
                    i += 1;
                }
                if t.is_p(i, ',') && t.is_w(i + 1, "and") {
                    i += 2;
                } else if t.is_w(i, "and") || t.is_p(i, '&') || (t.is_p(i, ',') && t.is_word(i + 1) && t.toks[i + 1].cap) {
                    i += 1;
                } else {
                    break;
                }
            }
        }
        // "singer Anika Pyle".
        if t.is_any(k, lex!(MUSICIAN_NOUNS)) && t.is_lower(k)
            && let Some(run) = name_run(t, k + 1)
            && let Some(name) = person(people, &run)
        {
            push(&mut acts, run.a, name);
        }
        // "music by the Nashville band Bully, and by Philadelphia’s own Anika Pyle".
        // "the songs are taken from music by X", "the score comes from X".
        let by = (k + 1..t.len().min(k + 5)).take_while(|&j| t.is_lower(j))
            .find(|&j| t.is_any(j, lex!(&["by", "from"])));
        if t.is_any(k, lex!(&["music", "songs", "score", "soundtrack"]))
            && let Some(by) = by
            && !(k + 1..by).any(|j| t.is_any(j, lex!(&["music", "songs", "score", "soundtrack"])))
        {
            let mut i = by + 1;
            loop {
                // "Philadelphia’s own X".
                if let Some(run) = name_run(t, i)
                    && t.kind(run.b) == Kind::Poss
                    && t.is_w(run.b + 1, "own")
                {
                    i = run.b + 2;
                }
                if let Some(run) = name_run(t, i)
                    && let Some(name) = person(people, &run)
                {
                    push(&mut acts, run.a, name);
                    i = run.b;
                } else {
                    // Skip a "the ... band X" the band rule has read.
                    let mut j = i;
                    while j < t.len().min(i + 6) && !t.is_p(j, ',') && !t.is_w(j, "and") {
                        j += 1;
                    }
                    i = j;
                }
                // Skip an aside in parentheses.
                if t.is_p(i, '(')
                    && let Some(q) = (i..t.len().min(i + 20)).find(|&j| t.is_p(j, ')'))
                {
                    i = q + 1;
                }
                if t.is_p(i, ',') {
                    i += 1;
                }
                if t.is_w(i, "and") {
                    i += 1;
                }
                if t.is_any(i, lex!(&["by", "from"])) {
                    i += 1;
                } else {
                    break;
                }
            }
        }
        // "a Bryan Adams song".
        if t.is_any(k, lex!(MUSIC_AFTER)) && t.is_lower(k) && k > 0 && t.is_word(k - 1) && t.toks[k - 1].cap {
            let mut a = k;
            while a > 0 && t.is_word(a - 1) && t.toks[a - 1].cap && !t.toks[a - 1].upper && k - a < 4 {
                a -= 1;
            }
            if a > 0 && t.is_any(a - 1, lex!(&["a", "an", "the"]))
                && let Some(run) = name_run(t, a)
                && run.b == k
                && let Some(name) = person(people, &run)
            {
                push(&mut acts, run.a, name);
            }
        }
    }
    acts.sort_by_key(|(at, _)| *at);
    (acts.into_iter().map(|(_, a)| a).collect(), bands)
}

/// A band's name: capitalised words (one is enough), or the words of a quote.
fn act_run(t: &Toks, k: usize) -> Option<Run> {
    let mut j = k;
    let mut words = Vec::new();
    while t.is_word(j) && t.toks[j].cap && !is_stop(t.s(j)) && words.len() < 5 {
        words.push(t.s(j).to_owned());
        j += 1;
    }
    (!words.is_empty()).then_some(Run { a: k, b: j, words })
}

/// The full name a run names, if it is a person.
fn person(people: &People, run: &Run) -> Option<String> {
    if let Some(f) = people.resolve(&run.words) {
        return Some(f);
    }
    person_shaped(&run.words).then(|| run.text())
}

/// Every person named who is not among the film's credits, in text order;
/// musicians among `music` that are people are included.
pub(crate) fn people_named(t: &Toks, people: &People, known: &Known, music: &[String],
                           bands: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let title = key(known.title);
    let critic = known.critic.map(key);
    let mut k = 0;
    while k < t.len() {
        let Some(run) = name_run(t, k) else {
            k += 1;
            continue;
        };
        k = run.b.max(k + 1);
        if run.a > 0 && t.is_word(run.a - 1) && t.toks[run.a - 1].cap && !is_stop(t.s(run.a - 1)) {
            continue; // Inside a longer capitalised phrase.
        }
        if people.is_credited(&run.words) {
            continue;
        }
        let name = if run.words.len() == 1 {
            match people.resolve(&run.words) {
                Some(f) => f,
                None => continue,
            }
        } else {
            let text = run.text();
            let evidence = likely_person(&run.words)
                || (run.a > 0 && t.is_any(run.a - 1, lex!(PERSON_NOUNS)))
                || music.iter().any(|m| key(m) == key(&text));
            if !evidence || !person_shaped(&run.words) {
                continue;
            }
            // "(and Bryn Mawr native)": a place.
            if t.is_any(run.b, lex!(&["native", "natives", "area", "county", "resident"])) {
                continue;
            }
            text
        };
        let nk = key(&name);
        if nk == title || critic.as_deref() == Some(nk.as_str())
            || known.characters.iter().any(|c| key(c) == nk)
            || bands.iter().any(|b| key(b) == nk)
            || people.is_credited(&name.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        {
            continue;
        }
        if !out.iter().any(|o| key(o) == nk) {
            out.push(name);
        }
    }
    for m in music {
        let words: Vec<String> = m.split_whitespace().map(str::to_owned).collect();
        if person_shaped(&words) && !bands.iter().any(|b| key(b) == key(m))
            && !out.iter().any(|o| key(o) == key(m)) && !people.is_credited(&words)
        {
            out.push(m.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup<'a>(text: &'a str, credited: &[&str]) -> (Toks<'a>, People) {
        let t = Toks::new(text);
        let mut people = People::default();
        for c in credited {
            people.add(c);
        }
        for k in 0..t.len() {
            if let Some(r) = name_run(&t, k)
                && person_shaped(&r.words)
            {
                people.add_seen(&r.text());
            }
        }
        (t, people)
    }

    #[test]
    fn bands_singers_and_songs() {
        let text = "The songs come from the Tulsa band Moth, and from the bands Lena Vale \
                    and Scraped; she hums a Dolly Ward song. Music by the folk band \
                    \"Rovers\" and by Boston's own Nina Pell (of the band Xo), with singer \
                    Tom Hale.";
        let (t, people) = setup(text, &[]);
        let (acts, bands) = music(&t, &people);
        assert_eq!(acts, ["Moth", "Lena Vale", "Scraped", "Dolly Ward", "Rovers", "Nina Pell",
                          "Xo", "Tom Hale"]);
        assert_eq!(bands, ["Moth", "Lena Vale", "Scraped", "Rovers", "Xo"]);
    }

    #[test]
    fn people_besides_credits() {
        let text = "From writer-director (and Bryn Mawr native) Ada Pell comes this. \
                    Pell and Jennifer Hart's character in Georgia recall Bryan Cole, and \
                    critic Don Irvine liked it; Lena Vale plays bass. Becky Moss is the \
                    heroine. Later Cole returns.";
        let (t, people) = setup(text, &["Ada Pell"]);
        let known = Known { title: "Some Film", critic: None, characters: &["Becky Moss".into()] };
        let bands = vec!["Lena Vale".to_owned()];
        let got = people_named(&t, &people, &known, &[], &bands);
        assert_eq!(got, ["Jennifer Hart", "Bryan Cole", "Don Irvine"]);
    }
}
