//! Which bylines are one critic.
//!
//! A critic signs in many ways: "Dale L. Skran", "Dale L. Skran, Jr.",
//! "Dale Skran". Each distinct byline (by [`crate::keys::name_key`]) is a
//! [`CriticEvidence`] with the e-mail addresses and outlets its reviews
//! print. Two bylines are one critic when
//!
//! - they are the same name once suffixes ("Jr.", "III", "Ph.D.") and
//!   honorifics are dropped; or
//! - their names are compatible — the same surname, first names equal or
//!   one the initial of the other, middle names likewise or absent — and
//!   either they share an e-mail address or an outlet, or the shorter name
//!   is compatible with no other critic of that surname; or
//! - they share an e-mail address, the same surname, and one first name
//!   starts the other ("Ed" and "Edward").
//!
//! Two people who share a surname stay apart: "Mark Leeper" and "Evelyn
//! Leeper" are incompatible, even with one address. Groups are joined
//! with union-find, never joining two groups that hold incompatible names,
//! and curators' decisions ([`CriticDecision`]) come first.

use std::collections::{BTreeMap, HashMap};

use crate::keys::fold_words;
use crate::unionfind::UnionFind;

/// One byline and what its reviews print beside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CriticEvidence {
    /// The byline's [`crate::keys::name_key`]: its identity.
    pub key: String,
    /// The byline as printed (its commonest printing).
    pub name: String,
    /// How many reviews carry it.
    pub reviews: u32,
    /// E-mail addresses in its reviews' sign-offs, lower case, sorted.
    pub emails: Vec<String>,
    /// Outlets named with it, as name keys, sorted.
    pub publications: Vec<String>,
}

/// A curator's decision about two bylines (indices into the evidence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriticDecision {
    /// One critic.
    Same(usize, usize),
    /// Two critics.
    Apart(usize, usize),
}

/// A critic: the bylines that are theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriticGroup {
    /// Indices into the evidence, by key.
    pub members: Vec<usize>,
    /// The index of the byline the critic is known by: the one on most
    /// reviews (ties: the fuller name, then the key).
    pub canonical: usize,
}

/// Words dropped from names: generational suffixes, degrees, honorifics.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "dr", "mr", "mrs", "ms", "prof"];

/// A name as comparable parts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Name {
    first: String,
    middle: Vec<String>,
    last: String,
}

impl Name {
    fn parse(name: &str) -> Option<Name> {
        let words: Vec<String> = fold_words(name).into_iter().filter(|w| !SUFFIXES.contains(&w.as_str())).collect();
        match words.as_slice() {
            [] | [_] => None,
            [first, middle @ .., last] => {
                Some(Name { first: first.clone(), middle: middle.to_vec(), last: last.clone() })
            }
        }
    }

    fn words(&self) -> usize {
        2 + self.middle.len()
    }
}

/// Whether two given names can be one: equal, or one an initial of the
/// other.
fn given_compatible(a: &str, b: &str) -> bool {
    a == b || (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b))
}

/// Whether two names can be one person's.
fn compatible(a: &Name, b: &Name) -> bool {
    a.last == b.last
        && given_compatible(&a.first, &b.first)
        && (a.middle.is_empty()
            || b.middle.is_empty()
            || (a.middle.len() == b.middle.len()
                && a.middle.iter().zip(&b.middle).all(|(x, y)| given_compatible(x, y))))
}

/// Whether one first name may be a short form of the other ("Ed",
/// "Edward"): only with a shared address.
fn nickname(a: &Name, b: &Name) -> bool {
    a.last == b.last
        && a.first.len() >= 2
        && b.first.len() >= 2
        && (a.first.starts_with(&b.first) || b.first.starts_with(&a.first))
}

fn shares(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.binary_search(x).is_ok())
}

