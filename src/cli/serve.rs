//! `processkarta serve`.

use super::check::{report, Format};
use anyhow::{Context, Result};
use processkarta::diagnostic;
use processkarta::i18n::Lang;
use processkarta::load::confine;
use processkarta::load::MAX_FILE_SIZE;
use processkarta::msg;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// Build the site and serve it on this computer, rebuilding on every change.
///
/// Serves on http://127.0.0.1:PORT only, and answers only requests addressed to 127.0.0.1,
/// localhost or [::1] at that port. Watches process/, handlaggarstod/, the theme folder and
/// book.toml; after a change it says which files changed and how long the rebuild took, and
/// the open page reloads itself. An edit that breaks the model prints its diagnostics here
/// and shows them over the open page, in the order `check` prints them, while the last good
/// site stays served. The site is kept in memory and every answer comes from it: serve never
/// reads a file of the model to answer a request, and never writes into the model (nor into
/// its build-dir).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The model folder, where book.toml is.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The port to serve on; 0 picks a free one.
    #[arg(long, short = 'p', default_value_t = 3000)]
    port: u16,
}

/// Files of the last good build.
type Site = Arc<BTreeMap<String, Vec<u8>>>;

/// What the server shows.
#[derive(Default)]
struct State {
    /// The last site that built, if any did.
    site: Option<Site>,
    /// Counts good builds; the page reloads when it changes.
    version: u64,
    /// Diagnostics of the last build, if it failed.
    errors: Option<String>,
}

type Shared = Arc<Mutex<State>>;

/// How often the model's files are looked at.
const POLL: Duration = Duration::from_millis(200);

/// Connections answered at once; more get 503 at once. The page's own polling needs one or
/// two per open tab.
const MAX_CONNECTIONS: usize = 32;

/// Time a client has to send its whole request head.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Time a client has to take the whole answer.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Largest request head accepted.
const MAX_HEAD: usize = 64 * 1024;

/// Changed files named in the log line before "and N more".
const NAMED_CHANGES: usize = 5;

pub fn run(args: Args, lang: Option<Lang>) -> Result<ExitCode> {
    let dir = super::model_dir(&args.dir);
    let state: Shared = Arc::new(Mutex::new(State::default()));
    let spoken = rebuild(&dir, &state, None, lang);
    let listener = TcpListener::bind(("127.0.0.1", args.port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let port = listener.local_addr()?.port();
    eprintln!(
        "{}",
        msg!("serve-listening", port = u64::from(port)).text(spoken)
    );
    {
        let state = state.clone();
        std::thread::spawn(move || watch(&dir, &state, lang));
    }
    let active = Arc::new(AtomicUsize::new(0));
    let (turn_away, turned_away) = std::sync::mpsc::sync_channel::<TcpStream>(MAX_CONNECTIONS);
    std::thread::spawn(move || {
        for stream in turned_away {
            refuse(stream);
        }
    });
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            // One thread answers these, one at a time; when even it is behind, the
            // connection is closed unanswered.
            let _ = turn_away.try_send(stream);
            continue;
        }
        let state = state.clone();
        let active = active.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &state, port);
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(ExitCode::SUCCESS)
}

