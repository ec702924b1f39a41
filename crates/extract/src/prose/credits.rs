//! Credits that prose states: performers and the characters they play, and
//! "writer-director", "directed by", "who also produced" and the like.

use marquee_model::{CastMember, Film};

use super::lexicon::{CREW_WORDS, ROLE_NOUNS, is_stop};
use super::names::{People, Run, key, likely_person, name_run, person_shaped, run_before};
use super::tokens::{Kind, Toks};

/// Which credit list a role phrase fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Director,
    Writer,
    Producer,
}

/// Adds to `film` the credits the prose states.
pub(crate) fn credits(t: &Toks, people: &mut People, film: &mut Film) {
    parentheses(t, people, film);
    played_by(t, people, film);
    star_lists(t, people, film);
    as_character(t, people, film);
    roles(t, people, film);
}

/// Adds a performer, or the character of one already credited. A performer
/// credited with a different character gets a second entry (one actor, two
/// parts), unless the two characters share a word (the same part named twice).
pub(crate) fn add_cast(film: &mut Film, name: &str, character: Option<String>) {
    #[cfg(test)]
    if std::env::var_os("PROSE_TRACE").is_some() {
        eprintln!("add_cast {name} {character:?} {}", std::backtrace::Backtrace::force_capture()
            .to_string().lines().filter(|l| l.contains("credits::")).nth(1).unwrap_or(""));
    }
    let k = key(name);
    let same: Vec<usize> =
        (0..film.cast.len()).filter(|&i| key(&film.cast[i].name) == k).collect();
    if same.is_empty() {
        film.cast.push(CastMember { name: name.to_owned(), character });
        return;
    }
    let Some(ch) = character else { return };
    if let Some(&i) = same.iter().find(|&&i| film.cast[i].character.is_none()) {
        film.cast[i].character = Some(ch);
        return;
    }
    let words: Vec<String> = ch.split_whitespace().map(key).collect();
    let overlaps = same.iter().any(|&i| {
        film.cast[i].character.as_deref().is_some_and(|c| {
            c.split_whitespace().map(key).any(|w| words.contains(&w))
        })
    });
    if !overlaps {
        film.cast.push(CastMember { name: name.to_owned(), character: Some(ch) });
    }
}

fn add_role(film: &mut Film, role: Role, name: &str) {
    let list = match role {
        Role::Director => &mut film.directors,
        Role::Writer => &mut film.writers,
        Role::Producer => &mut film.producers,
    };
    if !list.iter().any(|n| key(n) == key(name)) {
        list.push(name.to_owned());
    }
}

/// The full name a run stands for: a resolved credit or earlier mention, or
/// the run itself when it is shaped like a full name.
fn full_name(people: &People, run: &Run) -> Option<String> {
    if let Some(f) = people.resolve(&run.words) {
        return Some(f);
    }
    person_shaped(&run.words).then(|| run.text())
}

/// The character a capitalised run names, or `None` for a generic role noun.
fn character_of(run: &Run) -> Option<String> {
    if run.words.len() == 1 && ROLE_NOUNS.contains(&run.words[0].to_lowercase().as_str()) {
        return None;
    }
    Some(run.text())
}