/// Groups bylines into critics under the curators' decisions. Depends only
/// on the evidence: groups come out in the order of their first key.
pub fn resolve_critics(bylines: &[CriticEvidence], decisions: &[CriticDecision]) -> Vec<CriticGroup> {
    let n = bylines.len();
    let names: Vec<Option<Name>> = bylines.iter().map(|b| Name::parse(&b.name)).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| bylines[a].key.cmp(&bylines[b].key));
    let mut uf = UnionFind::new(n);
    let mut apart: Vec<(usize, usize)> = Vec::new();
    for d in decisions {
        match *d {
            CriticDecision::Same(a, b) => {
                uf.union(a, b);
            }
            CriticDecision::Apart(a, b) => apart.push((a, b)),
        }
    }

    // Block by surname; within a block, pairs in key order.
    let mut by_last: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        if let Some(name) = &names[i] {
            by_last.entry(name.last.as_str()).or_default().push(i);
        }
    }
    let mut pairs: Vec<(u8, usize, usize)> = Vec::new();
    for members in by_last.values() {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let (na, nb) = (names[a].as_ref(), names[b].as_ref());
                let (Some(na), Some(nb)) = (na, nb) else { continue };
                let evidence = shares(&bylines[a].emails, &bylines[b].emails)
                    || shares(&bylines[a].publications, &bylines[b].publications);
                let strength = if na == nb {
                    Some(0)
                } else if compatible(na, nb) {
                    let (short, long) = if na.words() <= nb.words() { (na, nb) } else { (nb, na) };
                    // Unambiguous: every other name of this surname that
                    // the shorter one could be is compatible with the longer.
                    let unambiguous = members.iter().all(|&c| {
                        names[c].as_ref().is_none_or(|nc| !compatible(short, nc) || compatible(long, nc))
                    });
                    (evidence || unambiguous).then_some(1)
                } else if shares(&bylines[a].emails, &bylines[b].emails) && nickname(na, nb) {
                    Some(2)
                } else {
                    None
                };
                if let Some(s) = strength {
                    pairs.push((s, a, b));
                }
            }
        }
    }
    pairs.sort_by(|x, y| x.0.cmp(&y.0).then_with(|| (&bylines[x.1].key, &bylines[x.2].key).cmp(&(&bylines[y.1].key, &bylines[y.2].key))));

    // Members of each group, to check that a join keeps names compatible.
    let mut members: HashMap<usize, Vec<usize>> = (0..n).map(|i| (i, vec![i])).collect();
    for i in 0..n {
        let r = uf.find(i);
        if r != i {
            let moved = members.remove(&i).unwrap_or_default();
            members.entry(r).or_default().extend(moved);
        }
    }
    for (_, a, b) in pairs {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb {
            continue;
        }
        let (ma, mb) = (&members[&ra], &members[&rb]);
        let fits = ma.iter().all(|&x| {
            mb.iter().all(|&y| {
                let kept_apart = apart.iter().any(|&(p, q)| (p == x && q == y) || (p == y && q == x));
                let names_fit = match (&names[x], &names[y]) {
                    (Some(nx), Some(ny)) => {
                        compatible(nx, ny) || (nickname(nx, ny) && shares(&bylines[x].emails, &bylines[y].emails))
                    }
                    _ => false,
                };
                !kept_apart && names_fit
            })
        });
        if fits {
            let root = uf.union(ra, rb);
            let other = if root == ra { rb } else { ra };
            let moved = members.remove(&other).unwrap_or_default();
            members.entry(root).or_default().extend(moved);
        }
    }

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        groups.entry(uf.find(i)).or_default().push(i);
    }
    let mut out: Vec<CriticGroup> = groups
        .into_values()
        .map(|members| {
            let canonical = *members
                .iter()
                .max_by(|&&a, &&b| {
                    let words = |i: usize| names[i].as_ref().map_or(0, Name::words);
                    bylines[a]
                        .reviews
                        .cmp(&bylines[b].reviews)
                        .then(words(a).cmp(&words(b)))
                        .then(bylines[b].key.cmp(&bylines[a].key))
                })
                .unwrap_or(&members[0]);
            CriticGroup { members, canonical }
        })
        .collect();
    out.sort_by(|a, b| bylines[a.members[0]].key.cmp(&bylines[b.members[0]].key));
    out
}

