# processkarta's own words in English: the messages of `check`, the diff report and the
# pull-request comment. Every id here must also be in i18n/sv/processkarta.ftl, with the
# same arguments ($name); tests/i18n.rs checks both files against the code.
# Values from the model (step numbers, titles, file names) are arguments, never translated.

## Printing diagnostics

help = help
follow-on-problems = { $n ->
    [one] 1 follow-on problem is not reported until this is fixed
   *[other] { $n } follow-on problems are not reported until this is fixed
}
omitted-problems = … and { $n } more in { $file }, not shown (fix the ones above first; `processkarta check --format json` lists them all)
summary-counts = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
summary-fix-first = ; fix the first error first, later ones may follow from it
summary-github-limit = ; GitHub shows only the first { $shown } of each kind, run `processkarta check` to see all

## The process graph (check/graph.rs)

where-overview = the overview
where-subprocess = sub-process `{ $id }`
duplicate-arrow = step { $from } has two arrows to step { $to }
duplicate-arrow-help = remove one of them
unknown-step = step { $from } points to step { $to }, which does not exist
unknown-step-label = no such step
unknown-step-help-overview = the overview has steps { $steps }; sub-process steps cannot be targets here
unknown-step-help-subprocess = this sub-process has steps { $steps }; the way back to the overview is an `end` step
unknown-step-help-typo = did you mean step { $step }? No other arrow leads there
end-with-next = end step { $step } has outgoing arrows
end-with-next-help = remove `next`, or change `kind: end` to `kind: task`
dead-end = step { $step } leads nowhere
dead-end-label = no `next`
dead-end-help = add `next:` with the following step, or make it `kind: end`
vagval-too-few-arrows = vägval { $step } has { $n } outgoing arrow(s); a choice needs at least two
vagval-too-few-arrows-help = add the other answer as `- {"{"}to: <nr>, label: Nej{"}"}`, or make the step a task
vagval-unlabelled = the arrow from vägval { $from } to step { $to } has no label
vagval-unlabelled-help = write it as `{"{"}to: { $to }, label: { $label }{"}"}` so readers see which answer leads there
vagval-unlabelled-help-taken = write it as `{"{"}to: { $to }, label: …{"}"}` with the answer that leads there, different from the other arrows' labels
no-steps = { $map } has no steps
no-steps-help = add steps, the first with `kind: start`
no-start = { $map } has no start step
no-start-help = mark where the process begins with `kind: start`
unreachable = step { $step } cannot be reached from any start
unreachable-help = add an arrow to it from an earlier step, or remove it
no-end = { $map } has no end step
no-end-help = mark where the process ends with `kind: end`
loop-without-exit = steps { $steps } form a loop with no way out
loop-without-exit-help = add an arrow from one of them towards an end step, e.g. a vägval with a way out
backward-arrow = step { $from } leads back to step { $to }, against the numbering
backward-arrow-help = numbers should rise along the flow; renumber so the target comes after this step

## Guidance pages and their links (check/links.rs, model/laws.rs)

