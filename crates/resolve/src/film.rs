//! Which reviews are of one film.
//!
//! Every review carries evidence ([`FilmEvidence`]): its titles, year,
//! directors, cast and runtime. Resolution is a function of that evidence
//! and the curators' decisions alone, never of the order the reviews came
//! in:
//!
//! 1. **Blocking.** Only reviews that share a title key
//!    ([`TitleVariants::blocks`]) are compared.
//! 2. **Scoring.** Each pair is scored on its evidence: years that differ by
//!    more than one, or director lists that share no one, *conflict*; an
//!    equal year, a shared director or two shared performers *corroborate*.
//! 3. **Union-find with cannot-link.** Curators' "same" decisions join
//!    first. Then pairs join in a fixed order (full title matches with
//!    corroboration, then shortened or respelled titles with corroboration,
//!    strongest evidence first, ties by the reviews' stable identities),
//!    each only if the two groups do not conflict as wholes (their
//!    commonest years, their directors) and no "apart" decision separates
//!    them. Last, reviews that carry no evidence either way join the
//!    largest compatible group of their exact title, as a bare capsule most
//!    likely reviews the film most critics reviewed.
//! 4. **Canonical title.** Each group is titled by its commonest title (ties
//!    by key), and keeps every title it is known by.
//!
//! Same title, different years or directors: different films.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::keys::title_key;
use crate::title::{TitleMatch, TitleVariants};
use crate::unionfind::UnionFind;

/// What one review says about which film it is of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilmEvidence {
    /// The review's identity, independent of when it was stored (the
    /// document's content hash and the review's position): ties are broken
    /// by it, so the result does not depend on the order of ingest.
    pub ident: String,
    /// The title as printed (may be empty: the text gave none).
    pub title: String,
    /// Alternative titles printed beside it, and titles a catalogue knows.
    pub aka: Vec<String>,
    /// The year the review gives.
    pub year: Option<i32>,
    /// Directors' name keys ([`crate::keys::name_key`]), sorted.
    pub directors: Vec<String>,
    /// Performers' name keys, sorted.
    pub cast: Vec<String>,
    /// Running time in minutes.
    pub runtime: Option<u32>,
}

/// A curator's decision about two reviews (indices into the evidence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The two reviews are of one film, whatever the evidence says.
    Same(usize, usize),
    /// The two reviews are of different films.
    Apart(usize, usize),
}

/// One title a film is known by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownTitle {
    /// As printed (the commonest printing of its key).
    pub title: String,
    /// [`title_key`] of it.
    pub key: String,
    /// How many of the film's reviews print it as their title.
    pub reviews: u32,
    /// Printed only as an alternative title.
    pub alternative: bool,
}

/// A film: the reviews of it, and what they agree it is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilmGroup {
    /// Indices into the evidence, in the order of their `ident`.
    pub members: Vec<usize>,
    /// The canonical title (empty when no review gives one).
    pub title: String,
    /// Every title it is known by, commonest first; the canonical first.
    pub titles: Vec<KnownTitle>,
    /// The commonest year its reviews give (ties: the earliest).
    pub year: Option<i32>,
    /// The commonest runtime its reviews give (ties: the shortest).
    pub runtime: Option<u32>,
}

/// Why a pair of reviews was joined, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// Same title and corroborating credits or year.
    FullCorroborated,
    /// A shortened, longer or respelled title with corroboration.
    VariantCorroborated,
}

/// The evidence two reviews share.
#[derive(Debug, Clone, Copy, Default)]
struct PairEvidence {
    conflict: bool,
    year_equal: bool,
    shared_directors: usize,
    shared_cast: usize,
    runtime_close: bool,
}

impl PairEvidence {
    fn of(a: &FilmEvidence, b: &FilmEvidence) -> PairEvidence {
        let mut e = PairEvidence::default();
        if let (Some(x), Some(y)) = (a.year, b.year) {
            e.year_equal = x == y;
            e.conflict |= (x - y).abs() > 1;
        }
        if !a.directors.is_empty() && !b.directors.is_empty() {
            e.shared_directors = shared_people(&a.directors, &b.directors);
            e.conflict |= e.shared_directors == 0;
        }
        e.shared_cast = shared(&a.cast, &b.cast);
        if let (Some(x), Some(y)) = (a.runtime, b.runtime) {
            e.runtime_close = x.abs_diff(y) <= 3;
        }
        e
    }