/// Answers a connection over [`MAX_CONNECTIONS`] with 503, spending at most a second on it.
/// The request is read (as far as it came) before closing, so the client gets the answer
/// rather than a reset.
fn refuse(mut stream: TcpStream) {
    let deadline = Instant::now() + Duration::from_secs(1);
    let _ = write_by(
        &mut stream,
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n",
        deadline,
    );
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut sink = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

/// Builds the model into memory and, if it built, makes it the served site. `changed` names
/// the files whose change caused the rebuild, for the log line.
/// Returns the language it spoke: `--lang`, else the model's.
fn rebuild(dir: &Path, state: &Shared, changed: Option<&[String]>, lang: Option<Lang>) -> Lang {
    let started = Instant::now();
    let (result, lang) = build(dir, lang);
    let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let cause = match changed {
        Some(c) => msg!("serve-changed", files = name_changes(c, lang)).text(lang),
        None => String::new(),
    };
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    let line = match result {
        Ok(files) => {
            let pages = files.keys().filter(|p| p.ends_with(".html")).count();
            s.site = Some(Arc::new(files));
            s.version += 1;
            s.errors = None;
            if changed.is_some() {
                msg!("serve-rebuilt", ms = ms, pages = pages)
            } else {
                msg!("serve-built", ms = ms, pages = pages)
            }
        }
        Err(text) => {
            s.errors = Some(text);
            if s.site.is_some() {
                msg!("serve-errors", ms = ms)
            } else {
                msg!("serve-errors-no-site", ms = ms)
            }
        }
    };
    eprintln!("{cause}{}", line.text(lang));
    lang
}

/// "process/fk.yaml, book.toml and 3 more".
fn name_changes(changed: &[String], lang: Lang) -> String {
    let named = changed[..changed.len().min(NAMED_CHANGES)].join(", ");
    match changed.len().saturating_sub(NAMED_CHANGES) {
        0 => named,
        more => msg!("serve-and-more", files = named, n = more).text(lang),
    }
}

/// Checks and renders; on failure prints the diagnostics and returns them as plain text.
/// Also returns the language it spoke (`lang`, else the model's).
fn build(
    dir: &Path,
    lang: Option<Lang>,
) -> (std::result::Result<BTreeMap<String, Vec<u8>>, String>, Lang) {
    // The diagnostics go to the terminal and the overlay in the order check_model returns
    // them, which is the order `check` prints: never re-sorted here.
    let checked = match processkarta::check_model(dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return (Err(e.to_string()), lang.unwrap_or(Lang::Sv));
        }
    };
    let lang = super::lang_for(lang, &checked.model);
    (built(&checked, lang), lang)
}

/// The site of a checked model, or the diagnostics as plain text; they are also printed.
fn built(
    checked: &processkarta::Checked,
    lang: Lang,
) -> std::result::Result<BTreeMap<String, Vec<u8>>, String> {
    let sources = &checked.model.sources;
    if checked.has_errors() {
        let _ = report(&checked.diagnostics, sources, Format::Human, lang);
        return Err(diagnostic::render_human(
            &checked.diagnostics,
            sources,
            false,
            lang,
        ));
    }
    let _ = report(&checked.diagnostics, sources, Format::Human, lang);
    match processkarta::render::render_checked(checked) {
        Ok(out) => Ok(out.files),
        Err(diags) => {
            let _ = report(&diags, sources, Format::Human, lang);
            Err(diagnostic::render_human(&diags, sources, false, lang))
        }
    }
}

/// Rebuilds whenever a watched file changes.
fn watch(dir: &Path, state: &Shared, lang: Option<Lang>) {
    let mut last = fingerprint(dir);
    loop {
        std::thread::sleep(POLL);
        let now = fingerprint(dir);
        if now == last {
            continue;
        }
        // Let an editor finish writing (some write a file in several steps).
        std::thread::sleep(Duration::from_millis(40));
        let now = fingerprint(dir);
        let changed = changes(dir, &last, &now);
        last = now;
        rebuild(dir, state, Some(&changed), lang);
    }
}

