//! The library's handler: each action by the mode it comes in (the rows,
//! the filter line, the search line, the results, the help), and what the
//! shell's background work reports. Deterministic: searches are numbered
//! here, and nothing reads the clock.

use super::{Column, LibMsg, Library, Link, Mode, Opening, Order, Results, Shelved};
use crate::app::action::{Action, EditKey, Leave};
use crate::app::line_edit::{Edited, LineEdit};
use crate::app::status::Message;
use crate::shelf::ShelfQuery;

/// Take one message; what the shell is to do, if anything.
pub fn update(lib: &mut Library, msg: impl Into<LibMsg>) -> Option<Order> {
    match msg.into() {
        LibMsg::Height(h) => {
            lib.height = h.max(1);
            None
        }
        LibMsg::Shelved(s) => arrived(lib, s),
        LibMsg::Action(a) => {
            if !matches!(a, Action::Tick | Action::Clock(_) | Action::Noop) {
                lib.status = None;
            }
            act(lib, a)
        }
    }
}

fn act(lib: &mut Library, action: Action) -> Option<Order> {
    match (&lib.mode, action) {
        (_, Action::Quit) => Some(Order::Quit),
        (_, Action::Suspend) => Some(Order::Suspend),
        (Mode::Help { .. }, a) => {
            help(lib, a);
            None
        }
        (Mode::Filter(_), Action::Edit(key)) => {
            filter_key(lib, key);
            None
        }
        (Mode::Query, Action::Edit(key)) => query_key(lib, key),
        (_, Action::Help) => {
            let under = Box::new(std::mem::replace(&mut lib.mode, Mode::Rows));
            lib.mode = Mode::Help { scroll: 0, under };
            None
        }
        (Mode::Results, a) => in_results(lib, a),
        (_, a) => in_rows(lib, a),
    }
}

/// Keys over the rows.
fn in_rows(lib: &mut Library, action: Action) -> Option<Order> {
    let len = lib.shown.order.len();
    let page = lib.height as isize;
    let step = |lib: &mut Library, n: isize| lib.shown.selected.step(n, len);
    match action {
        Action::SelectDown => step(lib, 1),
        Action::SelectUp => step(lib, -1),
        Action::PageDown | Action::HalfPageDown => step(lib, page),
        Action::PageUp | Action::HalfPageUp => step(lib, -page),
        Action::Top => lib.shown.selected.set(0, len),
        Action::Bottom => lib.shown.selected.set(len, len),
        Action::SortBy(column) => {
            let descending = lib.shown.sort == Some((column, false));
            lib.shown.sort = Some((column, descending));
            lib.reorder();
        }
        Action::FilterRows => lib.mode = Mode::Filter(LineEdit::new(lib.shown.filter.clone())),
        Action::Search => lib.mode = Mode::Query,
        Action::CloseOverlay if !lib.shown.filter.is_empty() => {
            lib.shown.filter.clear();
            lib.reorder();
        }
        Action::Activate => return open_row(lib),
        _ => {}
    }
    None
}

fn open_row(lib: &mut Library) -> Option<Order> {
    let row = lib.selected_row()?;
    if let Some(why) = row.problem() {
        let text = format!("{}: {why}", row.shown);
        lib.status = Some(Message::warning(text));
        return None;
    }
    Some(Order::Open(Box::new(Opening {
        path: row.path.clone(),
        at: None,
        link: Link::default(),
    })))
}

/// A key in the filter line: the rows follow each change.
fn filter_key(lib: &mut Library, key: EditKey) {
    let Mode::Filter(line) = &mut lib.mode else {
        return;
    };
    match line.apply(key) {
        Edited::Changed => {
            lib.shown.filter = line.text.clone();
            lib.reorder();
        }
        Edited::Submit => lib.mode = Mode::Rows,
        Edited::Cancel => {
            lib.mode = Mode::Rows;
            lib.shown.filter.clear();
            lib.reorder();
        }
        Edited::Moved | Edited::Other(_) => {}
    }
}

/// A key in the search line: a change searches again (stopping the
/// search before it); `Enter` goes to the results, `Esc` drops them.
fn query_key(lib: &mut Library, key: EditKey) -> Option<Order> {
    match lib.query.line.apply(key) {
        Edited::Changed => Some(search(lib)),
        Edited::Submit => {
            if lib.results.is_some() {
                lib.mode = Mode::Results;
            }
            None
        }
        Edited::Cancel => {
            lib.mode = Mode::Rows;
            lib.results = None;
            lib.query = Default::default();
            Some(Order::StopSearch)
        }
        Edited::Moved | Edited::Other(_) => None,
    }
}