    /// Whether the evidence says these are one film (beyond the title).
    fn corroborates(&self, how: TitleMatch) -> bool {
        match how {
            TitleMatch::Full | TitleMatch::Part => {
                self.year_equal || self.shared_directors > 0 || self.shared_cast >= 2
            }
            // A respelled title needs credits, or a year and a runtime.
            TitleMatch::Spelling => {
                self.shared_directors > 0 || self.shared_cast >= 2 || (self.year_equal && self.runtime_close)
            }
        }
    }

    fn score(&self) -> u32 {
        4 * u32::from(self.year_equal)
            + 6 * self.shared_directors.min(2) as u32
            + 2 * self.shared_cast.min(4) as u32
            + u32::from(self.runtime_close)
    }
}

/// How many of `a` may be the same person as one of `b`: reviews spell
/// directors loosely ("Jan De Bont" / "Jan DeBont", "Chuck Russell" /
/// "Charles Russell", "Mark Illsley" / "Mark Illsey", "Hicks" / "Scott
/// Hicks"), so a director only conflicts when no spelling could be theirs.
fn shared_people(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.iter().any(|y| same_person(x, y))).count()
}

/// Whether two name keys may be one person's: the same letters, or the
/// same surname (one letter apart in a long one) with the same first
/// initial, or a bare surname.
pub fn same_person(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let squash = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
    if squash(a) == squash(b) {
        return true;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (Some(la), Some(lb)) = (wa.last(), wb.last()) else { return false };
    let surname = la == lb || (la.len() >= 5 && lb.len() >= 5 && within_one_edit(la, lb));
    let initials = match (wa.len(), wb.len()) {
        (1, _) | (_, 1) => true,
        _ => wa[0].chars().next() == wb[0].chars().next(),
    };
    surname && initials
}

/// Whether `a` and `b` differ by at most one inserted, deleted or changed
/// letter.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if prefix == short.len() {
        return true;
    }
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// How many ids two sorted lists share.
fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// What a group as a whole says: enough to tell whether two groups may be
/// one film.
#[derive(Debug, Clone, Default)]
struct GroupSummary {
    size: usize,
    /// The smallest member ident's index (for ties).
    first: usize,
    years: BTreeMap<i32, u32>,
    directors: Vec<String>,
    /// Members that an "apart" decision keeps away from this group.
    apart: Vec<usize>,
}

impl GroupSummary {
    fn year(&self) -> Option<i32> {
        // The commonest year; ties to the earliest (BTreeMap order).
        self.years.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(y, _)| *y)
    }

    fn merge(&mut self, other: GroupSummary, idents: &[&str]) {
        self.size += other.size;
        if idents[other.first] < idents[self.first] {
            self.first = other.first;
        }
        for (year, n) in other.years {
            *self.years.entry(year).or_default() += n;
        }
        self.directors.extend(other.directors);
        self.directors.sort();
        self.directors.dedup();
        self.apart.extend(other.apart);
    }
}

/// The groups and their summaries, merged under the rules.
struct Groups<'a> {
    uf: UnionFind,
    summary: Vec<GroupSummary>,
    idents: Vec<&'a str>,
}

impl Groups<'_> {
    fn compatible(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.uf.find(a), self.uf.find(b));
        if ra == rb {
            return true;
        }
        let (sa, sb) = (&self.summary[ra], &self.summary[rb]);
        if let (Some(x), Some(y)) = (sa.year(), sb.year())
            && (x - y).abs() > 1
        {
            return false;
        }
        if !sa.directors.is_empty() && !sb.directors.is_empty() && shared_people(&sa.directors, &sb.directors) == 0 {
            return false;
        }
        let (apart_a, apart_b) = (sa.apart.clone(), sb.apart.clone());
        !apart_a.iter().any(|&m| self.uf.find(m) == rb) && !apart_b.iter().any(|&m| self.uf.find(m) == ra)
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.uf.find(a), self.uf.find(b));
        if ra == rb {
            return;
        }
        let root = self.uf.union(ra, rb);
        let other = if root == ra { rb } else { ra };
        let moved = std::mem::take(&mut self.summary[other]);
        let idents = std::mem::take(&mut self.idents);
        self.summary[root].merge(moved, &idents);
        self.idents = idents;
    }
}