/// "Becky (Elisabeth Moss, who also produced)", "her two bandmates (Agyness
/// Deyn, Gayle Rankin)", "Emma (played by Stowe)", "Desi (Desdemona; Julia
/// Stiles)".
fn parentheses(t: &Toks, people: &mut People, film: &mut Film) {
    for k in 0..t.len() {
        if !t.is_p(k, '(') {
            continue;
        }
        let Some(q) = (k + 1..t.len().min(k + 40))
            .take_while(|&j| t.kind(j) != Kind::Break && !t.is_p(j, '('))
            .find(|&j| t.is_p(j, ')'))
        else {
            continue;
        };
        let mut i = k + 1;
        if let Some(s) = (i..q).rev().find(|&j| t.is_p(j, ';')) {
            i = s + 1;
        }
        let mut explicit = false;
        if t.is_w(i, "also") {
            i += 1;
        }
        if t.is_any(i, lex!(&["played", "voiced", "portrayed"])) && t.is_w(i + 1, "by") {
            i += 2;
            explicit = true;
        } else if t.is_w(i, "including") {
            i += 1;
        }
        // "Elizabeth Hurley (who portrays the demon)": the performer is outside.
        if t.is_w(i, "who") && (i + 1..(i + 3).min(q)).any(|j| t.is_any(j, lex!(PLAY_WORDS))) {
            if let Some(run) = run_before(t, k)
                && let Some(name) = full_name(people, &run)
            {
                people.add(&name);
                add_cast(film, &name, None);
            }
            continue;
        }
        let Some((names, clause)) = name_list(t, people, i, q) else { continue };
        if names.is_empty() {
            continue;
        }
        // What the parenthesis follows decides the character.
        let mut character = None;
        if k > 0 && t.is_word(k - 1) && t.toks[k - 1].cap {
            let Some(run) = run_before(t, k) else { continue };
            if run.words.iter().all(|w| w.chars().all(|c| !c.is_lowercase())) {
                continue; // An ALL-CAPS title, not a character.
            }
            if people.is_credited(&run.words) {
                continue; // "Jeremy Davies (The Locusts)": a performer and a film.
            }
            let after_place = run.a > 0 && t.is_any(run.a - 1, lex!(&["from", "in", "at"]));
            if names.len() > 1 {
                continue; // "the Steves (A, B and C)": a group, not a part.
            }
            if !after_place {
                character = character_of(&run);
            }
        } else if k > 0 && t.is_lower(k - 1) {
            if t.is_any(k - 1, lex!(CREW_WORDS)) {
                continue;
            }
        } else if !explicit {
            continue;
        }
        for name in &names {
            people.add(name);
            add_cast(film, name, character.clone());
        }
        if let Some((a, b)) = clause {
            for role in clause_roles(t, a, b) {
                for name in &names {
                    add_role(film, role, name);
                }
            }
        }
    }
}

/// Parses "A, B and C" between tokens `i` and `q`; each name must be a full
/// name or resolve to one. A trailing ", who ..." clause is returned as a
/// token range. `None` when anything else is in the way.
fn name_list(t: &Toks, people: &People, mut i: usize, q: usize)
    -> Option<(Vec<String>, Option<(usize, usize)>)>
{
    let mut names = Vec::new();
    loop {
        let run = name_run(t, i)?;
        if run.b > q {
            return None;
        }
        names.push(full_name(people, &run)?);
        i = run.b;
        if i == q {
            return Some((names, None));
        }
        if t.is_p(i, ',') && t.is_w(i + 1, "and") {
            i += 2;
        } else if t.is_p(i, ',') && t.is_lower(i + 1) {
            return Some((names, Some((i + 1, q))));
        } else if t.is_p(i, ',') || t.is_w(i, "and") || t.is_p(i, '&') {
            i += 1;
        } else if t.is_w(i, "etc") {
            return Some((names, None));
        } else {
            return None;
        }
    }
}

/// The roles a clause like "who also produced and has starred in" gives.
fn clause_roles(t: &Toks, a: usize, b: usize) -> Vec<Role> {
    let mut roles = Vec::new();
    for k in a..b {
        if k > a && t.is_any(k - 1, lex!(&["executive", "co"])) {
            continue;
        }
        if t.is_any(k, lex!(&["produced", "produces"])) {
            roles.push(Role::Producer);
        } else if t.is_any(k, lex!(&["wrote", "writes", "co-wrote", "scripted"])) {
            roles.push(Role::Writer);
        } else if t.is_any(k, lex!(&["directed", "directs"])) {
            roles.push(Role::Director);
        }
    }
    roles
}

/// "Victor Frankenstein, played by Raul Julia"; "The bad guy, played by
/// Bruce Payne" credits the performer without a character.
fn played_by(t: &Toks, people: &mut People, film: &mut Film) {
    for k in 1..t.len() {
        if !(t.is_any(k, lex!(&["played", "portrayed", "voiced"])) && t.is_w(k + 1, "by")) {
            continue;
        }
        if t.is_p(k - 1, '(') || (t.is_w(k - 1, "also") && k > 1 && t.is_p(k - 2, '(')) {
            continue; // The parenthesis rule reads these.
        }
        let Some(run) = name_run(t, k + 2) else { continue };
        let Some(name) = full_name(people, &run) else { continue };
        let end = if t.is_p(k - 1, ',') { k - 1 } else { k };
        let character = if end > 0 && t.is_word(end - 1) && t.toks[end - 1].cap {
            run_before(t, end).and_then(|r| {
                (!people.is_credited(&r.words)).then(|| character_of(&r)).flatten()
            })
        } else {
            None
        };
        people.add(&name);
        add_cast(film, &name, character);
    }
}

