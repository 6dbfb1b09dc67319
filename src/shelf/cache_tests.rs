//! The cache: a warm hit reads nothing, a changed file is read again, a
//! corrupt or unwritable cache is no cache.

use super::*;
use std::fs::File;
use std::time::Duration;

const ONE: &str = "ANNA: Hello there, and welcome.\nBEN: Thanks, Anna.\n";
const TWO: &str = "CARL: Hello there, and welcome.\nDON: Thanks, Carl.\n";

fn options() -> LoadOptions {
    LoadOptions::default()
}

/// Write `text` at `path`, dated `ago` in the past.
fn write_aged(path: &Path, text: &str, ago: Duration) {
    fs::write(path, text).unwrap();
    let file = File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - ago).unwrap();
}

const OLD: Duration = Duration::from_secs(3600);

#[test]
fn a_warm_hit_comes_from_the_stamp_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (file, cache_file) = (dir.path().join("a.txt"), dir.path().join("c/shelf.json"));
    write_aged(&file, ONE, OLD);
    let cold = Cache::open(&cache_file);
    let meta = fs::metadata(&file).unwrap();
    assert_eq!(cold.lookup(&file, &meta, &options()), None);
    let first = cold.summary(&file, &options());
    assert_eq!(first.speakers, ["ANNA", "BEN"]);
    cold.save().unwrap();
    let warm = Cache::open(&cache_file);
    assert_eq!(warm.lookup(&file, &meta, &options()), Some(first.clone()));
    // Unreadable now, yet served: the stamp is all a hit looks at.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let before = fs::metadata(&file).unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
        let after = fs::metadata(&file).unwrap();
        // chmod changes the change time, so this is a miss by design.
        assert_ne!(
            stamp_of(&before, String::new(), 0),
            stamp_of(&after, String::new(), 0)
        );
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    }
}

#[test]
fn a_changed_file_is_read_again_even_with_the_same_size_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    let cache = Cache::open(&dir.path().join("shelf.json"));
    write_aged(&file, ONE, OLD);
    assert_eq!(cache.summary(&file, &options()).speakers, ["ANNA", "BEN"]);
    // Same length; the time set back to the very same instant.
    let mtime = fs::metadata(&file).unwrap().modified().unwrap();
    fs::write(&file, TWO).unwrap();
    File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(TWO.len(), ONE.len());
    assert_eq!(cache.summary(&file, &options()).speakers, ["CARL", "DON"]);
}

#[test]
fn a_recently_modified_file_is_never_trusted_by_its_stamp() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    let cache = Cache::open(&dir.path().join("shelf.json"));
    write_aged(&file, ONE, Duration::ZERO);
    cache.summary(&file, &options());
    let meta = fs::metadata(&file).unwrap();
    assert_eq!(cache.lookup(&file, &meta, &options()), None);
}

#[test]
fn the_same_content_elsewhere_is_found_by_its_hash_with_its_own_name() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("first.txt"), dir.path().join("second.txt"));
    write_aged(&a, ONE, OLD);
    write_aged(&b, ONE, OLD);
    let cache = Cache::memory();
    assert_eq!(cache.summary(&a, &options()).title, "first");
    let data = cache.data.lock().unwrap();
    assert_eq!(data.summaries.len(), 1);
    drop(data);
    assert_eq!(cache.summary(&b, &options()).title, "second");
    assert_eq!(cache.data.lock().unwrap().summaries.len(), 1);
}

#[test]
fn other_options_are_another_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    write_aged(&file, ONE, OLD);
    let cache = Cache::memory();
    cache.summary(&file, &options());
    let mut deny = options();
    deny.speakers.deny.push("BEN".into());
    let meta = fs::metadata(&file).unwrap();
    assert_eq!(cache.lookup(&file, &meta, &deny), None);
    let denied = cache.summary(&file, &deny).speakers;
    assert!(!denied.contains(&"BEN".to_string()), "{denied:?}");
}

#[test]
fn a_corrupt_cache_is_an_empty_one_and_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (file, cache_file) = (dir.path().join("a.txt"), dir.path().join("shelf.json"));
    write_aged(&file, ONE, OLD);
    for junk in [
        &b"{not json"[..],
        b"\x00\xff",
        br#"{"version":99,"files":{},"summaries":{}}"#,
    ] {
        fs::write(&cache_file, junk).unwrap();
        let cache = Cache::open(&cache_file);
        assert_eq!(cache.summary(&file, &options()).turns, 2);
        cache.save().unwrap();
        let meta = fs::metadata(&file).unwrap();
        assert!(
            Cache::open(&cache_file)
                .lookup(&file, &meta, &options())
                .is_some()
        );
    }
}

#[test]
fn an_unwritable_cache_is_an_error_to_ignore_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    write_aged(&file, ONE, OLD);
    // A file where the cache's directory should be.
    fs::write(dir.path().join("blocked"), "").unwrap();
    let cache = Cache::open(&dir.path().join("blocked/shelf.json"));
    assert_eq!(cache.summary(&file, &options()).turns, 2);
    assert!(cache.save().is_err());
    assert_eq!(cache.summary(&file, &options()).turns, 2);
}

#[test]
fn saving_keeps_what_another_instance_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    write_aged(&a, ONE, OLD);
    write_aged(&b, TWO, OLD);
    let cache_file = dir.path().join("shelf.json");
    let (one, two) = (Cache::open(&cache_file), Cache::open(&cache_file));
    one.summary(&a, &options());
    two.summary(&b, &options());
    one.save().unwrap();
    two.save().unwrap();
    let both = Cache::open(&cache_file);
    for f in [&a, &b] {
        let meta = fs::metadata(f).unwrap();
        assert!(both.lookup(f, &meta, &options()).is_some(), "{f:?}");
    }
}

#[test]
fn pruning_drops_summaries_no_path_has() {
    let mut data = Data::default();
    let stamp = |key: &str| Stamp {
        size: 1,
        mtime: 0,
        ctime: 0,
        ino: 0,
        key: key.into(),
        checked: 0,
    };
    data.files.insert("a".into(), stamp("k1"));
    let entry = Entry {
        summary: Summary::failed(Path::new("a"), None, "x".into()),
        stem_title: true,
    };
    data.summaries.insert("k1".into(), entry.clone());
    data.summaries.insert("k2".into(), entry);
    prune(&mut data);
    assert_eq!(data.summaries.keys().collect::<Vec<_>>(), ["k1"]);
}
