//! How many cells each speaker's stretch of a section's stacked bar takes:
//! the shares of `width` by largest remainder, so the stretches fill the
//! bar exactly and no speaker with words is drawn as nothing when a cell
//! is to spare.

use crate::transcript::stats::analytics::Part;

/// Each part's speaker and cells, in the parts' order, summing to `width`
/// when any part has words (else nothing).
pub fn segments(parts: &[Part], width: usize) -> Vec<(usize, usize)> {
    let total: usize = parts.iter().map(|p| p.words).sum();
    if total == 0 || width == 0 {
        return Vec::new();
    }
    let exact: Vec<f64> = (parts.iter())
        .map(|p| p.words as f64 * width as f64 / total as f64)
        .collect();
    let mut cells: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut left = width - cells.iter().sum::<usize>();
    // Speakers with words but no cell first, then by the largest remainder.
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        let empty = |i: usize| cells[i] == 0 && parts[i].words > 0;
        (empty(b), exact[b] - exact[b].floor())
            .partial_cmp(&(empty(a), exact[a] - exact[a].floor()))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for i in order {
        if left == 0 {
            break;
        }
        cells[i] += 1;
        left -= 1;
    }
    (parts.iter().zip(cells))
        .filter(|(_, c)| *c > 0)
        .map(|(p, c)| (p.speaker, c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(speaker: usize, words: usize) -> Part {
        Part {
            speaker,
            words,
            ..Part::default()
        }
    }

    #[test]
    fn stretches_fill_the_bar_by_largest_remainder() {
        let parts = [part(0, 1), part(1, 1), part(2, 1)];
        assert_eq!(segments(&parts, 10), [(0, 4), (1, 3), (2, 3)]);
        assert_eq!(segments(&[part(0, 3), part(1, 1)], 8), [(0, 6), (1, 2)]);
    }

    #[test]
    fn a_speaker_with_words_gets_a_cell_when_one_is_to_spare() {
        let parts = [part(0, 1000), part(1, 1)];
        assert_eq!(segments(&parts, 10), [(0, 9), (1, 1)]);
        assert!(segments(&[part(0, 0)], 10).is_empty());
        assert!(segments(&parts, 0).is_empty());
    }
}