/// The files added, removed or changed between two fingerprints, relative to `dir`, sorted.
fn changes(dir: &Path, before: &Fingerprint, after: &Fingerprint) -> Vec<String> {
    let mut out: Vec<String> = before
        .iter()
        .filter(|(path, stamp)| after.get(*path) != Some(stamp))
        .chain(after.iter().filter(|(path, _)| !before.contains_key(*path)))
        .map(|(path, _)| {
            let rel = path.strip_prefix(dir).unwrap_or(path);
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            parts.join("/")
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Modification time and size of every watched file, by path.
type Fingerprint = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

/// Path, modification time and size of every watched file.
fn fingerprint(dir: &Path) -> Fingerprint {
    let mut roots = vec![
        dir.join("book.toml"),
        dir.join("process"),
        dir.join("handlaggarstod"),
        dir.join("themes"),
    ];
    // The theme named in book.toml may live elsewhere in the model.
    // Read through the same gate as the build, so a FIFO named book.toml cannot hang it.
    if let Some(text) = confine::read(dir, Path::new("book.toml"), MAX_FILE_SIZE)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
    {
        if let Some(theme) = toml::from_str::<toml::Table>(&text)
            .ok()
            .and_then(|t| t.get("build")?.get("theme")?.as_str().map(str::to_string))
        {
            if !theme.contains("..") && !Path::new(&theme).is_absolute() {
                roots.push(dir.join(theme));
            }
        }
    }
    let mut out = Fingerprint::new();
    for root in roots {
        // Links are not followed, not even a linked root: a theme folder linked to `/` must
        // not make every poll walk the whole disk (the build refuses such a theme anyway).
        for entry in walkdir::WalkDir::new(&root)
            .follow_root_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(|e| e.ok())
        {
            let name = entry.file_name().to_string_lossy();
            if name.ends_with('~') || name.ends_with(".swp") {
                continue;
            }
            if let Ok(m) = entry.metadata() {
                out.insert(entry.path().to_path_buf(), (m.modified().ok(), m.len()));
            }
        }
    }
    out
}

/// The script added to every page: polls the build version, reloads on a new build, and
/// shows the diagnostics of a failed build over the page.
const CLIENT_JS: &str = r#"(function () {
  "use strict";
  var version = null, box = null;
  function overlay(text) {
    if (!text) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "processkarta-serve-fel";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;" +
        "padding:2rem;background:rgba(16,16,16,.94);color:#fff;font:14px/1.5 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = text;
  }
  function poll() {
    fetch("/__reload", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (version === null) { version = s.version; }
        else if (s.version !== version) { window.location.reload(); return; }
        overlay(s.errors ? "processkarta serve: the last edit does not build. " +
          "The site shows the last good build until it is fixed.\n\n" + s.errors : "");
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 400); });
  }
  poll();
})();
"#;

/// A request head as read: method, target and the Host header.
struct Head {
    method: String,
    target: String,
    host: Option<String>,
}

/// Reads a request head, giving the client [`REQUEST_TIMEOUT`] for all of it (not per
/// read, so a client that sends one byte at a time cannot hold the connection). `None` when
/// the client closed, took too long or sent too much.
fn read_head(stream: &mut TcpStream) -> std::io::Result<Option<Head>> {
    let deadline = Instant::now() + REQUEST_TIMEOUT;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 2048];
    let end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        if let Some(i) = buf.windows(2).position(|w| w == b"\n\n") {
            break i;
        }
        if buf.len() > MAX_HEAD {
            return Ok(None);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        stream.set_read_timeout(Some(left))?;
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Ok(None)
            }
            Err(e) => return Err(e),
        }
    };
    let text = String::from_utf8_lossy(&buf[..end]);
    let mut lines = text.lines();
    let mut parts = lines.next().unwrap_or("").split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("/").to_string();
    let host = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("host"))
        .map(|(_, value)| value.trim().to_ascii_lowercase());
    Ok(Some(Head {
        method,
        target,
        host,
    }))
}

/// True for a Host header that names this server: `127.0.0.1`, `localhost` or `[::1]`, with
/// its port (or none). Anything else is a page of another site that a DNS rebinding made
/// point here, and is not answered.
fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return false };
    let (name, with_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.is_empty() && !p.contains(']') => (name, Some(p)),
        _ => (host, None),
    };
    matches!(name, "127.0.0.1" | "localhost" | "[::1]")
        && with_port.is_none_or(|p| p == port.to_string())
}