/// "starring A, B and C", "the cast includes A and B", "cameos from A, B".
fn star_lists(t: &Toks, people: &mut People, film: &mut Film) {
    for k in 0..t.len() {
        let start = if t.is_any(k, lex!(&["starring", "co-starring", "featuring", "stars",
                                     "co-stars", "features"])) {
            k + 1
        } else if t.is_any(k, lex!(&["include", "includes"])) && k > 0
            && t.is_any(k - 1, lex!(&["cast", "members", "cameos", "players", "ensemble"]))
        {
            k + 1
        } else if t.is_w(k, "cast") && (t.is_p(k + 1, '-') || t.is_p(k + 1, ':')) {
            let mut j = k + 1;
            while t.is_p(j, '-') || t.is_p(j, ':') {
                j += 1;
            }
            j
        } else if t.is_any(k, lex!(&["cameos", "appearances"])) && t.is_w(k + 1, "from") {
            k + 2
        } else {
            continue;
        };
        if t.toks[k].line_start && !t.soft_wrap(k) || (k > 0 && t.is_any(k - 1, lex!(&["not", "never"]))) {
            continue; // A credit block's own line, or "a movie not starring X".
        }
        let mut i = start;
        let mut found = Vec::new();
        while let Some(run) = name_run(t, i) {
            let Some(name) = full_name(people, &run) else { break };
            found.push(name);
            i = run.b;
            // Skip a parenthesis right after the name ("(Anne Heche)", "("Film")").
            if t.is_p(i, '(')
                && let Some(q) = (i + 1..t.len().min(i + 20)).find(|&j| t.is_p(j, ')'))
            {
                i = q + 1;
            }
            if t.is_p(i, ',') && t.is_w(i + 1, "and") {
                i += 2;
            } else if t.is_p(i, ',') || t.is_w(i, "and") || t.is_p(i, '&') {
                i += 1;
            } else {
                break;
            }
        }
        for name in found {
            people.add(&name);
            add_cast(film, &name, None);
        }
    }
}

/// Words that mean the performer plays the part that follows.
const PLAY_WORDS: &[&str] = &["as", "plays", "play", "played", "playing", "portrays",
                              "portray", "portrayed", "portraying"];
/// Words before "as" that make it no casting ("such as", "known as").
const NOT_CASTING: &[&str] = &["such", "known", "well", "same", "just", "so", "far", "long",
                               "soon", "much", "twice", "half", "regarded", "seen", "referred",
                               "described", "thought", "think", "remember", "remembered",
                               "treated", "serves", "served", "doubles", "doubled", "works",
                               "worked", "acts", "acted", "credited", "listed", "identified",
                               "rated", "good", "bad", "funny", "great", "old", "young",
                               "awarded", "chosen", "named", "voted", "hailed", "praised",
                               "dismissed", "labeled", "labelled", "billed", "sold", "marketed",
                               "released", "began", "started"];