missing-guidance = step { $step } has no guidance page
missing-guidance-help = create { $file }
broken-step-link = link to step { $step }, which does not exist
broken-step-link-help = use the number of an existing step, e.g. `steg:12` or `steg:15.3`
broken-link = link to `{ $target }`, which does not exist
broken-link-help = links are relative to this file; check the file name and folder
not-published-label = this file is not published
active-attachment = { $file } would open as a page of the site and could run scripts there, so it cannot be attached
active-attachment-help = web pages and XML files (.html, .htm, .xhtml, .xml, …) cannot be attached: attach a PDF instead, or write the text in a guidance page (.md)
bad-svg-attachment = { $file } cannot be read as an SVG image: { $why }
bad-svg-attachment-help = open the image in a drawing program and save it again as plain SVG, or attach it as PNG
unknown-law = link to law `{ $id }`, which is not in handlaggarstod/lagar.yaml
unknown-law-help-no-file = list the law in handlaggarstod/lagar.yaml (see FORMAT.md), with its name, number and url
unknown-law-help-typo = did you mean `lag:{ $near }`?
unknown-law-help = add `{ $id }` to handlaggarstod/lagar.yaml, or use one of its ids: { $ids }
bad-provision = `{ $written }` does not name a provision
bad-provision-help = { $why }; write { $forms }
citation-forms-chapters = `lag:{ $id }`, `lag:{ $id }/<kapitel>` or `lag:{ $id }/<kapitel>/<paragraf>`, e.g. `lag:{ $id }/11/1`
citation-forms-paragraphs = `lag:{ $id }` or `lag:{ $id }/<paragraf>`, e.g. `lag:{ $id }/4`: { $law } has no chapters
law-has-no-chapters = { $law } has no chapters
not-a-provision = `{ $written }` is not a provision
repealed-law = this page cites { $law }, which was repealed on { $date }
repealed-law-replaced = this page cites { $law }, which was repealed on { $date } and replaced by { $new }
repealed-law-help = cite { $law } instead (`lag:{ $id }`), with the provision's number in that law
repealed-law-help-no-successor = cite the law that is in force now
unsafe-link = link `{ $dest }` is not allowed
unsafe-link-help = link to steps (`steg:12`), to pages in handlaggarstod/, or to http(s) addresses
link-text-mismatch = the link text says step { $named }, but the link goes to step { $step }
link-text-mismatch-label = goes to step { $step }
link-text-mismatch-help = correct the number in the text or in the link: [steg { $named }](steg:{ $named }) or [steg { $step }](steg:{ $step })
not-a-link = `{ $written }` is not read as a link: the page would show it as text
not-a-link-label = not a link
not-a-link-help = write it without spaces: { $fixed }

## Sub-processes and their outcomes (check/outcomes.rs, model/outcomes.rs)

continues-ambiguous = step { $opener } leads to steps { $targets }: end step { $end } must say where the overview continues
continues-ambiguous-label = no `continues`
continues-ambiguous-help = add `continues: { $first }` (one of { $targets }), or `continues: []` if the flow stops here
continues-not-a-target = end step { $end } continues to step { $to }, but step { $opener }, which opens sub-process `{ $id }`, does not lead there
continues-not-a-target-help-no-next = step { $opener } has no `next`; add one, or write `continues: []`
continues-not-a-target-help = continue to one of { $targets }, or add { $to } to the `next` of step { $opener }
target-not-continued = no end of sub-process `{ $id }` continues to step { $to }, so the arrow from step { $opener } is never taken
target-not-continued-help = add `continues: { $local }` to the end step that leads there, or remove { $to } from this `next`
continues-on-overview = step { $step } is on the overview; `continues` belongs to an end step of a sub-process
continues-on-overview-help = write the step's arrows as `next:`
continues-not-on-end = step { $step } is not an end step; only an end of a sub-process continues on the overview
continues-not-on-end-help = write the step's arrows as `next:`, or make it `kind: end`

## The printed map (check/print.rs)

title-too-long = the title of step { $step } is too long for its box on the printed map
title-too-long-label = needs { $needs } lines; a box holds { $holds }
title-too-long-help = shorten the title; put the detail in the guidance page
map-of-overview = the overview map
map-of-subprocess = the map of sub-process `{ $id }`
map-too-large = { $map } does not fit { $paper } paper: it prints at { $scale } %, with text of { $text } pt
map-too-large-label = { $n } steps in { $size } pt; the paper has room for { $room } pt
map-too-large-help = move detail into a sub-process, let more steps run in parallel lanes, or set a larger `paper` under [map] in book.toml

## Changes of a law (check/laws.rs)

unreviewed-law-change = { $law } changes on { $dates } ({ $summary }), and the pages citing it have not been reviewed for it
unreviewed-law-change-help-uncited = no page cites this law; add `reviewed: true` to the change once you have checked that none should
unreviewed-law-change-help = re-read the pages that cite it ({ $pages }), then add `reviewed: true` to the change

## Folders a build may not replace, files an export may not write (outdir.rs, check/build_dir.rs)