/// Groups `reviews` into films under the curators' `decisions`. The result
/// depends only on the evidence and the decisions, not on the order of
/// `reviews`: groups come out ordered by their first member's ident.
pub fn resolve_films(reviews: &[FilmEvidence], decisions: &[Decision]) -> Vec<FilmGroup> {
    let n = reviews.len();
    let variants: Vec<TitleVariants> = reviews.iter().map(|r| TitleVariants::new(&r.title, &r.aka)).collect();
    let mut groups = Groups {
        uf: UnionFind::new(n),
        summary: reviews
            .iter()
            .enumerate()
            .map(|(i, r)| GroupSummary {
                size: 1,
                first: i,
                years: r.year.map(|y| (y, 1)).into_iter().collect(),
                directors: r.directors.clone(),
                apart: Vec::new(),
            })
            .collect(),
        idents: reviews.iter().map(|r| r.ident.as_str()).collect(),
    };

    // Curators first: "same" joins whatever the evidence; "apart" is
    // checked on every later join.
    for decision in decisions {
        if let Decision::Apart(a, b) = *decision {
            groups.summary[a].apart.push(b);
            groups.summary[b].apart.push(a);
        }
    }
    let mut same: Vec<(usize, usize)> =
        decisions.iter().filter_map(|d| if let Decision::Same(a, b) = *d { Some((a, b)) } else { None }).collect();
    same.sort_by(|x, y| pair_order(&groups.idents, *x, *y));
    for (a, b) in same {
        groups.union(a, b);
    }

    // Blocks: reviews that share a key. Each block's members in ident
    // order, so that pairs come out in an order of the data alone.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| groups.idents[a].cmp(groups.idents[b]).then(a.cmp(&b)));
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in &order {
        for key in variants[i].blocks() {
            blocks.entry(key).or_default().push(i);
        }
    }

    // Candidate pairs, each once.
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    let mut pairs: Vec<(Tier, u32, usize, usize)> = Vec::new();
    for members in blocks.values() {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let key = if a < b { (a, b) } else { (b, a) };
                if !seen.insert(key) {
                    continue;
                }
                let Some(how) = variants[a].matches(&variants[b]) else { continue };
                let evidence = PairEvidence::of(&reviews[a], &reviews[b]);
                if evidence.conflict || !evidence.corroborates(how) {
                    continue;
                }
                let tier = if how == TitleMatch::Full { Tier::FullCorroborated } else { Tier::VariantCorroborated };
                pairs.push((tier, evidence.score(), a, b));
            }
        }
    }
    pairs.sort_by(|x, y| {
        x.0.cmp(&y.0).then(y.1.cmp(&x.1)).then_with(|| pair_order(&groups.idents, (x.2, x.3), (y.2, y.3)))
    });
    for (_, _, a, b) in pairs {
        if groups.compatible(a, b) {
            groups.union(a, b);
        }
    }

    // Reviews without corroboration: each group joins the largest
    // compatible group of its exact title (ties by first ident).
    let mut exact_blocks: Vec<(&str, &Vec<usize>)> = blocks
        .iter()
        .filter(|(key, members)| key.starts_with("t:") && members.len() > 1)
        .map(|(key, members)| (key.as_str(), members))
        .collect();
    exact_blocks.sort_by(|a, b| a.0.cmp(b.0));
    for (key, members) in exact_blocks {
        let exact = &key[2..];
        let mut roots: Vec<usize> = members
            .iter()
            .filter(|&&m| variants[m].exact == exact)
            .map(|&m| groups.uf.find(m))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if roots.len() < 2 {
            continue;
        }
        // Largest first; among equals, groups with a year or directors
        // before bare ones, so that a bare review joins evidence.
        roots.sort_by(|&a, &b| {
            let (sa, sb) = (&groups.summary[a], &groups.summary[b]);
            let bare = |s: &GroupSummary| s.years.is_empty() && s.directors.is_empty();
            sb.size
                .cmp(&sa.size)
                .then(bare(sa).cmp(&bare(sb)))
                .then_with(|| groups.idents[sa.first].cmp(groups.idents[sb.first]))
        });
        let mut heads: Vec<usize> = Vec::new();
        for root in roots {
            match heads.iter().copied().find(|&h| groups.compatible(h, root)) {
                Some(head) => groups.union(head, root),
                None => heads.push(root),
            }
        }
    }

    // The groups, each in ident order, ordered by their first member.
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for &i in &order {
        by_root.entry(groups.uf.find(i)).or_default().push(i);
    }
    let mut out: Vec<FilmGroup> = by_root.into_values().map(|members| describe(reviews, members)).collect();
    out.sort_by(|a, b| reviews[a.members[0]].ident.cmp(&reviews[b.members[0]].ident));
    out
}

