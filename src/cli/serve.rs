//! `processkarta serve`.

use super::check::{report, Format};
use anyhow::{Context, Result};
use processkarta::diagnostic;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// Build the site and serve it on this computer, rebuilding on every change.
///
/// Serves on http://127.0.0.1:PORT only. Watches process/, handlaggarstod/, the theme
/// folder and book.toml; after a change it rebuilds and the open page reloads itself. An edit
/// that breaks the model prints its diagnostics here and shows them over the open page, while
/// the last good site stays served. The site is kept in memory: serve never writes into
/// the model (nor into its build-dir).
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

pub fn run(args: Args) -> Result<ExitCode> {
    let dir = super::model_dir(&args.dir);
    let state: Shared = Arc::new(Mutex::new(State::default()));
    rebuild(&dir, &state);
    let listener = TcpListener::bind(("127.0.0.1", args.port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let port = listener.local_addr()?.port();
    eprintln!("serving http://127.0.0.1:{port}/ (press Ctrl-C to stop)");
    {
        let state = state.clone();
        std::thread::spawn(move || watch(&dir, &state));
    }
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let state = state.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &state);
        });
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds the model into memory and, if it built, makes it the served site.
fn rebuild(dir: &Path, state: &Shared) {
    let started = Instant::now();
    let result = build(dir);
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    match result {
        Ok(files) => {
            let pages = files.keys().filter(|p| p.ends_with(".html")).count();
            s.site = Some(Arc::new(files));
            s.version += 1;
            s.errors = None;
            eprintln!(
                "built {pages} pages in {} ms",
                started.elapsed().as_millis()
            );
        }
        Err(text) => {
            s.errors = Some(text);
            eprintln!(
                "the model has errors: still serving the last good site{}",
                if s.site.is_some() { "" } else { " (none yet)" }
            );
        }
    }
}

/// Checks and renders; on failure prints the diagnostics and returns them as plain text.
fn build(dir: &Path) -> std::result::Result<BTreeMap<String, Vec<u8>>, String> {
    let checked = match processkarta::check_model(dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Err(e.to_string());
        }
    };
    let sources = &checked.model.sources;
    if checked.has_errors() {
        let _ = report(&checked.diagnostics, sources, Format::Human);
        return Err(diagnostic::render_human(
            &checked.diagnostics,
            sources,
            false,
        ));
    }
    let _ = report(&checked.diagnostics, sources, Format::Human);
    match processkarta::render::render(&checked.model) {
        Ok(out) => Ok(out.files),
        Err(diags) => {
            let _ = report(&diags, sources, Format::Human);
            Err(diagnostic::render_human(&diags, sources, false))
        }
    }
}

/// Rebuilds whenever a watched file changes.
fn watch(dir: &Path, state: &Shared) {
    let mut last = fingerprint(dir);
    loop {
        std::thread::sleep(POLL);
        let now = fingerprint(dir);
        if now == last {
            continue;
        }
        // Let an editor finish writing (some write a file in several steps).
        std::thread::sleep(Duration::from_millis(40));
        last = fingerprint(dir);
        rebuild(dir, state);
    }
}

/// Path, modification time and size of every watched file.
fn fingerprint(dir: &Path) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
    let mut roots = vec![
        dir.join("book.toml"),
        dir.join("process"),
        dir.join("handlaggarstod"),
        dir.join("themes"),
    ];
    // The theme named in book.toml may live elsewhere in the model.
    if let Ok(text) = std::fs::read_to_string(dir.join("book.toml")) {
        if let Some(theme) = toml::from_str::<toml::Table>(&text)
            .ok()
            .and_then(|t| t.get("build")?.get("theme")?.as_str().map(str::to_string))
        {
            if !theme.contains("..") && !Path::new(&theme).is_absolute() {
                roots.push(dir.join(theme));
            }
        }
    }
    let mut out = Vec::new();
    for root in roots {
        for entry in walkdir::WalkDir::new(&root)
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
                out.push((entry.path().to_path_buf(), m.modified().ok(), m.len()));
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

/// Answers one request.
fn handle(mut stream: TcpStream, state: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.by_ref().take(8192).read_line(&mut request_line)?;
    // Read and drop the headers.
    let mut total = 0;
    loop {
        let mut line = String::new();
        let n = reader.by_ref().take(8192).read_line(&mut line)?;
        total += n;
        if n == 0 || line == "\r\n" || line == "\n" || total > 64 * 1024 {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            method,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"only GET\n",
        );
    }
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
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

fn respond(
    stream: &mut TcpStream,
    method: &str,
    status: &str,
    ctype: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
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
