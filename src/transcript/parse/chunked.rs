//! A list kept in fixed-size chunks, so a consumer that walks it once can
//! free it as it goes.
//!
//! The per-line kinds (about 70 bytes a line) are read once, in order, by
//! the builder while it allocates the paragraphs. In one `Vec` they would
//! all live until the last paragraph is built, and peak memory would be
//! the kinds plus the whole model; in chunks, each is freed once built, so
//! the peak is closer to the larger of the two.

use std::ops::{Index, IndexMut};

/// Items per chunk: large enough that the chunk table is negligible, small
/// enough that the last, partly filled chunk is.
const CHUNK: usize = 1 << 14;

pub(super) struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
    /// How many items are expected in all, so a short list allocates no
    /// more than it needs.
    expected: usize,
}

impl<T> Chunked<T> {
    pub fn with_expected(expected: usize) -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
            expected,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn push(&mut self, item: T) {
        if self.chunks.last().is_none_or(|c| c.len() == CHUNK) {
            let room = self.expected.saturating_sub(self.len).clamp(1, CHUNK);
            self.chunks.push(Vec::with_capacity(room));
        }
        if let Some(last) = self.chunks.last_mut() {
            last.push(item);
            self.len += 1;
        }
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }
}

impl<T> Index<usize> for Chunked<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

impl<T> IndexMut<usize> for Chunked<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.chunks[i / CHUNK][i % CHUNK]
    }
}

impl<T> IntoIterator for Chunked<T> {
    type Item = T;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<T>>>;

    /// Each chunk is dropped, and its memory freed, once its last item is
    /// taken.
    fn into_iter(self) -> Self::IntoIter {
        self.chunks.into_iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_and_iterates_across_chunks() {
        let n = CHUNK * 2 + 5;
        let mut c = Chunked::with_expected(3);
        for i in 0..n {
            c.push(i);
        }
        assert_eq!(c.len(), n);
        assert_eq!((c[0], c[CHUNK], c[n - 1]), (0, CHUNK, n - 1));
        assert_eq!(c.get(n), None);
        c[CHUNK + 1] = 7;
        assert_eq!(c.get(CHUNK + 1), Some(&7));
        assert!(
            c.iter()
                .copied()
                .eq((0..n).map(|i| if i == CHUNK + 1 { 7 } else { i }))
        );
        assert_eq!(c.into_iter().count(), n);
    }
}