/// The e-mail addresses a review's text prints, lower case, in order of
/// appearance, without repeats: `name@host.domain`, as Usenet sign-offs
/// and bylines print them (also `<name@host>` and `(name@host)`).
pub fn emails(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let bytes = text.as_bytes();
    let is_local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+' | b'%');
    let is_host = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    for (at, _) in text.match_indices('@') {
        let start = (0..at).rev().take_while(|&i| is_local(bytes[i])).last().unwrap_or(at);
        let end = (at + 1..bytes.len()).take_while(|&i| is_host(bytes[i])).last().map_or(at + 1, |i| i + 1);
        let local = text[start..at].trim_matches('.');
        let host = text[at + 1..end].trim_end_matches(['.', '-']);
        if local.is_empty() || !host.contains('.') || host.starts_with('.') {
            continue;
        }
        let address = format!("{local}@{host}").to_ascii_lowercase();
        if !out.contains(&address) {
            out.push(address);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn byline(name: &str, reviews: u32, emails: &[&str], publications: &[&str]) -> CriticEvidence {
        CriticEvidence {
            key: crate::keys::name_key(name),
            name: name.into(),
            reviews,
            emails: emails.iter().map(|s| s.to_string()).collect(),
            publications: publications.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn groups(bylines: &[CriticEvidence]) -> Vec<Vec<&str>> {
        resolve_critics(bylines, &[])
            .into_iter()
            .map(|g| g.members.iter().map(|&i| bylines[i].name.as_str()).collect())
            .collect()
    }

    #[test]
    fn suffixes_and_initials_join() {
        let b = [byline("Lena R. Marsh", 9, &[], &[]), byline("Lena R. Marsh, Jr.", 2, &[], &[]), byline("Lena Marsh", 1, &[], &[])];
        assert_eq!(groups(&b), vec![vec!["Lena Marsh", "Lena R. Marsh", "Lena R. Marsh, Jr."]]);
        assert_eq!(resolve_critics(&b, &[])[0].canonical, 0);
    }

    #[test]
    fn namesakes_stay_apart() {
        let b = [
            byline("Owen Falk", 9, &["falk@example.org"], &[]),
            byline("Ruth Falk", 4, &["falk@example.org"], &[]),
            byline("O. Falk", 1, &[], &[]),
            byline("R. Falk", 1, &[], &[]),
            byline("Falk", 1, &[], &[]),
        ];
        assert_eq!(
            groups(&b),
            vec![vec!["Falk"], vec!["O. Falk", "Owen Falk"], vec!["R. Falk", "Ruth Falk"]]
        );
    }

    #[test]
    fn an_initial_matching_two_people_needs_evidence() {
        let b = [byline("Tom Rudd", 5, &[], &[]), byline("Tess Rudd", 5, &[], &["harbor post"]), byline("T. Rudd", 1, &[], &["harbor post"])];
        assert_eq!(groups(&b), vec![vec!["T. Rudd", "Tess Rudd"], vec!["Tom Rudd"]]);
        let b = [byline("Tom Rudd", 5, &[], &[]), byline("Tess Rudd", 5, &[], &[]), byline("T. Rudd", 1, &[], &[])];
        assert_eq!(groups(&b).len(), 3);
    }

    #[test]
    fn a_nickname_joins_on_a_shared_address() {
        let b = [byline("Edmund Vale", 5, &["vale@example.net"], &[]), byline("Ed Vale", 2, &["vale@example.net"], &[])];
        assert_eq!(groups(&b).len(), 1);
        let b = [byline("Edmund Vale", 5, &[], &[]), byline("Ed Vale", 2, &[], &[])];
        assert_eq!(groups(&b).len(), 2);
    }

    #[test]
    fn decisions_win() {
        let b = [byline("Owen Falk", 9, &[], &[]), byline("O. Falk", 1, &[], &[])];
        assert_eq!(resolve_critics(&b, &[CriticDecision::Apart(0, 1)]).len(), 2);
        let b = [byline("Owen Falk", 9, &[], &[]), byline("Bea Ring", 1, &[], &[])];
        assert_eq!(resolve_critics(&b, &[CriticDecision::Same(0, 1)]).len(), 1);
    }

    #[test]
    fn addresses_in_sign_offs() {
        assert_eq!(
            emails("-- \nOwen Falk <Owen.Falk@Example.ORG>\n(also falk@news.example.net.) x@y"),
            vec!["owen.falk@example.org", "falk@news.example.net"]
        );
        for text in ["a lone @", "@", "x@ y", "x@", "@@", "é@é"] {
            assert!(emails(text).is_empty(), "{text:?}");
        }
    }
}
