//! Control characters from file names and Markdown never reach the terminal raw: every
//! format of `check` prints them escaped, with the marker under the escaped text.

mod util;

use util::Model;

/// Characters a terminal acts on: escape sequences (clear the screen, set the window title),
/// the bell, the C1 control sequence introducer, a right-to-left override.
const RAW: [char; 4] = ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'];

#[cfg(unix)]
#[test]
fn control_characters_are_printed_escaped() {
    let model = Model::fixture("valid");
    model.write(
        "handlaggarstod/steg/\u{1b}]0;pwned\u{7}\u{1b}[2Jx.md",
        "x\n",
    );
    model.write(
        "handlaggarstod/begrepp.md",
        "# Begrepp\n\n[x](steg:9\u{9b}\u{202e}) [y](<a\u{1b}b.md>)\n",
    );
    let human = model.run(&["check"]);
    human.expect_status(1);
    let json = model.run(&["check", "--format", "json"]);
    let github = model.run(&["check", "--format", "github"]);
    for run in [&human, &json, &github] {
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(!all.contains(RAW), "{}", all.escape_debug());
    }
    assert!(
        human.stderr.contains(
            r"error[E054]: handlaggarstod/steg/\u{1b}]0;pwned\u{7}\u{1b}[2Jx.md does not start"
        ),
        "{human}"
    );
    // The marker stays under the link, escapes included.
    assert!(
        human.stderr.contains(concat!(
            r"3 │ [x](steg:9\u{9b}\u{202e}) [y](<a\u{1b}b.md>)",
            "\n  │     ^^^^^^^^^^^^^^^^^^^^\n"
        )),
        "{human}"
    );
    assert!(
        github
            .stdout
            .contains(r"file=handlaggarstod/steg/\u{1b}]0;pwned\u{7}\u{1b}[2Jx.md,line=1,col=1"),
        "{github}"
    );
}
