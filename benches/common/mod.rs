//! A model generator shared by the benchmarks.

use std::fmt::Write as _;
use std::path::Path;

/// Writes a model of `n` steps across `lanes` lanes: a main flow with a vägval every fifth
/// step, arrows that change lanes, and a loop back every seventeenth step.
pub fn write_model(dir: &Path, n: u32, lanes: u32) {
    let w = |rel: &str, text: String| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let book = std::fs::read_to_string(repo.join("tests/fixtures/valid/book.toml")).unwrap();
    w("book.toml", book);
    w("handlaggarstod/index.md", "# Modell\n\nText.\n".into());
    let ids: Vec<String> = (0..lanes).map(|l| format!("part{l}")).collect();
    w(
        "process/karta.yaml",
        format!("title: Benchmark\nlanes: [{}]\n", ids.join(", ")),
    );
    let mut files: Vec<String> = ids
        .iter()
        .map(|id| format!("name: Part {id}\nsteps:\n"))
        .collect();
    for i in 1..=n {
        let lane = ((i * 7 + i / 3) % lanes) as usize;
        let kind = if i == 1 {
            "start"
        } else if i == n {
            "end"
        } else if i % 5 == 0 && i + 2 <= n {
            "vagval"
        } else {
            "task"
        };
        let s = &mut files[lane];
        let _ = write!(
            s,
            "  - nr: {i}\n    kind: {kind}\n    title: Steg {i} i flödet\n"
        );
        match kind {
            "end" => {}
            "vagval" => {
                let _ = write!(
                    s,
                    "    next:\n      - {{ to: {}, label: Ja }}\n      - {{ to: {}, label: Nej }}\n",
                    i + 1,
                    i + 2
                );
            }
            _ if i % 17 == 0 && i > 4 => {
                let _ = writeln!(s, "    next: [{}, {}]", i + 1, i - 3);
            }
            _ => {
                let _ = writeln!(s, "    next: {}", i + 1);
            }
        }
        w(
            &format!("handlaggarstod/steg/{i}-steg-{i}-i-flodet.md"),
            page_text(i),
        );
    }
    for (id, text) in ids.iter().zip(files) {
        w(&format!("process/{id}.yaml"), text);
    }
}

/// A guidance page of typical length (about 250 words), with a link to the next step.
fn page_text(i: u32) -> String {
    let para = "Handläggaren går igenom underlaget tillsammans med personen och antecknar vad som \
        behöver kompletteras. Läkarintyget visar hur sjukdomen begränsar förmågan att arbeta, \
        och planeringen utgår från den förmåga som finns kvar. Parterna kommer överens om vem \
        som gör vad, när uppföljningen sker och hur personen får besked. Samtycke behövs innan \
        uppgifter lämnas mellan myndigheterna, och det ska dokumenteras i akten.";
    format!(
        "## Syfte\n\n{para}\n\n## Så här gör du\n\n1. {para}\n2. {para}\n\n## Tänk på\n\n{para}\n\nSe även [steg {i}](steg:{i}).\n"
    )
}
