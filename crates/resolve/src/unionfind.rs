//! A disjoint-set forest. Hand-written: twenty lines, and the crates that
//! offer one add nothing we need (we need the root chosen
//! deterministically, which `union` does by index).

/// Disjoint sets over `0..n`, with path halving.
#[derive(Debug, Clone)]
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> Self {
        UnionFind { parent: (0..n).collect() }
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the sets of `a` and `b`; returns the new root (the smaller
    /// of the two roots, so the result does not depend on argument order).
    pub(crate) fn union(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.find(a), self.find(b));
        let (root, child) = if ra <= rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        root
    }
}