refusing-to-use = refusing to use { $path }: { $why }
build-dir-refused = book.toml: refusing to build into `{ $dir }`: { $why }
build-dir-refused-default = book.toml: refusing to build into `{ $dir }` (the default build-dir): { $why }
build-dir-refused-label = this folder
build-refused-help = a build replaces its whole folder, so give a new or empty folder, or one that `processkarta build` wrote before, such as { $suggestion }
export-refused-help = write the export to a new file outside the model's folders, e.g. `-o karta.bpmn`
refused-is-a-folder = it is a folder, not a file
refused-is-book-toml = it is the model's book.toml; the export would overwrite it
refused-in-source-folder = it lies in the model's source folder `{ $folder }`, where it would overwrite or add to the model
refused-in-theme = it lies in the model's theme folder
refused-in-hidden = it lies in the hidden folder `{ $folder }` (such as .git), which holds settings and history
refused-root = it is the root of the file system
refused-model-folder = it is the model folder itself; the build would replace the model
refused-holds-model = it holds the model folder { $model }; the build would replace the model
refused-home = it is your home folder
refused-holds-home = it holds your home folder { $home }
refused-is-a-file = it is a file, not a folder
refused-source-folder = it is, or lies inside, the model's source folder `{ $folder }`
refused-theme = it is, holds or lies inside the model's theme folder
refused-hidden = it is, or lies inside, the hidden folder `{ $folder }` (such as .git), which holds settings and history
refused-unreadable = its contents cannot be read ({ $why })
refused-not-a-build = it is not empty and `processkarta build` did not write it (it has no { $marker } file); move what it holds elsewhere, or delete the folder yourself once you are sure nothing in it is needed
refused-foreign-files = { $n ->
    [one] it holds a file that `processkarta build` did not write ({ $files }); the build would delete it; move it out of the folder first
   *[other] it holds files that `processkarta build` did not write ({ $files }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }); the build would delete them; move them out of the folder first
}

## Reading the model's files (load/mod.rs, load/confine.rs)

missing-karta = the model has no process/karta.yaml
missing-karta-help = create process/karta.yaml with `title:` and `lanes:` (see FORMAT.md)
guidance-not-read = { $file } is not read: pages in handlaggarstod/ must end in `.md`
guidance-not-read-help = rename it to { $name }
the-folder = the folder { $folder }
cannot-read = cannot read { $file }
cannot-read-help = if it is a symbolic link, it leads to nothing; put the file itself here
not-utf8 = { $file } is not valid UTF-8
not-utf8-label = this byte is not UTF-8
not-utf8-help = save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8)
too-many-steps = { $n } steps in one file; at most { $max } are accepted
steps-not-a-list = `steps` must be a list of steps
steps-not-a-list-help = write each step on its own line starting with `- nr:`
refusal-missing = { $file } does not exist
refusal-outside = { $file } leads outside the model folder through a symbolic link
refusal-hidden = { $file } leads into the hidden folder or file `{ $name }` of the model
refusal-not-a-file = { $file } is { $what }, not an ordinary file
refusal-too-large = { $file } is { $size }; at most { $limit } is accepted
refusal-missing-help = check the file name and folder
refusal-outside-help = copy the file into the model folder instead of linking to it: only files of the model are published
refusal-hidden-help = hidden folders such as .git hold the repository's settings and are never published; copy the file into the model's own folders
refusal-folder-help = link to a file in the folder, or to a page (.md), not to the folder itself
refusal-not-a-file-help = only ordinary files can be part of the model; remove it or put a file in its place
refusal-too-large-help = make the file smaller or split it over several files
kind-folder = a folder
kind-file = a file
kind-fifo = a named pipe (FIFO)
kind-device = a device
kind-socket = a socket
kind-other = not a file

## YAML (load/yaml.rs)