/// "Jim Carrey as Truman", "Matt Dillon plays a private eye", "Stanley Tucci
/// seems to be having the time of his life playing his faithful servant Puck",
/// "Woodward stars in the role of Amanda".
fn as_character(t: &Toks, people: &mut People, film: &mut Film) {
    let mut k = 0;
    while k < t.len() {
        let Some(run) = name_run(t, k) else {
            k += 1;
            continue;
        };
        k = run.b.max(k + 1);
        let after_possessive = run.a > 1 && t.kind(run.a - 1) == Kind::Poss
            && !t.is_any(run.a - 2, lex!(&["there", "here", "it", "that", "what", "who", "he", "she",
                                      "let", "where"]));
        if after_possessive
            || (run.a > 0 && t.is_word(run.a - 1) && t.toks[run.a - 1].cap && !is_stop(t.s(run.a - 1)))
        {
            continue;
        }
        let credited = people.is_credited(&run.words);
        if run.words.len() == 1 && !credited {
            continue; // A surname stands for a performer only once credited.
        }
        let Some(name) = full_name(people, &run) else { continue };
        let Some((trigger, after)) = find_trigger(t, run.b) else { continue };
        if t.is_w(trigger, "as")
            && (t.is_any(trigger - 1, lex!(NOT_CASTING))
                || t.is_any(trigger - 1, lex!(&["is", "was", "are", "were", "be", "being", "not"]))
                || t.is_w(trigger + 2, "as") || t.is_w(trigger + 3, "as"))
        {
            continue; // "such as", "is as subtle as".
        }
        if t.is_any(trigger, lex!(&["played", "portrayed"])) && t.is_w(trigger + 1, "by") {
            continue;
        }
        // Determiners and a few lower-case words ("the assassin", "a dark and sexy").
        let mut j = after;
        let determiner = t.is_any(j, lex!(&["the", "a", "an", "his", "her", "their", "its"]));
        if determiner {
            j += 1;
        }
        let mut lowers = 0;
        let mut crew = false;
        while t.is_lower(j) && lowers < 4 && determiner {
            if t.is_any(j, lex!(CREW_WORDS)) || t.is_any(j, lex!(&["actor", "actress", "performer"])) {
                crew = true;
            }
            lowers += 1;
            j += 1;
        }
        if crew {
            continue;
        }
        let character = if t.is_word(j) && t.toks[j].cap && !t.toks[j].upper {
            let Some(mut ch) = name_run(t, j).or_else(|| title_run(t, j)) else { continue };
            // "as Internal Affairs officer Lorna Cole": the name after the job.
            if t.is_lower(ch.b)
                && let Some(next) = name_run(t, ch.b + 1)
            {
                ch = next;
            }
            if t.kind(ch.b) == Kind::Poss || people.is_credited(&ch.words) {
                None
            } else if t.is_w(ch.b, "in") && t.is_word(ch.b + 1) && t.toks[ch.b + 1].upper {
                continue; // A part in another film, named in capitals.
            } else {
                character_of(&ch)
            }
        } else if t.is_word(j) && t.toks[j].upper {
            continue;
        } else {
            None
        };
        // Without a credit or a named part, only a given name and a described
        // part ("Barry Pepper as the sniper") make a performer.
        // The described part must end there ("as the sniper, with ...").
        // A verb of playing is evidence enough ("Rhys Calloway plays the boy
        // king as a sulking teenager"); a bare "as" needs the part to end.
        let part_ends = t.kind(j) == Kind::Punct || t.is_any(j, lex!(&["and", "who", "with", "but"]))
            || !t.is_w(trigger, "as") && trigger == run.b && t.is_word(j);
        let verb = !t.is_w(trigger, "as") && trigger == run.b;
        let person = likely_person(&run.words) || verb && person_shaped(&run.words);
        if !credited && character.is_none()
            && !(person && determiner && lowers > 0 && part_ends)
        {
            continue;
        }
        if character.is_none() && !determiner && t.is_lower(j) {
            continue; // "X as he attempts": no part at all.
        }
        let in_cast = film.cast.iter().any(|c| key(&c.name) == key(&name));
        if character.is_none() && credited && !in_cast && !(determiner && lowers > 0) {
            continue; // A writer or director, not a part.
        }
        people.add(&name);
        add_cast(film, &name, character);
    }
}

/// "Dr." or "Capt." followed by a name: a titled character.
fn title_run(t: &Toks, j: usize) -> Option<Run> {
    if t.is_p(j + 1, '.') {
        let rest = name_run(t, j + 2)?;
        let mut words = vec![format!("{}.", t.s(j))];
        words.extend(rest.words);
        return Some(Run { a: j, b: rest.b, words });
    }
    None
}

