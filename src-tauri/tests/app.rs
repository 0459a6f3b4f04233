//! Tests of the app without a window: the commands' logic on real tender files, the security settings, and
//! the TypeScript bindings. The window itself is tested by the end-to-end suite in e2e/.

use std::path::{Path, PathBuf};
use tenderbench_app::ipc::{ErrorCode, LotField, Procedure, StepStatus, TenderField};
use tenderbench_app::session::Session;

fn session(dir: &Path) -> Session {
    Session::new(dir.join("config").join("recent.json"), "tester".into())
}

mod commands {
    use super::*;

    #[test]
    fn create_edit_close_and_reopen_keeps_the_edit() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        let path = dir.path().join("scanners.tender");
        let created = s.create(&path, "Scannere", "Region Syddanmark").unwrap();
        assert_eq!((created.title.as_str(), created.procedure), ("Scannere", Procedure::Open));
        assert_eq!(created.steps.len(), 7);
        assert_eq!(created.steps[0].status, StepStatus::InProgress);

        let edited = s.set_tender_field(TenderField::Title, "Ultralydsscannere").unwrap();
        assert_eq!(edited.title, "Ultralydsscannere");
        s.close().unwrap();
        assert_eq!(s.view().unwrap_err().code, ErrorCode::NotFound);

        assert_eq!(s.open(&path).unwrap().title, "Ultralydsscannere");
        // Opening the open file again must not trip over the app's own lock on it.
        assert_eq!(s.open(&path).unwrap().title, "Ultralydsscannere");
    }

    #[test]
    fn a_new_file_gets_the_tender_extension() {
        let dir = tempfile::tempdir().unwrap();
        let view = session(dir.path()).create(&dir.path().join("bare"), "T", "A").unwrap();
        assert!(view.path.ends_with("bare.tender"));
    }

    #[test]
    fn the_cores_validation_reaches_the_ui_as_a_code_and_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        s.create(&dir.path().join("t.tender"), "T", "A").unwrap();
        let error = s.set_tender_field(TenderField::BidDeadline, "22/11/2026").unwrap_err();
        assert_eq!(error.code, ErrorCode::Validation);
        assert!(error.message.contains("2026-11-22"), "{}", error.message);
        let value = s.set_tender_field(TenderField::EstimatedValue, "1234567.890").unwrap();
        assert_eq!(value.estimated_value.as_deref(), Some("1234567.89"));
        assert_eq!(s.create(&dir.path().join("x.tender"), " ", "A").unwrap_err().code, ErrorCode::Validation);
    }

    #[test]
    fn lots_are_added_edited_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        s.create(&dir.path().join("t.tender"), "T", "A").unwrap();
        let view = s.add_lot("Stationære scannere").unwrap();
        let id = view.lots[0].id;
        let view = s.set_lot_field(id, LotField::EstimatedValue, "11000000").unwrap();
        assert_eq!(view.lots[0].estimated_value.as_deref(), Some("11000000"));
        assert_eq!(s.set_lot_field(id, LotField::Title, "").unwrap_err().code, ErrorCode::Validation);
        assert!(s.remove_lot(id).unwrap().lots.is_empty());
        assert_eq!(s.remove_lot(id).unwrap_err().code, ErrorCode::NotFound);
    }

    #[test]
    fn refused_files_are_named_by_code_and_the_open_tender_stays_open() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        let newer = dir.path().join("newer.tender");
        s.create(&newer, "Newer", "A").unwrap();
        s.create(&dir.path().join("current.tender"), "Current", "A").unwrap();
        // A file from a newer Tenderbench: the format version is the SQLite header's user_version at byte 60.
        let mut bytes = std::fs::read(&newer).unwrap();
        bytes[60..64].copy_from_slice(&99_i32.to_be_bytes());
        std::fs::write(&newer, bytes).unwrap();
        assert_eq!(s.open(&newer).unwrap_err().code, ErrorCode::FileTooNew);

        let text = dir.path().join("notes.tender");
        std::fs::write(&text, "not a database").unwrap();
        assert_eq!(s.open(&text).unwrap_err().code, ErrorCode::NotATenderFile);
        assert_eq!(s.open(&dir.path().join("gone.tender")).unwrap_err().code, ErrorCode::NotFound);
        assert_eq!(s.view().unwrap().title, "Current");
    }

    #[test]
    fn recent_tenders_are_newest_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        let a = dir.path().join("a.tender");
        s.create(&a, "A", "X").unwrap();
        s.create(&dir.path().join("b.tender"), "B", "X").unwrap();
        s.open(&a).unwrap();
        let titles: Vec<String> = s.recent().into_iter().map(|r| r.title).collect();
        assert_eq!(titles, ["A", "B"]);
        // A damaged list is forgotten, not fatal.
        std::fs::write(dir.path().join("config").join("recent.json"), "{").unwrap();
        assert!(s.recent().is_empty());
    }
}

mod security {
    use super::*;
    use serde_json::Value;

