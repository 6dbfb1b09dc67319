//! The real app on a `TestBackend`: scripted keys in, screens out.

use std::collections::VecDeque;
use std::io;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::style::{Color, Modifier};
use tread::app::action::Report;
use tread::app::keymap::Keymap;
use tread::app::shell::Persist;
use tread::app::state::State;
use tread::app::status::Message;
use tread::app::{Effect, Startup};
use tread::transcript::{LoadOptions, load};
use tread::tty::run::{EventSource, Exit, Input, Shell, run};
use unicode_width::UnicodeWidthStr;

pub struct Script(VecDeque<Input>);

impl EventSource for Script {
    /// Background work runs to completion before the next scripted input,
    /// so screens are deterministic.
    fn next(&mut self, busy: bool) -> io::Result<Option<Input>> {
        if busy {
            return Ok(Some(Input::Tick));
        }
        Ok(self.0.pop_front())
    }
}

pub fn sample() -> State {
    let doc = load(tread::SAMPLE, &LoadOptions::default()).unwrap();
    State::new(doc, "sample.txt", Keymap::default_keymap())
}

/// The sample with this keymap and start-up (colour, bookmarks, resume).
pub fn sample_with(keymap: Keymap, up: impl FnOnce(&mut Startup)) -> State {
    let doc = load(tread::SAMPLE, &LoadOptions::default()).unwrap();
    started(doc, "sample.txt", keymap, up)
}

/// `doc` opened with this keymap and start-up.
pub fn started(
    doc: tread::transcript::Document,
    name: &str,
    keymap: Keymap,
    up: impl FnOnce(&mut Startup),
) -> State {
    let mut startup = Startup::new(&doc);
    up(&mut startup);
    State::start(doc, name, keymap, startup)
}

pub fn key(code: KeyCode) -> Input {
    Input::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A mouse event at `(column, row)`, no modifiers.
pub fn mouse(kind: MouseEventKind, (column, row): (u16, u16)) -> Input {
    let modifiers = KeyModifiers::NONE;
    Input::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers,
    })
}

/// Each character is one key press; `<esc>`, `<tab>`, `<enter>` name keys.
pub fn keys(script: &str) -> Vec<Input> {
    let mut out = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let named = [
            ("<esc>", KeyCode::Esc),
            ("<tab>", KeyCode::Tab),
            ("<s-tab>", KeyCode::BackTab),
            ("<enter>", KeyCode::Enter),
            ("<bs>", KeyCode::Backspace),
            ("<left>", KeyCode::Left),
            ("<up>", KeyCode::Up),
        ]
        .into_iter()
        .find(|(n, _)| rest.starts_with(n));
        // `<c-o>`: a control key.
        if let Some(c) = rest.strip_prefix("<c-").and_then(|r| r.chars().next())
            && rest[3 + c.len_utf8()..].starts_with('>')
        {
            out.push(Input::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::CONTROL,
            )));
            rest = &rest[4 + c.len_utf8()..];
            continue;
        }
        if let Some((n, code)) = named {
            out.push(key(code));
            rest = &rest[n.len()..];
        } else {
            out.push(key(KeyCode::Char(c)));
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Records every effect (those of a batch one by one, as the run loop
/// performs them); saves bookmarks and codes when given a store.
#[derive(Default)]
pub struct TestShell {
    pub effects: Vec<Effect>,
    pub persist: Option<Persist>,
    pub suspended: usize,
}

impl Shell for TestShell {
    fn suspend(&mut self) -> io::Result<()> {
        self.suspended += 1;
        Ok(())
    }

    fn perform(&mut self, effect: Effect) -> Vec<Report> {
        self.effects.push(effect.clone());
        match effect {
            Effect::Copy(text) => vec![Report::Status(Some(Message::info(format!(
                "copied: {text}"
            ))))],
            effect => self
                .persist
                .as_mut()
                .map_or_else(Vec::new, |p| p.perform(effect)),
        }
    }

    fn unsaved(&self) -> tread::app::unsaved::Pending {
        self.persist
            .as_ref()
            .map(Persist::unsaved)
            .unwrap_or_default()
    }

    fn write_unsaved(&mut self, path: &str) -> Result<String, String> {
        let persist = self.persist.as_mut().ok_or("no store")?;
        persist.write_unsaved(std::path::Path::new(path))
    }

    fn idle(&mut self) -> Vec<Report> {
        self.persist.as_mut().map_or_else(Vec::new, Persist::idle)
    }
}

pub struct Reader {
    pub state: State,
    pub terminal: Terminal<TestBackend>,
    pub shell: TestShell,
}

impl Reader {
    pub fn new(w: u16, h: u16) -> Reader {
        Reader::with_state(sample(), w, h)
    }

    pub fn with_state(state: State, w: u16, h: u16) -> Reader {
        Reader {
            state,
            terminal: Terminal::new(TestBackend::new(w, h)).unwrap(),
            shell: TestShell::default(),
        }
    }

    pub fn input(&mut self, inputs: Vec<Input>) -> Exit {
        let mut script = Script(inputs.into());
        let exit = run(
            &mut self.terminal,
            &mut self.state,
            &mut script,
            &mut self.shell,
        )
        .unwrap();
        // One more frame so the screen shows the effect of the last input.
        // Drawn in full: TestBackend does not model how a terminal blanks
        // the half of a wide character that a later write covers, so an
        // incremental frame can keep stale cells a real terminal would not.
        if exit == Exit::EventsEnded {
            self.terminal.clear().unwrap();
            run(
                &mut self.terminal,
                &mut self.state,
                &mut Script(VecDeque::new()),
                &mut self.shell,
            )
            .unwrap();
        }
        exit
    }

    pub fn keys(&mut self, script: &str) -> Exit {
        self.input(keys(script))
    }

    pub fn buffer(&self) -> &Buffer {
        self.terminal.backend().buffer()
    }

    /// A row as a terminal shows it: the cell after a wide character is
    /// covered by it (TestBackend keeps stale content there).
    pub fn row(&self, y: u16) -> String {
        self.cells(y)
            .map(|x| self.buffer()[(x, y)].symbol())
            .collect()
    }

    /// The x of each visible cell of a row.
    pub fn cells(&self, y: u16) -> impl Iterator<Item = u16> + '_ {
        let b = self.buffer();
        let mut x = 0;
        std::iter::from_fn(move || {
            if x >= b.area.width {
                return None;
            }
            let here = x;
            x += b[(x, y)].symbol().width().max(1) as u16;
            Some(here)
        })
    }

    pub fn screen(&self) -> String {
        (0..self.buffer().area.height)
            .map(|y| self.row(y) + "\n")
            .collect()
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.terminal.backend_mut().resize(w, h);
    }

    /// Text of the cells styled as the current sentence.
    pub fn highlighted(&self) -> String {
        let b = self.buffer();
        let mut s = String::new();
        for y in 0..b.area.height {
            for x in self.cells(y) {
                let c = &b[(x, y)];
                if c.bg == Color::Rgb(58, 58, 90)
                    || c.modifier.contains(Modifier::REVERSED) && y + 1 < b.area.height
                {
                    s.push_str(c.symbol());
                }
            }
        }
        s
    }
}