/// Finds a play word after a performer's name, across at most a short gap of
/// lower-case words or a comma-fenced aside; returns it and the token after
/// it ("role of" and "portrayal of" count too).
fn find_trigger(t: &Toks, from: usize) -> Option<(usize, usize)> {
    let mut j = from;
    let mut gap = 0;
    let mut commas = 0;
    // An aside right after the name: "Jeremy Davies (The Locusts) as ...".
    if t.is_p(j, '(')
        && let Some(q) = (j + 1..t.len().min(j + 12)).find(|&q| t.is_p(q, ')'))
    {
        j = q + 1;
    }
    while j < t.len() && gap <= 9 {
        if t.is_any(j, lex!(PLAY_WORDS)) {
            return Some((j, j + 1));
        }
        let det = |i: usize| t.is_any(i, lex!(&["the", "a", "an", "his", "her", "their"]));
        if t.is_any(j, lex!(&["role", "portrayal", "part"])) && t.is_w(j + 1, "of") && j > 1
            && (det(j - 1) || (det(j - 2) && t.is_lower(j - 1))
                || (j > 2 && det(j - 3) && t.is_lower(j - 2) && t.is_lower(j - 1)))
        {
            return Some((j, j + 2));
        }
        if t.is_lower(j) && !t.is_any(j, lex!(&["and", "but", "by", "than", "that", "with"])) {
            gap += 1;
        } else if t.is_p(j, ',') && commas < 2 {
            commas += 1;
            gap += 1;
        } else {
            return None;
        }
        j += 1;
    }
    None
}

/// A name printed in capitals after a role word ("producer DEAN DEVLIN"),
/// in title case.
fn caps_name(t: &Toks, i: usize) -> Option<Run> {
    let mut j = i;
    let mut words = Vec::new();
    while t.is_word(j) && t.toks[j].upper && words.len() < 3 {
        let s = t.s(j);
        let mut w: String = s[..1].to_owned();
        w.push_str(&s[1..].to_lowercase());
        words.push(w);
        j += 1;
    }
    (words.len() >= 2).then_some(Run { a: i, b: j, words })
}

/// The role a phrase like "writer-director" or "screenwriter" names.
fn role_words(t: &Toks, k: usize) -> Option<(Vec<Role>, usize)> {
    let w = t.s(k).to_lowercase();
    let two = |a: &str, b: &str| t.is_w(k + 1, a) && t.is_w(k + 2, b);
    let r = match w.as_str() {
        "writer-director" | "writer-director-producer" | "writer/director" => {
            (vec![Role::Writer, Role::Director], k + 1)
        }
        "writer" if t.is_p(k + 1, '/') && t.is_w(k + 2, "director") => {
            (vec![Role::Writer, Role::Director], k + 3)
        }
        "writer" if two("and", "director") => (vec![Role::Writer, Role::Director], k + 3),
        "written" if two("and", "directed") && t.is_w(k + 3, "by") => {
            (vec![Role::Writer, Role::Director], k + 4)
        }
        "directed" if t.is_w(k + 1, "by") => (vec![Role::Director], k + 2),
        "director" if !t.is_w(k + 1, "of") => (vec![Role::Director], k + 1),
        "written" | "screenplay" | "script" | "scripted" if t.is_w(k + 1, "by") => {
            (vec![Role::Writer], k + 2)
        }
        "screenwriter" | "co-writer" | "scriptwriter" | "co-screenwriter" => {
            (vec![Role::Writer], k + 1)
        }
        "produced" if t.is_w(k + 1, "by") => (vec![Role::Producer], k + 2),
        "producer" => (vec![Role::Producer], k + 1),
        _ => return None,
    };
    Some(r)
}

/// Words before a role word that make it some other job, or another film's.
const NOT_ROLE: &[&str] = &["executive", "co", "associate", "line", "fellow", "art", "casting",
                            "assistant", "music", "musical", "second-unit", "photography",
                            "animation", "dance", "stunt", "unit", "former", "another", "other",
                            "novel", "book", "play", "story", "article", "song", "songs",
                            "lyrics", "music", "former", "famous", "legendary", "great",
                            "veteran", "bigtime", "big-time", "hollywood", "his", "her"];

