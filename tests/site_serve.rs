//! `processkarta serve`: serves the site on 127.0.0.1, rebuilds when the model changes,
//! keeps the last good site when an edit breaks the model, and never writes into the model.

mod util;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use util::Model;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(model: &Model) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_processkarta"))
        .args(["serve", ".", "--port", "0"])
        .current_dir(model.path())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    // Owned by the guard from here on, so it is killed and waited for even on a panic.
    let mut server = Server { child, port: 0 };
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
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            let port = rest.split('/').next().unwrap().parse().unwrap();
            // Keep draining stderr so the server never blocks on a full pipe.
            std::thread::spawn(move || for _ in rx {});
            server.port = port;
            return server;
        }
    }
}

/// GET `path`: status code and body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
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