/// Search again for what the line says, or say why it cannot.
fn search(lib: &mut Library) -> Order {
    let text = lib.query.line.text.clone();
    lib.results = None;
    lib.query.parsed = None;
    lib.query.error = None;
    if text.trim().is_empty() {
        return Order::StopSearch;
    }
    let query = match ShelfQuery::parse(&text) {
        Ok(q) => q,
        Err(e) => {
            lib.query.error = Some(e.to_string());
            return Order::StopSearch;
        }
    };
    lib.searches += 1;
    let id = lib.searches;
    // In path order, whatever the rows' sort: hits come as the files do.
    let mut rows: Vec<&super::Row> = lib.rows.iter().collect();
    rows.sort_by(|a, b| a.path.cmp(&b.path));
    let paths = rows
        .into_iter()
        .filter(|r| r.problem().is_none() && query.admits(&r.path, &r.summary))
        .map(|r| r.path.clone())
        .collect();
    lib.query.parsed = Some(query);
    lib.results = Some(Results::new(id));
    Order::Search {
        id,
        query: text,
        paths,
    }
}

/// Keys over the search's results.
fn in_results(lib: &mut Library, action: Action) -> Option<Order> {
    let page = lib.height as isize;
    let results = lib.results.as_mut()?;
    match action {
        Action::SelectDown => results.select(1),
        Action::SelectUp => results.select(-1),
        Action::PageDown | Action::HalfPageDown => results.select(page),
        Action::PageUp | Action::HalfPageUp => results.select(-page),
        Action::Top => results.select_at(0),
        Action::Bottom => results.select_at(usize::MAX),
        Action::Search => lib.mode = Mode::Query,
        Action::CloseOverlay => lib.mode = Mode::Rows,
        Action::Activate => {
            let (file, hit) = results.chosen()?;
            return open_hit(lib, file, hit);
        }
        _ => {}
    }
    None
}

/// Open the reader on hit `hit` of file `file`, with the search's
/// pattern as its own search.
fn open_hit(lib: &mut Library, file: usize, hit: usize) -> Option<Order> {
    let results = lib.results.as_mut()?;
    let found = results.hit(file, hit)?;
    let opening = Opening {
        path: results.files()[file].0.clone(),
        at: Some(found.anchor),
        link: Link {
            search: lib.query.parsed.as_ref().map(pattern),
            onward: true,
        },
    };
    results.open(file, hit);
    Some(Order::Open(Box::new(opening)))
}

/// The part of the query the reader's own search takes.
fn pattern(q: &ShelfQuery) -> String {
    q.pattern().to_string()
}

fn help(lib: &mut Library, action: Action) {
    let Mode::Help { scroll, under } = &mut lib.mode else {
        return;
    };
    match action {
        Action::SelectDown => *scroll += 1,
        Action::SelectUp => *scroll = scroll.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => *scroll += lib.height.max(2) - 1,
        Action::PageUp | Action::HalfPageUp => *scroll = scroll.saturating_sub(lib.height),
        Action::Top => *scroll = 0,
        Action::CloseOverlay | Action::Help => {
            lib.mode = std::mem::replace(under.as_mut(), Mode::Rows);
        }
        _ => {}
    }
}

/// What the background work found, and the reader coming back.
fn arrived(lib: &mut Library, shelved: Shelved) -> Option<Order> {
    match shelved {
        Shelved::Row(row) => {
            match lib.rows.iter_mut().find(|r| r.path == row.path) {
                Some(r) => r.summary = row.summary,
                None => lib.rows.push(*row),
            }
            lib.reorder();
        }
        Shelved::Counts(path, counts) => {
            if let Some(r) = lib.rows.iter_mut().find(|r| r.path == path) {
                r.counts = Some(counts);
                // Only these two columns sort by counts: the rest keep their order.
                if matches!(lib.shown.sort, Some((Column::Bookmarks | Column::Codes, _))) {
                    lib.reorder();
                }
            }
        }
        Shelved::Progress(done, of) => lib.progress = (done, of),
        Shelved::Hits {
            id,
            path,
            kept,
            total,
        } => {
            if let Some(r) = lib.results.as_mut().filter(|r| r.id() == id) {
                r.add(path, kept, total);
            }
        }
        Shelved::Searched(id) => {
            if let Some(r) = lib.results.as_mut().filter(|r| r.id() == id) {
                r.finish();
            }
        }
        Shelved::Status(m) => lib.status = Some(m),
        Shelved::Returned(leave) => return returned(lib, leave),
    }
    None
}

/// The reader closed: back at the library, or on to the next (previous)
/// transcript with hits.
fn returned(lib: &mut Library, leave: Leave) -> Option<Order> {
    let forward = match leave {
        Leave::Library => return None,
        Leave::Next => true,
        Leave::Prev => false,
    };
    let next = lib.results.as_ref().and_then(|r| r.onward(forward));
    let Some((file, hit)) = next else {
        let still = lib.results.as_ref().is_some_and(|r| !r.done());
        let text = match (forward, still) {
            (true, true) => "no further transcript with hits yet: still searching".to_string(),
            (true, false) => "that was the last transcript with hits".to_string(),
            (false, _) => "that was the first transcript with hits".to_string(),
        };
        lib.status = Some(Message::info(text));
        return None;
    };
    open_hit(lib, file, hit)
}