    fn app_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn json(path: &Path) -> Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_csp_is_set_and_strict() {
        let config = json(&app_dir().join("tauri.conf.json"));
        let csp = config["app"]["security"]["csp"].as_object().expect("a CSP is set");
        assert_eq!(csp["default-src"], "'self'");
        for (directive, sources) in csp {
            let sources = sources.as_str().unwrap();
            for source in sources.split_whitespace() {
                assert!(!source.contains("unsafe-eval"), "{directive} allows eval");
                assert!(!source.contains("unsafe-inline"), "{directive} allows inline code");
                assert_ne!(source, "*", "{directive} allows everything");
                // The one http: source allowed is Tauri's own IPC endpoint, which never leaves the process.
                let remote = source.starts_with("http") || source.starts_with("ws") || source == "data:";
                assert!(!remote || source == "http://ipc.localhost", "{directive} allows {source}");
            }
        }
        assert!(config["app"]["security"].get("dangerousDisableAssetCspModification").is_none());
    }

    #[test]
    fn capabilities_name_their_windows_and_grant_no_shell_or_http() {
        let mut granted = Vec::new();
        for entry in std::fs::read_dir(app_dir().join("capabilities")).unwrap() {
            let capability = json(&entry.unwrap().path());
            let windows = capability["windows"].as_array().expect("windows are named");
            assert!(!windows.is_empty());
            assert!(windows.iter().all(|w| w.as_str().is_some_and(|w| !w.contains('*'))), "{windows:?}");
            assert!(capability.get("remote").is_none(), "no remote URL may use the IPC");
            for permission in capability["permissions"].as_array().unwrap() {
                let name = permission.as_str().expect("permissions are plain identifiers");
                assert!(!name.starts_with("shell:") && !name.starts_with("http:"), "{name}");
                assert!(!name.starts_with("fs:"), "files are reached only through the commands: {name}");
                if name.starts_with("dialog:") {
                    assert!(["dialog:allow-open", "dialog:allow-save"].contains(&name), "{name}");
                }
                granted.push(name.to_owned());
            }
        }
        for command in tenderbench_app::COMMANDS {
            assert!(granted.contains(&format!("allow-{}", command.replace('_', "-"))), "{command} is not granted");
        }
    }
}

mod bindings {
    use std::collections::BTreeMap;
    use std::path::PathBuf;
    use tenderbench_app::ipc::*;
    use ts_rs::{Config, TS};

    fn generated() -> BTreeMap<String, String> {
        // Every integer crossing IPC (lot ids and numbers) is far below 2^53, so plain numbers are exact.
        let cfg = Config::new().with_large_int("number");
        fn one<T: TS + 'static>(cfg: &Config, out: &mut BTreeMap<String, String>) {
            out.insert(format!("{}.ts", T::name(cfg)), T::export_to_string(cfg).unwrap());
        }
        let mut out = BTreeMap::new();
        one::<ErrorCode>(&cfg, &mut out);
        one::<IpcError>(&cfg, &mut out);
        one::<Procedure>(&cfg, &mut out);
        one::<TenderField>(&cfg, &mut out);
        one::<LotField>(&cfg, &mut out);
        one::<Step>(&cfg, &mut out);
        one::<StepStatus>(&cfg, &mut out);
        one::<StepView>(&cfg, &mut out);
        one::<LotView>(&cfg, &mut out);
        one::<TenderView>(&cfg, &mut out);
        one::<RecentTender>(&cfg, &mut out);
        one::<CreateTenderRequest>(&cfg, &mut out);
        one::<OpenTenderRequest>(&cfg, &mut out);
        one::<SetTenderFieldRequest>(&cfg, &mut out);
        one::<AddLotRequest>(&cfg, &mut out);
        one::<SetLotFieldRequest>(&cfg, &mut out);
        one::<RemoveLotRequest>(&cfg, &mut out);
        out
    }

    /// Fails when ui/src/bindings/ differs from what the Rust types generate. Run with UPDATE_BINDINGS=1 to
    /// rewrite the folder, then commit it.
    #[test]
    fn committed_typescript_bindings_match_the_rust_types() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
        let expected = generated();
        if std::env::var("UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
            std::fs::create_dir_all(&dir).unwrap();
            for entry in std::fs::read_dir(&dir).unwrap() {
                std::fs::remove_file(entry.unwrap().path()).unwrap();
            }
            for (name, text) in &expected {
                std::fs::write(dir.join(name), text).unwrap();
            }
        }
        let mut committed = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            committed.insert(name, std::fs::read_to_string(&path).unwrap());
        }
        for (name, text) in &expected {
            assert_eq!(committed.get(name), Some(text), "ui/src/bindings/{name} is stale: run UPDATE_BINDINGS=1");
        }
        let extra: Vec<_> = committed.keys().filter(|k| !expected.contains_key(*k)).collect();
        assert!(extra.is_empty(), "ui/src/bindings has files no Rust type generates: {extra:?}");
    }
}
