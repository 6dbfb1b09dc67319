//! The jump list (not the search history, which is the finder's): every
//! jump (sections, claims, bookmarks, search, ends) records where the
//! reader was, and `Ctrl-o` / `Ctrl-i` walk back and forth.

/// Positions remembered; the oldest are dropped first.
const MAX_JUMPS: usize = 100;

/// Where the reader has jumped from: sentences, and the place in the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jumps {
    list: Vec<usize>,
    /// `list.len()` when at the newest position.
    index: usize,
}

impl Jumps {
    /// Sentences jumped from, oldest first.
    pub fn list(&self) -> &[usize] {
        &self.list
    }

    /// The document now has `sentences` sentences: places past its end
    /// are its last sentence.
    pub fn clamp(&mut self, sentences: usize) {
        let last = sentences.saturating_sub(1);
        for s in &mut self.list {
            *s = (*s).min(last);
        }
    }

    /// Remember sentence `s` as a place the reader jumped away from.
    pub fn record(&mut self, s: usize) {
        self.list.truncate(self.index);
        if self.list.last() != Some(&s) {
            self.list.push(s);
        }
        if self.list.len() > MAX_JUMPS {
            self.list.remove(0);
        }
        self.index = self.list.len();
    }

    /// `Ctrl-o` from sentence `cursor`: where the last jump came from.
    pub fn back(&mut self, cursor: usize) -> Result<usize, &'static str> {
        if self.index == self.list.len() {
            // Leaving the newest position: keep it so Ctrl-i can return.
            if self.list.last() != Some(&cursor) {
                self.list.push(cursor);
            }
            self.index = self.list.len() - 1;
        }
        if self.index == 0 {
            return Err("at the oldest position");
        }
        self.index -= 1;
        Ok(self.list[self.index])
    }

    /// `Ctrl-i`: forward again.
    pub fn forward(&mut self) -> Result<usize, &'static str> {
        if self.index + 1 >= self.list.len() {
            return Err("at the newest position");
        }
        self.index += 1;
        Ok(self.list[self.index])
    }
}