/// Answers one request, from the site in memory only.
fn handle(mut stream: TcpStream, state: &Shared, port: u16) -> std::io::Result<()> {
    let Some(head) = read_head(&mut stream)? else {
        return respond(
            &mut stream,
            "GET",
            "408 Request Timeout",
            "text/plain; charset=utf-8",
            b"the request was incomplete, too slow or too large\n",
        );
    };
    let method = head.method.as_str();
    if !host_allowed(head.host.as_deref(), port) {
        let body = format!(
            "processkarta serve answers only at http://127.0.0.1:{port}/ or http://localhost:{port}/\n"
        );
        return respond(
            &mut stream,
            method,
            "421 Misdirected Request",
            "text/plain; charset=utf-8",
            body.as_bytes(),
        );
    }
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            method,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"only GET\n",
        );
    }
    let path = percent_decode(head.target.split(['?', '#']).next().unwrap_or("/"));
    let (site, version, errors) = {
        let s = state.lock().unwrap_or_else(|e| e.into_inner());
        (s.site.clone(), s.version, s.errors.clone())
    };
    if path == "/__reload" {
        let body = serde_json::json!({ "version": version, "errors": errors }).to_string();
        return respond(
            &mut stream,
            method,
            "200 OK",
            "application/json",
            body.as_bytes(),
        );
    }
    if path == "/__serve.js" {
        return respond(
            &mut stream,
            method,
            "200 OK",
            "text/javascript; charset=utf-8",
            CLIENT_JS.as_bytes(),
        );
    }
    let mut rel = path.trim_start_matches('/').to_string();
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    let Some(site) = site else {
        let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>processkarta serve</title></head><body><main><h1>The model does not build yet</h1></main><script src=\"/__serve.js\"></script></body></html>";
        return respond(
            &mut stream,
            method,
            "503 Service Unavailable",
            "text/html; charset=utf-8",
            page.as_bytes(),
        );
    };
    match site.get(&rel) {
        Some(bytes) if rel.ends_with(".html") => {
            let html = String::from_utf8_lossy(bytes);
            let tag = "<script src=\"/__serve.js\"></script>\n";
            let body = match html.rfind("</body>") {
                Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
                None => format!("{html}{tag}"),
            };
            respond(
                &mut stream,
                method,
                "200 OK",
                content_type(&rel),
                body.as_bytes(),
            )
        }
        Some(bytes) => respond(&mut stream, method, "200 OK", content_type(&rel), bytes),
        None => respond(
            &mut stream,
            method,
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"not found\n",
        ),
    }
}

/// Writes an answer, giving the client [`WRITE_TIMEOUT`] to take all of it.
fn respond(
    stream: &mut TcpStream,
    method: &str,
    status: &str,
    ctype: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let body = if method == "HEAD" { &[][..] } else { body };
    let deadline = Instant::now() + WRITE_TIMEOUT;
    write_by(stream, head.as_bytes(), deadline)?;
    write_by(stream, body, deadline)?;
    stream.flush()
}

/// Writes all of `bytes` before `deadline`, or fails with `TimedOut`: a client that takes
/// the answer slowly (or not at all) cannot hold the connection longer.
fn write_by(stream: &mut TcpStream, bytes: &[u8], deadline: Instant) -> std::io::Result<()> {
    for chunk in bytes.chunks(16 * 1024) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        stream.write_all(chunk).map_err(|e| match e.kind() {
            std::io::ErrorKind::WouldBlock => std::io::ErrorKind::TimedOut.into(),
            _ => e,
        })?;
    }
    Ok(())
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ttf" => "font/ttf",
        "woff2" => "font/woff2",
        "json" => "application/json",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(Ok(b)) = s.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16)) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_this_computer_only() {
        for ok in [
            "127.0.0.1:3000",
            "localhost:3000",
            "[::1]:3000",
            "localhost",
            "[::1]",
        ] {
            assert!(host_allowed(Some(ok), 3000), "{ok}");
        }
        for bad in [
            "localhost:3001",
            "evil.example:3000",
            "localhost.evil.example",
            "127.0.0.2:3000",
            ":3000",
            "",
        ] {
            assert!(!host_allowed(Some(bad), 3000), "{bad}");
        }
        assert!(!host_allowed(None, 3000));
    }

    #[test]
    fn a_client_that_does_not_read_cannot_hold_a_write() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        // Connected and never read from: far more than the socket buffers hold is written.
        let _client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut stream, _) = listener.accept().unwrap();
        let bytes = vec![b'x'; 256 * 1024 * 1024];
        let deadline = Instant::now() + Duration::from_millis(500);
        let err = write_by(&mut stream, &bytes, deadline).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::TimedOut);
    }
}