verbatim = { $text }
yaml-syntax = this file is not valid YAML: { $why }
yaml-syntax-help = check the indentation and quoting around this line
yaml-tab-help = indent with spaces; YAML does not allow tabs for indentation
yaml-no-space = this file is not valid YAML: `{ $key }:` needs a space after the colon
yaml-no-space-help = write `{ $key }: { $value }`
yaml-indented = this file is not valid YAML: `{ $key }:` is indented further than the line above
yaml-indented-help = start `{ $key }:` in the same column as `{ $above }:` on the line above
yaml-colon-in-value = this file is not valid YAML: the value of `{ $key }` contains `: `
yaml-colon-in-value-help = put the value in quotes: { $key }: { $quoted }
comment-value = `{ $key }:` has no value: YAML reads `#{ $written }` as a comment
comment-value-label = read as a comment
comment-value-help = put the value in quotes: { $key }: "#{ $written }"
did-you-mean = did you mean `{ $name }`?
remove-field = remove this field
allowed-here = allowed here: { $names }
label-cut = the label `{ $label }, { $name }` is cut at its comma
label-cut-label = read as a field `{ $name }`
label-cut-help = inside `{"{"} {"}"}` a comma starts the next field: quote the label, label: "{ $label }, { $name }"
not-a-field-name = `{ $name }` is not a field name
unknown-field = unknown field `{ $name }`
unknown-field-label = not a known field here
unknown-value = unknown value `{ $name }`
unknown-value-label = not a known value here
missing-field = missing field `{ $name }`
missing-field-label = `{ $name }` is required here
missing-field-help = add `{ $name }:` with a value
duplicate-key = duplicate key `{ $name }`
duplicate-key-help = keep one of them; YAML would silently drop the other
key-not-a-field-name = { $found } is not a field name
key-not-a-field-name-help = fields are names such as `title:` or `next:`; correct or remove this line
wrong-value = wrong value: { $why }
wrong-value-in = wrong value in `{ $path }`: { $why }
number-too-large = the number { $n } is too large (at most { $max })
found-where-expected = { $found } where { $expected } is expected
not-one-of = `{ $name }` is not one of { $allowed }
unknown-key = unknown key `{ $name }`
key-missing = `{ $name }` is missing
found-text = the text { $value }
found-number = the number { $value }
a-list = a list
a-mapping = a set of `key: value` lines
an-empty-value = an empty value
a-positive-whole-number = a positive whole number
a-whole-number = a whole number
a-number = a number
text = text
true-or-false = `true` or `false`
a-field-name = a field name
type-help-number = write a whole number greater than zero, e.g. `{ $key }: 12`
type-help-next = write a number (`{ $key }: 12`), a list (`{ $key }: [12, 14]`) or a list of `{"{"}to: 12, label: Ja{"}"}`
type-help-kind = use one of start, task, vagval, subprocess, end
type-help-bool = write `true` or `false`
type-help-lanes = write a list of lane ids, e.g. `lanes: [individen, socialtjansten]`
type-help-steps = write a list of steps, each starting with `- nr:`
type-help-text = write text; quote it if it contains `:` or starts with a special character
type-help-other = correct the value's type
aliases-too-large = aliases in this file expand to more than { $mib } MiB
aliases-too-large-help = write the values out instead of repeating one anchor (`*name`) many times
nesting-too-deep = nesting deeper than { $max } levels
nesting-too-deep-help = a model needs only a few levels: lane, steps, step, next

## book.toml (load/book.rs)