/// "writer-director Alex Ross Perry", "written and directed by Rod Lurie",
/// "director Walter Hill", "produced by Jerry Bruckheimer".
fn roles(t: &Toks, people: &mut People, film: &mut Film) {
    for k in 0..t.len() {
        if !t.is_word(k) {
            continue;
        }
        let Some((roles, mut i)) = role_words(t, k) else { continue };
        if k > 0 && (t.is_any(k - 1, lex!(NOT_ROLE)) || t.kind(k - 1) == Kind::Poss) {
            continue;
        }
        if k > 1 && t.is_p(k - 1, '-') && t.is_any(k - 2, lex!(NOT_ROLE)) {
            continue;
        }
        // Skip an aside: "writer-director (and Bryn Mawr native) Alex Ross Perry".
        if t.is_p(i, '(')
            && let Some(q) = (i + 1..t.len().min(i + 15)).find(|&j| t.is_p(j, ')'))
        {
            i = q + 1;
        }
        if t.is_p(i, ',') || t.is_p(i, ':') {
            i += 1;
        }
        let Some(run) = name_run(t, i).or_else(|| caps_name(t, i)) else { continue };
        // "director Jerry Renfro (Robert Downey Jr.)": a character.
        if t.is_p(run.b, '(') {
            continue;
        }
        // "director Phil Karlson's next film": another film of theirs.
        if t.kind(run.b) == Kind::Poss
            && t.is_any(run.b + 1, lex!(&["next", "previous", "last", "earlier", "other", "latest",
                                     "new", "first", "debut", "classic", "recent", "own"]))
        {
            continue;
        }
        let Some(name) = full_name(people, &run) else { continue };
        if is_stop(&run.words[0]) {
            continue;
        }
        people.add(&name);
        for role in roles {
            add_role(film, role, &name);
        }
    }
    // "Elisabeth Moss, who also produced", outside parentheses.
    for k in 0..t.len() {
        if !(t.is_p(k, ',') && t.is_w(k + 1, "who")) || k == 0 {
            continue;
        }
        let j = if t.is_w(k + 2, "also") { k + 3 } else { continue };
        let Some(run) = run_before(t, k) else { continue };
        let Some(name) = people.resolve(&run.words) else { continue };
        let in_cast = film.cast.iter().any(|c| key(&c.name) == key(&name));
        if !in_cast {
            continue;
        }
        for role in clause_roles(t, j, (j + 1).min(t.len())) {
            add_role(film, role, &name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the credit rules on `text` over a film with the given block cast.
    fn check(text: &str, block_cast: &[&str]) -> Film {
        let mut film = Film::titled("Some Film");
        film.cast = block_cast.iter()
            .map(|n| CastMember { name: (*n).to_owned(), character: None })
            .collect();
        let t = Toks::new(text);
        let mut people = People::default();
        for c in block_cast {
            people.add(c);
        }
        for k in 0..t.len() {
            if let Some(r) = name_run(&t, k)
                && person_shaped(&r.words)
            {
                people.add_seen(&r.text());
            }
        }
        credits(&t, &mut people, &mut film);
        film
    }

    fn cast(film: &Film) -> Vec<(String, Option<String>)> {
        film.cast.iter().map(|c| (c.name.clone(), c.character.clone())).collect()
    }

    fn pair(n: &str, c: Option<&str>) -> (String, Option<String>) {
        (n.to_owned(), c.map(str::to_owned))
    }

    #[test]
    fn character_before_parenthesis() {
        let f = check("Later we meet Marguerite (Holly Brandt, who also produced it) at home.", &[]);
        assert_eq!(cast(&f), [pair("Holly Brandt", Some("Marguerite"))]);
        assert_eq!(f.producers, ["Holly Brandt"]);
        let f = check("His rival Dr. Oswin Clay (Tobias Ferne) waits.", &["Tobias Ferne"]);
        assert_eq!(cast(&f), [pair("Tobias Ferne", Some("Dr. Oswin Clay"))]);
    }

    #[test]
    fn unnamed_roles_in_parentheses() {
        let f = check("She snaps at her two sisters (Ona Reyes, Petra Lind) and her uncle \
                       (Walt Dorsey).", &["Walt Dorsey"]);
        assert_eq!(cast(&f), [pair("Walt Dorsey", None), pair("Ona Reyes", None),
                              pair("Petra Lind", None)]);
    }

    #[test]
    fn parentheses_that_are_not_cast() {
        let f = check("The editor (Mara Quill) cut it. A native of Ohio (Cleveland) too. \
                       Her turn (and Bryn Mawr native) is fine (see Dark Harbor).", &[]);
        assert!(f.cast.is_empty(), "{:?}", f.cast);
    }

    #[test]
    fn surname_in_parentheses_resolves() {
        let f = check("Nora Vance is good. The sheriff's wife Ada (Vance) is better.",
                      &["Nora Vance"]);
        assert_eq!(cast(&f), [pair("Nora Vance", Some("Ada"))]);
    }

    #[test]
    fn played_by_both_ways() {
        let f = check("His grandson Taro (played by Ken Ito) loves Mira, played by Lia Dunn. \
                       The crooked cop, played by Sal Greco, is a bore.", &[]);
        assert_eq!(cast(&f), [pair("Ken Ito", Some("Taro")), pair("Lia Dunn", Some("Mira")),
                              pair("Sal Greco", None)]);
    }

    #[test]
    fn one_actor_two_parts() {
        let f = check("Jon (Reed Hale) meets his twin Jim (also played by Reed Hale).", &[]);
        assert_eq!(cast(&f), [pair("Reed Hale", Some("Jon")), pair("Reed Hale", Some("Jim"))]);
    }

    #[test]
    fn as_and_plays() {
        let f = check("The film casts Oren Platt as Buchanan, a chemist. Dana Wilde plays a \
                       private eye. Lou Carver is more relaxed as Carol. Ike Moss as the \
                       assassin Renard is fine. Tess Hart stars in the role of Amanda.", &[]);
        assert_eq!(cast(&f), [pair("Oren Platt", Some("Buchanan")), pair("Dana Wilde", None),
                              pair("Lou Carver", Some("Carol")), pair("Ike Moss", Some("Renard")),
                              pair("Tess Hart", Some("Amanda"))]);
    }

    #[test]
    fn as_that_is_not_casting() {
        let f = check("I remembered Cal Burke as a director of thrillers. Stars such as \
                       Bo Diddley. Jo Kemp as the boss of the studio. Fay Orr plays in \
                       GRAND HOTEL as Lucy.", &[]);
        assert!(f.cast.is_empty(), "{:?}", f.cast);
    }

    #[test]
    fn possessive_target_is_no_character() {
        let f = check("Jamie Kell is solid as Bowfinger's assistant.", &["Jamie Kell"]);
        assert_eq!(cast(&f), [pair("Jamie Kell", None)]);
    }

    #[test]
    fn star_lists_in_prose() {
        let f = check("It actually features Ann Bell, Rory Pike (\"Some Show\") and Tim Sayer. \
                       Other notable cast members include Uma Thorn, and Vic Lane.", &[]);
        let names: Vec<_> = f.cast.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Ann Bell", "Rory Pike", "Tim Sayer", "Uma Thorn", "Vic Lane"]);
    }

    #[test]
    fn roles_from_prose() {
        let f = check("It comes from writer-director (and Ohio native) Ada Ross Pell. \
                       Pell keeps it tight.", &[]);
        assert_eq!(f.writers, ["Ada Ross Pell"]);
        assert_eq!(f.directors, ["Ada Ross Pell"]);
        let f = check("Written and directed by Rod Lark, it stars nobody. Produced by Jay Bloom.",
                      &[]);
        assert_eq!(f.writers, ["Rod Lark"]);
        assert_eq!(f.directors, ["Rod Lark"]);
        assert_eq!(f.producers, ["Jay Bloom"]);
        let f = check("That's what director Walt Hill did; fellow director Frank Cole helped. \
                       An executive producer Sam Wick paid. Director Wes Cray's next film.", &[]);
        assert_eq!(f.directors, ["Walt Hill"]);
        assert!(f.producers.is_empty());
    }

    #[test]
    fn who_also_produced_outside_parentheses() {
        let f = check("Kate Capley, who also produced, plays Helen.", &["Kate Capley"]);
        assert_eq!(f.producers, ["Kate Capley"]);
        assert_eq!(cast(&f), [pair("Kate Capley", Some("Helen"))]);
    }
}