/// Orders two pairs of review indices by their idents.
fn pair_order(idents: &[&str], x: (usize, usize), y: (usize, usize)) -> std::cmp::Ordering {
    let key = |(a, b): (usize, usize)| {
        let (p, q) = (idents[a], idents[b]);
        if p <= q { (p, q) } else { (q, p) }
    };
    key(x).cmp(&key(y))
}

/// A group's canonical title, titles, year and runtime.
fn describe(reviews: &[FilmEvidence], members: Vec<usize>) -> FilmGroup {
    // key -> (reviews printing it as their title, printings and their counts)
    let mut titles: BTreeMap<String, (u32, BTreeMap<String, u32>)> = BTreeMap::new();
    let mut alternatives: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
    let mut years: BTreeMap<i32, u32> = BTreeMap::new();
    let mut runtimes: BTreeMap<u32, u32> = BTreeMap::new();
    for &m in &members {
        let r = &reviews[m];
        let key = title_key(&r.title);
        if !key.is_empty() {
            let entry = titles.entry(key).or_default();
            entry.0 += 1;
            *entry.1.entry(r.title.trim().to_owned()).or_default() += 1;
        }
        for alt in &r.aka {
            let key = title_key(alt);
            if !key.is_empty() {
                *alternatives.entry(key).or_default().entry(alt.trim().to_owned()).or_default() += 1;
            }
        }
        if let Some(y) = r.year {
            *years.entry(y).or_default() += 1;
        }
        if let Some(t) = r.runtime {
            *runtimes.entry(t).or_default() += 1;
        }
    }
    // The commonest printing; ties go to one not in capitals (a heading's
    // "HER SMELL" is the same title as "Her Smell"), then the first.
    let commonest = |printings: &BTreeMap<String, u32>| -> String {
        let capitals = |t: &str| t.chars().any(char::is_lowercase);
        printings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(capitals(a.0).cmp(&capitals(b.0))).then(b.0.cmp(a.0)))
            .map(|(t, _)| t.clone())
            .unwrap_or_default()
    };
    let mut known: Vec<KnownTitle> = titles
        .iter()
        .map(|(key, (n, printings))| KnownTitle {
            title: commonest(printings),
            key: key.clone(),
            reviews: *n,
            alternative: false,
        })
        .collect();
    for (key, printings) in &alternatives {
        if !titles.contains_key(key) {
            known.push(KnownTitle { title: commonest(printings), key: key.clone(), reviews: 0, alternative: true });
        }
    }
    known.sort_by(|a, b| b.reviews.cmp(&a.reviews).then(a.alternative.cmp(&b.alternative)).then(a.key.cmp(&b.key)));
    let title = known.first().filter(|t| !t.alternative).map(|t| t.title.clone()).unwrap_or_default();
    FilmGroup { year: mode(&years), runtime: mode(&runtimes), members, title, titles: known }
}

/// The commonest key of a tally; ties to the smallest.
fn mode<K: Ord + Copy>(tally: &BTreeMap<K, u32>) -> Option<K> {
    tally.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| *k)
}

/// The connected parts of the block graph: reviews in different parts can
/// never be of one film, so each part resolves alone. `keys[i]` are review
/// `i`'s blocking keys; returns each review's part number (the smallest
/// index in its part).
pub fn components(keys: &[Vec<String>]) -> Vec<usize> {
    let mut uf = UnionFind::new(keys.len());
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, ks) in keys.iter().enumerate() {
        for k in ks {
            match first.get(k.as_str()) {
                Some(&j) => {
                    uf.union(i, j);
                }
                None => {
                    first.insert(k, i);
                }
            }
        }
    }
    let mut smallest: HashMap<usize, usize> = HashMap::new();
    let roots: Vec<usize> = (0..keys.len()).map(|i| uf.find(i)).collect();
    for (i, &r) in roots.iter().enumerate() {
        smallest.entry(r).or_insert(i);
    }
    roots.iter().map(|r| smallest[r]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_spellings_of_one_director() {
        assert!(same_person("jan de bont", "jan debont"));
        assert!(same_person("chuck russell", "charles russell"));
        assert!(same_person("mark illsley", "mark illsey"));
        assert!(same_person("hicks", "scott hicks"));
        assert!(!same_person("tony scott", "michael bay"));
        assert!(!same_person("ridley scott", "tony scott"));
        assert!(!same_person("joel coen", "ethan coen"));
        assert!(within_one_edit("charbonic", "charbanic"));
        assert!(!within_one_edit("merchant", "ivory"));
    }
}
