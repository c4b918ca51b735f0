//! `processkarta serve`: serves the site on 127.0.0.1, rebuilds when the model changes,
//! keeps the last good site when an edit breaks the model, and never writes into the model.

mod util;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use util::Model;

struct Server {
    child: Child,
    port: u16,
    /// Every line serve printed to stderr so far.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Waits until serve has printed a line that `ok` accepts, and returns it.
    fn wait_for_line(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(line) = self.log.lock().unwrap().iter().find(|l| ok(l)) {
                return line.clone();
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; serve printed:\n{}",
                self.log.lock().unwrap().join("\n")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts serve on the model, speaking English.
fn start(model: &Model) -> Server {
    start_in(model, "en")
}

/// Starts serve on the model with `--lang lang`.
fn start_in(model: &Model, lang: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_processkarta"))
        .args(["--lang", lang, "serve", ".", "--port", "0"])
        .current_dir(model.path())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    // Owned by the guard from here on, so it is killed and waited for even on a panic.
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut server = Server {
        child,
        port: 0,
        log: log.clone(),
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve never said where it listens");
        log.lock().unwrap().push(line.clone());
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            let port = rest.split('/').next().unwrap().parse().unwrap();
            // Keep draining stderr so the server never blocks on a full pipe.
            std::thread::spawn(move || {
                for line in rx {
                    log.lock().unwrap().push(line);
                }
            });
            server.port = port;
            return server;
        }
    }
}

/// GET `path`: status code and body.
fn get(port: u16, path: &str) -> (u16, String) {
    request(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
    )
}

/// Sends `head` as it is: status code and body of the answer.
fn request(port: u16, head: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).unwrap();
    let resp = String::from_utf8_lossy(&resp).into_owned();
    let code = resp.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = resp
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (code, body)
}

fn reload_state(port: u16) -> serde_json::Value {
    let (code, body) = get(port, "/__reload");
    assert_eq!(code, 200);
    serde_json::from_str(&body).unwrap()
}

fn wait_for(port: u16, what: &str, ok: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let s = reload_state(port);
        if ok(&s) {
            return s;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}: {s}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_rebuilds_on_change_and_keeps_the_last_good_site() {
    let model = Model::fixture("valid");
    let before: Vec<String> = util::tree(model.path()).into_keys().collect();
    let server = start(&model);
    let port = server.port;

    let (code, index) = get(port, "/");
    assert_eq!(code, 200);
    assert!(
        index.contains("<script src=\"/__serve.js\"></script>\n</body>"),
        "{index}"
    );
    assert!(index.contains("Testmodell"));
    assert_eq!(get(port, "/__serve.js").0, 200);
    assert_eq!(get(port, "/tema/site.css").0, 200);
    assert_eq!(get(port, "/nope.html").0, 404);
    assert_eq!(get(port, "/../../etc/passwd").0, 404);
    let first = reload_state(port);
    assert!(first["errors"].is_null(), "{first}");
    let v0 = first["version"].as_u64().unwrap();

    // An edit of the guidance is rebuilt and served.
    std::thread::sleep(Duration::from_millis(50));
    model.write(
        "handlaggarstod/steg/1-behover-stod.md",
        "## Syfte\n\nNy text om läkarintyget.\n",
    );
    let s = wait_for(port, "a rebuild", |s| s["version"].as_u64() > Some(v0));
    let v1 = s["version"].as_u64().unwrap();
    let (_, step) = get(port, "/steg/1.html");
    assert!(step.contains("Ny text om läkarintyget."), "{step}");

    // A broken edit: diagnostics for the overlay, and the last good site stays.
    model.write("process/individ.yaml", "name: Individen\nsteps: [\n");
    let s = wait_for(port, "the diagnostics", |s| s["errors"].is_string());
    assert_eq!(s["version"].as_u64(), Some(v1));
    assert!(
        s["errors"]
            .as_str()
            .unwrap()
            .contains("process/individ.yaml"),
        "{s}"
    );
    let (code, step) = get(port, "/steg/1.html");
    assert_eq!(code, 200);
    assert!(step.contains("Ny text om läkarintyget."));

    // Fixed again: a new version, no errors.
    model.write(
        "process/individ.yaml",
        std::fs::read_to_string(util::fixture("valid/process/individ.yaml")).unwrap(),
    );
    wait_for(port, "the fixed build", |s| {
        s["errors"].is_null() && s["version"].as_u64() > Some(v1)
    });

    // A change of the theme is watched too.
    model.write("themes/default/strings.toml", "next_step = \"Next step\"\n");
    wait_for(port, "a theme rebuild", |s| {
        s["version"].as_u64() > Some(v1 + 1)
    });
    assert!(get(port, "/steg/1.html").1.contains("Next step →"));

    drop(server);
    // Nothing was written into the model but the edits above.
    let after: Vec<String> = util::tree(model.path()).into_keys().collect();
    let mut expected = before.clone();
    expected.push("themes/default/strings.toml".into());
    expected.sort();
    assert_eq!(after, expected);
}

/// GET `/` with the Host header `host` (none for `None`): the status code.
fn get_as(port: u16, host: Option<&str>) -> u16 {
    let host = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
    request(
        port,
        &format!("GET / HTTP/1.1\r\n{host}Connection: close\r\n\r\n"),
    )
    .0
}

#[test]
fn serve_answers_only_requests_addressed_to_this_computer() {
    let model = Model::fixture("valid");
    let server = start(&model);
    let port = server.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
        "127.0.0.1".to_string(),
    ] {
        assert_eq!(get_as(port, Some(&host)), 200, "{host}");
    }
    // A page of another site whose name was made to point at 127.0.0.1 (DNS rebinding)
    // sends its own name: it gets nothing of the site.
    for host in [
        format!("angripare.example:{port}"),
        "angripare.example".to_string(),
        format!("127.0.0.1.angripare.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
        format!("localhost.:{port}"),
        String::new(),
    ] {
        let (code, body) = request(
            port,
            &format!("GET /steg/1.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(code, 421, "{host}");
        assert!(!body.contains("Testmodell"), "{body}");
    }
    assert_eq!(get_as(port, None), 421);
    let (code, body) = request(
        port,
        &format!("GET /__reload HTTP/1.1\r\nHost: angripare.example:{port}\r\n\r\n"),
    );
    assert_eq!(code, 421);
    assert!(!body.contains("version"), "{body}");
}

#[test]
fn serve_answers_only_from_the_site_in_memory() {
    let model = Model::fixture("valid");
    let server = start(&model);
    let port = server.port;
    assert_eq!(get(port, "/steg/1.html").0, 200);
    // Files on the disk are never served: the model's own files, and a file put into the
    // build-dir or beside the pages after the build.
    model.write("book/extra.html", "<p>från disken</p>");
    model.write("extra.html", "<p>från disken</p>");
    for path in [
        "/book.toml",
        "/process/individ.yaml",
        "/handlaggarstod/index.md",
        "/extra.html",
        "/book/extra.html",
        "/../book.toml",
        "/%2e%2e/book.toml",
    ] {
        let (code, body) = get(port, path);
        assert_eq!(code, 404, "{path}: {body}");
    }
}

#[cfg(unix)]
#[test]
fn serve_never_publishes_a_file_linked_out_of_the_model() {
    let secret = util::tempdir();
    std::fs::write(secret.path().join("hemlig.txt"), "HEMLIGT-tok-5b1e\n").unwrap();
    let model = Model::fixture("valid");
    std::fs::create_dir_all(model.path().join("handlaggarstod/filer")).unwrap();
    std::os::unix::fs::symlink(
        secret.path().join("hemlig.txt"),
        model.path().join("handlaggarstod/filer/bilaga.txt"),
    )
    .unwrap();
    model.write(
        "handlaggarstod/begrepp.md",
        "# Begrepp\n\nSe [bilagan](filer/bilaga.txt).\n",
    );
    let server = start(&model);
    let port = server.port;
    let s = reload_state(port);
    assert!(s["errors"].as_str().unwrap().contains("error[E060]"), "{s}");
    for path in [
        "/",
        "/sidor/begrepp.html",
        "/filer/filer/bilaga.txt",
        "/__reload",
    ] {
        let (code, body) = get(port, path);
        assert!(!body.contains("HEMLIGT"), "{path} ({code}): {body}");
    }
    assert_eq!(get(port, "/filer/filer/bilaga.txt").0, 503);
}

#[test]
fn serve_times_out_a_client_that_sends_its_request_slowly() {
    let model = Model::fixture("valid");
    let server = start(&model);
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    // One byte a second, each well within any per-read timeout: only a deadline for the
    // whole request ends it. The client gives up after a minute.
    s.set_read_timeout(Some(Duration::from_millis(900)))
        .unwrap();
    let mut resp = Vec::new();
    for _ in 0..60 {
        if s.write_all(b"X").is_err() {
            break;
        }
        let mut buf = [0u8; 256];
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => resp.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        if !resp.is_empty() {
            break;
        }
    }
    let resp = String::from_utf8_lossy(&resp);
    assert!(resp.starts_with("HTTP/1.1 408 "), "{resp:?}");
}

#[test]
fn serve_bounds_the_connections_it_answers_at_once() {
    let model = Model::fixture("valid");
    let server = start(&model);
    let port = server.port;
    // Clients that connect and send nothing hold a connection each until they time out.
    let idle: Vec<TcpStream> = (0..32)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    let (code, _) = get(port, "/");
    assert_eq!(code, 503);
    drop(idle);
    // The slots come free as the idle connections close.
    let deadline = Instant::now() + Duration::from_secs(20);
    while get(port, "/").0 != 200 {
        assert!(Instant::now() < deadline, "no slot came free");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_logs_what_changed_and_shows_diagnostics_in_check_order() {
    let model = Model::fixture("valid");
    let server = start(&model);
    let port = server.port;
    let v0 = reload_state(port)["version"].as_u64().unwrap();
    std::thread::sleep(Duration::from_millis(50));
    model.write(
        "handlaggarstod/steg/1-behover-stod.md",
        "## Syfte\n\nNy text.\n",
    );
    wait_for(port, "a rebuild", |s| s["version"].as_u64() > Some(v0));
    let line = server.wait_for_line("the rebuild's log line", |l| l.starts_with("changed: "));
    let rest = line
        .strip_prefix("changed: handlaggarstod/steg/1-behover-stod.md — rebuilt in ")
        .unwrap_or_else(|| panic!("{line}"));
    let (ms, pages) = rest.split_once(" ms (").unwrap_or_else(|| panic!("{line}"));
    ms.parse::<u64>().unwrap_or_else(|_| panic!("{line}"));
    assert_eq!(pages, "19 pages)", "{line}");

    // Problems in two files: the overlay lists them as `check` prints them, in its order.
    model.write(
        "process/team.yaml",
        "name: Team\nshared: true\nsteps:\n  - nr: 6\n    title: [\n",
    );
    model.write(
        "handlaggarstod/begrepp.md",
        "# Begrepp\n\n[a](steg:99) [b](saknas.md)\n",
    );
    let s = wait_for(port, "the diagnostics", |s| {
        s["errors"]
            .as_str()
            .is_some_and(|e| e.contains("team.yaml") && e.contains("saknas.md"))
    });
    let check = model.run(&["check"]);
    check.expect_status(1);
    // `check` prints the same diagnostics, then its summary.
    let overlay = s["errors"].as_str().unwrap().trim_end();
    assert!(
        check.stderr.starts_with(overlay),
        "overlay:\n{overlay}\n{check}"
    );
    let line = server.wait_for_line("the failed rebuild's log line", |l| {
        l.contains("the model has errors")
    });
    assert!(
        line.starts_with("changed: handlaggarstod/begrepp.md, process/team.yaml — the model has errors (checked in ")
            || line.starts_with("changed: process/team.yaml — the model has errors (checked in ")
            || line.starts_with("changed: handlaggarstod/begrepp.md — the model has errors (checked in "),
        "{line}"
    );
}

#[test]
fn serve_logs_in_the_chosen_language() {
    let model = Model::fixture("valid");
    let server = start_in(&model, "sv");
    server.wait_for_line("the first build", |l| {
        l.starts_with("byggde ") && l.contains(" sidor på ")
    });
    server.wait_for_line("where it listens", |l| {
        l.starts_with("visar webbplatsen på http://127.0.0.1:")
            && l.ends_with("/ (avsluta med Ctrl-C)")
    });
    // As in the test above: the watcher has its first look before the edit.
    let v0 = reload_state(server.port)["version"].as_u64();
    assert!(v0.is_some());
    std::thread::sleep(Duration::from_millis(200));
    model.write(
        "process/team.yaml",
        "name: Team\nshared: true\nsteps:\n  - nr: 6\n    title: [\n",
    );
    let line = server.wait_for_line("the failed rebuild", |l| l.starts_with("ändrat: "));
    assert!(
        line.starts_with("ändrat: process/team.yaml — modellen har fel (kontrollerad på "),
        "{line}"
    );
    assert!(
        line.ends_with(" ms): visar fortfarande den senaste fungerande webbplatsen"),
        "{line}"
    );
}