a-and-b = { $a } and { $b }
book-toml = book.toml: { $why }
book-toml-syntax = book.toml: { $why }
book-toml-missing-key-help = add the missing key (see FORMAT.md)
book-toml-help = see FORMAT.md for the keys of book.toml and their values
accessibility-missing-key = book.toml: [accessibility] has no `{ $key }`
accessibility-missing-key-help = the accessibility statement needs organisation, status, assessment-date, assessment-method, feedback and enforcement-url
accessibility-status = book.toml: accessibility status `{ $status }` is not one of full, partial, none
accessibility-status-help = write status = "partial" while known shortcomings remain
edit-url-help = write the web address where a page's file is edited, with {"{"}path{"}"} for its path in the model, e.g. edit-url = "https://github.com/org/repo/edit/main/{"{"}path{"}"}"
feedback-help = write a mailto: or web address with {"{"}step{"}"} for the step's number and, if you like, {"{"}title{"}"} for its title, e.g. feedback = "mailto:remiss@example.se?subject=Steg%20{"{"}step{"}"}%3A%20{"{"}title{"}"}"
mailto-or-web-address = a mailto: or web address (https://…) without spaces
web-address = a web address (https://…) without spaces
not-an-address = { $key } `{ $value }` is not { $what }
unknown-placeholder = { $key } has the placeholder `{ $placeholder }`, which is not filled in (only { $known } are)
missing-placeholder = { $key } has no `{ $placeholder }`
not-a-revision = previous `{ $rev }` is not a git revision
not-a-revision-help = name the previous version by a tag, branch or commit of the model's repository, e.g. previous = "remiss-2019"
path-outside-model = book.toml: { $key } `{ $value }` is not a folder inside the model
path-outside-model-help = write a relative path without `..`, e.g. { $key } = "{ $example }"
theme-default-label = `theme` is not set, so { $theme } is used
theme-label = the theme named here
theme-hidden = book.toml: theme `{ $theme }` is in the hidden folder `{ $name }`, which is never published
theme-hidden-help = keep the theme in a folder of the model whose name does not start with a dot, e.g. theme = "themes/default"
theme-not-a-folder = book.toml: theme `{ $theme }` is not a folder
theme-not-a-folder-help = name the theme's folder, e.g. theme = "themes/default", or remove the key to use the built-in theme
the-theme-folder = the theme folder { $theme }
theme-outside-help = copy the theme folder into the model instead of linking to it: only files of the model are published
theme-file = theme file { $file }

## Lanes, steps, sub-processes and guidance pages (model/resolve.rs)

invalid-lane-id = `{ $id }` is not a valid lane id
invalid-lane-id-help = use lowercase letters a–z, digits and `-`, e.g. `halso-och-sjukvarden`
invalid-lane-id-help-rename = rename it to `{ $suggestion }`, in the file name (process/{ $suggestion }.yaml) and here in karta.yaml; a lane id is lowercase a–z, digits and `-`
invalid-lane-id-help-create = rename it to `{ $suggestion }` and create process/{ $suggestion }.yaml; a lane id is lowercase a–z, digits and `-`
lane-listed-twice = lane `{ $id }` is listed twice
lane-listed-twice-help = list each lane once; remove this line
not-a-colour = `{ $color }` is not a colour
not-a-colour-help = write a hex colour in quotes, e.g. color: "#C8102E"
lane-in-lane-file = unknown field `lane` in a lane file
lane-in-lane-file-help = a step in process/{ $id }.yaml is always in lane `{ $id }`; move it to that lane's file instead
lane-without-file = lane `{ $id }` has no file process/{ $id }.yaml
lane-without-file-help-typo = did you mean `{ $near }`? Otherwise create process/{ $id }.yaml
lane-without-file-help = create process/{ $id }.yaml with `name:` and `steps:`, or remove `{ $id }` from the list
lane-not-listed = process/{ $id }.yaml is not listed in process/karta.yaml
lane-not-listed-help = add `- { $id }` to `lanes:` in process/karta.yaml, or delete this file
lane-not-listed-help-invalid = `{ $id }` is not a valid lane id: rename the file to process/{ $suggestion }.yaml and add `- { $suggestion }` to `lanes:` in process/karta.yaml
unknown-lane = there is no lane `{ $id }`
unknown-lane-help = lanes: { $lanes }
process-on-non-subprocess = step { $step } has `process` but is not a subprocess step
process-on-non-subprocess-help = add `kind: subprocess`, or remove `process:`
missing-subprocess = sub-process `{ $name }` does not exist
missing-subprocess-label = no file process/underprocesser/{ $name }.yaml
missing-subprocess-help = create process/underprocesser/{ $name }.yaml
subprocess-opened-twice = sub-process `{ $name }` is opened from step { $first } and again from step { $step }
subprocess-opened-twice-help = a sub-process is opened from one step only; make a second sub-process file or point this step elsewhere
subprocess-without-process = subprocess step { $step } does not name its process
subprocess-without-process-help = add `process: <name>` naming a file in process/underprocesser/
subprocess-never-opened = sub-process `{ $name }` is not opened from any step
subprocess-never-opened-help = add `kind: subprocess` and `process: { $name }` to the overview step that opens it
nested-subprocess = step { $step } in a sub-process opens another sub-process
nested-subprocess-help = sub-processes are opened from the overview only; make this a task
step-number-zero = step number 0 is not allowed
step-number-zero-help = number steps from 1
title-text-too-long = the title of step { $step } is { $n } characters long; a title may have at most { $max }
title-text-too-long-label = too long to print in a box on the map
title-text-too-long-help = keep the title to a few words; put the detail in the step's guidance page
empty-title = the step has an empty title
empty-title-help = write a short title, e.g. title: Ansöker om ekonomiskt bistånd
label-too-long = the label of the arrow from step { $from } to step { $to } is { $n } characters long; a label may have at most { $max }
label-too-long-label = too long to print beside the arrow
label-too-long-help = a label names the answer or the condition in a word or two, e.g. `label: Ja`
duplicate-step = step number { $step } is used twice
duplicate-step-label = second use
duplicate-step-help = the first is "{ $title }"; give one of them a free number
guidance-without-step = { $file } is guidance for step { $step }, which does not exist
guidance-without-step-help = rename the file to the number of an existing step, or delete it
duplicate-guidance = step { $step } has two guidance pages
duplicate-guidance-help = merge it into { $file } and delete this file
guidance-outside-steg = { $file } looks like the guidance for step { $step }, but guidance is read only from handlaggarstod/steg/
guidance-outside-steg-help = move it to { $file }
guidance-number-without-dash = in { $file }, the step number { $number } is not followed by `-`
guidance-rename-help = rename the file to { $file }
guidance-without-number = { $file } does not start with a step number
guidance-without-number-help = name guidance pages `<nr>-<slug>.md`, e.g. 12-laser-av-lakarintyget.md or 15.3-intyget-tillrackligt.md

## lagar.yaml (model/laws.rs)

invalid-law-id = `{ $id }` is not a valid law id
invalid-law-id-help = use lowercase letters a–z, digits and `-`, e.g. `sol` or `2019-1297`
law-url = the url of `{ $id }` is not a web address
law-url-help = write the address of the law's text, starting with https://
unknown-successor = `{ $id }` is replaced by `{ $by }`, which is not in lagar.yaml
unknown-successor-help = add the law that replaced it to lagar.yaml, with its own id
not-a-date = `{ $date }` is not a date
not-a-date-help = write the date as year-month-day, e.g. 2026-07-01

## Building (render/, diff/previous.rs)

theme-template-not-utf8 = theme template { $file } is not UTF-8 text
theme-template-syntax = a template of the theme does not parse: { $why }
theme-error-help = fix the theme folder named by `theme` in book.toml, or remove it to use the built-in theme
theme-strings = { $file }: { $why } (every entry must be key = "text")
theme-template-failed = the theme's template { $name } failed: { $why }
no-accessibility = book.toml has no [accessibility] table: the site needs an accessibility statement
no-accessibility-help = add [accessibility] with organisation, status, shortcomings, assessment-date, assessment-method, feedback and enforcement-url (see FORMAT.md)
map-pdf-failed = could not write the PDF of the overview map: { $why }
bug-help = this is a bug in processkarta; please report it with the model
previous-unreadable = book.toml: the previous version `{ $rev }` cannot be read: { $why }
previous-unreadable-label = no such version
previous-unreadable-help = previous names a tag, branch or commit of the git repository the model is in (see `git tag` and `git log`); remove the key to build without the page of changes
build-dir-outside = it leads out of the model folder through a symbolic link
build-dir-outside-help = make build-dir a real folder inside the model, e.g. build-dir = "book"
duplicate-key-label = written a second time here

## The diff report (diff/)

not-compared-reason = { $message } (line { $line }, { $code })
diff-note = note
diff-side-has-errors = { $source } has { $n ->
    [one] 1 error
   *[other] { $n } errors
}; it is compared as far as it could be read (run `processkarta check` for details)
diff-no-changes = no changes
diff-words = { $n ->
    [one] 1 word
   *[other] { $n } words
}
diff-steps = { $n ->
    [one] 1 step
   *[other] { $n } steps
}
diff-the-model = the model
diff-not-compared = Not compared
diff-not-compared-file = { $file }: cannot be read in { $source }: { $reason }
diff-not-compared-note = what these files hold is left out of both versions until they can be read
diff-problems = Errors and warnings of check
diff-new-error = new error
diff-new-warning = new warning
diff-resolved-error = resolved error
diff-resolved-warning = resolved warning
diff-problem = { $kind } { $code } at { $place }: { $message }
diff-more-new = … and { $n } more new (`processkarta check` lists them all)
diff-more-resolved = … and { $n } more resolved (`processkarta check` lists them all)
diff-count-steps = { $n ->
    [one] 1 step change
   *[other] { $n } step changes
}
diff-count-arrows = { $n ->
    [one] 1 arrow change
   *[other] { $n } arrow changes
}
diff-count-subprocesses = { $n ->
    [one] 1 sub-process change
   *[other] { $n } sub-process changes
}
diff-count-lanes = { $n ->
    [one] 1 lane change
   *[other] { $n } lane changes
}
diff-count-guidance = { $n ->
    [one] 1 guidance page
   *[other] { $n } guidance pages
}
diff-count-laws = { $n ->
    [one] 1 legal reference change
   *[other] { $n } legal reference changes
}
diff-total = { $n ->
    [one] 1 change
   *[other] { $n } changes
}: { $summary }
diff-heading-overview = Overview: { $title }
diff-heading-subprocess = Sub-process { $id }: { $title }
diff-step-was = { $new } (was { $old })
diff-was = was { $old }
diff-at-step = step { $step }
diff-no-label = no label
diff-section-lanes = Lanes
diff-section-subprocesses = Sub-processes
diff-section-guidance = Guidance
diff-section-laws = Legal references
diff-old-numbers = removed steps and arrows carry their old numbers
diff-lane-added = lane { $lane } "{ $name }" added
diff-lane-removed = lane { $lane } "{ $name }" removed
diff-lane-renamed = lane { $lane } renamed "{ $old }" → "{ $new }"
diff-subprocess-added = subprocess { $id } "{ $title }" added, { $steps } steps
diff-subprocess-added-from = subprocess { $id } "{ $title }" added, opened from step { $from }, { $steps } steps
diff-subprocess-removed = subprocess { $id } "{ $title }" removed, { $steps } steps
diff-subprocess-removed-from = subprocess { $id } "{ $title }" removed, was opened from step { $from }, { $steps } steps
diff-guidance-added = added, { $words }
diff-guidance-removed = removed, { $words }
diff-guidance-changed = { $added } added, { $removed } removed
diff-step-added = step { $step } "{ $title }" added in { $lane } ({ $kind })
diff-step-removed = step { $step } "{ $title }" removed from { $lane } ({ $kind })
diff-step-renumbered = step { $old } → { $new } "{ $title }" renumbered
diff-step-renamed = step { $step } renamed "{ $old }" → "{ $new }"
diff-step-moved = step { $step } "{ $title }" moved from { $old } to { $new }
diff-kind-changed = step { $step } "{ $title }" kind { $old } → { $new }
diff-continuation-changed = step { $step } "{ $title }" continues { $old } → { $new }
diff-aktualisering-added = step { $step } "{ $title }" aktualisering added
diff-aktualisering-removed = step { $step } "{ $title }" aktualisering removed
diff-arrow-added = arrow { $from } "{ $from_title }" → { $to } "{ $to_title }"{ $label }
diff-arrow-removed = arrow { $from } "{ $from_title }" → { $to } "{ $to_title }"{ $label }
diff-label-changed = arrow { $from } → { $to } label { $old } → { $new }
diff-continues-not-said = (not said)
diff-continues-nowhere = nowhere (the flow stops)
diff-step-page = step { $step } ({ $path })
diff-cites = { $page } cites { $citation }
diff-no-longer-cites = { $page } no longer cites { $citation }
diff-law = law { $law }: { $name }
law-detail-none = (none)
law-detail-field = { $name }: { $old } → { $new }
law-detail-change-added = change added: { $change }
law-detail-change-removed = change removed: { $change }
law-detail-unverified-added = unverified added: { $provision }
law-detail-unverified-removed = unverified removed: { $provision }
diff-md-heading = Process changes: { $old } → { $new }
diff-md-no-changes = No changes to the process or its guidance.
diff-md-total = { $n ->
    [one] **1 change**
   *[other] **{ $n } changes**
}: { $summary }.
diff-md-added = added
diff-md-removed = removed
diff-md-renamed = renamed
diff-md-opened-from = opened from step **{ $step }**
diff-md-was-opened-from = was opened from step { $step }
diff-md-step-columns = Step | Title | Change
diff-md-arrow-columns = Arrow | Label | Change
diff-md-guidance-columns = Step | Page | Change
diff-md-problem-columns = Check | Code | Problem | Where
diff-md-old-numbers = Removed steps and arrows carry their old numbers
diff-md-not-compared = **Not compared:** { $file } cannot be read in { $source }: { $reason }
diff-md-not-compared-note = What these files hold is left out of both versions until they can be read.
diff-md-new = new
diff-md-resolved = resolved
diff-md-more = … and { $n } more (`processkarta check` lists them all)
diff-md-line = { $file } line { $line }
diff-md-step-added = **added** in { $lane } (`{ $kind }`)
diff-md-step-removed = **removed** from { $lane } (`{ $kind }`)
diff-md-renumbered = **renumbered**
diff-md-renamed-from = **renamed** from “{ $old }”
diff-md-moved = **moved** from { $old } to { $new }
diff-md-kind = **kind** `{ $old }` → `{ $new }`
diff-md-continues = **continues** { $old } → { $new }
diff-md-aktualisering-added = **aktualisering** added
diff-md-aktualisering-removed = **aktualisering** removed
diff-md-none = (none)
diff-md-label-changed = label changed
diff-md-only-marks = only Markdown marks or link targets changed
diff-review-link = [The changed maps side by side]({ $url }) (diff.html: download, unzip and open it in a browser)
diff-no-picture = error: no picture of { $source } was drawn: its overview cannot be laid out while the model has errors
    {"  "}help: run `processkarta check` on it and fix the errors
diff-errors-in = errors in { $source }:

## The command line (cli/)

check-ok = ok: { $steps } steps on { $maps } maps, { $pages } guidance pages, no problems
check-counts = { $errors } error(s), { $warnings } warning(s)
build-refused-nothing-built = 1 error: nothing was built
build-nothing-built = { $errors } error(s), { $warnings } warning(s): nothing was built
build-render-failed = { $errors } error(s): nothing was built
build-waiting = another build is writing { $dir }; waiting for it to finish (lock: { $lock })
build-done = built { $pages } pages and { $maps } maps in { $ms } ms → { $dir }
export-nothing-exported = { $errors } error(s), { $warnings } warning(s): nothing was exported
serve-listening = serving http://127.0.0.1:{ $port }/ (press Ctrl-C to stop)
serve-changed = changed: { $files } —{" "}
serve-and-more = { $files } and { $n } more
serve-built = built { $pages } pages in { $ms } ms
serve-rebuilt = rebuilt in { $ms } ms ({ $pages } pages)
serve-errors = the model has errors (checked in { $ms } ms): still serving the last good site
serve-errors-no-site = the model has errors (checked in { $ms } ms): still serving the last good site (none yet)

## The layout figures of `check --verbose` and `build --verbose` (render/map)

layout-map-overview = overview
layout-map-subprocess = sub-process { $id }
layout-figures = { $map }: { $steps } steps, { $arrows } arrows, { $crossings } crossings, { $bends } bends, arrows { $length } pt long, { $width } × { $height } pt ({ $area } cm²), printed at { $scale } % (smallest text { $smallest } pt)
